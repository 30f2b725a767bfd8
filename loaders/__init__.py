"""Readers that turn sources into validated records and write them to a GraphStore."""
