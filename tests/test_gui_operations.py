"""Core calls run off the GUI thread; results and failures come back on it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, harnesses, open_message_boxes

from paperless.core.errors import WrongPassphraseError

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def test_success_and_failures(qtbot, make) -> None:  # type: ignore[no-untyped-def]
    h = make()
    tasks = h.services.tasks
    ops = tasks.pool
    gui = threading.get_ident()
    seen: list[tuple[str, int]] = []
    with qtbot.waitSignal(tasks.busy_changed, timeout=5000):
        ops.run(lambda: ("worked", threading.get_ident()), lambda r: seen.append((r[0], threading.get_ident())))
    qtbot.waitUntil(lambda: not tasks.busy)
    assert seen == [("worked", gui)]

    def known() -> None:
        raise WrongPassphraseError(what="Nguyễn Văn An")

    ops.run(known)
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [box] = open_message_boxes()
    assert box.objectName() == "errorDialog" and "Wrong passphrase for Nguyễn Văn An." in box.informativeText()
    box.close()

    def bug() -> None:
        raise ValueError("unexpected")

    ops.run(bug)
    qtbot.waitUntil(lambda: bool(open_message_boxes()))
    [box] = open_message_boxes()
    assert box.objectName() == "bugDialog" and "bug in Paperless" in box.text()
    assert "ValueError: unexpected" in box.detailedText()
    box.close()

    caught: list[BaseException] = []
    ops.run(bug, on_failure=caught.append)
    qtbot.waitUntil(lambda: bool(caught))
    assert isinstance(caught[0], ValueError) and open_message_boxes() == []
