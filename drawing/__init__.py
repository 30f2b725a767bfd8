"""The drawing layer: everything between an analysis and a picture, without Streamlit.

- ``view``: the one description of a view (:class:`drawing.view.ViewFilters`), its text form
  shared by the network page's address and the command line's ``--filter``, and the rule for
  a value the data does not hold;
- ``elements``: what a view draws (the node and relationship tables), for the page and every
  export alike; ``style``: colours, shapes, sizes and the legend; ``layout``: positions;
- ``labels``: tooltips and legend words; ``html``: the offline HTML renderer;
- ``national``: the drawings of the Places page; ``i18n`` and ``strings``: the interface strings
  of both languages.

``ui/`` and ``exports/`` build on it; it builds on ``queries/`` and ``graph/``.
"""
