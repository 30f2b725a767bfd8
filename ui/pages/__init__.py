"""The pages of the app, one module each, with a ``render()`` that draws the page.

Every page script ``ui/<page>.py`` (what ``app.py``'s navigation runs) only imports its
module here and calls ``render()``: a module is imported once per process, so the cached
functions it defines (ui.cache) are defined, and their caches keyed, once, where a script
would define them again on every rerun.
"""
