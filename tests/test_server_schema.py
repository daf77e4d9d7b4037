"""The server's schema: the Alembic migrations make exactly the tables and columns the queries
use (paperless.server.db), on SQLite and PostgreSQL, and running them again changes nothing."""

from __future__ import annotations

from pathlib import Path

from server_helpers import PgCluster
from sqlalchemy import inspect

from paperless.server import db


def _schema(url: str) -> dict[str, set[str]]:
    engine = db.make_engine(url, pool_size=1)
    try:
        found = inspect(engine)
        return {t: {c["name"] for c in found.get_columns(t)} for t in found.get_table_names() if t != "alembic_version"}
    finally:
        engine.dispose()


def test_the_migrations_make_the_tables_the_queries_use(tmp_path: Path, backend: str, pg: PgCluster) -> None:
    url = pg.create_database() if backend == "postgresql" else db.sqlite_url(tmp_path)
    db.migrate(url)
    made = _schema(url)
    assert made == {t.name: {c.name for c in t.columns} for t in db.metadata.sorted_tables}
    db.migrate(url)  # at every start: nothing to do
    assert _schema(url) == made
