"""Fixtures of the annotation tool tests (tests/test_gui_annot_*.py declare
``pytest_plugins = ["annot_fixtures"]``): the demo documents, a member, a render worker and a
real AnnotationController on an encrypted store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from pytestqt.qtbot import QtBot

from paperless.core.identity import UnlockedIdentity
from paperless.core.render import RenderWorker
from paperless.demo.factory import DemoDocuments, write_demo_documents
from paperless.gui.annotations.controller import AnnotationController
from paperless.gui.tasks import Tasks


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoDocuments:
    return write_demo_documents(tmp_path_factory.mktemp("demo_annot"))


@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


@pytest.fixture
def controller(qtbot: QtBot, tmp_path: Path, an: UnlockedIdentity) -> Iterator[AnnotationController]:
    c = AnnotationController(Tasks())
    with qtbot.waitSignal(c.ready, timeout=10_000):
        c.start(tmp_path / "lib", an, "phien-12")
    yield c
    c.close()
    c.wait()
