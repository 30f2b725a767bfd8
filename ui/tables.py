"""What every table of the app shares."""

__all__ = ["MISSING"]

# What a table cell shows for a missing value: Streamlit would draw the word "None" there.
MISSING = "—"
