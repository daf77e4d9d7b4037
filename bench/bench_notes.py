#!/usr/bin/env python3
"""Benchmark saving one annotation in the encrypted notes store, against plain SQLite in the same run.

Times, one call at a time, ``NotesStore.add_annotation`` (seal the payload with AES-256-GCM,
insert the record and its outbox operation, update the sealed row digest, commit one WAL
transaction with ``synchronous=FULL``) over --saves saves after a warm-up, and reports p50/p95/p99/max —
goal: p95 < 10 ms. The references, measured in the same run on the same disk with the same
PRAGMAs through the ``sqlite3`` module, are a plain ``INSERT`` of a row of the same size and
``COMMIT``, and two such inserts (record + outbox) in one commit; the ratios ours/reference
are printed beside. Also: ``update_annotation``, reading back a page of 200 annotations, reading
a whole document of 200 annotations (what the reader does), sealing alone, and opening a store
that holds --records records (``NotesStore.open``: key, checks; the identity is already unlocked),
against opening the same file with plain ``sqlite3`` and counting its rows.

    .venv/bin/python bench/bench_notes.py [--saves 2000] [--records 10000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from paperless.core.anchoring import Anchor, PageRect, TextQuote  # noqa: E402
from paperless.core.identity import UnlockedIdentity, create_identity, unlock_identity  # noqa: E402
from paperless.core.notes import DB_FILE, Ink, NotesStore, TextMarkup  # noqa: E402
from paperless.core.notes.crypto import PayloadCipher  # noqa: E402
from paperless.core.notes.db import PRAGMAS  # noqa: E402

SID = "phien-12"
DOC = "3c" * 32
DOC2 = "4d" * 32
PASSPHRASE = "bench bench bench 12"
QUOTE = ("Tập trung lãnh đạo, chỉ đạo thực hiện đồng bộ các giải pháp chuyển đổi số trong cơ quan Đảng, "
         "chính quyền; ưu tiên đầu tư hạ tầng dữ liệu dùng chung của tỉnh")


def payload(i: int) -> TextMarkup:
    """What the viewer stores for a text highlight over three lines (its typed content)."""
    page = i % 120
    anchor = Anchor(DOC, page, tuple(PageRect(page, 72.0, 100.0 + 14 * k, 523.3, 113.6 + 14 * k) for k in range(3)),
                    quote=TextQuote(QUOTE, "Điều 3. Nhiệm vụ và giải pháp. ", " giai đoạn 2025–2030."),
                    position=1234 + i, text_length=250_000)
    return TextMarkup(anchor=anchor, quote=QUOTE)


def stroke(i: int) -> Ink:
    """A pen stroke of 40 points."""
    return Ink(strokes=(tuple((72.0 + 3 * k, 300.0 + (i + k) % 17) for k in range(40)),), width=2.0)


def percentiles(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1e3 for t in times)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "max": ms[-1], "mean": statistics.fmean(ms)}


def timed(fn: Callable[[int], object], n: int, warm: int = 50) -> list[float]:
    for i in range(warm):
        fn(-1 - i)
    out = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - start)
    return out


def reference(path: Path, row_bytes: int, with_outbox: bool) -> tuple[Callable[[int], None], sqlite3.Connection]:
    """Plain sqlite3: INSERT a row of the same size (twice with the outbox) and COMMIT, same PRAGMAs."""
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        con.execute(pragma)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE rec (uuid TEXT PRIMARY KEY, session_id TEXT, doc_hash TEXT, page INTEGER,"
                " kind TEXT, color TEXT, created TEXT, hlc TEXT, deleted INTEGER, payload BLOB)")
    con.execute("CREATE TABLE box (seq INTEGER PRIMARY KEY AUTOINCREMENT, op_id TEXT UNIQUE,"
                " record_uuid TEXT, hlc TEXT, payload BLOB)")

    def one(i: int) -> None:
        blob = os.urandom(row_bytes)
        u = str(uuid.uuid4())
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO rec VALUES (?, ?, ?, ?, 'highlight', '#ffd400', 'x', 'x', 0, ?)",
                    (u, SID, DOC, i % 120, blob))
        if with_outbox:
            con.execute("INSERT INTO box (op_id, record_uuid, hlc, payload) VALUES (?, ?, 'x', ?)",
                        (str(uuid.uuid4()), u, blob))
        con.execute("COMMIT")

    return one, con


def interleaved(fns: list[Callable[[int], object]], n: int, block: int = 100) -> list[list[float]]:
    """Time each function n times, taking turns in blocks, so a slow spell of the disk hits all alike."""
    times: list[list[float]] = [[] for _ in fns]
    for start in range(0, n, block):
        for fn, out in zip(fns, times, strict=True):
            out += timed(fn, min(block, n - start), warm=0 if start else 50)
    return times


def open_times(folder: Path, identity: UnlockedIdentity, records: int, reps: int = 7) -> tuple[list[float], list[float]]:
    """Fill a store with ``records`` annotations, then time opening it (and a plain sqlite3 reference)."""
    with NotesStore.open(folder, identity) as store:
        for i in range(records):
            store.add_annotation(SID, DOC if i % 2 else DOC2, i % 120, "highlight", "#ffd400", payload(i))
    ours, ref = [], []
    for _ in range(reps):
        start = time.perf_counter()
        NotesStore.open(folder, identity).close()
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        con = sqlite3.connect(folder / DB_FILE)
        con.execute("SELECT COUNT(*) FROM annotations").fetchone()
        con.close()
        ref.append(time.perf_counter() - start)
    return ours, ref


def row(name: str, stats: dict[str, float], ref: dict[str, float] | None = None) -> str:
    text = f"{name:<50} " + " ".join(f"{stats[k]:7.3f}" for k in ("p50", "p95", "p99", "max"))
    if ref is not None:
        text += "   " + " ".join(f"{stats[k] / ref[k]:5.1f}x" for k in ("p50", "p95", "p99"))
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--saves", type=int, default=2000)
    ap.add_argument("--records", type=int, default=10_000, help="records in the store timed for opening")
    ap.add_argument("--dir", type=Path, default=None, help="where to put the databases (default: a temp folder)")
    args = ap.parse_args()
    n = max(args.saves, 1000)
    with tempfile.TemporaryDirectory(prefix="bench-notes-", dir=args.dir) as tmp:
        root = Path(tmp)
        fs = subprocess.run(["df", "-T", str(root)], capture_output=True, text=True).stdout.splitlines()[-1:]
        print(f"machine: {os.uname().machine}, {os.cpu_count()} cpus; python {sys.version.split()[0]}; "
              f"sqlite {sqlite3.sqlite_version}; folder {root} ({' '.join(fs[0].split()[:2]) if fs else '?'})")
        print(f"PRAGMAs: journal_mode=WAL, {', '.join(p.removeprefix('PRAGMA ') for p in PRAGMAS)}")
        create_identity(root / "id", "Người đo", "member", PASSPHRASE, log_n=10)
        identity = unlock_identity(root / "id", PASSPHRASE, failure_delay=0)
        with NotesStore.open(root / "notes", identity) as store:
            made: list[str] = []

            def save(i: int) -> None:
                made.append(store.add_annotation(SID, DOC, i % 120, "highlight", "#ffd400", payload(i)).uuid)

            save(0)
            sealed = len(store.pending_outbox(limit=1)[0].payload)
            ref1_fn, con1 = reference(root / "ref1.sqlite3", sealed, with_outbox=False)
            ref2_fn, con2 = reference(root / "ref2.sqlite3", sealed, with_outbox=True)
            t_save, t_ref1, t_ref2 = interleaved([save, ref1_fn, ref2_fn], n)
            con1.close()
            con2.close()
            t_update = timed(lambda i: store.update_annotation(made[i % len(made)], color="#00aa00"), min(n, 1000))
            for i in range(200):
                store.add_annotation(SID, DOC, 500, "ink", "#000000", stroke(i))
            t_page = timed(lambda i: store.annotations(SID, DOC, page=500), 50, warm=3)
            assert len(store.annotations(SID, DOC, page=500)) == 200
            for i in range(200):
                store.add_annotation(SID, DOC2, i % 40, "ink", "#000000", stroke(i))
            t_doc = timed(lambda i: store.annotations(SID, DOC2), 50, warm=3)
        cipher = PayloadCipher(os.urandom(32))
        stored = [payload(i).to_json() for i in range(100)]  # the JSON made once: sealing alone is timed
        t_seal = timed(lambda i: cipher.seal("annotations", "u", {"meta": {}, "data": stored[i % 100]}), n)
        ref1, ref2 = percentiles(t_ref1), percentiles(t_ref2)
        t_open, t_open_ref = open_times(root / "big", identity, args.records)

    ours = percentiles(t_save)
    print(f"\n{n} saves each, interleaved; sealed payload {sealed} bytes; ms"
          f"{'':2}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}   ours/ref (p50 p95 p99)")
    print(row("reference: sqlite3 INSERT + COMMIT", ref1))
    print(row("reference: sqlite3 2x INSERT (+outbox) + COMMIT", ref2))
    print(row("ours: add_annotation (record + outbox)", ours, ref1))
    print(row("  ... against the 2-insert reference", ours, ref2))
    print(row("ours: update_annotation", percentiles(t_update), ref2))
    print(row("ours: seal only (JSON + AES-256-GCM)", percentiles(t_seal)))
    print(row("ours: read a page of 200 annotations", percentiles(t_page)))
    print(row("ours: read a document of 200 annotations", percentiles(t_doc)))
    print(f"\nopening a store of {args.records} records (+ as many outbox operations), ms, median of "
          f"{len(t_open)}: ours {statistics.median(t_open) * 1e3:.1f} "
          f"(min {min(t_open) * 1e3:.1f}); reference sqlite3 connect + count rows "
          f"{statistics.median(t_open_ref) * 1e3:.1f}")
    verdict = "meets" if ours["p95"] < 10 else "MISSES"
    print(f"\nsave p95 {ours['p95']:.3f} ms: {verdict} the goal of < 10 ms")


if __name__ == "__main__":
    main()
