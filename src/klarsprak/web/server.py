"""Running the app under uvicorn with logs that never hold document text.

Uvicorn's access log names only method, path and status (no bodies); the filter below also drops
query strings, so nothing a client puts in a URL is written either."""

from __future__ import annotations

import logging

from klarsprak.web.app import Settings, create_app


class NoQueryString(logging.Filter):
    """Access-log records carry (client, method, path, http version, status): cut the path at '?'."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


def log_config(access_log: bool) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"no_query": {"()": NoQueryString}},
        "formatters": {
            "default": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            "access": {"()": "uvicorn.logging.AccessFormatter",
                       "fmt": '%(asctime)s %(levelname)s %(client_addr)s "%(request_line)s" %(status_code)s',
                       "use_colors": False},
        },
        "handlers": {
            "default": {"class": "logging.StreamHandler", "formatter": "default", "stream": "ext://sys.stderr"},
            "access": {"class": "logging.StreamHandler", "formatter": "access", "filters": ["no_query"],
                       "stream": "ext://sys.stderr"},
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": ["access"], "level": "INFO" if access_log else "WARNING", "propagate": False},
            "klarsprak": {"handlers": ["default"], "level": "INFO", "propagate": False},
        },
    }


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, access_log: bool = True) -> None:
    import uvicorn

    uvicorn.run(create_app(settings), host=host, port=port, log_config=log_config(access_log),
                access_log=access_log, server_header=False, limit_concurrency=32, timeout_keep_alive=5)
