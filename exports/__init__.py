"""Exports of the graph and its views: posters, offline HTML, Cypher scripts, interchange files.

A presentation layer beside ui/: it reads queries/ and shares the app's Streamlit-free string
table and labels (drawing/i18n.py, drawing/labels.py, drawing/html.py), never Streamlit.
"""
