"""The build's two-stage pipeline (encrypt on the calling thread, hash and write on another):
standard output, bounded memory, failures and cancellation in either stage."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pymupdf
import pytest
from bundle_helpers import People, make_pdf, run_cli, unlock, write_session
from disk_helpers import tiny_tmpfs

from paperless.core.bundle import build_bundle, open_bundle, verify_bundle, writer
from paperless.core.bundle.padding import padme
from paperless.core.bundle.writer import _BUFFER_SIZE, _EntryStage
from paperless.core.errors import DiskFullError
from paperless.core.identity import load_card
from paperless.core.session import load_session


def big_pdf(path: Path, mib: float) -> Path:
    """A one-page PDF carrying ``mib`` MiB of random bytes (incompressible, several batches)."""
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "large document")
    doc.embfile_add("payload.bin", os.urandom(int(mib * 1024 * 1024)))
    doc.save(path)
    doc.close()
    return path


@pytest.fixture(params=["two threads", "one core"])
def threaded(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both ways the build runs: the pipeline's second thread, or inline on a one-core machine."""
    on = request.param == "two threads"
    monkeypatch.setattr(writer, "use_writer_thread", lambda: on)
    return on


def writer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "bundle-writer"]


def big_session(root: Path, people: People, mib: float) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    return write_session(root, people, docs={
        "Lớn": [big_pdf(docs / "lon.pdf", mib), make_pdf(docs / "nho.pdf", "Nhỏ", 2)],
        "Vừa": [big_pdf(docs / "vua.pdf", 2.0)],  # about one batch: the boundary
        "Mật": [make_pdf(docs / "mat.pdf", "Mật", 1)],
    })


def test_every_entry_is_a_standard_age_file(tmp_path: Path, people: People, threaded: bool) -> None:
    """Documents of several batches, one batch and less: `age -d` gives each back, padded with
    zeros, the ZIP's CRCs hold, the manifest's hashes are those of the bytes written."""
    age = shutil.which("age")
    assert age is not None, "the age tool is needed (apt-get install age)"
    session = big_session(tmp_path, people, 9.3)
    out = tmp_path / "b.paperless"
    build_bundle(load_session(session), unlock(people.clerk), out)
    verify_bundle(out, [load_card(people.clerk)])
    secret = run_cli("identity", "export-secret", people.member("an"), "--passphrase-env", "PAPERLESS_PASSPHRASE")
    assert secret.returncode == 0, secret.stderr
    key = tmp_path / "an.key"
    key.write_text(secret.stdout)
    sources = [tmp_path / "docs" / n for n in ("lon.pdf", "nho.pdf", "vua.pdf", "mat.pdf")]
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None  # every entry's CRC-32 matches its bytes
        for number, source in enumerate(sources, start=1):
            enc = tmp_path / f"{number}.age"
            enc.write_bytes(z.read(f"documents/{number:04d}.age"))
            plain = subprocess.run([age, "-d", "-i", str(key), str(enc)], capture_output=True, check=True).stdout
            original = source.read_bytes()
            assert len(plain) == padme(len(original))
            assert plain[: len(original)] == original
            assert plain[len(original):] == bytes(len(plain) - len(original))
    with open_bundle(out, unlock(people.member("an")), [load_card(people.clerk)]) as opened:
        first = opened.agenda.items[0].documents[0]
        assert opened.read_document(first.entry) == sources[0].read_bytes()
    assert writer_threads() == []


def test_a_slow_disk_holds_the_encryption_back(tmp_path: Path) -> None:
    """At most ``depth`` buffers wait: with the disk stuck (a pipe nobody reads yet), the calling
    thread stops after filling them, and all of it arrives intact once the disk moves."""
    read_fd, write_fd = os.pipe()
    data = os.urandom(12 * _BUFFER_SIZE + 12345)
    sink = open(write_fd, "wb", buffering=0)
    zf = zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED)  # an unseekable file, like a pipe
    stage = _EntryStage(zf, depth=2)
    sent = [0]

    def produce() -> None:
        try:
            stage.begin("documents/0001.age")
            for at in range(0, len(data), 1 << 20):
                sent[0] += stage.write(data[at : at + (1 << 20)])
            stage.end()
            stage.finish()
            zf.close()
        finally:
            stage.stop()
            sink.close()  # the reader below sees the end of the pipe

    producer = threading.Thread(target=produce)
    producer.start()
    producer.join(1.0)
    assert producer.is_alive()  # held back, not buffering the whole document
    # the pipe (64 KiB), the thread's buffer being written, the buffers waiting: no more
    assert sent[0] <= 4 * _BUFFER_SIZE
    received = bytearray()
    while chunk := os.read(read_fd, 1 << 20):
        received += chunk
    producer.join()
    os.close(read_fd)
    assert sent[0] == len(data)
    with zipfile.ZipFile(io.BytesIO(bytes(received))) as back:
        assert back.read("documents/0001.age") == data  # CRC checked by zipfile as well
    assert writer_threads() == []


def test_cancelled_build_stops_both_stages(tmp_path: Path, people: People, threaded: bool) -> None:
    spec = load_session(big_session(tmp_path, people, 9.3))
    seen: list[int] = []
    running: set[bool] = set()

    def cancel(stage: str, done: int, total: int) -> None:
        if stage == "encrypt" and done > 0:
            seen.append(done)
            running.add(bool(writer_threads()))
            if done >= 4 * 1024 * 1024:  # in the middle of the first document's batches
                raise KeyboardInterrupt

    out = tmp_path / "out" / "b.paperless"
    with pytest.raises(KeyboardInterrupt):
        build_bundle(spec, unlock(people.clerk), out, progress=cancel)
    assert list((tmp_path / "out").iterdir()) == []
    assert writer_threads() == []
    assert seen == sorted(seen) and len(seen) > 1  # progress went on batch by batch
    assert running == {threaded}  # the second stage ran in its thread, or inline


def test_a_full_disk_in_the_writing_stage_is_one_error(tmp_path: Path, people: People,
                                                        threaded: bool) -> None:
    """The disk fills while the second thread writes: the build stops with DiskFullError, no
    file and no thread are left."""
    spec = load_session(big_session(tmp_path, people, 9.3))
    with tiny_tmpfs(tmp_path, size="3m") as mnt:
        with pytest.raises(DiskFullError) as caught:
            build_bundle(spec, unlock(people.clerk), mnt / "b.paperless")
        assert list(mnt.iterdir()) == []
    assert "\n" not in caught.value.message("vi") and "\n" not in caught.value.message("en")
    assert writer_threads() == []
