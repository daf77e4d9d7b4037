"""Fetching published sessions into the member's library over real HTTPS on loopback
(docs/distribution-protocol.md): publish → fetch → the session opens offline; downloads cut at
random offsets resume where they stopped; corrupted or substituted downloads, an older version
and a bundle not addressed to the member are refused with nothing added."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from cut_proxy import CuttingProxy
from distribution_helpers import Built, build, publish
from server_helpers import Office, RunningServer, ServerSetup, setup_server, start_server
from sync_helpers import Device

from paperless.core.distribution.client import CHUNK, DownloadRefusedError, Fetcher, Offer
from paperless.core.identity import load_card
from paperless.core.library import Library, reopen_session
from paperless.core.notes import NotesStore
from paperless.core.sync import SyncEngine
from paperless.core.sync.errors import HttpError
from paperless.core.sync.office import OfficeServer, load_office
from paperless.core.sync.transport import Connection
from paperless.server.distribution_store import bundle_path

V2_DOCS = {"Báo cáo quý IV": "Báo cáo quý IV — bản sửa", "Dự thảo kế hoạch": "Kế hoạch",
           "Tờ trình bổ sung": "Tờ trình mới"}


@pytest.fixture
def running(tmp_path: Path, office: Office) -> Iterator[RunningServer]:
    """A server on SQLite (the client's side does not depend on the database)."""
    server = start_server(setup_server(tmp_path / "server", office))
    yield server
    server.stop()


class _ViaPort(OfficeServer):
    """The office server as signed, reached at another port (the proxy's): requests still name the
    server's own address, so the signed challenges hold."""

    proxy_port = 0

    @property
    def port(self) -> int:
        return self.proxy_port


class Member:
    """One member's laptop, in this process: library, notes store, sync engine and fetcher."""

    def __init__(self, root: Path, office: Office, key: str, setup: ServerSetup, *, proxy: int | None = None) -> None:
        self.device = Device.make(root, office, key, f"{key}-laptop")
        self.device.connect(setup)
        self.identity = self.device.identity()
        self.library = Library.open(self.device.home, self.identity)
        self.store = NotesStore.open(self.library.folder, self.identity)
        connection = None
        if proxy is not None:
            office_server = load_office(self.library.folder, self.library.trusted_signers())
            assert office_server is not None
            via = _ViaPort(**asdict(office_server))
            object.__setattr__(via, "proxy_port", proxy)
            connection = Connection(via)
        self.engine = SyncEngine(self.identity, self.library.folder, self.store, connection,
                                 trusted=self.library.trusted_signers)
        self.fetcher = Fetcher(self.library, self.engine.authorized, attempts=12)

    def close(self) -> None:
        self.store.close()

    def files(self) -> list[str]:
        """Every file the library's data folder holds for bundles and downloads."""
        found = [p for p in self.library.bundles_dir.rglob("*") if p.is_file()] \
            if self.library.bundles_dir.exists() else []
        found += [p for p in self.fetcher.downloads.rglob("*") if p.is_file()] if self.fetcher.downloads.exists() else []
        return sorted(p.name for p in found)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _offer(built: Built) -> Offer:
    return Offer(built.session_id, built.version, _sha(built.path), built.path.stat().st_size, None, False)


def test_publish_fetch_and_the_session_opens_offline(tmp_path: Path, running: RunningServer, office: Office) -> None:
    folder = running.setup.folder
    v1 = build(tmp_path, office, 1)
    assert publish(folder, v1.path) == 0
    laptop = Device.make(tmp_path, office, "an", "an-laptop")
    laptop.connect(running.setup)
    fetch = ("fetch", "--identity", laptop.identity_dir, "--passphrase-env", "PL_PASS")
    first = laptop.run(*fetch)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "New session: Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 15"
    again = laptop.run(*fetch)
    assert again.returncode == 0 and again.stdout.strip() == "Nothing new on the office server."

    v2 = build(tmp_path, office, 2, docs=V2_DOCS)
    assert publish(folder, v2.path) == 0
    second = laptop.run(*fetch)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == ("Version 2 of Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 15 — "
                                     "1 document changed, 1 added")
    running.stop()

    env_vi = {**laptop.env(), "PAPERLESS_LANG": "vi"}  # offline now: the one line in Vietnamese, non-zero
    import subprocess
    import sys
    offline = subprocess.run([sys.executable, "-m", "paperless", *map(str, fetch)], env=env_vi,
                             capture_output=True, text=True, timeout=120)
    assert offline.returncode != 0 and offline.stderr.count("\n") == 1
    assert "Không liên lạc được với máy chủ văn phòng" in offline.stderr and "Traceback" not in offline.stderr

    library = Library.open(laptop.home, laptop.identity())
    [record] = library.sessions()
    assert record.version == 2 and library.is_kept(record)
    opened = reopen_session(library, record, library.trusted_signers())
    try:
        assert opened.manifest.version == 2
        assert [d.title for it in opened.agenda.items for d in it.documents] == [
            "Báo cáo quý IV — bản sửa", "Kế hoạch", "Tờ trình mới"]
    finally:
        opened.close()
    assert library.bundle_path(record).read_bytes() == v2.path.read_bytes()


def test_a_download_cut_at_random_offsets_resumes_where_it_stopped(tmp_path: Path, running: RunningServer,
                                                                   office: Office) -> None:
    v1 = build(tmp_path, office, 1, pages=6)
    assert publish(running.setup.folder, v1.path) == 0
    size = v1.path.stat().st_size
    proxy = CuttingProxy(running.setup.port, cuts=0, low=20_000, high=size // 2)
    member = Member(tmp_path, office, "an", running.setup, proxy=proxy.port)
    try:
        [offer] = member.fetcher.available()  # the list and the login pass uncut
        proxy.arm(5)
        first_download = len(proxy.forwarded)
        done: list[tuple[int, int]] = []
        fetched = member.fetcher.fetch(offer, lambda d, t: done.append((d, t)))
        assert fetched.new_session and fetched.version == 1
        assert done[-1] == (size, size) and all(t == size for _d, t in done)
        starts = [0, *member.fetcher.resumed_from]
        cut = [i for i, b in enumerate(proxy.budgets) if b is not None and i >= first_download]
        assert len(member.fetcher.resumed_from) >= 3, (proxy.budgets, member.fetcher.resumed_from)
        # each resumed request starts where the last one stopped: what it re-sends of what had
        # already reached the client is less than one chunk (plus the answer's headers and TLS framing)
        downloads = [i for i in range(first_download, len(proxy.forwarded))]
        for k in range(len(starts) - 1):
            conn = downloads[k]
            if proxy.budgets[conn] is None:
                continue
            kept = starts[k + 1] - starts[k]
            assert 0 <= proxy.forwarded[conn] - kept < CHUNK + 16_384, (conn, proxy.forwarded[conn], kept)
        assert cut
        [record] = member.library.sessions()
        assert member.library.bundle_path(record).read_bytes() == v1.path.read_bytes()
        assert not list(member.fetcher.downloads.iterdir())  # the partial became the library's copy
    finally:
        member.close()
        proxy.close()


def test_corrupted_or_substituted_downloads_are_refused_and_nothing_is_added(tmp_path: Path, running: RunningServer,
                                                                            office: Office) -> None:
    folder = running.setup.folder
    v1 = build(tmp_path, office, 1)
    assert publish(folder, v1.path) == 0
    stored = bundle_path(folder, _sha(v1.path))
    good = stored.read_bytes()
    member = Member(tmp_path, office, "an", running.setup)
    try:
        [offer] = member.fetcher.available()
        flipped = bytearray(good)
        flipped[len(good) // 2] ^= 0x01
        stored.write_bytes(bytes(flipped))
        with pytest.raises(DownloadRefusedError) as caught:
            member.fetcher.fetch(offer)
        assert "Nothing was added" in caught.value.message("en") and "Chưa thêm gì" in caught.value.message("vi")
        assert member.library.sessions() == [] and member.library.highest_seen(v1.session_id) is None
        assert member.files() == []

        other = build(tmp_path, office, 1, name="other", docs={"Khác": "Nội dung khác"})  # signed, but not this one
        stored.write_bytes(other.path.read_bytes())
        with pytest.raises(DownloadRefusedError):
            member.fetcher.fetch(offer)
        assert member.library.sessions() == [] and member.files() == []

        stored.write_bytes(good)  # put right on the server: fetched as usual
        assert member.fetcher.fetch(offer).version == 1
        assert [r.version for r in member.library.sessions()] == [1]
    finally:
        member.close()


def test_an_older_version_is_refused_and_a_bundle_not_addressed_is_forbidden(tmp_path: Path, running: RunningServer,
                                                                             office: Office) -> None:
    folder = running.setup.folder
    v1 = build(tmp_path, office, 1)
    v2 = build(tmp_path, office, 2, docs=V2_DOCS)
    assert publish(folder, v1.path) == 0
    member = Member(tmp_path, office, "an", running.setup)
    try:
        from paperless.core.library import import_bundle

        import_bundle(member.library, v2.path, member.library.trusted_signers()).close()  # v2 came by hand
        assert member.fetcher.available() == []  # the server offers only v1: nothing new
        with pytest.raises(DownloadRefusedError) as caught:
            member.fetcher.fetch(_offer(v1))  # and fetching it anyway is refused
        assert "older" in caught.value.message("en")
        assert [r.version for r in member.library.sessions()] == [2]
        assert not list(member.fetcher.downloads.iterdir())
    finally:
        member.close()

    cuong = Member(tmp_path, office, "cuong", running.setup)  # enrolled, not in the audience
    try:
        assert cuong.fetcher.offers() == []
        with pytest.raises(HttpError) as forbidden:
            cuong.fetcher.fetch(_offer(v1))
        assert forbidden.value.status == 403
        assert cuong.library.sessions() == [] and cuong.files() == []
    finally:
        cuong.close()
    assert load_card(office.clerk).role == "clerk"


@pytest.mark.parametrize("where", ["bytes:300000", "admit"])
def test_a_member_app_killed_during_a_fetch_leaves_a_partial_or_nothing(tmp_path: Path, running: RunningServer,
                                                                        office: Office, where: str) -> None:
    import subprocess
    import sys

    v1 = build(tmp_path, office, 1, pages=6)
    assert publish(running.setup.folder, v1.path) == 0
    member = Member(tmp_path, office, "an", running.setup)
    try:
        child = subprocess.run([sys.executable, str(Path(__file__).parent / "fetch_crash_child.py"),
                                str(member.device.home), str(member.device.identity_dir), where],
                               env=member.device.env(), capture_output=True, text=True, timeout=120)
        assert child.returncode == -9, child.stderr
        again = Library.open(member.device.home, member.identity)
        assert again.sessions() == [] and again.highest_seen(v1.session_id) is None  # nothing half-added
        kept = (member.fetcher.downloads / f"{_sha(v1.path)}.part").stat().st_size
        if where == "admit":
            assert kept == v1.path.stat().st_size
        else:
            assert 300_000 <= kept < v1.path.stat().st_size
        resumed = Fetcher(again, member.engine.authorized)
        [offer] = resumed.available()
        fetched = resumed.fetch(offer)
        assert fetched.new_session
        assert resumed.resumed_from == ([] if where == "admit" else [kept])  # complete: no request at all
        [record] = again.sessions()
        assert again.bundle_path(record).read_bytes() == v1.path.read_bytes()
    finally:
        member.close()


def test_a_cancelled_download_keeps_its_partial_and_the_library_stays_usable(tmp_path: Path, running: RunningServer,
                                                                             office: Office) -> None:
    import threading

    from paperless.core.sync.errors import SyncCancelledError

    old = build(tmp_path, office, 1, name="old", session_id="phien-truoc")
    v1 = build(tmp_path, office, 1, pages=6)
    assert publish(running.setup.folder, v1.path) == 0
    member = Member(tmp_path, office, "an", running.setup)
    try:
        import_bundle = __import__("paperless.core.library", fromlist=["import_bundle"]).import_bundle
        import_bundle(member.library, old.path, member.library.trusted_signers()).close()
        [offer] = member.fetcher.available()
        reads: list[str] = []

        def progress(done: int, total: int) -> None:
            # another thread reads the session already there while the download runs
            def read() -> None:
                [record] = [r for r in member.library.sessions() if r.session_id == "phien-truoc"]
                opened = reopen_session(member.library, record, member.library.trusted_signers())
                reads.append(opened.agenda.title)
                opened.close()

            reader = threading.Thread(target=read)
            reader.start()
            reader.join(timeout=30)
            assert not reader.is_alive()
            if done >= total // 3:
                member.fetcher.cancel()

        with pytest.raises(SyncCancelledError):
            member.fetcher.fetch(offer, progress)
        assert reads and all(t == "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 15" for t in reads)
        partial = member.fetcher.downloads / f"{offer.sha256}.part"
        kept = partial.stat().st_size
        assert 0 < kept < offer.size
        assert [r.session_id for r in member.library.sessions()] == ["phien-truoc"]

        resumed = Fetcher(member.library, member.engine.authorized)
        assert resumed.fetch(offer).version == 1
        assert resumed.resumed_from == [kept]
    finally:
        member.close()


def test_a_server_passing_an_old_bundle_off_as_a_new_version_is_refused(tmp_path: Path, running: RunningServer,
                                                                        office: Office) -> None:
    import sqlite3

    folder = running.setup.folder
    v1 = build(tmp_path, office, 1)
    assert publish(folder, v1.path) == 0
    member = Member(tmp_path, office, "an", running.setup)
    try:
        assert member.fetcher.fetch(member.fetcher.available()[0]).version == 1
        with sqlite3.connect(folder / "server.db") as db:  # a hostile server: v1's file listed as version 3
            db.execute("UPDATE dist_versions SET version = 3 WHERE sha256 = ?", (_sha(v1.path),))
        [offer] = member.fetcher.available()
        assert offer.version == 3
        with pytest.raises(DownloadRefusedError) as caught:
            member.fetcher.fetch(offer)
        assert "not the one the server named" in caught.value.message("en")
        assert [r.version for r in member.library.sessions()] == [1]
        assert member.library.highest_seen(v1.session_id) == 1
        assert not list(member.fetcher.downloads.iterdir())
    finally:
        member.close()
