"""The meeting room end to end: a real ``paperless server run`` over HTTPS on loopback (SQLite and
PostgreSQL), members' laptops running the real Qt-free MeetingClient (docs/meeting.md)."""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from meeting_helpers import SESSION_ID, Laptop, publish_meeting, until
from server_helpers import Office, PgCluster, RunningServer, cli, setup_server, start_server

from paperless.core.errors import PaperlessError
from paperless.core.meeting import state as S
from paperless.core.meeting import wire as W
from paperless.core.meeting.client import REFUSED, MeetingActionError
from paperless.core.sync.errors import HttpError

ENTRY = "documents/0001.age"


@pytest.fixture
def room(server: RunningServer, tmp_path: Path) -> Iterator[tuple[RunningServer, Path, dict[str, Laptop]]]:
    """The session published (chair: an; secretariat: cuong) and the three members' laptops following."""
    bundle = publish_meeting(tmp_path / "bundles", server.setup)
    laptops = {k: Laptop(server.setup, k, bundle).start() for k in ("an", "binh", "cuong")}
    until(lambda: all(p.client.connected for p in laptops.values()), "every laptop connected")
    yield server, bundle, laptops
    for laptop in laptops.values():
        laptop.stop()


def _at(laptop: Laptop, item: int, entry: str | None, page: int) -> bool:
    s = laptop.client.state
    return (s.item, s.entry, s.page) == (item, entry, page)


def test_followers_follow_a_late_joiner_lands_on_the_page_and_only_the_secretariat_controls(
        room: tuple[RunningServer, Path, dict[str, Laptop]]) -> None:
    server, bundle, laptops = room
    secretariat = laptops["cuong"].client
    assert secretariat.is_control and not laptops["binh"].client.is_control
    secretariat.go_to(1, ENTRY, 3)
    until(lambda: all(_at(p, 1, ENTRY, 3) for p in laptops.values()), "everyone on item 1 page 3")
    secretariat.go_to(2, "documents/0002.age", 1)
    secretariat.go_to(2, "documents/0002.age", 2)
    until(lambda: all(_at(p, 2, "documents/0002.age", 2) for p in laptops.values()), "everyone on item 2 page 2")

    late = Laptop(server.setup, "binh", bundle).start()  # a second laptop of Bình's, joining now
    try:
        until(lambda: late.client.connected, "the late joiner connected")
        assert _at(late, 2, "documents/0002.age", 2)  # the snapshot, at once
    finally:
        late.stop()

    # a member who is not of the secretariat: refused by the client, and by the server when sent anyway
    with pytest.raises(MeetingActionError):
        laptops["binh"].client.go_to(1, ENTRY, 9)
    binh = laptops["binh"]
    forged = W.make_event(SESSION_ID, binh.member, binh.device.device_id, W.GO_TO,
                          {"item": 1, "entry": ENTRY, "page": 9}, binh.device.sign)
    conn, token = binh.authorize()
    with pytest.raises(HttpError) as refused:
        conn.request("POST", W.events_path(SESSION_ID), {"event": forged.to_wire()}, token)
    assert refused.value.status == 403
    # the chair (an) may run the meeting too
    laptops["an"].client.go_to(1, ENTRY, 5)
    until(lambda: all(_at(p, 1, ENTRY, 5) for p in laptops.values()), "everyone on the chair's page")

    # an event signed by another device than the one sending it: refused (400), never applied
    an = laptops["an"]
    stolen = W.make_event(SESSION_ID, an.member, an.device.device_id, W.GO_TO,
                          {"item": 1, "entry": ENTRY, "page": 7}, binh.device.sign)
    with pytest.raises(HttpError) as bad:
        an.connection.request("POST", W.events_path(SESSION_ID), {"event": stolen.to_wire()}, an.authorize()[1])
    assert bad.value.status == 400

    # the client checks too: a control event from Bình relayed by a (misbehaving) server is not followed
    before = laptops["an"].client.state
    sender = W.Sender(binh.member, binh.device.device_id, binh.device.public_b64, binh.device.name,
                      binh.device.created, binh.device.certificate(binh.identity))
    refusals = len([c for c in an.changes if c.kind == REFUSED])
    an.client._dispatch("event", {"seq": before.seq + 1, "event": forged.to_wire(), "sender": sender.to_wire()})
    assert (an.client.state.item, an.client.state.page) == (before.item, before.page)
    assert len([c for c in an.changes if c.kind == REFUSED]) == refusals + 1
    # nor an event whose signature is not the device's
    tampered = {**forged.to_wire(), "body": {**forged.body(), "type": W.CHECK_IN, "mode": "present"}}
    for key in ("item", "entry", "page"):
        tampered["body"].pop(key)
    an.client._dispatch("event", {"seq": before.seq + 2, "event": tampered, "sender": sender.to_wire()})
    assert an.client.state.status_of(binh.member) is None


def test_attendance_speaking_queue_and_a_named_vote(room: tuple[RunningServer, Path, dict[str, Laptop]],
                                                     tmp_path: Path) -> None:
    server, _bundle, laptops = room
    an, binh, cuong = (laptops[k] for k in ("an", "binh", "cuong"))
    sec = cuong.client
    # điểm danh
    an.client.check_in(W.PRESENT)
    binh.client.check_in(W.ONLINE)
    sec.check_in(W.PRESENT)
    until(lambda: sec.state.attending() == 3, "three checked in")
    assert sec.quorum()
    sec.mark_absent(binh.member, "Đi công tác")
    until(lambda: an.client.state.status_of(binh.member) == W.ABSENT, "Bình marked absent")
    assert an.client.state.attendance[binh.member].reason == "Đi công tác"
    until(lambda: sec.state.status_of(binh.member) == W.ABSENT, "the secretariat sees it")
    assert sec.state.attending() == 2 and sec.quorum()  # two of three: the two-thirds quorum holds

    # đăng ký phát biểu: in order, the floor given and closed
    binh.client.raise_hand(1, "Về số liệu quý IV")
    an.client.raise_hand(None, "")
    until(lambda: len(sec.state.queue) == 2, "two in the queue")
    assert [h.member for h in sec.state.queue] == [binh.member, an.member]
    until(lambda: an.client.state.place_in_queue(an.member) == 2, "An sees place 2")
    assert sec.state.queue[0].topic == "Về số liệu quý IV" and sec.state.queue[0].item == 1
    with pytest.raises(MeetingActionError):
        an.client.raise_hand()  # already asked
    sec.give_floor(binh.member)
    until(lambda: an.client.state.floor == binh.member and an.client.state.place_in_queue(an.member) == 1,
          "Bình has the floor, An is next")
    sec.close_floor()
    an.client.lower_hand()
    until(lambda: an.client.state.floor is None and an.client.state.queue == (), "floor closed, queue empty")

    # biểu quyết
    vote = sec.open_vote("Thông qua báo cáo quý IV", 1)
    until(lambda: all(p.client.state.open_vote is not None for p in laptops.values()), "the vote open everywhere")
    with pytest.raises(MeetingActionError):
        binh.client.vote(W.FOR)  # marked absent: check in first
    binh.client.check_in(W.ONLINE)
    until(lambda: binh.client.state.status_of(binh.member) == W.ONLINE, "Bình back online")
    assert an.client.vote(W.FOR) == S.COUNTED
    assert an.client.vote(W.AGAINST) == S.COUNTED  # changed: the later ballot counts
    assert binh.client.vote(W.BLANK) == S.COUNTED
    # the same ballot again (a retry after a lost answer): counted once
    again = binh.client.my_ballot(vote)
    assert again is not None
    conn, token = binh.authorize()
    assert conn.request("POST", W.ballots_path(SESSION_ID), {"ballot": again.to_wire()}, token)["status"] == \
        S.DUPLICATE
    # an older revision after a newer one: refused
    first = W.make_ballot(SESSION_ID, vote, an.member, W.FOR, 1, an.identity.signing_key)
    with pytest.raises(HttpError) as stale:
        an.connection.request("POST", W.ballots_path(SESSION_ID), {"ballot": first.to_wire()}, an.authorize()[1])
    assert stale.value.status == 409
    # forged: a ballot in An's name signed by Bình's key, sent by An's device (400) or by Bình's (403)
    forged = W.make_ballot(SESSION_ID, vote, an.member, W.FOR, 5, binh.identity.signing_key)
    with pytest.raises(HttpError) as bad:
        an.connection.request("POST", W.ballots_path(SESSION_ID), {"ballot": forged.to_wire()}, an.authorize()[1])
    assert bad.value.status == 400
    with pytest.raises(HttpError) as other:
        conn.request("POST", W.ballots_path(SESSION_ID), {"ballot": forged.to_wire()}, token)
    assert other.value.status == 403
    # not JSON, not in shape: 4xx, never 500
    for body in ({"ballot": {"body": {"format": "x"}, "signature": "y"}}, {"ballot": 3}, {}):
        with pytest.raises(HttpError) as shape:
            conn.request("POST", W.ballots_path(SESSION_ID), body, token)
        assert shape.value.status == 400
    until(lambda: sec.cast(vote) == 2, "two ballots cast")
    assert sec.state.vote(vote) is not None and dict(sec.state.vote(vote).ballots) == {}  # hidden until the close  # type: ignore[union-attr]

    sec.close_vote(vote)
    with pytest.raises(MeetingActionError):
        sec.vote(W.FOR, vote)  # after the close: refused
    def counted() -> dict[str, int] | None:
        v = an.client.state.vote(vote)
        return v.counts() if v is not None and not v.open else None
    until(lambda: counted() == {W.FOR: 0, W.AGAINST: 1, W.BLANK: 1}, "the result on An's laptop")
    final = an.client.state.vote(vote)
    assert final is not None and final.ballots[an.member].choice == W.AGAINST
    assert final.ballots[binh.member].choice == W.BLANK

    # the export and its independent recount
    out = tmp_path / "votes.json"
    assert cli("server", "export-votes", server.setup.folder, SESSION_ID, "--out", out) == 0
    assert cli("meeting", "verify-votes", out) == 0
    data = json.loads(out.read_text("utf-8"))
    assert [len(v["ballots"]) for v in data["votes"]] == [3]  # every revision received, the later one counts
    tampered = json.loads(out.read_text("utf-8"))
    tampered["votes"][0]["ballots"][-1]["ballot"]["body"]["choice"] = W.FOR
    bad_file = tmp_path / "tampered.json"
    bad_file.write_text(json.dumps(tampered), "utf-8")
    with pytest.raises(PaperlessError) as refused_file:
        cli("meeting", "verify-votes", bad_file)
    assert refused_file.value.exit_code != 0 and "2 problem" in refused_file.value.message("en")
    # a server that claims another result
    claimed = json.loads(out.read_text("utf-8"))
    claimed["votes"][0]["result"] = {W.FOR: 2, W.AGAINST: 0, W.BLANK: 0}
    claim_file = tmp_path / "claimed.json"
    claim_file.write_text(json.dumps(claimed), "utf-8")
    with pytest.raises(PaperlessError) as refused_claim:
        cli("meeting", "verify-votes", claim_file)
    assert refused_claim.value.exit_code != 0

    # attendance for the minutes
    csv_out = tmp_path / "attendance.csv"
    assert cli("server", "export-attendance", server.setup.folder, SESSION_ID, "--out", csv_out) == 0
    rows = csv_out.read_text("utf-8").splitlines()
    assert rows[0].startswith("member,name,status") and len(rows) == 4
    assert any("Trần Thị Bình" in r and ",online," in r for r in rows)
    toml_out = tmp_path / "diemdanh.toml"
    assert cli("server", "export-attendance", server.setup.folder, SESSION_ID, "--out", toml_out) == 0
    listed = tomllib.loads(toml_out.read_text("utf-8"))
    assert listed["session_id"] == SESSION_ID
    assert {(a["name"], a["status"]) for a in listed["attendance"]} == {
        ("Nguyễn Văn An", W.PRESENT), ("Trần Thị Bình", W.ONLINE), ("Lê Hoàng Cường", W.PRESENT)}


def test_a_dropped_connection_and_a_server_restart_come_back_to_the_right_state(
        room: tuple[RunningServer, Path, dict[str, Laptop]]) -> None:
    server, _bundle, laptops = room
    sec = laptops["cuong"].client
    binh = laptops["binh"]
    sec.go_to(1, ENTRY, 2)
    until(lambda: _at(binh, 1, ENTRY, 2), "Bình on page 2")
    snapshots = binh.client.snapshots
    binh.client.drop_connection()  # the LAN drops for Bình
    sec.go_to(1, ENTRY, 6)  # … meanwhile the presenter moves on
    until(lambda: binh.client.snapshots > snapshots and _at(binh, 1, ENTRY, 6), "Bình back, on page 6")

    restarted = server.restart()  # the server goes away and comes back (the same database)
    try:
        until(lambda: all(p.client.connected and p.client.snapshots > 1 for p in laptops.values()),
              "everyone reconnected after the restart", timeout=60)
        assert all(_at(p, 1, ENTRY, 6) for p in laptops.values())
        sec.go_to(2, "documents/0002.age", 1)
        until(lambda: all(_at(p, 2, "documents/0002.age", 1) for p in laptops.values()), "following after restart")
    finally:
        restarted.stop()


def test_several_workers_share_the_meeting_on_postgresql(tmp_path: Path, office: Office, pg: PgCluster) -> None:
    """SQLite has one writer and so one worker; on PostgreSQL, NOTIFY reaches every worker's streams."""
    server = start_server(setup_server(tmp_path / "server", office, db=pg.create_database()), workers=3)
    laptops: list[Laptop] = []
    try:
        bundle = publish_meeting(tmp_path / "bundles", server.setup)
        laptops = [Laptop(server.setup, k, bundle).start() for k in ("an", "binh", "cuong", "an", "binh")]
        until(lambda: all(p.client.connected for p in laptops), "every laptop connected")
        sec = laptops[2].client
        for page in range(1, 6):
            sec.go_to(1, ENTRY, page)
        until(lambda: all(_at(p, 1, ENTRY, 5) for p in laptops), "all followers, on whatever worker, on page 5")
    finally:
        for laptop in laptops:
            laptop.stop()
        server.stop()


def test_only_the_sessions_members_get_in_and_bad_input_is_4xx(server: RunningServer, tmp_path: Path) -> None:
    """Bình is enrolled with the server but not in this session's audience: the stream and every write are 403."""
    bundle = publish_meeting(tmp_path / "bundles", server.setup, members=("an", "cuong"), chair=None)
    cuong = Laptop(server.setup, "cuong", bundle).start()
    other = Laptop(server.setup, "an", bundle)
    # Bình's laptop, with the agenda An can read (Bình never got it): the server still refuses him
    binh = Laptop(server.setup, "binh", bundle, agenda=other.agenda)
    try:
        until(lambda: cuong.client.connected, "the secretariat connected")
        conn, token = binh.authorize()
        with pytest.raises(HttpError) as stream:
            with conn.stream(W.stream_path(SESSION_ID), token):
                pass
        assert stream.value.status == 403
        event = W.make_event(SESSION_ID, binh.member, binh.device.device_id, W.CHECK_IN, {"mode": W.PRESENT},
                             binh.device.sign)
        with pytest.raises(HttpError) as write:
            conn.request("POST", W.events_path(SESSION_ID), {"event": event.to_wire()}, token)
        assert write.value.status == 403
        # a session that does not exist: the same 403; a malformed id: 404
        with pytest.raises(HttpError) as unknown:
            conn.request("POST", W.events_path("khong-co"), {"event": event.to_wire()}, token)
        assert unknown.value.status in (400, 403)
        with server.client() as http:
            headers = {"Authorization": f"Bearer {cuong.authorize()[1]}"}
            for path, body in ((W.events_path(SESSION_ID), b"not json"), (W.events_path(SESSION_ID), b"[]"),
                               (W.events_path(SESSION_ID), b'{"event": {"body": {}, "signature": ""}}'),
                               (W.ballots_path(SESSION_ID), b'{"ballot": null}'),
                               (W.events_path(SESSION_ID), b"{" + b" " * 9000 + b"}"),
                               ("/v1/meeting/c%C3%B3%20d%E1%BA%A5u/events", b"{}")):
                r = http.post(path, content=body, headers=headers)
                assert 400 <= r.status_code < 500, (path, r.status_code, r.text)
            assert http.get(W.stream_path(SESSION_ID)).status_code == 401  # no token
        # the secretariat of a session without a chair runs it alone
        cuong.client.go_to(1, ENTRY, 2)
        until(lambda: _at(cuong, 1, ENTRY, 2), "the secretariat's own page")
    finally:
        for laptop in (cuong, other, binh):
            laptop.stop()


def test_an_open_stream_ends_when_its_token_expires_or_its_device_is_revoked(
        room: tuple[RunningServer, Path, dict[str, Laptop]]) -> None:
    """A stream is checked again while it is open: the server ends it within RECHECK_S (+ slack) once
    its device is revoked or its token has expired; the app's reconnect is then refused, and a fresh
    login (a new token) brings it back. The others keep following meanwhile."""
    from paperless.core.meeting.client import CONNECTION
    from paperless.core.sync import protocol as P
    from paperless.server.meeting import RECHECK_S

    server, _bundle, laptops = room
    bound = RECHECK_S + 3.0  # well under the client's read timeout (15 s here): the server ended it

    def ends(laptop: Laptop, what: str) -> None:
        seen = len(laptop.changes)
        start = time.monotonic()
        until(lambda: not laptop.client.connected, what, timeout=bound)
        assert time.monotonic() - start <= bound
        lost = [c for c in laptop.changes[seen:] if c.kind == CONNECTION and not c.connected]
        assert lost and lost[0].detail is not None and lost[0].detail.en == "the connection ended", lost

    # Bình's laptop is revoked (by the office, from the server's console): his stream ends, he stays out
    assert cli("server", "revoke-device", server.setup.folder, laptops["binh"].device.device_id) == 0
    ends(laptops["binh"], "Bình's stream ended by the server")
    conn, token = laptops["binh"].authorize()
    with pytest.raises(HttpError) as refused:
        with conn.stream(W.stream_path(SESSION_ID), token):
            pass
    assert refused.value.status == 403
    assert laptops["an"].client.connected and laptops["cuong"].client.connected
    laptops["cuong"].client.go_to(1, ENTRY, 4)
    until(lambda: _at(laptops["an"], 1, ENTRY, 4), "An still follows")
    assert not laptops["binh"].client.connected

    # every token expires (the server's clock moves past their lifetime): An's stream ends too
    server.advance_clock(P.TOKEN_TTL_S + 60)
    ends(laptops["an"], "An's stream ended at its token's expiry")
    with pytest.raises(HttpError) as expired:
        with laptops["an"].connection.stream(W.stream_path(SESSION_ID), laptops["an"].authorize()[1]):
            pass
    assert expired.value.status == 401
    laptops["an"].forget_token()  # what the app does on 401: log in again, and it follows again
    until(lambda: laptops["an"].client.connected, "An back with a fresh token", timeout=20)
    assert _at(laptops["an"], 1, ENTRY, 4)


def test_actions_reuse_one_connection_and_a_kept_connection_the_server_closed_is_replaced(
        room: tuple[RunningServer, Path, dict[str, Laptop]]) -> None:
    """The secretariat's actions go on one kept TLS connection (keep_alive); when the server has closed
    it meanwhile, the action is sent once more on a new one, applied once."""
    import socket

    from paperless.core.sync.transport import Connection

    _server, _bundle, laptops = room
    secretariat = laptops["cuong"].client
    secretariat.go_to(1, ENTRY, 2)
    actions = secretariat._actions
    assert isinstance(actions, Connection) and actions.keep_alive and actions._idle is not None
    kept = actions._idle[1]
    secretariat.go_to(1, ENTRY, 3)
    assert actions._idle is not None and actions._idle[1] is kept  # the same socket: no new handshake
    until(lambda: all(_at(p, 1, ENTRY, 3) for p in laptops.values()), "everyone on page 3")

    socket.socket.shutdown(kept, socket.SHUT_RDWR)  # the connection cut while idle (as a server's timeout does)
    seq = secretariat.go_to(1, ENTRY, 4)
    assert actions._idle is not None and actions._idle[1] is not kept
    until(lambda: all(_at(p, 1, ENTRY, 4) for p in laptops.values()), "everyone on page 4")
    assert laptops["an"].client.state.seq == seq  # applied once

    secretariat.stop()  # the kept connection goes with the client
    assert actions.aborted and actions._idle is None


def test_ballots_sent_at_once_and_sent_twice_are_counted_once_each(
        room: tuple[RunningServer, Path, dict[str, Laptop]]) -> None:
    """Ballots arriving together are counted in one group (one transaction): each still checked alone —
    the same ballot twice in a group is counted once and answered duplicate, a ballot with a bad token
    is refused without the others."""
    import threading

    _server, _bundle, laptops = room
    sec = laptops["cuong"].client
    for laptop in laptops.values():
        laptop.client.check_in(W.PRESENT)
    vote = sec.open_vote("Biểu quyết cùng lúc", 1)
    until(lambda: all(p.client.state.open_vote is not None for p in laptops.values()), "the vote open")
    choices = {"an": W.FOR, "binh": W.AGAINST, "cuong": W.BLANK}
    ballots = {k: W.make_ballot(SESSION_ID, vote, laptops[k].member, c, 1, laptops[k].identity.signing_key)
               for k, c in choices.items()}
    sends = [(k, laptops[k].authorize()[1]) for k in choices for _ in range(2)] + [("an", "not-a-token")]
    barrier = threading.Barrier(len(sends))
    answers: dict[int, object] = {}

    def send(i: int, key: str, token: str) -> None:
        barrier.wait()
        try:
            answers[i] = laptops[key].connection.request(
                "POST", W.ballots_path(SESSION_ID), {"ballot": ballots[key].to_wire()}, token)["status"]
        except HttpError as exc:
            answers[i] = exc.status

    threads = [threading.Thread(target=send, args=(i, k, t)) for i, (k, t) in enumerate(sends)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for i in range(0, 6, 2):
        assert sorted([answers[i], answers[i + 1]]) == [S.COUNTED, S.DUPLICATE]  # type: ignore[type-var]
    assert answers[6] == 401
    sec.close_vote(vote)

    def counted() -> dict[str, int] | None:
        v = laptops["an"].client.state.vote(vote)
        return v.counts() if v is not None and not v.open else None
    until(lambda: counted() == {W.FOR: 1, W.AGAINST: 1, W.BLANK: 1}, "one ballot each at the close")
