"""Analyses and named queries over a GraphStore; pure functions, no user interface."""
