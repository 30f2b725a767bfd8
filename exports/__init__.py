"""Exports of the graph and its views: posters, offline HTML, Cypher scripts, interchange files.

A presentation layer beside ui/: it reads queries/ and shares the app's Streamlit-free string
table and labels (ui/i18n.py, ui/network_labels.py, ui/network_html.py), never Streamlit.
"""
