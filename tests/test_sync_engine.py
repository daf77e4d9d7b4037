"""The sync engine against small stand-ins for the office server: cancelling a round (shutdown),
the pending-device answer over a tiny local HTTPS stub, and a restored server that lost key
generations (an in-memory server speaking the protocol's JSON)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_helpers import Office, free_port

from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine, SyncState
from paperless.core.sync import protocol as P
from paperless.core.sync.office import OfficeServer, parse_office_file
from paperless.core.sync.transport import Connection
from paperless.server.office import make_tls, office_file_text


@pytest.fixture
def an(office: Office) -> UnlockedIdentity:
    return office.unlock("an")


@pytest.fixture
def tls(tmp_path: Path) -> Path:
    folder = tmp_path / "tls"
    folder.mkdir()
    make_tls(folder, "127.0.0.1")
    return folder


def office_at(office: Office, tls: Path, port: int) -> OfficeServer:
    """A signed office file naming 127.0.0.1:port and the certificate in ``tls``."""
    pem = (tls / "tls.crt").read_text("ascii")
    text = office_file_text(office.unlock("clerk"), f"https://127.0.0.1:{port}", "srv-1", pem,
                            "2026-12-07T10:00:00Z")
    from paperless.core.identity import load_card

    return parse_office_file(text.encode(), [load_card(office.clerk)])


@pytest.fixture
def store(tmp_path: Path, an: UnlockedIdentity) -> Iterator[NotesStore]:
    with NotesStore.open(tmp_path / "notes", an) as s:
        yield s


# -- cancel ----------------------------------------------------------------------------------------

def _cancel_after(engine: SyncEngine, delay: float) -> threading.Thread:
    thread = threading.Thread(target=lambda: (time.sleep(delay), engine.cancel()))
    thread.start()
    return thread


def test_cancel_stops_the_backoff_of_a_round_against_a_closed_port(tmp_path: Path, office: Office, tls: Path,
                                                                   an: UnlockedIdentity, store: NotesStore) -> None:
    store.set_item_note("s-1", 0, "chờ mạng")
    connection = Connection(office_at(office, tls, free_port()))  # nothing listens there
    engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=20, backoff_s=2.0)
    started = time.monotonic()
    canceller = _cancel_after(engine, 0.3)
    report = engine.sync_once()
    elapsed = time.monotonic() - started
    canceller.join()
    assert report.status.state is SyncState.OFFLINE and "stopped" in report.status.detail.en
    assert elapsed < 1.5, elapsed  # without cancel: 2 + 4 + 8 … seconds of backoff
    # a cancelled engine makes no new request and answers at once
    started = time.monotonic()
    again = engine.sync_once()
    assert again.status.state is SyncState.OFFLINE and time.monotonic() - started < 0.2
    assert engine.wait_for_changes(30) is False and time.monotonic() - started < 0.5


def test_cancel_cuts_a_request_to_a_server_that_never_answers(tmp_path: Path, office: Office, tls: Path,
                                                              an: UnlockedIdentity, store: NotesStore) -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)  # accepts TCP (the backlog), never answers
    try:
        port = listener.getsockname()[1]
        connection = Connection(office_at(office, tls, port))
        assert connection.timeout == 15.0  # the default stays
        engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=5)
        started = time.monotonic()
        canceller = _cancel_after(engine, 0.5)
        report = engine.sync_once()
        elapsed = time.monotonic() - started
        canceller.join()
        assert report.status.state is SyncState.OFFLINE and "stopped" in report.status.detail.en
        assert elapsed < 1.5, elapsed
    finally:
        listener.close()


def test_the_request_timeout_is_configurable(tmp_path: Path, office: Office, tls: Path,
                                             an: UnlockedIdentity, store: NotesStore) -> None:
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        connection = Connection(office_at(office, tls, listener.getsockname()[1]), timeout=0.3)
        engine = SyncEngine(an, tmp_path / "notes", store, connection, retries=2, sleep=lambda _s: None)
        started = time.monotonic()
        report = engine.sync_once()
        assert report.status.state is SyncState.OFFLINE and "no answer in time" in report.status.detail.en
        assert time.monotonic() - started < 3
    finally:
        listener.close()
    made = SyncEngine(an, tmp_path / "notes", store, request_timeout_s=2.5)
    assert made._request_timeout == 2.5
