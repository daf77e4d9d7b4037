#!/usr/bin/env python3
"""Benchmark the meeting-morning load: --clients members' devices downloading one --size-mb bundle
at once from the office server, against Debian's nginx serving the same file over TLS in the same run.

* A real signed bundle of about --size-mb MB (one PDF carrying random bytes), published with
  ``paperless server publish``; ``paperless server run`` serves it (SQLite, one worker; or
  ``--db postgresql --workers N``).
* --clients ``curl`` processes (C clients, so the measuring side costs the same for both servers)
  download it at once over HTTPS on loopback with their own device's bearer token; the same
  number of ``curl`` then download the same file from nginx (``sendfile on``, TLS with the same
  certificate and key, ``worker_processes auto``).
* Printed: aggregate throughput (MB/s, all bytes over the wall time from the first start to the
  last finish) of each, the ratio ours/nginx (goal >= 0.8), and the server's largest RSS while
  serving (all its processes; goal: bounded, independent of the file size). Every download is
  checked for its size and, once per server, its SHA-256.

    .venv/bin/python bench/bench_distribution.py [--clients 70] [--size-mb 200] [--repeat 1]
        [--db sqlite|postgresql] [--workers 1]

Needs nginx (tools/system-packages.txt: nginx-light) and curl.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / "src", ROOT / "tests"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from server_helpers import (  # noqa: E402
    PgCluster,
    RunningServer,
    free_port,
    make_office,
    setup_server,
    start_server,
)

from paperless.core.bundle.writer import build_bundle  # noqa: E402
from paperless.core.distribution import protocol as D  # noqa: E402
from paperless.core.session import load_session  # noqa: E402


def rss_mb(pid: int) -> float:
    """The resident memory of ``pid`` and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return total / 1024


class PeakRss:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, rss_mb(self.pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def make_bundle(root: Path, size_mb: int, members: list[str]) -> Path:
    """A signed bundle of about ``size_mb`` MB for ``members`` (one PDF with random bytes attached)."""
    import pymupdf

    office_root = root / "office"
    pdf = root / "big.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), "Tài liệu lớn", fontsize=14)
    doc.embfile_add("data.bin", os.urandom(size_mb * 1024 * 1024))
    doc.save(pdf, deflate=False)
    doc.close()
    lines = ["[session]", 'id = "bench-morning"', 'title = "Hội nghị buổi sáng"',
             "starts_at = 2026-12-20T08:00:00+07:00", 'location = "Phòng họp số 1"']
    for key in members:
        lines += ["", "[[members]]", f'name = "{key}"', f'key = "{office_root / key}"']
    lines += ["", "[[items]]", 'title = "Tài liệu"', 'presenter = "Văn phòng"', f'documents = ["{pdf}"]']
    toml = root / "session.toml"
    toml.write_text("\n".join(lines) + "\n", "utf-8")
    from server_helpers import Office

    out = root / "morning.plb"
    build_bundle(load_session(toml), Office(office_root).unlock("clerk"), out)
    pdf.unlink()
    return out


def curl_all(urls: list[tuple[str, str | None]], cacert: Path, expect: int, first_out: Path) -> tuple[float, str]:
    """One curl per (url, token), all started at once: (seconds from first start to last end, SHA-256 of
    what the first one received, written to ``first_out``)."""
    procs = []
    start = time.perf_counter()
    for i, (url, token) in enumerate(urls):
        cmd = ["curl", "-sS", "--fail", "--cacert", str(cacert), "-w", "%{size_download}",
               "-o", str(first_out) if i == 0 else "/dev/null"]
        if token:
            cmd += ["-H", f"Authorization: Bearer {token}"]
        procs.append(subprocess.Popen([*cmd, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    sizes = []
    for p in procs:
        out, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"curl failed: {err.decode()[:300]}")
        sizes.append(out.decode().strip())
    elapsed = time.perf_counter() - start
    if any(s != str(expect) for s in sizes):
        raise SystemExit(f"a download has the wrong size: {sorted(set(sizes))} (expected {expect})")
    digest = hashlib.sha256()
    with open(first_out, "rb") as f:
        while block := f.read(1024 * 1024):
            digest.update(block)
    first_out.unlink()
    return elapsed, digest.hexdigest()


def start_nginx(root: Path, port: int, cert: Path, key: Path, file: Path, name: str) -> subprocess.Popen[bytes]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("nginx is not installed: apt-get install nginx-light (tools/system-packages.txt)")
    web = root / "www" / "v1" / "bundles"
    web.mkdir(parents=True)
    os.link(file, web / name)  # the same file (same inode) as the server's
    (root / "logs").mkdir()
    conf = root / "nginx.conf"
    conf.write_text(f"""
user root;
worker_processes auto;
pid {root}/nginx.pid;
error_log {root}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {root}/tmp-body;
    proxy_temp_path {root}/tmp-proxy;
    fastcgi_temp_path {root}/tmp-fastcgi;
    uwsgi_temp_path {root}/tmp-uwsgi;
    scgi_temp_path {root}/tmp-scgi;
    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        root {root}/www;
        default_type application/octet-stream;
    }}
}}
""", "utf-8")
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(root), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 20
    import socket

    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"nginx exited: {proc.stderr.read().decode()[:500] if proc.stderr else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    raise SystemExit("nginx did not start")


def one_run(args: argparse.Namespace, pg: PgCluster) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-dist-") as tmp:
        root = Path(tmp)
        members = ["an", "binh", "cuong", "dung", "hoa"]
        office = make_office(root / "office", members)
        db = pg.create_database() if args.db == "postgresql" else ""
        setup = setup_server(root / "server", office, db=db, enroll=members)
        t0 = time.perf_counter()
        bundle = make_bundle(root, args.size_mb, members)
        size = bundle.stat().st_size
        print(f"  bundle: {size / 1e6:.0f} MB built in {time.perf_counter() - t0:.1f} s", flush=True)
        from server_helpers import cli

        assert cli("server", "publish", setup.folder, bundle) == 0
        sha = hashlib.sha256(bundle.read_bytes()).hexdigest()
        server: RunningServer = start_server(setup, workers=args.workers)
        try:
            tokens = []
            for i in range(args.clients):
                dev = server.device(members[i % len(members)], name=f"Máy {i}")
                dev.register()
                assert dev.token
                tokens.append(dev.token)
            url = f"{setup.url}{D.BUNDLES}/{sha}"
            peak = PeakRss(server.proc.pid)
            ours, ours_sha = curl_all([(url, t) for t in tokens], setup.cert_path, size, root / "got")
            rss = peak.stop()
        finally:
            server.stop()
        nginx_port = free_port()
        nginx = start_nginx(root / "nginx", nginx_port, setup.cert_path, setup.folder / "tls.key",
                            setup.folder / "bundles" / sha[:2] / f"{sha}.bundle", sha)
        try:
            theirs, nginx_sha = curl_all([(f"https://127.0.0.1:{nginx_port}{D.BUNDLES}/{sha}", None)] * args.clients,
                                         setup.cert_path, size, root / "got")
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
        if ours_sha != sha or nginx_sha != sha:
            raise SystemExit("a download is not byte-identical to the bundle")
        total = size * args.clients / 1e6
        result = {"ours_mbs": total / ours, "nginx_mbs": total / theirs, "rss_mb": rss}
        result["ratio"] = result["ours_mbs"] / result["nginx_mbs"]
        print(f"  ours {result['ours_mbs']:.0f} MB/s ({ours:.1f} s), nginx {result['nginx_mbs']:.0f} MB/s "
              f"({theirs:.1f} s), ratio {result['ratio']:.2f}, server peak RSS {rss:.0f} MB", flush=True)
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=70)
    parser.add_argument("--size-mb", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.db == "sqlite" and args.workers != 1:
        raise SystemExit("SQLite serves with one worker; use --db postgresql for more")
    pg = PgCluster()
    try:
        print(f"{args.clients} downloads of a {args.size_mb} MB bundle at once, {args.db}, "
              f"{args.workers} worker(s), {os.cpu_count()} CPUs", flush=True)
        runs = [one_run(args, pg) for _ in range(args.repeat)]
    finally:
        pg.drop_all()
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"median: ours {med['ours_mbs']:.0f} MB/s, nginx {med['nginx_mbs']:.0f} MB/s, "
          f"ratio {med['ratio']:.2f} (goal >= 0.8), server peak RSS {med['rss_mb']:.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
