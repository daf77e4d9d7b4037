#!/usr/bin/env python3
"""Benchmark the meeting room (docs/meeting.md) on SQLite and PostgreSQL, against a bare broadcast in the same run.

* **Follow the presenter**: --followers members' laptops (the real Qt-free MeetingClient, each on
  its own SSE stream over the pinned HTTPS connection, all in this process) follow the
  secretariat, who moves the page --rounds times. Latency: from just before the secretariat's
  ``go_to`` request to the moment each follower's client has verified the event and its state
  shows the new page. Printed p50/p99 over every (round, follower). Goal p99 < 50 ms on loopback.
  **Reference**: the same clients connected to a *bare* broadcaster served the same way (uvicorn,
  TLS, one process) that keeps no state and checks nothing: a POST of the very same signed event
  is written at once to every open stream. Ratio ours/bare of p50 and p99. All the followers run in
  this one Python process (one GIL, on the same machine as the server): their own work (TLS, JSON,
  an Ed25519 check per event, the reducer) is part of these figures, as it is of the bare ones.
* **Server side**: the same, with the real clients stopped and --followers cheap asyncio readers
  (no checks) on the streams instead, for our server and for the bare broadcaster.
* **Voting**: the secretariat opens a vote; every follower casts a ballot (signed with their own
  key) at the same moment (a barrier), each on its own HTTPS request. Printed: the time until the
  last ballot is counted (goal < 1 s for 100 members); then the vote is closed, exported and
  recounted (``verify_votes``): every member exactly once, and every ballot sent again is
  ``duplicate``.

Each measurement is repeated --repeat times on the same server and the medians are printed.

    .venv/bin/python bench/bench_meeting.py [--db sqlite,postgresql] [--followers 100] [--rounds 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / "src", ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import httpx  # noqa: E402
from fastapi import Request  # noqa: E402  (module level: the bare endpoint's annotations)
from meeting_helpers import SESSION_ID, Laptop, meeting_bundle, until  # noqa: E402
from server_helpers import (  # noqa: E402
    PgCluster,
    RunningServer,
    free_port,
    make_office,
    pinned_context,
    setup_server,
    start_server,
)

from paperless.core.bundle.reader import open_bundle  # noqa: E402
from paperless.core.identity import load_card  # noqa: E402
from paperless.core.meeting import record as R  # noqa: E402
from paperless.core.meeting import state as S  # noqa: E402
from paperless.core.meeting import wire as W  # noqa: E402
from paperless.core.meeting.client import STATE, MeetingChange  # noqa: E402
from paperless.core.sync.transport import Connection  # noqa: E402


# -- the bare broadcaster (run in a child process by this script) ----------------------------------------------
def bare_app() -> Any:
    from fastapi import FastAPI
    from fastapi.responses import StreamingResponse

    app = FastAPI()
    queues: set[asyncio.Queue[bytes]] = set()

    @app.get("/v1/meeting/{session_id}/stream")
    async def stream(session_id: str) -> StreamingResponse:
        queue: asyncio.Queue[bytes] = asyncio.Queue()

        async def events() -> AsyncIterator[bytes]:
            queues.add(queue)
            try:
                snapshot = {"session_id": session_id, "seq": 0, "events": [], "ballots": {}, "cast": {}}
                yield f"event: snapshot\ndata: {json.dumps(snapshot)}\n\n".encode()
                while True:  # a comment line every 10 s, as the real server sends (the clients' read timeout)
                    try:
                        yield await asyncio.wait_for(queue.get(), 10.0)
                    except TimeoutError:
                        yield b": ping\n\n"
            finally:
                queues.discard(queue)

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.post("/broadcast")
    async def broadcast(request: Request) -> dict[str, int]:
        data = (await request.body()).decode()
        message = f"event: event\ndata: {data}\n\n".encode()
        for queue in list(queues):
            queue.put_nowait(message)
        return {"sent": len(queues)}

    @app.get("/streams")
    async def streams() -> dict[str, int]:
        return {"open": len(queues)}

    return app


def serve_bare(args: argparse.Namespace) -> int:
    import uvicorn

    uvicorn.run(bare_app(), host="127.0.0.1", port=args.bare_port, ssl_keyfile=args.bare_key,
                ssl_certfile=args.bare_cert, log_level="warning", access_log=False)
    return 0


class Bare:
    def __init__(self, server: RunningServer) -> None:
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        setup = server.setup
        cmd = [sys.executable, __file__, "--bare-serve", "--bare-port", str(self.port),
               "--bare-key", str(setup.folder / "tls.key"), "--bare-cert", str(setup.cert_path)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, start_new_session=True)
        self.http = httpx.Client(base_url=self.url, verify=pinned_context(setup.cert_path), timeout=30)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.http.get("/streams", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise SystemExit("the bare server did not start")

    def open_streams(self) -> int:
        return int(self.http.get("/streams").json()["open"])

    def stop(self) -> None:
        self.http.close()
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:  # uvicorn waits for open streams: enough waiting
            self.proc.kill()
            self.proc.wait(30)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Arrivals:
    """When each follower's state first shows the page of the current round."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.page = -1
        self.times: list[float] = []

    def expect(self, page: int) -> None:
        with self.lock:
            self.page, self.times = page, []

    def observer(self) -> Any:
        seen = {"page": -1}

        def observe(change: MeetingChange) -> None:
            if change.kind != STATE:
                return
            now = time.perf_counter()
            with self.lock:
                if change.state.page == self.page and seen["page"] != self.page:
                    seen["page"] = self.page
                    self.times.append(now)

        return observe


def follow_rounds(laptops: list[Laptop], arrivals: Arrivals, rounds: int, first_page: int,
                  send: Any) -> list[float]:
    """``rounds`` page moves; every follower's latency in ms."""
    latencies: list[float] = []
    for r in range(rounds):
        page = first_page + r
        arrivals.expect(page)
        start = time.perf_counter()
        send(page)
        until(lambda: len(arrivals.times) >= len(laptops), f"all followers on page {page}", timeout=60)
        with arrivals.lock:
            latencies += [(t - start) * 1000 for t in arrivals.times]
        time.sleep(0.05)
    return latencies


PAGE = re.compile(rb'"page":([0-9]+)')


async def raw_rounds(port: int, ctx: ssl.SSLContext, tokens: list[str | None], rounds: int, first_page: int,
                     send: Any) -> list[float]:
    """The server's side alone: ``len(tokens)`` cheap asyncio readers of the stream (no checks, one
    process, one thread), timing when each sees the page of the round; ``send(page)`` runs in a thread."""
    loop = asyncio.get_running_loop()
    path = W.stream_path(SESSION_ID)
    expected = {"page": -1, "start": 0.0}
    arrivals: list[float] = []
    seen: list[int] = [-1] * len(tokens)
    ready = 0

    async def reader(i: int, token: str | None) -> None:
        nonlocal ready
        r, w = await asyncio.open_connection("127.0.0.1", port, ssl=ctx, limit=64 * 1024 * 1024)
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        w.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Accept: text/event-stream\r\n\r\n".encode())
        await w.drain()
        snapshot = False
        try:
            while True:
                line = await r.readline()
                if not line:
                    return
                if not snapshot and line.startswith(b"event: snapshot"):
                    snapshot = True
                    ready += 1
                m = PAGE.search(line) if line.startswith(b"data:") else None
                if m and int(m.group(1)) == expected["page"] and seen[i] != expected["page"]:
                    seen[i] = expected["page"]
                    arrivals.append((time.perf_counter() - expected["start"]) * 1000)
        finally:
            w.close()

    tasks = [asyncio.create_task(reader(i, t)) for i, t in enumerate(tokens)]
    try:
        deadline = time.monotonic() + 120
        while ready < len(tokens):
            if time.monotonic() > deadline:
                raise SystemExit("the raw readers did not all get a snapshot")
            await asyncio.sleep(0.05)
        latencies: list[float] = []
        for r in range(rounds):
            page = first_page + r
            arrivals.clear()
            expected["page"], expected["start"] = page, time.perf_counter()
            await loop.run_in_executor(None, send, page)
            deadline = time.monotonic() + 60
            while len(arrivals) < len(tokens):
                if time.monotonic() > deadline:
                    raise SystemExit(f"raw readers: only {len(arrivals)} saw page {page}")
                await asyncio.sleep(0.001)
            latencies += arrivals
            await asyncio.sleep(0.05)
        return latencies
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def cast(barrier: threading.Barrier, laptop: Laptop, choice: str, vote: str) -> str:
    """One member's ballot, sent when everyone is ready."""
    barrier.wait()
    return laptop.client.vote(choice, vote)


def one_db(kind: str, args: argparse.Namespace, pg: PgCluster | None, root: Path) -> dict[str, float]:
    keys = [f"m{i:03d}" for i in range(args.followers)]
    office = make_office(root / "office", [*keys, "thuky"])
    db_url = pg.create_database() if pg is not None else ""
    setup = setup_server(root / "server", office, db=db_url, enroll=[*keys, "thuky"])
    server = start_server(setup)
    bare: Bare | None = None
    everyone: list[Laptop] = []
    try:
        bundle = meeting_bundle(root / "bundles", office, members=(*keys, "thuky"), chair=None,
                                secretariat=("thuky",))
        from distribution_helpers import publish

        assert publish(setup.folder, bundle) == 0
        agenda = open_bundle(bundle, office.unlock("thuky"), [load_card(office.clerk)]).agenda
        sec = Laptop(setup, "thuky", bundle, agenda=agenda)
        followers = [Laptop(setup, k, bundle, agenda=agenda) for k in keys]
        everyone = [sec, *followers]
        arrivals = Arrivals()
        for f in followers:
            f.client.observers.subscribe(arrivals.observer())
        with ThreadPoolExecutor(16) as pool:  # register the devices (a login each) before the clock runs
            list(pool.map(lambda p: p.authorize(), everyone))
        sec.start()
        for f in followers:
            f.start()
        until(lambda: all(p.client.connected for p in everyone), "every laptop connected", timeout=120)
        sec.client.go_to(1, None, 1)
        until(lambda: all(f.client.state.page == 1 for f in followers), "warm-up")

        out: dict[str, list[float]] = {k: [] for k in ("p50", "p99", "bare_p50", "bare_p99", "vote_s")}
        page = 2
        # the bare broadcaster: the same clients, a second stream each
        bare = Bare(server)
        bare_laptops = []
        bare_conn = Connection(replace(sec.connection.office, url=bare.url), keep_alive=True)
        seq = {"n": 10**9}
        sender = W.Sender(sec.member, sec.device.device_id, sec.device.public_b64, sec.device.name,
                          sec.device.created, sec.device.certificate(sec.identity)).to_wire()
        bare_office = replace(followers[0].connection.office, url=bare.url)
        bare_arrivals = Arrivals()
        for f in followers:
            twin = Laptop(setup, f.key, bundle, identity=f.identity, agenda=agenda)
            twin.connection = Connection(bare_office)
            twin.authorize = lambda c=twin.connection: (c, "bare")  # type: ignore[method-assign]
            twin.client._authorize = twin.authorize
            twin.client.observers.subscribe(bare_arrivals.observer())
            bare_laptops.append(twin.start())
        until(lambda: bare.open_streams() >= len(bare_laptops) and all(t.client.connected for t in bare_laptops),
              "the bare streams open", timeout=120)

        def bare_send(p: int) -> None:
            seq["n"] += 1
            event = W.make_event(SESSION_ID, sec.member, sec.device.device_id, W.GO_TO,
                                 {"item": 1, "entry": None, "page": p}, sec.device.sign)
            # one connection kept open, as the secretariat's client keeps for its actions
            bare_conn.request("POST", "/broadcast", {"seq": seq["n"], "event": event.to_wire(), "sender": sender})

        for rep in range(args.repeat):
            ours = follow_rounds(followers, arrivals, args.rounds, page, lambda p: sec.client.go_to(1, None, p))
            page += args.rounds
            theirs = follow_rounds(bare_laptops, bare_arrivals, args.rounds, page, bare_send)
            page += args.rounds
            out["p50"].append(pct(ours, 0.5))
            out["p99"].append(pct(ours, 0.99))
            out["bare_p50"].append(pct(theirs, 0.5))
            out["bare_p99"].append(pct(theirs, 0.99))

            # voting: everyone at once
            if rep == 0:
                for f in followers:
                    f.client.check_in(W.PRESENT)
            vote = sec.client.open_vote(f"Biểu quyết thử số {rep + 1}", 1)
            until(lambda: all(f.client.state.open_vote is not None for f in followers), "the vote open")
            barrier = threading.Barrier(len(followers) + 1)
            choices = [W.CHOICES[i % 3] for i in range(len(followers))]

            with ThreadPoolExecutor(len(followers)) as pool:
                futures = [pool.submit(cast, barrier, followers[i], choices[i], vote) for i in range(len(followers))]
                barrier.wait()
                start = time.perf_counter()
                results = [f.result() for f in futures]
                out["vote_s"].append(time.perf_counter() - start)
            assert results == [S.COUNTED] * len(followers), results
            again = []  # every ballot sent again (a retry after a lost answer): counted once
            for f in followers:
                mine = f.client.my_ballot(vote)
                assert mine is not None
                conn, token = f.authorize()
                again.append(conn.request("POST", W.ballots_path(SESSION_ID), {"ballot": mine.to_wire()}, token))
            assert all(a["status"] == S.DUPLICATE for a in again)
            sec.client.close_vote(vote)
            votes_file = root / f"votes-{rep}.json"
            from server_helpers import cli

            assert cli("server", "export-votes", setup.folder, SESSION_ID, "--out", votes_file) == 0
            report = R.verify_votes(json.loads(votes_file.read_text("utf-8")))
            assert report.ok, report.problems
            mine_report = next(v for v in report.votes if v.vote == vote)
            expected = {c: choices.count(c) for c in W.CHOICES}
            assert mine_report.counts == expected and len(mine_report.named) == len(followers), mine_report
            print(f"  [{kind} run {rep + 1}] follow p50 {out['p50'][-1]:.1f} ms p99 {out['p99'][-1]:.1f} ms; "
                  f"bare p50 {out['bare_p50'][-1]:.1f} ms p99 {out['bare_p99'][-1]:.1f} ms; "
                  f"{len(followers)} ballots in {out['vote_s'][-1]:.2f} s, each counted once", flush=True)
        for twin in bare_laptops:
            twin.stop()

        # the server's side alone: the real clients stopped, cheap readers instead (same streams, same sends)
        tokens: list[str | None] = [f.authorize()[1] for f in followers]
        for f in followers:
            f.client.stop()
        ctx = pinned_context(setup.cert_path)
        raw = {k: [] for k in ("raw_p50", "raw_p99", "raw_bare_p50", "raw_bare_p99")}  # type: dict[str, list[float]]
        for _rep in range(args.repeat):
            ours = asyncio.run(raw_rounds(setup.port, ctx, tokens, args.rounds, page,
                                          lambda p: sec.client.go_to(1, None, p)))
            page += args.rounds
            theirs = asyncio.run(raw_rounds(bare.port, ctx, [None] * len(tokens), args.rounds, page, bare_send))
            page += args.rounds
            raw["raw_p50"].append(pct(ours, 0.5))
            raw["raw_p99"].append(pct(ours, 0.99))
            raw["raw_bare_p50"].append(pct(theirs, 0.5))
            raw["raw_bare_p99"].append(pct(theirs, 0.99))
            print(f"  [{kind} server side] p50 {raw['raw_p50'][-1]:.1f} ms p99 {raw['raw_p99'][-1]:.1f} ms; "
                  f"bare p50 {raw['raw_bare_p50'][-1]:.1f} ms p99 {raw['raw_bare_p99'][-1]:.1f} ms", flush=True)
        out.update(raw)
        bare_conn.close_idle()
        return {k: statistics.median(v) for k, v in out.items()}
    finally:
        for laptop in everyone:
            laptop.stop()
        if bare is not None:
            bare.stop()
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--followers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bare-serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--bare-port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--bare-key", help=argparse.SUPPRESS)
    parser.add_argument("--bare-cert", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_serve:
        return serve_bare(args)
    print(f"bench_meeting: {args.followers} followers, {args.rounds} page moves x {args.repeat} runs; "
          f"{platform.machine()} {os.cpu_count()} CPUs, Python {platform.python_version()}", flush=True)
    pg = PgCluster() if "postgresql" in args.db else None
    try:
        for kind in args.db.split(","):
            with tempfile.TemporaryDirectory(prefix=f"bench-meeting-{kind}-") as tmp:
                m = one_db(kind, args, pg if kind == "postgresql" else None, Path(tmp))
            print(f"{kind}: page change to {args.followers} followers p50 {m['p50']:.1f} ms, p99 {m['p99']:.1f} ms "
                  f"(goal p99 < 50 ms); bare broadcast p50 {m['bare_p50']:.1f} ms, p99 {m['bare_p99']:.1f} ms; "
                  f"ratio ours/bare p50 {m['p50'] / m['bare_p50']:.2f}, p99 {m['p99'] / m['bare_p99']:.2f}; "
                  f"{args.followers} ballots counted in {m['vote_s']:.2f} s (goal < 1 s), each exactly once",
                  flush=True)
            print(f"{kind}, server side (cheap readers): p50 {m['raw_p50']:.1f} ms, p99 {m['raw_p99']:.1f} ms; "
                  f"bare p50 {m['raw_bare_p50']:.1f} ms, p99 {m['raw_bare_p99']:.1f} ms; ratio ours/bare "
                  f"p50 {m['raw_p50'] / m['raw_bare_p50']:.2f}, p99 {m['raw_p99'] / m['raw_bare_p99']:.2f}", flush=True)
    finally:
        if pg is not None:
            pg.drop_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
