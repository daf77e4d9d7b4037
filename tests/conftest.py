"""Shared fixtures. Bundle fixtures build real identities, PDFs and bundles once per session."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from bundle_helpers import People, make_people, unlock, write_session
from server_helpers import backend, office, pg, server, server_setup  # noqa: F401  (the office server's fixtures)

from paperless.core.bundle import build_bundle
from paperless.core.session import load_session


@pytest.fixture(scope="session")
def people(tmp_path_factory: pytest.TempPathFactory) -> People:
    return make_people(tmp_path_factory.mktemp("people"))


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory: pytest.TempPathFactory, people: People) -> Path:
    root = tmp_path_factory.mktemp("session")
    write_session(root, people)
    return root


@pytest.fixture(scope="session")
def bundle(session_dir: Path, people: People) -> Path:
    """A good bundle, version 2, built once; tests must copy it before changing it."""
    spec = load_session(session_dir / "session.toml")
    out = session_dir / "out" / "phien12.paperless"
    build_bundle(spec, unlock(people.clerk), out, version=2)
    return out


@pytest.fixture(scope="session", autouse=True)
def _no_automatic_garbage_collection() -> Iterator[None]:
    """As in the app (gui/gc_main_thread.py): cyclic garbage is collected on the main thread only —
    never by a worker thread in the middle of a test, where tearing down a Qt object can deadlock
    with the GUI thread (see _collect_after_each_test)."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_cursor_left_behind() -> Iterator[None]:
    """A busy cursor a test leaves set would stay over every later test (and, in the app, over
    the member's screen): it fails the test that left it."""
    yield
    if "PySide6.QtGui" not in sys.modules:
        return
    from PySide6.QtGui import QGuiApplication

    left = 0
    while QGuiApplication.instance() is not None and QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()
        left += 1
    assert left == 0, f"{left} override cursor(s) left set"
