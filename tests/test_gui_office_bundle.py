"""A session that carries the office's server file: the app offers to connect (issue 10).

The member opens a real bundle (built by the real writer, carrying an office-server.toml made by the
real ``paperless server init``) in the app, offscreen, in Vietnamese: asked once, connected on yes;
nothing asked when already syncing with that server; asked — never switched silently — when this
computer syncs with another server. The servers' addresses are loopback ports where nothing listens.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses, open_message_boxes
from office_bundle_helpers import OfficeFiles, build, make_office_files, session_with_office
from PySide6.QtWidgets import QMessageBox

from paperless.core.identity import load_card
from paperless.core.sync import import_office_file
from paperless.core.sync.office import load_office, office_path
from paperless.gui.sync.connect import Offer

pytestmark = OFFSCREEN_NOISE
WAIT = 30_000


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory, people: People) -> OfficeFiles:
    return make_office_files(tmp_path_factory.mktemp("office-files"), people)


@pytest.fixture(scope="module")
def office_bundle(tmp_path_factory: pytest.TempPathFactory, people: People, office_files: OfficeFiles) -> Path:
    root = tmp_path_factory.mktemp("office-session")
    return build(session_with_office(root, people, office_files.good), people, root / "out" / "s.paperless")


def _open_and_check(h: Harness, bundle: Path) -> Offer:
    """Open the bundle in the app; the offer the sync part made of its office file (asked or not)."""
    with h.qtbot.waitSignal(h.window.sync.bundle_offer.checked, timeout=WAIT) as blocker:
        h.open(bundle)
    offer = blocker.args[0]
    assert isinstance(offer, Offer)
    return offer


def _question() -> QMessageBox:
    boxes = [b for b in open_message_boxes() if b.objectName() == "offerConnect"]
    assert len(boxes) == 1, [b.text() for b in open_message_boxes()]
    return boxes[0]


def _button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_the_app_asks_once_and_connects(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                        office_files: OfficeFiles, office_bundle: Path) -> None:
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        sync = h.window.sync
        assert not sync.connected
        offer = _open_and_check(h, office_bundle)
        assert offer.current is None and not offer.same and offer.address == office_files.url
        box = _question()
        assert box.text() == ("Văn phòng đã gửi kèm địa chỉ máy chủ trong phiên họp này:\n"
                              f"{office_files.url}\n"
                              "Kết nối để đồng bộ ghi chú giữa các máy tính của đồng chí?")
        assert box.defaultButton() is _button(box, "Kết nối")
        assert _button(box, "Để sau") is box.escapeButton()
        _button(box, "Kết nối").click()
        qtbot.waitUntil(lambda: sync.connected, timeout=WAIT)
        kept = load_office(library.folder, [load_card(people.clerk)])  # the kept file verifies on its own
        assert kept is not None and kept.url == office_files.url

        # the same session again (or any session carrying that server): nothing is asked
        offer = _open_and_check(h, office_bundle)
        assert offer.same
        assert not [b for b in open_message_boxes() if b.objectName() == "offerConnect"]


def test_nothing_is_asked_when_already_connected_to_that_server(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, office_files: OfficeFiles, office_bundle: Path) -> None:
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        import_office_file(office_files.good, library.folder, [load_card(people.clerk)])  # File ▸ Connect… earlier
        offer = _open_and_check(h, office_bundle)
        assert offer.same and offer.current == office_files.url
        assert not open_message_boxes()


def test_another_server_is_asked_and_never_switched_silently(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, office_files: OfficeFiles, office_bundle: Path) -> None:
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        import_office_file(office_files.moved, library.folder, [load_card(people.clerk)])
        before = office_path(library.folder).read_bytes()
        offer = _open_and_check(h, office_bundle)
        assert offer.current == office_files.moved_url and not offer.same
        box = _question()
        assert box.text() == ("Văn phòng đã gửi kèm địa chỉ máy chủ mới trong phiên họp này:\n"
                              f"{office_files.url}\n"
                              "Máy này đang đồng bộ ghi chú của đồng chí với:\n"
                              f"{office_files.moved_url}\n"
                              "Chuyển sang máy chủ mới?")
        assert box.defaultButton() is _button(box, "Để sau")  # Enter by habit changes nothing
        _button(box, "Để sau").click()
        assert office_path(library.folder).read_bytes() == before
        # "Not now" holds while the app runs: the session opened again asks nothing
        offer = _open_and_check(h, office_bundle)
        assert not offer.same
        assert not [b for b in open_message_boxes() if b.objectName() == "offerConnect"]
        assert office_path(library.folder).read_bytes() == before


def test_changing_server_when_the_member_says_yes(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, office_files: OfficeFiles, office_bundle: Path) -> None:
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="en")
        library = h.unlock()
        import_office_file(office_files.moved, library.folder, [load_card(people.clerk)])
        sync = h.window.sync
        _open_and_check(h, office_bundle)
        box = _question()
        assert box.text().startswith("The office has sent the address of a new server")
        _button(box, "Change server").click()
        qtbot.waitUntil(lambda: office_path(library.folder).read_bytes() == office_files.good.read_bytes(),
                        timeout=WAIT)
        qtbot.waitUntil(lambda: sync.connected, timeout=WAIT)
