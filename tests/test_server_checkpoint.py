"""SQLite's WAL on the server is checkpointed by a thread of its own (db.Checkpointer), not by the
commit that takes it past 1,000 pages (that commit is the one writer's: every push queued behind
it waited for the checkpoint too)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import Engine, text

from paperless.server import db


def _fill(engine: Engine, rows: int) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body BLOB)"))
        for _ in range(rows):
            conn.execute(text("INSERT INTO filler (body) VALUES (:b)"), {"b": os.urandom(4000)})


def test_commits_leave_the_wal_to_the_checkpointer(tmp_path: Path) -> None:
    url = db.sqlite_url(tmp_path)
    main = tmp_path / db.SQLITE_FILE
    engine = db.make_engine(url, background_checkpoints=True)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        for _ in range(4):  # 4 × 2,000 pages: SQLite alone would have checkpointed after 1,000
            _fill(engine, 500)
        before = main.stat().st_size
        assert before < 1_000_000  # the pages are all in the WAL still
        checkpointer = db.Checkpointer(engine, every_s=0.05)
        checkpointer.start()
        try:
            deadline = time.monotonic() + 30
            while main.stat().st_size < 8_000_000 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            checkpointer.stop()
        assert main.stat().st_size >= 8_000_000  # copied into the database file by the checkpointer
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM filler").scalar() == 2000
    finally:
        engine.dispose()


def test_other_engines_checkpoint_as_sqlite_does(tmp_path: Path) -> None:
    engine = db.make_engine(db.sqlite_url(tmp_path))  # the commands (backup, enrol…): SQLite's default
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        engine.dispose()


def test_a_commit_that_need_not_wait_for_the_disk_leaves_the_connection_durable(tmp_path: Path) -> None:
    """Store.write_tx(durable=False) (a meeting's page move): synchronous=NORMAL for that commit only;
    the pooled connection is FULL again for the next writer, also after a failed transaction."""
    from paperless.server.store import Store

    engine = db.make_engine(db.sqlite_url(tmp_path), pool_size=1)
    store = Store(engine)
    try:
        with store.write_tx(durable=False) as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
            conn.exec_driver_sql("CREATE TABLE moves (page INTEGER)")
        try:
            with store.write_tx(durable=False) as conn:
                conn.exec_driver_sql("INSERT INTO moves VALUES (1)")
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        with store.write_tx() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("SELECT count(*) FROM moves").scalar() == 0
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        engine.dispose()
