"""The drawing layer: everything between an analysis and a picture, without Streamlit.

The view state (one description of a view, shared by the pages, the command line's
``--filter`` and the exports), colours, sizes, layouts, legend and labels, the offline HTML
renderer, the national drawing, and the interface strings of both languages. ``ui/`` and
``exports/`` build on it; it builds on ``queries/`` and ``graph/``.
"""
