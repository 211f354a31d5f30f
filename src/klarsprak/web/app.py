"""The Starlette application: the page (``/``, ``/granska``) and the HTTP API (``/api/...``).

Every handler reads the body into memory under the size limit, lints in a worker thread (the
event loop stays free) and forgets the upload when the response is sent. Unexpected failures are
logged by exception type only, never with document text."""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from klarsprak import __version__
from klarsprak.config import Config
from klarsprak.findings import Category
from klarsprak.web import openapi, service, view
from klarsprak.web.uploads import MB, RequestProblem, read_body, submission_from

log = logging.getLogger("klarsprak.web")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PROFILE_LABELS = [("auto", "Känn igen automatiskt"), ("beslut", "Beslut"), ("brev", "Brev"),
                  ("utredning", "Utredning"), ("rapport", "Rapport"), ("mall", "Mall")]
CSP = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
UNEXPECTED = "Ett oväntat fel uppstod när dokumentet granskades. Försök igen eller granska filen med klarsprak check."


@dataclass
class Settings:
    config: Config
    max_mb: float = 20.0
    warm_up: bool = True

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * MB)


def _templates() -> Environment:
    return Environment(loader=PackageLoader("klarsprak.web", "templates"), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(settings: Settings) -> Starlette:
    env = _templates()
    page_template = env.get_template("page.html")
    config = settings.config

    def render_page(status: int = 200, **values) -> HTMLResponse:
        values.setdefault("chosen_profile", "auto")
        html = page_template.render(
            version=__version__, max_mb=f"{settings.max_mb:g}", profiles=PROFILE_LABELS,
            categories=[(c.value, c.label) for c in Category], **values,
        )
        return HTMLResponse(html, status_code=status, headers=_no_store())

    async def submission_of(request: Request):
        body = await read_body(request, settings.max_bytes)
        return submission_from(body, request.headers.get("content-type", ""))

    async def checked_from(request: Request):
        return await run_in_threadpool(service.check, await submission_of(request), config)

    async def home(request: Request) -> Response:
        return render_page()

    async def page_check(request: Request) -> Response:
        try:
            checked = await checked_from(request)
            sub = checked.submission
            page = await run_in_threadpool(view.build, checked.result, sub.name, sub.is_word)
        except RequestProblem as problem:
            return render_page(problem.status, problem=problem.message)
        except Exception as exc:  # noqa: BLE001 - logged by type only: no document text in logs
            log.error("granskningen misslyckades: %s", type(exc).__name__)
            return render_page(500, problem=UNEXPECTED)
        return render_page(
            200 if checked.readable else 422, page=page, chosen_profile=sub.profile or "auto",
            pasted=sub.text, pasted_format=sub.fmt if sub.text is not None else "txt",
        )

    async def api_check(request: Request) -> Response:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            checked = await checked_from(request)
            text = await run_in_threadpool(service.report_json, checked, config)
        except RequestProblem as problem:
            return _error(problem.status, problem.message)
        except Exception as exc:  # noqa: BLE001
            log.error("granskningen misslyckades: %s", type(exc).__name__)
            return _error(500, UNEXPECTED)
        spent, cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        timing = f"check;dur={spent:.1f}, cpu;dur={cpu:.1f}"  # cpu: this process's CPU time (all threads)
        return Response(text, status_code=200 if checked.readable else 422, media_type="application/json",
                        headers={**_no_store(), "Server-Timing": timing})

    def word_endpoint(kind: str):
        async def endpoint(request: Request) -> Response:
            try:
                sub = await submission_of(request)
                if not sub.is_word:
                    return _error(415, f"Bara Word-dokument (.docx, .dotx) kan få {_what(kind)}; \"{sub.name}\" är inte ett.")
                checked = await run_in_threadpool(service.check, sub, config)
                if not checked.readable:
                    return _error(422, f"{sub.name}: {checked.result.errors[0]}")
                data, count = await run_in_threadpool(service.word_copy, checked, kind, config)
            except RequestProblem as problem:
                return _error(problem.status, problem.message)
            except Exception as exc:  # noqa: BLE001
                log.error("Word-kopian misslyckades: %s", type(exc).__name__)
                return _error(500, UNEXPECTED)
            name = service.copy_name(sub.name, kind)
            headers = {**_no_store(), "Content-Disposition": _attachment(name), "X-Klarsprak-Count": str(count)}
            return Response(data, media_type=DOCX_TYPE, headers=headers)

        return endpoint

    async def api_rules(request: Request) -> Response:
        from klarsprak.checks import registry

        return JSONResponse([r.describe() for r in registry().values()])

    async def api_spec(request: Request) -> Response:
        return JSONResponse(openapi.spec(__version__, settings.max_mb))

    async def report_schema(request: Request) -> Response:
        from klarsprak.report.json import load_schema

        return JSONResponse(load_schema())

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def not_allowed(request: Request, exc) -> Response:
        return _error(405, "Metoden stöds inte här; se /openapi.json.")

    async def not_found(request: Request, exc) -> Response:
        if request.url.path.startswith("/api/"):
            return _error(404, "Adressen finns inte; se /openapi.json.")
        return HTMLResponse("<!doctype html><html lang=\"sv\"><title>Hittades inte</title><p>Sidan finns inte. "
                            "<a href=\"/\">Till granskningen</a></p></html>", status_code=404)

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/granska", page_check, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/annotate", word_endpoint("kommentarer"), methods=["POST"]),
        Route("/api/fix", word_endpoint("andringar"), methods=["POST"]),
        Route("/api/rules", api_rules, methods=["GET"]),
        Route("/api/health", health, methods=["GET"]),
        Route("/api/schema/report-v1.json", report_schema, methods=["GET"]),
        Route("/openapi.json", api_spec, methods=["GET"]),
        Mount("/static", StaticFiles(packages=[("klarsprak.web", "static")]), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        if settings.warm_up:  # load the NLP pipeline once, before the first request
            await run_in_threadpool(service.warm_up, config)
        yield

    return Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed}, lifespan=lifespan)


def _what(kind: str) -> str:
    return "kommentarer" if kind == "kommentarer" else "spårade ändringar"


def _attachment(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _no_store() -> dict:
    """Results hold the user's text: no cache may keep them; the page loads nothing from elsewhere."""
    return {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": CSP}
