"""The server's folder: ``server.toml`` (address, id, database), its TLS key and certificate."""

from __future__ import annotations

import fcntl
import os
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from paperless.core.errors import PaperlessError
from paperless.core.identity.card import toml_str
from paperless.server import db

CONFIG_FILE = "server.toml"
TLS_KEY = "tls.key"
TLS_CERT = "tls.crt"
RUN_LOCK = "run.lock"  # held (flock) by `paperless server run` while it serves


class ServerConfigError(PaperlessError):
    en = "{path} is not a Paperless server folder: {detail}"
    vi = "{path} không phải thư mục máy chủ Paperless: {detail}"


@dataclass(frozen=True)
class ServerConfig:
    folder: Path
    url: str  # https://host:port, as in office-server.toml (challenges are bound to it)
    server_id: str
    database: str  # "" = the SQLite file in the folder

    @property
    def database_url(self) -> str:
        return self.database or db.sqlite_url(self.folder)

    @property
    def key_path(self) -> Path:
        return self.folder / TLS_KEY

    @property
    def cert_path(self) -> Path:
        return self.folder / TLS_CERT

    def to_toml(self) -> str:
        return ("# Paperless office server (paperless server run DIR). database: empty = server.db here,\n"
                "# or a postgresql+psycopg://… URL (see docs/server.md).\n"
                "[server]\n"
                f"url = {toml_str(self.url)}\n"
                f"server_id = {toml_str(self.server_id)}\n"
                f"database = {toml_str(self.database)}\n")

    def save(self) -> None:
        path = self.folder / CONFIG_FILE
        tmp = path.with_suffix(".tmp")
        tmp.write_text(self.to_toml(), "utf-8")
        tmp.replace(path)


def load_config(folder: Path, database: str | None = None) -> ServerConfig:
    """The folder's configuration; ``database`` (``--db``) overrides the one in server.toml."""
    path = folder / CONFIG_FILE
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ServerConfigError(path=str(folder), detail=f"no {CONFIG_FILE} (run paperless server init)") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ServerConfigError(path=str(folder), detail=str(exc)) from None
    server = data.get("server")
    if not isinstance(server, dict):
        raise ServerConfigError(path=str(folder), detail=f"no [server] table in {CONFIG_FILE}")
    values = {k: server.get(k, "") for k in ("url", "server_id", "database")}
    if not all(isinstance(v, str) for v in values.values()) or not values["url"] or not values["server_id"]:
        raise ServerConfigError(path=str(folder),
                                detail=f"url, server_id and database must be strings in {CONFIG_FILE}")
    return ServerConfig(folder.resolve(), str(values["url"]), str(values["server_id"]),
                        str(database if database is not None else values["database"]))


@contextmanager
def run_lock(folder: Path) -> Iterator[bool]:
    """Hold the folder's run lock while the block runs: True if taken, False if a server holds it."""
    fd = os.open(folder / RUN_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
