"""Change notifications for ``/v1/sync/wait``: who is waiting on which member, and the news.

In one process (SQLite: one worker) a push wakes the waiters directly. With PostgreSQL, once a
push has committed the server sends ``NOTIFY paperless_sync, member`` (from a
:class:`PgNotifier` thread, not inside the push's transaction: a transaction that notifies holds
a database-wide lock through its commit, which made every push wait for the one before; nor on
the push's own path: it is a commit of its own) and every worker process runs a
:class:`PgListener` thread that hears it and wakes its own waiters, so several uvicorn workers
share the news without any other broker.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterator
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


class PgNotifier:
    """PostgreSQL: the ``NOTIFY`` of each committed push, sent by a thread of its own.

    A transaction that notifies is given a transaction id and its commit waits for its WAL flush,
    like a write's: sent by the push itself once committed, it cost every push a second round
    trip and a second flush before the device got its answer. Here the push only hands its member
    over and is answered at once; the thread sends, in one statement, one notification for every
    member handed over since its last (as fast as they come: under load many pushes share one).
    If the server dies before the thread sent it, a push committed and not notified only makes a
    long poll wait for its timeout, after which the client pulls (as before: the notification
    was never part of the push's transaction). The waiters of this process are woken directly by
    the push (``Store.on_change``); the notification is for the other workers."""

    def __init__(self, send: Callable[[list[str]], None]) -> None:
        self._send = send  # one statement: a notification for each member given
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None

    def notify(self, member: str) -> None:
        with self._lock:
            self._pending.add(member)
            if self._thread is None and not self._stop:
                self._thread = threading.Thread(target=self._run, name="pg-notify", daemon=True)
                self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        """Send what is pending, then end the thread."""
        with self._lock:
            self._stop = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                members, self._pending = sorted(self._pending), set()
                stopping = self._stop
            if members:
                try:
                    self._send(members)
                except Exception as exc:  # the database went away for a moment: try again shortly
                    log.warning("change notifications not sent: %s; again in 1 s", exc.__class__.__name__)
                    with self._lock:
                        self._pending.update(members)
                    if stopping:
                        return
                    time.sleep(1.0)
                    self._wake.set()
                    continue
            if stopping:
                return
