"""``klarsprak lsp``: a language server (pygls) for Markdown and plain-text templates.

:mod:`klarsprak.lsp.paragraphs` does the linting with a cache per paragraph (no pygls in it);
:mod:`klarsprak.lsp.server` speaks the protocol. Needs the ``serve`` extra (pygls)."""
