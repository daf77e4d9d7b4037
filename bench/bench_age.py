#!/usr/bin/env python3
"""Benchmark our age implementation against the age CLI on the same data, in the same run.

Creates a temporary file of random data (default 512 MiB), then times, with several
repetitions, our streaming encrypt and decrypt (to /dev/null) and ``age -r``/``age -d -i``
on the same files, printing MB/s (10^6 bytes per second; best and median) side by side with
the ratio ours/age. Finally, decrypts in a fresh subprocess to report the peak RSS of our
streaming decrypt next to that of a subprocess that only loads the key (bounded memory);
the peak is the child's VmHWM (Linux), else its resource.getrusage ru_maxrss.

    .venv/bin/python bench/bench_age.py [--size-mb 512] [--reps 5] [--workers N] [--dir DIR]
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
import time
from collections.abc import Callable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from paperless.core import age  # noqa: E402

RSS_SCRIPT = """
import resource, sys
from paperless.core import age
ids = age.parse_identity_file(open(sys.argv[1]).read())
if sys.argv[3] == "decrypt":
    with open(sys.argv[2], "rb") as src, open("/dev/null", "wb") as dst:
        age.decrypt(ids, src, dst)
# ru_maxrss survives exec (it would include the memory of the forking benchmark process),
# so prefer the kernel's per-address-space high-water mark when there is one.
try:
    with open("/proc/self/status") as status:
        print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def timed(fn: Callable[[], None], reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def warm(path: Path) -> None:
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


def rss_kib(key: Path, ct: Path, mode: str) -> int:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT, str(key), str(ct), mode],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=512, help="plaintext size in MiB")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--workers", type=int, default=None, help="threads for our payload")
    parser.add_argument("--dir", default=None, help="where to put the temporary files")
    parser.add_argument("--armor", action="store_true", help="also time ASCII-armored encrypt/decrypt")
    args = parser.parse_args()
    age_cli = shutil.which("age")
    if age_cli is None:
        print("the age CLI is not on PATH", file=sys.stderr)
        return 1
    size = args.size_mb * 1024 * 1024
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-age-") as tmp:
        d = Path(tmp)
        pt, ct_cli, ct_ours, key = d / "plain", d / "cli.age", d / "ours.age", d / "key.txt"
        digest = hashlib.sha256()
        with pt.open("wb") as f:
            for _ in range(args.size_mb):
                block = os.urandom(1 << 20)
                digest.update(block)
                f.write(block)
        identity = age.X25519Identity.generate()
        recipient = identity.recipient()
        key.write_text(f"# bench key\n{identity.to_string()}\n")
        subprocess.run([age_cli, "-r", recipient.to_string(), "-o", str(ct_cli), str(pt)], check=True)
        with pt.open("rb") as src, ct_ours.open("wb") as dst:
            age.encrypt([recipient], src, dst, workers=args.workers)

        # correctness first: both directions give back the plaintext
        class Hasher:
            def __init__(self) -> None:
                self.h = hashlib.sha256()

            def write(self, data: bytes | bytearray | memoryview) -> int:
                self.h.update(data)
                return len(data)

        sink = Hasher()
        with ct_cli.open("rb") as src:
            age.decrypt([identity], src, sink, workers=args.workers)
        assert sink.h.digest() == digest.digest(), "our decryption of the CLI's file differs"
        cli_out = subprocess.run([age_cli, "-d", "-i", str(key), str(ct_ours)], check=True, capture_output=True).stdout
        assert hashlib.sha256(cli_out).digest() == digest.digest(), "CLI cannot read our file"
        del cli_out

        def ours_encrypt() -> None:
            with pt.open("rb") as src, open(os.devnull, "wb") as dst:
                age.encrypt([recipient], src, dst, workers=args.workers)

        def ours_decrypt() -> None:
            with ct_cli.open("rb") as src, open(os.devnull, "wb") as dst:
                age.decrypt([identity], src, dst, workers=args.workers)

        def cli_encrypt() -> None:
            subprocess.run([age_cli, "-r", recipient.to_string(), str(pt)], check=True, stdout=subprocess.DEVNULL)

        def cli_decrypt() -> None:
            subprocess.run([age_cli, "-d", "-i", str(key), str(ct_cli)], check=True, stdout=subprocess.DEVNULL)

        cases = [
            ("encrypt", ours_encrypt, cli_encrypt),
            ("decrypt", ours_decrypt, cli_decrypt),
        ]
        if args.armor:
            asc = d / "cli.asc"
            subprocess.run([age_cli, "-a", "-r", recipient.to_string(), "-o", str(asc), str(pt)], check=True)

            def ours_encrypt_armor() -> None:
                with pt.open("rb") as src, open(os.devnull, "wb") as dst:
                    age.encrypt([recipient], src, dst, armor=True, workers=args.workers)

            def ours_decrypt_armor() -> None:
                with asc.open("rb") as src, open(os.devnull, "wb") as dst:
                    age.decrypt([identity], src, dst, workers=args.workers)

            def cli_encrypt_armor() -> None:
                subprocess.run(
                    [age_cli, "-a", "-r", recipient.to_string(), str(pt)],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )

            def cli_decrypt_armor() -> None:
                subprocess.run([age_cli, "-d", "-i", str(key), str(asc)], check=True, stdout=subprocess.DEVNULL)

            cases += [
                ("enc -a", ours_encrypt_armor, cli_encrypt_armor),
                ("dec -a", ours_decrypt_armor, cli_decrypt_armor),
            ]
            warm(asc)
        warm(pt)
        warm(ct_cli)
        results = {}
        for name, ours, theirs in cases:
            results[name] = (timed(ours, args.reps), timed(theirs, args.reps))

        mb = size / 1e6
        print(
            f"plaintext {args.size_mb} MiB ({mb:.0f} MB), {args.reps} repetitions, "
            f"{os.cpu_count()} CPUs, workers={args.workers or 'default'}; MB/s (10^6 B/s)"
        )
        print(
            f"{'':8} {'ours best':>10} {'ours med':>10} {'age best':>10} {'age med':>10}"
            f" {'ratio best':>11} {'ratio med':>10}"
        )
        for name, (ours_t, cli_t) in results.items():
            ob, om = mb / min(ours_t), mb / statistics.median(ours_t)
            ab, am = mb / min(cli_t), mb / statistics.median(cli_t)
            print(f"{name:8} {ob:10.0f} {om:10.0f} {ab:10.0f} {am:10.0f} {ob / ab:10.2f}x {om / am:9.2f}x")
        base = rss_kib(key, ct_cli, "baseline")
        peak = rss_kib(key, ct_cli, "decrypt")
        print(
            f"peak RSS, our streaming decrypt of {args.size_mb} MiB: {peak / 1024:.1f} MiB "
            f"(interpreter + imports + key only: {base / 1024:.1f} MiB; "
            f"difference {(peak - base) / 1024:.1f} MiB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
