"""The pages of the app, one module each, with a ``render()`` that draws the page.

Every page script ``ui/<page>.py`` (what ``app.py``'s navigation runs) only imports its
module here and calls ``render()``: a module is imported once per process, so the cached
functions it defines (ui.cache) are defined, and their caches keyed, once, where a script
would define them again on every rerun. (Not named ``pages``: Streamlit treats a ``pages/``
folder beside a script it runs as that script's own pages, and a page script run alone, as
``streamlit run ui/national.py`` or a benchmark does, would then list these modules.)
"""
