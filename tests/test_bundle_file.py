"""Issue 8 §2: a bundle is opened once, and everything is read through that one open file —
with ``pread`` where the system has it, and a lock around seek and read where it does not."""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, unlock

import paperless.cli.main as cli_main
from paperless.core.bundle import BundleError, extract_bundle, open_bundle, verify_bundle
from paperless.core.bundle.zipraw import BundleFile
from paperless.core.identity import load_card


class _Opens:
    """Counts every time the process opens a given path (the ``open`` audit event: open(),
    io.FileIO, os.open …). Audit hooks cannot be removed: it is switched off when done."""

    def __init__(self) -> None:
        self.target = ""
        self.count = 0
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple[object, ...]) -> None:
        if self.target and event == "open" and args and isinstance(args[0], str | os.PathLike) \
                and os.path.realpath(args[0]) == self.target:
            self.count += 1

    def watch(self, path: Path) -> None:
        self.target, self.count = os.path.realpath(path), 0

    def stop(self) -> None:
        self.target = ""


@pytest.fixture(scope="module")
def opens() -> Iterator[_Opens]:
    counter = _Opens()
    yield counter
    counter.stop()


def test_open_verify_read_and_extract_open_the_file_once(bundle: Path, people: People, tmp_path: Path,
                                                         opens: _Opens) -> None:
    opens.watch(bundle)
    try:
        with open_bundle(bundle, unlock(people.member("an")), [load_card(people.clerk)],
                         verify_entries=True) as opened:
            for item in opened.agenda.items:
                for doc in item.documents:
                    assert hashlib.sha256(opened.read_document(doc.entry)).hexdigest() == doc.sha256
                    with opened.open_document(doc.entry) as reader:
                        assert reader.size == doc.size
            extract_bundle(opened, tmp_path / "out")
        assert opens.count == 1
        opens.watch(bundle)
        verify_bundle(bundle, [load_card(people.clerk)])
        assert opens.count == 1
    finally:
        opens.stop()


def test_cli_extract_opens_the_file_once(bundle: Path, people: People, tmp_path: Path, opens: _Opens,
                                         monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: verify by path, open again by path, and one more open per hash and per document."""
    monkeypatch.setenv("PAPERLESS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PAPERLESS_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(cli_main, "harden_app", lambda: None, raising=False)
    opens.watch(bundle)
    try:
        rc = cli_main.main(["bundle", "extract", str(bundle), "--identity", str(people.member("binh")),
                            "--out", str(tmp_path / "out"), "--trust", str(people.clerk),
                            "--passphrase-env", "PAPERLESS_PASSPHRASE"])
        assert rc == 0, capsys.readouterr().err
        assert opens.count == 1
    finally:
        opens.stop()


def test_without_pread_one_file_is_shared_under_a_lock(bundle: Path, people: People,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows path: no os.preadv/os.pread; several threads read documents at once, correctly."""
    monkeypatch.delattr(os, "preadv", raising=False)
    monkeypatch.delattr(os, "pread", raising=False)
    with open_bundle(bundle, unlock(people.member("an")), [load_card(people.clerk)],
                     verify_entries=True) as opened:
        assert opened._bf._preadv is None and opened._bf._pread is None  # the fallback is what runs
        docs = [d for it in opened.agenda.items for d in it.documents]
        failures: list[str] = []

        def read_all() -> None:
            for _ in range(5):
                for doc in docs:
                    if hashlib.sha256(opened.read_document(doc.entry)).hexdigest() != doc.sha256:
                        failures.append(doc.entry)

        threads = [threading.Thread(target=read_all) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []


def test_reads_after_close_are_refused(bundle: Path) -> None:
    """A closed bundle never reads through a descriptor number the system may have given to another file."""
    bf = BundleFile(bundle)
    view = bf.entry_reader("agenda.age")
    assert view.read(4) == b"age-"
    bf.close()
    with pytest.raises(BundleError):
        view.read(4)
    with pytest.raises(BundleError):
        bf.sha256("agenda.age")
    bf.close()  # twice is harmless


def test_a_file_that_is_not_regular_is_refused(tmp_path: Path) -> None:
    for path in (tmp_path, Path(os.devnull)):
        with pytest.raises(BundleError):
            BundleFile(path)
