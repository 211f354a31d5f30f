"""``klarsprak serve``: a local web page and HTTP API over :mod:`klarsprak.api`.

Needs the ``serve`` extra (``pip install 'klarsprak[serve]'``): Starlette, uvicorn, python-multipart,
Jinja2. Uploads are read into memory, linted and forgotten; nothing is written to disk and no
document text is logged."""
