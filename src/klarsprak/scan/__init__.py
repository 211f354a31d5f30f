"""Batch scan for template owners (``klarsprak scan``): many documents in parallel, cached by
content, ranked by score; standard wordings clustered and ranked by impact; text, JSON and a
self-contained HTML report. See docs/SCAN.md.

Flow: runner (files → cache or workers) → result (spool on disk, sorted by path) → outputs
(text, JSON) and html_report."""
