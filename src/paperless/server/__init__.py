"""The office server: relays each member's sealed notes between their devices (``paperless server …``).

FastAPI on uvicorn, SQLAlchemy 2 Core, Alembic migrations; SQLite in the server's folder by
default, PostgreSQL at scale. Installed with the ``server`` extra and never part of the reader's
frozen build: nothing in :mod:`paperless.core` or :mod:`paperless.gui` imports it, and it imports
no Qt and no PyMuPDF (tests/test_architecture.py). The wire contract is
:mod:`paperless.core.sync.protocol` (docs/sync-protocol.md); deployment is docs/server.md.
"""
