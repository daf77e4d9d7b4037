"""Change notifications for ``/v1/sync/wait``: who is waiting on which member, and the news.

In one process (SQLite: one worker) a push wakes the waiters directly. With PostgreSQL, once a
push has committed the server sends ``NOTIFY paperless_sync, member`` (a statement of its own: a
transaction that notifies holds a database-wide lock through its commit, which made every push
wait for the one before) and every worker process runs a :class:`PgListener` thread that hears it
and wakes its own waiters, so several uvicorn workers share the news without any other broker.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("paperless.server")


class Hub:
    """The waiters of this process, by member; safe to call from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[str, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}

    def changed(self, member: str) -> None:
        with self._lock:
            waiting = list(self._waiters.get(member, ()))
        for loop, event in waiting:
            loop.call_soon_threadsafe(event.set)

    def changed_all(self) -> None:
        """Wake everyone (they look again): after the listener lost its connection for a while."""
        with self._lock:
            waiting = [w for ws in self._waiters.values() for w in ws]
        for loop, event in waiting:
            loop.call_soon_threadsafe(event.set)

    @contextmanager
    def waiting(self, member: str) -> Iterator[asyncio.Event]:
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.setdefault(member, set()).add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                ws = self._waiters.get(member)
                if ws is not None:
                    ws.discard(entry)
                    if not ws:
                        del self._waiters[member]


class PgListener:
    """A thread that LISTENs on PostgreSQL and passes each notification to the hub."""

    def __init__(self, conninfo: str, channel: str, hub: Hub) -> None:
        self.conninfo = conninfo
        self.channel = channel
        self.hub = hub
        self._stop = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pg-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as conn:
                    conn.execute(f'LISTEN "{self.channel}"')
                    self.ready.set()
                    self.hub.changed_all()  # whatever happened while we were not listening
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=1.0):
                            self.hub.changed(note.payload)
            except Exception as exc:  # the database went away: say so, try again shortly
                log.warning("change notifications: %s; listening again in 1 s", exc.__class__.__name__)
                self._stop.wait(1.0)
