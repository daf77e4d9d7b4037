"""``paperless server run``: uvicorn over HTTPS (TLS 1.2 or newer) with the folder's key and
certificate, one or more workers, one log line per request."""

from __future__ import annotations

import logging
import os
import ssl
import sys
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from paperless.core.errors import PaperlessError
from paperless.server import db
from paperless.server.api import SERVER_DB_ENV, SERVER_DIR_ENV
from paperless.server.config import ServerConfig, run_lock
from paperless.server.store import Store

LIMIT_CONCURRENCY = 512  # connections and tasks at once, per worker (more: 503 at once)
TIMEOUT_KEEP_ALIVE_S = 15  # an idle keep-alive connection is closed after this
LOG_FORMAT = "%(asctime)s [%(process)d] %(message)s"


class _Config(uvicorn.Config):
    """uvicorn's config, with the TLS context held to TLS 1.2 at least (in every worker)."""

    def load(self) -> None:
        super().load()
        if self.ssl is not None:
            self.ssl.minimum_version = ssl.TLSVersion.TLSv1_2


def log_config() -> dict[str, Any]:
    """Our request lines (paperless.server.access) and warnings; uvicorn's own access log is off."""
    handler = {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": LOG_FORMAT, "datefmt": "%Y-%m-%dT%H:%M:%S%z"}},
        "handlers": {"default": handler},
        "loggers": {
            "paperless.server": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


class ServerRunningError(PaperlessError):
    en = "A server is already running on {path}; stop it first."
    vi = "Đã có máy chủ đang chạy trên {path}; hãy dừng nó trước."


def uvicorn_config(config: ServerConfig, host: str, port: int, workers: int) -> _Config:
    """uvicorn's settings: TLS from the folder, our log, and bounds on what a crowd of clients can hold
    (connections at once per worker: more get 503; idle keep-alive connections closed)."""
    return _Config("paperless.server.api:app_from_env", factory=True, host=host, port=port, workers=workers,
                   ssl_keyfile=str(config.key_path), ssl_certfile=str(config.cert_path),
                   ssl_version=ssl.PROTOCOL_TLS_SERVER, access_log=False, log_config=log_config(),
                   proxy_headers=False, server_header=False, date_header=True, timeout_graceful_shutdown=5,
                   lifespan="on", limit_concurrency=LIMIT_CONCURRENCY, timeout_keep_alive=TIMEOUT_KEEP_ALIVE_S)


def run(config: ServerConfig, host: str, port: int, workers: int) -> None:
    """Serve the folder until stopped (SIGINT/SIGTERM), holding its run lock."""
    with run_lock(config.folder) as taken:
        if not taken:
            raise ServerRunningError(path=str(config.folder))
        _run(config, host, port, workers)


def _run(config: ServerConfig, host: str, port: int, workers: int) -> None:
    """Migrate the database, then serve."""
    db.migrate(config.database_url)
    engine = db.make_engine(config.database_url, pool_size=1)
    try:
        Store(engine).epoch()  # made here once if missing, not raced by the workers
    finally:
        engine.dispose()
    os.environ[SERVER_DIR_ENV] = str(config.folder)
    os.environ[SERVER_DB_ENV] = config.database
    uv = uvicorn_config(config, host, port, workers)
    server = uvicorn.Server(uv)
    if workers > 1:
        sock = uv.bind_socket()
        Multiprocess(uv, sockets=[sock]).run()
    else:
        server.run()
    if not server.started and workers <= 1:
        logging.getLogger("paperless.server").error("the server did not start")
        sys.exit(1)
