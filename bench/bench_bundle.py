"""Bundle benchmarks: build speed, open time vs size, verify throughput, peak memory of build and extract.

Each figure is printed beside its reference measured in the same run:
  * `bundle build` of a few hundred MB of real PDFs (scan-like pages made here with PyMuPDF:
    text and a JPEG image per page, distinct documents of 2–30 MB) against what the same
    hashing and encryption costs with the standard tools: `sha256sum` of the documents, `age`
    encrypting each of them to as many recipients as a bundle entry has (8), and `sha256sum` of
    the encrypted files (a bundle hashes both). ``--repeat N`` runs both N times, interleaved;
    medians and the ratio (goal <= 1.0);
  * open (signature + manifest + agenda) of a small and a ~1 GB bundle, against `age -d` of
    the same bytes as one age file (what a reader without random access must do);
  * `bundle verify` MB/s against `sha256sum` of the same file;
  * peak RSS of `paperless bundle build` and `bundle extract` of the big bundle (goal < 200 MB),
    extract's time beside `age -d` of the same bytes.

Usage: python bench/bench_bundle.py [--docs 200] [--doc-mb 5] [--real-mb 500] [--repeat 3] [--build-only]
                                   [--baseline-src DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

from paperless.core.age import X25519Identity
from paperless.core.bundle import open_bundle, verify_bundle
from paperless.core.bundle.padding import stanza_count
from paperless.core.identity import create_identity, load_card, unlock_identity

PASS = "bench-passphrase"


def big_pdf(path: Path, mb: float) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "benchmark document")
    doc.embfile_add("payload.bin", os.urandom(int(mb * 1024 * 1024)))
    doc.save(path)
    doc.close()


def session(root: Path, docs: int, doc_mb: float) -> Path:
    (root / "docs").mkdir(parents=True)
    src = root / "docs" / "d0000.pdf"
    big_pdf(src, doc_mb)
    for i in range(1, docs):
        os.link(src, root / "docs" / f"d{i:04d}.pdf")
    for key, name in (("a", "Member A"), ("b", "Member B")):
        create_identity(root / key, name, "member", PASS, log_n=12)
    create_identity(root / "clerk", "Clerk", "clerk", PASS, log_n=12)
    lines = ["[session]", 'title = "Bench"', "starts_at = 2024-01-15T08:00:00+07:00", 'location = "Here"']
    lines += ["[[members]]", 'name = "Member A"', 'key = "a"', "[[members]]", 'name = "Member B"', 'key = "b"']
    per_item = 4
    for start in range(0, docs, per_item):
        files = ", ".join(f'"docs/d{i:04d}.pdf"' for i in range(start, min(docs, start + per_item)))
        lines += ["[[items]]", f'title = "Item {start // per_item + 1}"', f"documents = [{files}]"]
    (root / "session.toml").write_text("\n".join(lines) + "\n")
    return root / "session.toml"


def real_pdfs(folder: Path, total_mb: float) -> list[Path]:
    """Distinct multi-page PDFs, each page some text and a 150-dpi A4 JPEG (like a scan), until
    their sizes add up to ``total_mb`` MB. Images come from a pool of 12 (making JPEGs is slow)."""
    folder.mkdir(parents=True)
    w, h = 1240, 1754
    pool = []
    for _ in range(12):
        pix = pymupdf.Pixmap(pymupdf.csRGB, w, h, os.urandom(w * h * 3), False)
        pool.append(pix.tobytes("jpg", jpg_quality=75))
    paths: list[Path] = []
    total = 0
    while total < total_mb * 1e6:
        i = len(paths)
        doc = pymupdf.open()
        for k in range(1 + (i * 5) % 12):
            page = doc.new_page()
            page.insert_image(page.rect, stream=pool[(i + k) % len(pool)])
            for line in range(40):
                page.insert_text((72, 72 + 17 * line), f"Document {i}, page {k + 1}, line {line}: "
                                 f"{os.urandom(16).hex()}", fontsize=10)
        doc.set_metadata({"title": f"Real document {i}"})
        path = folder / f"r{i:04d}.pdf"
        doc.save(path)
        doc.close()
        total += path.stat().st_size
        paths.append(path)
    return paths


def real_session(root: Path, total_mb: float) -> tuple[Path, list[Path]]:
    docs = real_pdfs(root / "docs", total_mb)
    for key, name in (("a", "Member A"), ("b", "Member B")):
        create_identity(root / key, name, "member", PASS, log_n=12)
    create_identity(root / "clerk", "Clerk", "clerk", PASS, log_n=12)
    lines = ["[session]", 'title = "Bench"', "starts_at = 2024-01-15T08:00:00+07:00", 'location = "Here"']
    lines += ["[[members]]", 'name = "Member A"', 'key = "a"', "[[members]]", 'name = "Member B"', 'key = "b"']
    for start in range(0, len(docs), 4):
        files = ", ".join(f'"docs/{d.name}"' for d in docs[start:start + 4])
        lines += ["[[items]]", f'title = "Item {start // 4 + 1}"', f"documents = [{files}]"]
    (root / "session.toml").write_text("\n".join(lines) + "\n")
    return root / "session.toml", docs


def reference_build(age: str, docs: list[Path], recipients: list[str], out: Path) -> float:
    """Seconds for sha256sum of the documents + age of each (to ``recipients``) + sha256sum of the results."""
    out.mkdir(exist_ok=True)
    flags = [arg for r in recipients for arg in ("-r", r)]
    outputs = [out / (d.name + ".age") for d in docs]
    t = time.perf_counter()
    subprocess.run(["sha256sum", *map(str, docs)], check=True, stdout=subprocess.DEVNULL)
    for doc, enc in zip(docs, outputs, strict=True):
        subprocess.run([age, *flags, "-o", str(enc), str(doc)], check=True)
    subprocess.run(["sha256sum", *map(str, outputs)], check=True, stdout=subprocess.DEVNULL)
    secs = time.perf_counter() - t
    shutil.rmtree(out)
    return secs


def build_speed(root: Path, total_mb: float, repeat: int, age: str | None, baseline: Path | None = None) -> None:
    """``bundle build`` against the reference, ``repeat`` times, interleaved; with ``baseline`` (the
    ``src`` folder of another checkout) that code's build too, on the same files, in the same rounds."""
    spec, docs = real_session(root / "real", total_mb)
    mb = sum(d.stat().st_size for d in docs) / 1e6
    out = root / "real.paperless"
    cmd = [sys.executable, "-m", "paperless", "bundle", "build", str(spec), "--signer",
           str(spec.parent / "clerk"), "--out", str(out), "--passphrase-env", "BENCH_PASS"]
    members = [(spec.parent / k / "recipient.txt").read_text().strip() for k in ("a", "b")]
    recipients = members + [str(X25519Identity.generate().recipient()) for _ in range(stanza_count(2) - 2)]
    variants: dict[str, dict[str, str]] = {"ours": {}}
    if baseline is not None:
        variants["baseline"] = {"PYTHONPATH": str(baseline)}
    times: dict[str, list[float]] = {name: [] for name in variants}
    refs: list[float] = []
    peaks: list[float] = []
    print(f"build speed: {len(docs)} real PDFs, {mb:.0f} MB; load average {os.getloadavg()[0]:.2f}")
    for run in range(repeat):
        line = f"  run {run + 1}:"
        order = list(variants) if run % 2 == 0 else list(reversed(variants))
        for name in order:
            secs, peak = run_peak(cmd, variants[name])
            times[name].append(secs)
            if name == "ours":
                peaks.append(peak)
            out.unlink()
            line += f" {name} {secs:5.2f} s (peak RSS {peak:.0f} MB);"
        if age:
            refs.append(reference_build(age, docs, recipients, root / "reference"))
            line += f" sha256sum + age + sha256sum {refs[-1]:5.2f} s;"
            line += "".join(f" {name} ratio {times[name][-1] / refs[-1]:.2f};" for name in variants)
        print(line + f" load {os.getloadavg()[0]:.2f}")
    for name in variants:
        med = statistics.median(times[name])
        text = f"{name}: build {mb:.0f} MB of real PDFs, median of {repeat}: {med:.2f} s ({mb / med:.0f} MB/s)"
        if refs:
            text += f", ratio of medians {med / statistics.median(refs):.2f} (goal <= 1.0)"
        print(text)
    print(f"peak RSS (ours) {max(peaks):.1f} MB")
    if refs:
        ref = statistics.median(refs)
        print(f"reference, same runs: sha256sum + age (8 recipients) + sha256sum {ref:.2f} s ({mb / ref:.0f} MB/s)")


def run_peak(cmd: list[str], extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a command, measured in a fresh child."""
    code = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "BENCH_PASS": PASS, "PAPERLESS_HOME": tempfile.mkdtemp(prefix="bench-home-"),
           **(extra_env or {})}
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=env, check=True)
    secs, kb = out.stdout.split()
    return float(secs), int(kb) / 1024


def best(fn, reps: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--doc-mb", type=float, default=5.0)
    ap.add_argument("--real-mb", type=float, default=500.0)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--build-only", action="store_true", help="only the build speed against sha256sum + age")
    ap.add_argument("--baseline-src", type=Path, help="also time the build of this src folder (e.g. main's)")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-bundle-"))
    paperless = [sys.executable, "-m", "paperless"]
    age = shutil.which("age")
    try:
        print(f"machine: {os.uname().machine}, {os.cpu_count()} cpus; python {sys.version.split()[0]}")
        build_speed(root, args.real_mb, max(1, args.repeat), age, args.baseline_src)
        if args.build_only:
            return
        spec = session(root, args.docs, args.doc_mb)
        small_spec = session(root / "small", args.docs, 0.01)  # same entry count, 1/500 of the size
        for s, name in ((small_spec, "small.paperless"), (spec, "big.paperless")):
            build_cmd = [*paperless, "bundle", "build", str(s), "--signer", str(s.parent / "clerk"),
                         "--out", str(root / name), "--passphrase-env", "BENCH_PASS"]
            secs, peak = run_peak(build_cmd)
            size = (root / name).stat().st_size / 1e6
            print(f"build {name:<16} {size:9.1f} MB  {secs:6.2f} s  {size / secs:7.1f} MB/s  peak RSS {peak:6.1f} MB")
        big, small = root / "big.paperless", root / "small.paperless"
        member = unlock_identity(root / "a", PASS, failure_delay=0)
        clerk = [load_card(root / "clerk")]
        small_member = unlock_identity(root / "small" / "a", PASS, failure_delay=0)
        small_clerk = [load_card(root / "small" / "clerk")]

        def open_big() -> None:
            open_bundle(big, member, clerk).close()

        def open_small() -> None:
            open_bundle(small, small_member, small_clerk).close()

        t_small, t_big = best(open_small, 20), best(open_big, 20)
        size_gb = big.stat().st_size / 1e9
        print(f"open (verify signature, manifest, decrypt agenda): small {t_small * 1e3:.2f} ms, "
              f"{size_gb:.2f} GB {t_big * 1e3:.2f} ms (goal < 100 ms, ratio big/small {t_big / t_small:.2f})")
        if age:
            secret = subprocess.run([*paperless, "identity", "export-secret", str(root / "a"),
                                     "--passphrase-env", "BENCH_PASS"], capture_output=True, text=True,
                                    env={**os.environ, "BENCH_PASS": PASS}, check=True).stdout
            key = root / "a.key"
            key.write_text(secret)
            one = root / "one.age"
            subprocess.run([age, "-r", (root / "a" / "recipient.txt").read_text().strip(), "-o", str(one),
                            str(big)], check=True)
            t_age = best(lambda: subprocess.run([age, "-d", "-i", str(key), "-o", os.devnull, str(one)],
                                                check=True), 2)
            print(f"  reference: age -d of the same {size_gb:.2f} GB as one file: {t_age * 1e3:.0f} ms "
                  f"(ours is {t_age / t_big:.0f}x faster to first agenda)")
        mb = big.stat().st_size / 1e6
        t_verify = best(lambda: verify_bundle(big, clerk), 3)
        t_sha = best(lambda: subprocess.run(["sha256sum", str(big)], check=True, stdout=subprocess.DEVNULL), 3)
        print(f"verify {mb:.0f} MB: {mb / t_verify:.0f} MB/s; sha256sum {mb / t_sha:.0f} MB/s; "
              f"ratio {t_sha / t_verify:.2f}")
        out = root / "extracted"
        secs, peak = run_peak([*paperless, "bundle", "extract", str(big), "--identity", str(root / "a"),
                               "--trust", str(root / "clerk"), "--out", str(out), "--passphrase-env", "BENCH_PASS"])
        print(f"extract {mb:.0f} MB: {secs:.2f} s, {mb / secs:.0f} MB/s, peak RSS {peak:.1f} MB (goal < 200 MB)")
        if age:  # extract verifies every entry, then decrypts and checks every document, and writes it
            print(f"  reference: age -d of the same bytes as one file, to /dev/null: {t_age:.2f} s "
                  f"({mb / t_age:.0f} MB/s; extract takes {secs / t_age:.1f}x as long)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"(this benchmark process itself peaked at {own:.0f} MB)")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
