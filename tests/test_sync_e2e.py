"""End to end over real HTTPS on loopback: devices of one member, each its own PAPERLESS_HOME,
against the real office server (``paperless server run``) on SQLite and on PostgreSQL; the real
CLI in subprocesses. Every test ends with the devices holding the same notes, compared record by
record (``paperless notes export --format json``), and ``paperless sync`` exiting 0 only when
the server's digest matched (nothing lost, nothing duplicated)."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from notes_content import note
from server_helpers import (
    Office,
    PgCluster,
    RunningServer,
    cli,
    free_port,
    ok,
    refused,
    scan_for_plaintext,
    setup_server,
    start_server,
)
from sync_helpers import DOC_A, DOC_B, SESSION, Device, by_uuid, converge
from sync_proxy import FlakyProxy

from paperless.core.notes.hlc import system_clock_ms
from paperless.core.notes.syncing import CONFLICT_MARKER
from paperless.core.sync import SyncEngine, SyncState
from paperless.core.sync import protocol as P
from paperless.core.sync.device import load_device

DAY_MS = 24 * 3600 * 1000


def pair(tmp_path: Path, office: Office, server: RunningServer) -> tuple[Device, Device]:
    a = Device.make(tmp_path, office, "an", "office-laptop")
    b = Device.make(tmp_path, office, "an", "home-laptop")
    for dev in (a, b):
        dev.connect(server.setup)
    return a, b


def server_records(server: RunningServer) -> list[dict[str, object]]:
    """Every record the server holds for member "an" (as a fresh device of an sees them)."""
    probe = server.device("an", "probe")
    probe.register()
    records, _ = probe.pull_all()
    return records


def test_offline_edits_and_every_conflict_rule(tmp_path: Path, office: Office, server: RunningServer) -> None:
    a, b = pair(tmp_path, office, server)
    with a.store() as s:
        ann = s.add_annotation(SESSION, DOC_A, 0, "note", "#ffd400", note("Ý kiến ban đầu"))
        s.set_item_note(SESSION, 1, "Ghi chú gốc")
        bm = s.add_bookmark(SESSION, DOC_A, 2, "Trang 3")
        deleted_here = s.add_annotation(SESSION, DOC_A, 1, "note", None, note("A xóa, B sửa"))
        deleted_there = s.add_annotation(SESSION, DOC_B, 1, "note", None, note("A sửa, B xóa"))
    a.sync_ok()
    b.sync_ok()
    assert len(b.export()) == 5
    # apart: both offline, B's clock a day ahead (clocks never decide)
    with a.store() as s:
        s.update_annotation(ann.uuid, content=note("Sửa ở máy A"))
        s.set_item_note(SESSION, 1, "Văn bản của máy A")
        only_a = s.add_bookmark(SESSION, DOC_A, 5, "Chỉ ở A")
        s.delete(deleted_here.uuid)
        s.update_annotation(deleted_there.uuid, content=note("A đã sửa"))
    with b.store(clock=lambda: system_clock_ms() + DAY_MS) as s:
        s.update_annotation(ann.uuid, content=note("Sửa ở máy B"))
        s.set_item_note(SESSION, 1, "Văn bản của máy B")
        only_b = s.add_annotation(SESSION, DOC_B, 4, "note", None, note("Chỉ ở B"))
        s.update_annotation(deleted_here.uuid, content=note("B đã sửa"))
        s.delete(deleted_there.uuid)
        s.rename_bookmark(bm.uuid, "Trang ba")
    a.sync_ok()
    said = b.sync_ok()
    assert "both versions are kept" in said and "both texts are kept" in said and "edited note is kept" in said
    records = converge(a, b)
    got = by_uuid(records)
    # annotation edited on both: both kept, the other device's as a marked copy beside it
    assert got[ann.uuid]["content"]["text"] == "Sửa ở máy B"
    copies = [r for r in records if r.get("conflict_of") == ann.uuid]
    assert [c["content"]["text"] for c in copies] == ["Sửa ở máy A"]
    assert copies[0]["page"] == 0 and copies[0]["doc_hash"] == DOC_A
    # item note edited on both: both texts, the other device's under the marked line
    item = [r for r in records if r["type"] == "item_note"]
    assert len(item) == 1
    assert item[0]["text"] == f"Văn bản của máy B\n\n{CONFLICT_MARKER}\nVăn bản của máy A"
    # edit against deletion, both ways: the edit wins
    assert got[deleted_here.uuid]["content"]["text"] == "B đã sửa" and not got[deleted_here.uuid]["deleted"]
    assert got[deleted_there.uuid]["content"]["text"] == "A đã sửa" and not got[deleted_there.uuid]["deleted"]
    # changes on one side only simply arrive
    assert got[bm.uuid]["label"] == "Trang ba"
    assert only_a.uuid in got and only_b.uuid in got
    assert len(records) == 8  # five, one new on each side, the conflict copy
    # nothing duplicated on the server: one record per uuid, and no more than the devices hold
    held = server_records(server)
    assert len({r["uuid"] for r in held}) == len(held) == 8


def test_killed_between_push_and_ack_leaves_no_duplicate(tmp_path: Path, office: Office,
                                                         server: RunningServer) -> None:
    a, b = pair(tmp_path, office, server)
    with a.store() as s:
        made = [s.add_annotation(SESSION, DOC_A, i, "note", None, note(f"Ghi chú {i}")).uuid for i in range(5)]
    child = subprocess.run([sys.executable, str(Path(__file__).with_name("sync_crash_child.py")), a.home,
                            a.identity_dir], env=a.env(), capture_output=True, text=True, timeout=120, check=False)
    assert child.returncode == -9, child.stderr  # killed after the server applied the push
    with a.store() as s:
        assert s.sync_pending() == 5  # the answer never recorded
    held = server_records(server)
    assert sorted(r["uuid"] for r in held) == sorted(made) and all(r["version"] == 1 for r in held)
    a.sync_ok()  # the same operations again: the server says duplicate, nothing is written twice
    with a.store() as s:
        assert s.sync_pending() == 0
    held = server_records(server)
    assert sorted(r["uuid"] for r in held) == sorted(made) and all(r["version"] == 1 for r in held)
    records = converge(a, b)
    assert sorted(r["uuid"] for r in records) == sorted(made)


def test_a_proxy_that_cuts_and_duplicates_requests(tmp_path: Path, office: Office, server: RunningServer,
                                                   pg: PgCluster) -> None:
    """The office file names the proxy's port; the proxy cuts connections at random points and
    sends requests twice; the devices keep syncing until they converge."""
    server.stop()
    proxy_port = free_port()
    setup = server.setup
    # a server whose signed address is the proxy's port, itself serving on another port

    proxied = setup_server(tmp_path / "proxied", setup.office, db=pg.create_database() if setup.db else "",
                           port=proxy_port)
    running = start_server(replace(proxied, port=free_port()))
    proxy = FlakyProxy(proxy_port, running.setup.port, proxied.folder / "tls.crt", proxied.folder / "tls.key")
    try:
        a = Device.make(tmp_path, office, "an", "office-laptop")
        b = Device.make(tmp_path, office, "an", "home-laptop")
        for dev in (a, b):
            dev.connect(proxied)
        made = []
        for round_ in range(4):
            for dev in (a, b):
                with dev.store() as s:
                    made += [s.add_annotation(SESSION, DOC_A, i, "note", None,
                                              note(f"{dev.name} {round_} {i}")).uuid for i in range(15)]
                    s.set_item_note(SESSION, round_, f"{dev.name} vòng {round_}")
                dev.sync()  # may fail: the network is bad
        clean = False
        for _ in range(20):  # keep trying through the bad network until both finished a clean round
            if a.sync().returncode == 0 and b.sync().returncode == 0:
                clean = True
                break
        assert clean, proxy.counts  # the retries inside a round carry it through cuts and duplicates
        assert proxy.counts["cut_before"] and proxy.counts["cut_after"] and proxy.counts["duplicate"]
        proxy.enabled = False  # the last rounds on a good network, to compare
        records = converge(a, b)
        got = by_uuid(records)
        assert set(made) <= set(got)
        assert len([r for r in records if r["type"] == "annotation" and not r.get("conflict_of")]) == len(made)
    finally:
        proxy.close()
        running.stop()


def test_a_server_restored_from_an_older_backup(tmp_path: Path, office: Office, server: RunningServer) -> None:
    a, b = pair(tmp_path, office, server)
    with a.store() as s:
        early = [s.add_annotation(SESSION, DOC_A, i, "note", None, note(f"Trước sao lưu {i}")).uuid for i in range(3)]
    a.sync_ok()
    b.sync_ok()
    setup = server.setup
    backup = tmp_path / "backup"
    db = ["--db", setup.db] if setup.db else []
    assert cli("server", "backup", setup.folder, backup, *db) == 0
    with a.store() as s:
        late = [s.add_annotation(SESSION, DOC_B, i, "note", None, note(f"Sau sao lưu {i}")).uuid for i in range(2)]
        s.update_annotation(early[0], content=note("Sửa sau sao lưu"))
    with b.store() as s:
        from_b = s.add_bookmark(SESSION, DOC_A, 9, "Của B sau sao lưu").uuid
    a.sync_ok()
    b.sync_ok()
    server.stop()
    assert cli("server", "restore", setup.folder, backup, *db) == 0
    restarted = start_server(setup, clock_file=server.clock_file)
    try:
        records = converge(a, b)  # exit 0: the restored server's digest matches again
        got = by_uuid(records)
        assert set(early + late + [from_b]) <= set(got) and len(records) == 6
        assert got[early[0]]["content"]["text"] == "Sửa sau sao lưu"
        held = server_records(restarted)
        assert sorted(r["uuid"] for r in held) == sorted(got)
    finally:
        restarted.stop()


def test_a_revoked_device_wipes_and_acknowledges(tmp_path: Path, office: Office, server: RunningServer) -> None:
    a, b = pair(tmp_path, office, server)
    with b.store() as s:
        s.set_item_note(SESSION, 0, "Ghi chú trên máy nhà")
    b.sync_ok()
    a.sync_ok()
    b_device = load_device(b.folder(), b.identity())
    assert b_device is not None
    identity = a.identity()
    with a.store() as s:
        engine = SyncEngine(identity, a.folder(), s)
        listed = {d.device: d for d in engine.devices()}
        assert set(listed) >= {b_device.device_id} and not listed[b_device.device_id].revoked
        engine.revoke(b_device.device_id)
    folder = b.folder()
    r = b.sync()
    assert r.returncode == 5 and "revoked" in r.stderr
    for name in ("notes.sqlite3", "notes.key.age", "device.age", "state.age", "office-server.toml"):
        assert not (folder / name).exists(), name
    with a.store() as s:
        listed = {d.device: d for d in SyncEngine(identity, a.folder(), s).devices()}
    assert listed[b_device.device_id].revoked and listed[b_device.device_id].wiped
    assert [n["text"] for n in a.export() if n["type"] == "item_note"] == ["Ghi chú trên máy nhà"]
    # the revoked device stays refused (it has no device key now: a new one would need enrolling again)
    again = b.sync()
    assert again.returncode != 0
    # the next sync of a device still in use makes a new key generation; new notes are sealed with it
    with a.store() as s:
        fresh = s.add_bookmark(SESSION, DOC_A, 1, "Sau thu hồi").uuid
    a.sync_ok()
    probe = server.device("an", "probe")  # a new device after a revocation waits for the office's approval
    refused(probe.http.post(P.REGISTER, json=probe.register_body()), 403, P.DEVICE_PENDING)
    assert cli("server", "approve-device", server.setup.folder, probe.device) == 0
    probe.register()
    keys = ok(probe.keys())
    assert [g["generation"] for g in keys["generations"]] == [1, 2] and not keys["rotate"]
    records, _ = probe.pull_all()
    sealed = next(P.unb64(r["payload"], limit=P.MAX_PAYLOAD_BYTES) for r in records if r["uuid"] == fresh)
    assert sealed[:4] == b"PSY1" and int.from_bytes(sealed[4:8], "big") == 2


def test_a_forged_device_certificate_is_refused(tmp_path: Path, office: Office, server: RunningServer) -> None:
    """A device certificate signed by another member's key (or a login signed by another device's key)."""
    forger = server.device("an", "forged")
    binh = office.unlock("binh")
    data = P.device_certificate(forger.member, forger.device, forger.device_key, forger.name, forger.created)
    forged = binh.signing_key.sign(data, trusted_comment=f"paperless device {forger.device}")
    r = forger.http.post(P.REGISTER, json=forger.register_body(certificate=forged))
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"
    # the real client with a device key file planted from another device is refused at login too
    a = Device.make(tmp_path, office, "an", "office-laptop")
    a.connect(server.setup)
    with a.store() as s:
        s.set_item_note(SESSION, 0, "x")
    a.sync_ok()
    with a.store() as s:
        engine = SyncEngine(a.identity(), a.folder(), s)
        engine._connect()
        assert engine._device is not None
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        engine._device = replace(engine._device, private=Ed25519PrivateKey.generate())
        report = engine.sync_once()
    assert report.status.state is SyncState.REFUSED


def test_first_full_sync_of_many_notes_onto_a_new_device(tmp_path: Path, office: Office,
                                                         server: RunningServer) -> None:
    a = Device.make(tmp_path, office, "an", "office-laptop")
    a.connect(server.setup)
    with a.store() as s:
        for i in range(1500):
            s.add_annotation(SESSION, DOC_A, i % 40, "note", None, note(f"Ghi chú số {i}"))
        for i in range(50):
            s.set_item_note(SESSION, i, f"Mục {i}")
    a.sync_ok()
    c = Device.make(tmp_path, office, "an", "new-laptop")
    c.connect(server.setup)
    seen: list[tuple[int, int]] = []
    with c.store() as s:
        engine = SyncEngine(c.identity(), c.folder(), s, device_name="new-laptop")
        started = time.monotonic()
        report = engine.sync_once(progress=lambda done, total: seen.append((done, total)))
        elapsed = time.monotonic() - started
    assert report.status.state is SyncState.SYNCED and report.pulled == 1550 and report.pending == 0
    assert elapsed < 60, elapsed  # the bench holds the real figure; this only catches a pathology
    pages = [*range(P.MAX_PULL_LIMIT, 1550, P.MAX_PULL_LIMIT), 1550]  # progress after each page of the largest size
    assert seen == [(done, 1550) for done in pages], seen
    assert "0 pulled" in c.sync_ok()
    records = converge(a, c, rounds=1)
    assert len(records) == 1550


def test_the_server_holds_no_plaintext(tmp_path: Path, office: Office, server: RunningServer) -> None:
    """After a realistic sync the server's database and files hold none of the notes' texts, the
    documents' hashes or the session's title, in NFC or NFD, UTF-8 or UTF-16."""
    a, b = pair(tmp_path, office, server)
    title = "Kỳ họp thứ chín Hội đồng nhân dân tỉnh"
    texts = ["Đề nghị làm rõ nguồn vốn đầu tư công", "Ủng hộ phương án hai, cần thêm số liệu",
             "Trang về ngân sách xã", title]
    doc_hash = "3f" * 32
    with a.store() as s:
        s.add_annotation(SESSION, doc_hash, 2, "note", "#ffd400", note(texts[0]))
        s.set_item_note(SESSION, 0, f"{title}: {texts[1]}")
        s.add_bookmark(SESSION, doc_hash, 7, texts[2])
    with b.store() as s:
        s.add_annotation(SESSION, DOC_B, 0, "note", None, note(texts[1]))
    converge(a, b)
    needles: list[str | bytes] = [*texts, doc_hash, DOC_B, SESSION, "ngân sách", "Ủng hộ phương án"]
    assert scan_for_plaintext(server.setup, needles) == []
    log = server.log_text()
    assert not [n for n in needles if isinstance(n, str) and n in log]
    assert ok(server.client().get("/healthz")) is not None


def test_the_cli_says_one_line_and_the_status_is_plain(tmp_path: Path, office: Office, server: RunningServer) -> None:
    a = Device.make(tmp_path, office, "an", "office-laptop")
    r = a.sync()
    assert r.returncode == 6 and r.stderr.count("\n") == 1 and "Not connected" in r.stderr
    bad = tmp_path / "office-server.toml"
    bad.write_text(server.setup.office_file.read_text("utf-8").replace("127.0.0.1", "10.9.9.9", 1), "utf-8")
    r = a.run("connect", bad, "--identity", a.identity_dir, "--trust", office.clerk, "--passphrase-env", "PL_PASS")
    assert r.returncode != 0 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    a.connect(server.setup)
    with a.store() as s:
        s.set_item_note(SESSION, 0, "Hỏi về dự toán")
        engine = SyncEngine(a.identity(), a.folder(), s, device_name="office-laptop")
        before = engine.status()
        assert before.state is SyncState.SYNCING and before.pending == 1 and before.last_synced_ms is None
        report = engine.sync_once()
        assert report.status.state is SyncState.SYNCED and report.pushed == 1 and report.pending == 0
        after = engine.status()
        assert after.state is SyncState.SYNCED and after.pending == 0 and after.last_synced_ms is not None
        assert after.address == server.url
    md = a.run("notes", "export", "--identity", a.identity_dir, "--passphrase-env", "PL_PASS", "--format", "md")
    assert md.returncode == 0 and "Hỏi về dự toán" in md.stdout and SESSION in md.stdout
    server.stop()
    with a.store() as s:
        s.set_item_note(SESSION, 1, "Chờ mạng")
    r = a.sync()
    assert r.returncode == 3 and r.stderr.count("\n") == 1 and server.url in r.stderr
    assert "Cannot reach the office server" in r.stderr and "1 waiting" in r.stderr


def test_waiting_for_changes_wakes_when_another_device_pushes(tmp_path: Path, office: Office,
                                                              server: RunningServer) -> None:
    import threading

    a, b = pair(tmp_path, office, server)
    with a.store() as s:
        s.set_item_note(SESSION, 0, "một")
    a.sync_ok()
    b.sync_ok()
    woke: list[bool] = []
    with b.store() as s:
        engine = SyncEngine(b.identity(), b.folder(), s, device_name="home-laptop")
        assert engine.wait_for_changes(1) is False  # nothing new: the timeout
        waiter = threading.Thread(target=lambda: woke.append(engine.wait_for_changes(30)))
        waiter.start()
        with a.store() as sa:
            sa.set_item_note(SESSION, 1, "hai")
        a.sync_ok()
        waiter.join(timeout=60)
        assert woke == [True]
        report = engine.sync_once()
        assert report.pulled == 1 and report.status.state is SyncState.SYNCED
    converge(a, b, rounds=1)


def test_the_store_is_never_held_during_network_io(tmp_path: Path, office: Office, server: RunningServer) -> None:
    """While each request of a round is on the wire, another thread (the GUI's database thread)
    writes to the same store at once: the engine holds no store lock across network I/O."""
    import threading

    from paperless.core.sync.office import load_office
    from paperless.core.sync.transport import Connection, Json

    a = Device.make(tmp_path, office, "an", "office-laptop")
    a.connect(server.setup)
    identity = a.identity()
    with a.store() as s:
        for i in range(30):
            s.add_bookmark(SESSION, DOC_A, i, f"Trang {i}")
        found = load_office(a.folder(), [office.unlock("clerk").card])
        assert found is not None
        real = Connection(found)
        writes: list[float] = []

        class Busy:
            address = real.address

            def request(self, method: str, path: str, body: Json | None = None, token: str | None = None,
                        *, timeout: float | None = None) -> Json:
                done = threading.Event()

                def write() -> None:
                    started = time.monotonic()
                    s.set_item_note(SESSION, 0, f"viết trong lúc gửi {len(writes)}")
                    writes.append(time.monotonic() - started)
                    done.set()

                threading.Thread(target=write).start()
                assert done.wait(10), "the store was held while a request was on the wire"
                return real.request(method, path, body, token, timeout=timeout)

        report = SyncEngine(identity, a.folder(), s, Busy()).sync_once()
        assert report.status.state is SyncState.SYNCED, report.status.detail
        assert len(writes) >= 6 and max(writes) < 5
    a.sync_ok()  # what was written during the round goes with the next one
    assert [n["text"] for n in a.export() if n["type"] == "item_note"] == [f"viết trong lúc gửi {len(writes) - 1}"]
