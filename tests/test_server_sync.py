"""The record log over HTTPS on SQLite and PostgreSQL: push exactly once, conflicts on a stale
base, pull in counter order by pages, the digest, waiting for changes, key generations."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from server_helpers import (
    Office,
    PgCluster,
    RunningServer,
    SyncClient,
    new_uuid,
    ok,
    push_op,
    refused,
    setup_server,
    start_server,
)

from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.notify import PgNotifier
from paperless.server.store import NOTIFY_CHANNEL


def _registered(server: RunningServer, member: str = "an", name: str = "Máy tính văn phòng") -> SyncClient:
    dev = server.device(member, name=name)
    dev.register()
    return dev


def test_the_same_op_or_the_same_batch_again_is_applied_once(server: RunningServer) -> None:
    an = _registered(server)
    records = [new_uuid() for _ in range(3)]
    batch = [push_op(r, 0, b"sealed v1 of %d" % i) for i, r in enumerate(records)]
    first = ok(an.push(batch))["results"]
    assert [r["status"] for r in first] == [P.APPLIED] * 3
    assert [r["version"] for r in first] == [1, 1, 1] and [r["counter"] for r in first] == [1, 2, 3]
    again = ok(an.push(batch))["results"]  # the ack was lost: the client sends the batch again
    assert [(r["op"], r["status"], r["version"], r["counter"]) for r in again] == \
        [(r["op"], P.DUPLICATE, r["version"], r["counter"]) for r in first]
    # one op twice in the same batch
    op = push_op(new_uuid(), 0, b"sealed")
    inside = ok(an.push([op, op]))["results"]
    assert [r["status"] for r in inside] == [P.APPLIED, P.DUPLICATE] and inside[0]["counter"] == inside[1]["counter"]
    # from the other device of the member, the same op id is still the same op
    home = _registered(server, name="Máy nhà")
    assert ok(home.push([batch[0]]))["results"][0]["status"] == P.DUPLICATE
    records_now, cursor = an.pull_all()
    assert len(records_now) == 4 and cursor == 4
    digest = ok(an.digest())
    assert digest["count"] == 4 and digest["counter"] == 4


def test_a_stale_base_is_a_conflict_and_writes_nothing(server: RunningServer) -> None:
    office_pc, home = _registered(server), _registered(server, name="Máy nhà")
    record = new_uuid()
    ok(office_pc.push([push_op(record, 0, b"v1 from the office")]))
    # both devices saw v1; home pushes v2 first
    assert ok(home.push([push_op(record, 1, b"v2 from home")]))["results"][0]["version"] == 2
    stale = ok(office_pc.push([push_op(record, 1, b"v2 from the office")]))["results"][0]
    assert stale["status"] == P.STALE and stale["version"] == 2
    # a new record whose uuid exists already (base 0) and a base from the future
    assert ok(office_pc.push([push_op(record, 0, b"x")]))["results"][0]["status"] == P.STALE
    assert ok(office_pc.push([push_op(record, 7, b"x")]))["results"][0]["status"] == P.STALE
    got, _ = office_pc.pull_all()
    assert [(r["uuid"], r["version"], P.unb64(r["payload"], limit=100)) for r in got] == [(record, 2, b"v2 from home")]
    # after pulling, the office pushes on top of v2
    assert ok(office_pc.push([push_op(record, 2, b"v3 from the office")]))["results"][0]["status"] == P.APPLIED
    # a batch: the conflict in the middle does not stop the others
    a, b = new_uuid(), new_uuid()
    results = ok(home.push([push_op(a, 0, b"a"), push_op(record, 2, b"stale"), push_op(b, 0, b"b")]))["results"]
    assert [r["status"] for r in results] == [P.APPLIED, P.STALE, P.APPLIED]
    assert results[2]["counter"] == results[0]["counter"] + 1


def test_pull_is_in_counter_order_by_pages_with_tombstones(server: RunningServer) -> None:
    an = _registered(server)
    records = [new_uuid() for _ in range(25)]
    ok(an.push([push_op(r, 0, b"first %d" % i) for i, r in enumerate(records)]))
    # update some: they move to the end of the log
    ok(an.push([push_op(records[3], 1, b"second 3"), push_op(records[0], 1, b"tombstone 0")]))
    pages = []
    after = 0
    while True:
        page = ok(an.pull(after, limit=7))
        pages.append(page)
        assert page["epoch"]
        after = page["cursor"]
        if not page["more"]:
            break
    assert [len(p["records"]) for p in pages] == [7, 7, 7, 4]
    flat = [r for p in pages for r in p["records"]]
    counters = [r["counter"] for r in flat]
    assert counters == sorted(counters) and len(set(counters)) == 25
    assert [r["uuid"] for r in flat[-2:]] == [records[3], records[0]]
    assert flat[-1]["version"] == 2 and P.unb64(flat[-1]["payload"], limit=100) == b"tombstone 0"
    assert pages[-1]["cursor"] == 27
    # nothing after the end; the cursor stays
    end = ok(an.pull(27))
    assert end["records"] == [] and end["cursor"] == 27 and end["more"] is False
    # limits
    assert len(ok(an.pull(0))["records"]) == 25
    refused(an.pull(0, limit=0), 400, P.BAD_REQUEST)
    refused(an.pull(0, limit=P.MAX_PULL_LIMIT + 1), 400, P.BAD_REQUEST)
    # one log line per request: method, path without its query, status, milliseconds
    lines = [ln for ln in server.log_text().splitlines() if f"GET {P.PULL} " in ln]
    assert len(lines) >= 6 and all(re.search(r"\] GET /v1/sync/pull (200|400) \d+\.\dms$", ln) for ln in lines), lines
    assert "after=" not in server.log_text() and "limit=" not in server.log_text()


def test_the_digest_is_the_protocol_s_over_uuid_and_version(server: RunningServer) -> None:
    an = _registered(server)
    empty = ok(an.digest())
    assert empty["count"] == 0 and empty["digest"] == P.records_digest([]) and empty["counter"] == 0
    records = [new_uuid() for _ in range(10)]
    ok(an.push([push_op(r, 0, b"x") for r in records]))
    ok(an.push([push_op(records[5], 1, b"y")]))
    want = P.records_digest([(r, 2 if r == records[5] else 1) for r in records])
    got = ok(an.digest())
    assert got == {"epoch": got["epoch"], "count": 10, "digest": want, "counter": 11}
    pulled, _ = an.pull_all()
    assert P.records_digest((r["uuid"], r["version"]) for r in pulled) == want


def test_wait_answers_at_once_when_behind_on_a_push_and_at_the_timeout(server: RunningServer) -> None:
    an, home = _registered(server), _registered(server, name="Máy nhà")
    binh = _registered(server, "binh")
    ok(an.push([push_op(new_uuid(), 0, b"x")]))
    assert ok(home.wait(0, timeout=5)) == {"counter": 1}  # already behind: at once
    started = time.monotonic()
    assert ok(home.wait(1, timeout=1)) == {"counter": 1}  # nothing new: at the timeout
    assert 0.8 <= time.monotonic() - started < 5
    waiting = threading.Event()

    def wait_for_news() -> dict[str, int]:
        waiting.set()
        return ok(home.wait(1, timeout=P.MAX_WAIT_S))  # type: ignore[no-any-return]

    with ThreadPoolExecutor(2) as pool:
        news = pool.submit(wait_for_news)
        other = pool.submit(lambda: ok(binh.wait(0, timeout=3)))  # another member hears nothing of an's push
        waiting.wait(5)
        time.sleep(0.3)  # let the wait reach the server before the push (a push before it is fine too)
        started = time.monotonic()
        ok(an.push([push_op(new_uuid(), 0, b"y")]))
        assert news.result(timeout=P.MAX_WAIT_S) == {"counter": 2}
        assert time.monotonic() - started < 5
        assert other.result(timeout=10) == {"counter": 0}
    refused(home.wait(0, timeout=P.MAX_WAIT_S + 1), 400, P.BAD_REQUEST)


def test_key_generations_only_go_up_by_one(server: RunningServer) -> None:
    an, home = _registered(server), _registered(server, name="Máy nhà")
    assert ok(an.keys()) == {"generations": [], "rotate": False}
    refused(an.put_key(2, b"too far"), 409, P.CONFLICT)
    assert an.put_key(1, b"sealed generation one").status_code == 201
    refused(home.put_key(1, b"lost the race"), 409, P.CONFLICT)  # the loser fetches the winner's key
    gens = ok(home.keys())["generations"]
    assert [(g["generation"], P.unb64(g["sealed"], limit=100)) for g in gens] == [(1, b"sealed generation one")]
    refused(an.put_key(0, b"zero"), 400, P.BAD_REQUEST)
    refused(an.request("PUT", f"{P.KEYS}/-1", json={"sealed": P.b64(b"x")}), 400, P.BAD_REQUEST)
    refused(an.request("PUT", f"{P.KEYS}/2", json={"sealed": P.b64(b"x" * (P.MAX_SEALED_KEY_BYTES + 1))}),
            400, P.BAD_REQUEST)
    # two devices racing for generation 2: exactly one wins
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda d: d.put_key(2, b"gen 2 by " + d.device.encode()), [an, home]))
    assert sorted(r.status_code for r in answers) == [201, 409]


def test_concurrent_pushes_of_one_member_get_distinct_commit_ordered_counters(server: RunningServer) -> None:
    devices = [_registered(server, name=f"Máy {i}") for i in range(4)]

    def pushes(dev: SyncClient) -> list[int]:
        counters = []
        for _ in range(5):
            results = ok(dev.push([push_op(new_uuid(), 0, b"z") for _ in range(10)]))["results"]
            counters += [r["counter"] for r in results]
        return counters

    with ThreadPoolExecutor(4) as pool:
        all_counters = [c for cs in pool.map(pushes, devices) for c in cs]
    assert sorted(all_counters) == list(range(1, 201))
    pulled, cursor = devices[0].pull_all(limit=33)
    assert len(pulled) == 200 and cursor == 200


def test_a_pull_page_stops_once_its_payloads_reach_the_byte_cap(server: RunningServer) -> None:
    import os

    an = _registered(server)
    size = P.MAX_PAYLOAD_BYTES
    per_page = -(-P.MAX_PULL_BYTES // size)  # the record that reaches the cap is the page's last
    records = [new_uuid() for _ in range(per_page + 3)]
    for i in range(0, len(records), 6):
        ok(an.push([push_op(r, 0, os.urandom(size)) for r in records[i:i + 6]]))
    page = ok(an.pull(0, P.MAX_PULL_LIMIT))
    assert len(page["records"]) == per_page and page["more"] is True
    sizes = [len(P.unb64(r["payload"], limit=size)) for r in page["records"]]
    assert sum(sizes) >= P.MAX_PULL_BYTES > sum(sizes[:-1])
    rest = ok(an.pull(page["cursor"], P.MAX_PULL_LIMIT))
    assert len(rest["records"]) == 3 and rest["more"] is False
    assert [r["uuid"] for r in page["records"] + rest["records"]] == records
    # the record limit still applies below the byte cap
    small = ok(an.pull(0, 2))
    assert len(small["records"]) == 2 and small["more"] is True


def test_a_pull_page_holds_at_least_one_record_however_small_the_cap(server: RunningServer) -> None:
    from paperless.server import db
    from paperless.server.config import load_config
    from paperless.server.store import Store

    an = _registered(server)
    records = [new_uuid() for _ in range(3)]
    ok(an.push([push_op(r, 0, b"sealed " + r.encode()) for r in records]))
    config = load_config(server.setup.folder, server.setup.db or None)
    store = Store(db.make_engine(config.database_url, pool_size=1))
    try:
        got, after, more = store.pull(an.member, 0, 10, max_bytes=1)
        assert [u for u, *_ in got] == records[:1] and more is True
        got, after, more = store.pull(an.member, after, 10, max_bytes=1)
        assert [u for u, *_ in got] == records[1:2] and more is True
        got, after, more = store.pull(an.member, after, 10, max_bytes=1)
        assert [u for u, *_ in got] == records[2:] and more is False
        assert store.pull(an.member, after, 10, max_bytes=1) == ([], after, False)
    finally:
        store.engine.dispose()


def test_one_batch_may_carry_several_versions_of_one_record(server: RunningServer) -> None:
    """Applied one after another as sent (PostgreSQL: inside paperless_push): each op sees the ones
    before it in the batch; the record keeps the batch's last version; every op is remembered."""
    an = _registered(server)
    kept = new_uuid()
    ok(an.push([push_op(kept, 0, b"kept v1")]))
    fresh = new_uuid()
    batch = [push_op(fresh, 0, b"fresh v1"), push_op(kept, 1, b"kept v2"), push_op(fresh, 1, b"fresh v2"),
             push_op(kept, 2, b"kept v3"), push_op(fresh, 1, b"fresh v2 again, stale now")]
    results = ok(an.push(batch))["results"]
    assert [(r["status"], r["version"], r["counter"]) for r in results] == [
        (P.APPLIED, 1, 2), (P.APPLIED, 2, 3), (P.APPLIED, 2, 4), (P.APPLIED, 3, 5), (P.STALE, 2, 4)]
    got, cursor = an.pull_all()
    assert cursor == 5
    assert sorted((r["uuid"], r["version"], r["counter"], P.unb64(r["payload"], limit=100)) for r in got) == sorted(
        [(kept, 3, 5, b"kept v3"), (fresh, 2, 4, b"fresh v2")])
    again = ok(an.push(batch[:4]))["results"]  # the ack was lost: each op is still the one applied
    assert [(r["status"], r["version"], r["counter"]) for r in again] == [
        (P.DUPLICATE, 1, 2), (P.DUPLICATE, 2, 3), (P.DUPLICATE, 2, 4), (P.DUPLICATE, 3, 5)]
    assert ok(an.digest())["count"] == 2 and ok(an.digest())["counter"] == 5


def test_postgresql_every_committed_push_is_notified_for_the_other_workers(
        tmp_path: Path, office: Office, pg: PgCluster) -> None:
    """PostgreSQL: the NOTIFY that tells the other uvicorn workers' waiters (sent by the server's
    PgNotifier thread after the push committed, not on the push's path) arrives for a push that
    changed something, and none for a push that changed nothing (all duplicates)."""
    import psycopg

    setup = setup_server(tmp_path / "server", office, db=pg.create_database())
    running = start_server(setup)
    try:
        with psycopg.connect(db.libpq_conninfo(setup.db), autocommit=True) as listen:
            listen.execute(f'LISTEN "{NOTIFY_CHANNEL}"')
            an, binh = _registered(running), _registered(running, "binh")
            same = [push_op(new_uuid(), 0, b"x")]
            ok(an.push(same))
            heard = [n.payload for n in listen.notifies(timeout=10, stop_after=1)]
            assert heard == [an.member]
            for _ in range(5):  # in a row, two members: each heard (several pushes may share one)
                ok(an.push([push_op(new_uuid(), 0, b"y")]))
                ok(binh.push([push_op(new_uuid(), 0, b"z")]))
            heard_now: set[str] = set()
            for note in listen.notifies(timeout=10):
                heard_now.add(note.payload)
                if heard_now == {an.member, binh.member}:
                    break
            assert heard_now == {an.member, binh.member}
            for _ in listen.notifies(timeout=1):  # anything left of those pushes
                pass
            assert {r["status"] for r in ok(an.push(same))["results"]} == {P.DUPLICATE}
            assert [n.payload for n in listen.notifies(timeout=1.5)] == []
    finally:
        running.stop()


def test_the_notifier_sends_each_member_once_per_statement_and_what_is_pending_at_stop() -> None:
    sent: list[list[str]] = []
    busy, release = threading.Event(), threading.Event()

    def send(members: list[str]) -> None:
        sent.append(members)
        if len(sent) == 1:
            busy.set()
            assert release.wait(10)

    notifier = PgNotifier(send)
    notifier.notify("m1")
    assert busy.wait(10)  # the first statement is on its way; meanwhile three pushes of two members
    for member in ("m2", "m3", "m2"):
        notifier.notify(member)
    release.set()
    notifier.stop()
    assert sent == [["m1"], ["m2", "m3"]]
    notifier.notify("m4")  # stopped: nothing more is sent
    assert sent == [["m1"], ["m2", "m3"]]
