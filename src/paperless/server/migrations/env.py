"""Alembic's environment: always run programmatically (paperless.server.db.migrate) with a connection."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the server always passes its connection
    raise RuntimeError("run the migrations through `paperless server init/run` (paperless.server.db.migrate)")
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
