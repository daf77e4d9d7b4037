"""The workspace's Build, check, publish page: a real build signed with a real clerk identity, checked,
published into a real office server folder, revised and published again; cancel and failures leave
no file; a wrong passphrase is told plainly; the preview as a member locks restricted items."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import MEMBERS, make_pdf, write_session
from clerk_publish_helpers import FolderOffice, Picker
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from server_helpers import PASSPHRASE, Office, setup_server

from paperless.core.bundle import verify_bundle
from paperless.core.clerk.office import NoOffice, OfficeService
from paperless.core.clerk.preview import LOCKED_TEXT
from paperless.core.clerk.revision import load_last, record_path
from paperless.core.clerk.workspace import Workspace
from paperless.core.identity import load_card
from paperless.core.render import RenderWorker
from paperless.gui.agenda import KIND_ROLE
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.publish_page import PublishPage
from paperless.gui.icons import Icons
from paperless.gui.tasks import Tasks
from paperless.resources import resource_path

WAIT = 30_000
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform cannot size real windows


@pytest.fixture
def worker() -> Iterator[RenderWorker]:
    w = RenderWorker()
    yield w
    w.shutdown()


@pytest.fixture
def tasks() -> Iterator[Tasks]:
    t = Tasks()
    yield t
    t.wait_for_done()


def make_page(qtbot: QtBot, tasks: Tasks, worker: RenderWorker, office: Office, folder: Path,
              service: OfficeService, picker: Picker | None = None, *, signer: object = None) -> PublishPage:
    folder.mkdir(parents=True, exist_ok=True)
    workspace = Workspace.open(write_session(folder, office))  # type: ignore[arg-type]
    workspace.edit(("", ""), lambda d: setattr(d.policy, "watermark", True))  # type: ignore[arg-type]
    controller = WorkspaceController(workspace, tasks)
    page = PublishPage(controller, tasks, service, picker or Picker(), worker, Icons(resource_path("icons")),
                       office.clerk, lambda: "en", signer=signer, unlock_delay_scale=0.01)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: "version 1" in page.version_line.text(), timeout=WAIT)
    return page


def sign(qtbot: QtBot, page: PublishPage, passphrase: str) -> None:
    dialog = page.passphrase_dialog
    assert dialog is not None
    dialog.passphrase.setText(passphrase)
    qtbot.waitUntil(dialog.sign_button.isEnabled, timeout=WAIT)
    dialog.sign_button.click()


def test_build_check_publish_revise(qtbot: QtBot, tasks: Tasks, worker: RenderWorker, office: Office,
                                    tmp_path: Path) -> None:
    server = setup_server(tmp_path / "server", office)
    service = FolderOffice(server.folder, load_card(office.clerk))
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", service)
    assert page.version_line.text() == "Not published yet: this will be version 1."
    assert not page.publish_button.isEnabled() and not page.usb_button.isEnabled()
    stages: list[str] = []
    page.progressed.connect(lambda stage, done, total: stages.append(stage))

    page.build_button.click()  # the office's passphrase is asked first: a wrong one is told plainly
    sign(qtbot, page, "not the passphrase")
    dialog = page.passphrase_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Wrong passphrase" in dialog.message.text(), timeout=WAIT)
    assert page.report is None and not (tmp_path / "session" / "bundles").exists()
    sign(qtbot, page, PASSPHRASE)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT)
    report = page.report
    assert report is not None
    assert {"prepare", "encrypt", "verify"} <= set(stages)
    assert page.result.text.startswith("\u2713 Signed by Văn phòng Tỉnh ủy, 4 documents, 3 items, version 1")
    assert verify_bundle(report.path, [load_card(office.clerk)]).manifest.version == 1
    assert page.publish_button.isEnabled() and page.usb_button.isEnabled()

    with qtbot.waitSignal(page.published, timeout=WAIT) as published:
        page.publish_button.click()
    record = published.args[0]
    assert page.publish_result.text == "\u2713 Published version 1 to the office server. 3 members can fetch it now."
    assert (server.folder / "bundles" / record.sha256[:2] / f"{record.sha256}.bundle").is_file()
    assert load_last(tmp_path / "session") == record and record.where == "office"
    assert not page.publish_button.isEnabled()  # published: the next one is a new build
    qtbot.waitUntil(lambda: "This will be version 2." in page.version_line.text(), timeout=WAIT)
    assert page.change_list.item(0).text() == "Nothing has changed since version 1."

    # the clerk replaces the draft plan with a revised one: the page lists it before the next version
    make_pdf(tmp_path / "session" / "docs" / "kehoach.pdf", "Kế hoạch chuyển đổi số — dự thảo lần 2", 4)
    page.refresh()
    qtbot.waitUntil(lambda: "replaced" in page.change_list.item(0).text(), timeout=WAIT)
    assert page.change_list.count() == 1
    assert page.change_list.item(0).text() == ("\u2022 Document replaced (new content) in item 2: "
                                               "Kế hoạch chuyển đổi số (kehoach.pdf)")
    with qtbot.waitSignal(page.built, timeout=WAIT):
        page.build_button.click()  # the key is kept: no passphrase again
    assert page.passphrase_dialog is None
    assert "version 2" in page.result.text
    with qtbot.waitSignal(page.published, timeout=WAIT):
        page.publish_button.click()
    assert page.publish_result.text.startswith("\u2713 Published version 2")
    assert [c[0].name for c in service.calls] == [report.path.name, report.path.name.replace("-v1", "-v2")]
    stored = json.loads(record_path(tmp_path / "session").read_text("utf-8"))
    assert stored["version"] == 2
    qtbot.waitUntil(lambda: "This will be version 3." in page.version_line.text(), timeout=WAIT)


def test_a_cancelled_or_failed_build_leaves_no_file(qtbot: QtBot, tasks: Tasks, worker: RenderWorker,
                                                   office: Office, tmp_path: Path) -> None:
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", NoOffice(), signer=office.unlock("clerk"))
    bundles = tmp_path / "session" / "bundles"
    with open(tmp_path / "session" / "docs" / "baocao.pdf", "ab") as f:  # a long encryption to stop half-way
        f.write(b"\n%" + b"0" * (40 * 2**20) + b"\n")
    page.build_button.click()
    assert page.cancel_button.isEnabled()
    qtbot.keyClick(page.cancel_button, Qt.Key.Key_Escape)  # Esc stops it
    assert page.stage.text() == "Stopping\u2026"
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.result.text == "Building was cancelled; no file was written."
    assert page.report is None and not page.publish_button.isEnabled()
    assert not bundles.exists() or list(bundles.iterdir()) == []

    (tmp_path / "session" / "docs" / "phuluc.pdf").write_bytes(b"%PDF-1.7 this is not a PDF at all")
    page.build_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert "phuluc.pdf" in page.result.text and "damaged" in page.result.text
    assert page.result.kind == "error"
    assert not bundles.exists() or list(bundles.iterdir()) == []


def test_no_office_server_offers_the_usb_stick(qtbot: QtBot, tasks: Tasks, worker: RenderWorker, office: Office,
                                              tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    picker = Picker(stick / "phien-12.paperless")
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", NoOffice(), picker,
                     signer=office.unlock("clerk"))
    with qtbot.waitSignal(page.built, timeout=WAIT) as built:
        page.build_button.click()
    page.publish_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert "not connected to an office server" in page.publish_result.text
    assert page.usb_button.hasFocus() or not page.isActiveWindow()
    with qtbot.waitSignal(page.published, timeout=WAIT) as published:
        page.usb_button.click()
    assert (stick / "phien-12.paperless").read_bytes() == built.args[0].path.read_bytes()
    assert sorted(p.name for p in stick.iterdir()) == ["phien-12.paperless"]  # no temporary file left
    assert published.args[0].where == "file"
    assert page.publish_result.text.startswith("\u2713 Saved version 1 as ")


def test_an_edit_after_the_build_asks_for_a_new_build(qtbot: QtBot, tasks: Tasks, worker: RenderWorker,
                                                      office: Office, tmp_path: Path) -> None:
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", NoOffice(), signer=office.unlock("clerk"))
    with qtbot.waitSignal(page.built, timeout=WAIT):
        page.build_button.click()
    page._controller.edit(("Rename", "Đổi tên"), lambda d: setattr(d, "location", "Phòng họp số 2"))  # type: ignore[arg-type]
    assert page.report is None and not page.publish_button.isEnabled()
    assert "build it again" in page.result.text


def test_preview_as_a_member(qtbot: QtBot, tasks: Tasks, worker: RenderWorker, office: Office,
                             tmp_path: Path) -> None:
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", NoOffice())
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=WAIT)
    dialog = page.preview_dialog
    assert dialog is not None
    dialog.members.setCurrentText(MEMBERS[1])  # Trần Thị Bình: item 3 is restricted to Nguyễn Văn An
    preview = dialog.preview
    assert preview is not None and preview.member == MEMBERS[1]
    locked = [d for d in preview.documents() if not d.readable]
    assert [d.item for d in locked] == [3]
    row = dialog.agenda.document_item(locked[0].entry)
    assert row is not None and row.data(0, KIND_ROLE) == "locked"
    assert MEMBERS[1] in dialog.watermark.text()
    qtbot.waitUntil(lambda: dialog.view.page_count() > 0, timeout=WAIT)  # the first readable document
    assert dialog.view.canvas.watermark.text.startswith(MEMBERS[1] + " · Hội nghị Ban Thường vụ")
    dialog.open_document(locked[0].entry)
    assert dialog.banner.text == LOCKED_TEXT.en and dialog.shown_entry is None
    dialog.members.setCurrentText(MEMBERS[0])
    assert dialog.preview is not None and not [d for d in dialog.preview.documents() if not d.readable]
    work = dialog.preview.prepared.work
    dialog.reject()
    qtbot.waitUntil(lambda: not work.exists(), timeout=WAIT)  # the converted copies go with the preview


def test_an_edit_during_the_build_asks_for_a_new_build(qtbot: QtBot, tasks: Tasks, worker: RenderWorker,
                                                       office: Office, tmp_path: Path) -> None:
    page = make_page(qtbot, tasks, worker, office, tmp_path / "session", NoOffice(), signer=office.unlock("clerk"))
    page.build_button.click()
    page._controller.edit(("Rename", "Đổi tên"), lambda d: setattr(d, "location", "Phòng họp số 2"))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.report is None and not page.publish_button.isEnabled()
    assert "build it again" in page.result.text


def test_the_usb_copy_is_offered_under_the_sessions_title() -> None:
    from paperless.gui.clerk.publish_page import copy_name

    assert copy_name("Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 14", 2, "9f1c-v2.paperless") == \
        "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 14 (v2).paperless"
    assert copy_name("Báo cáo: quý 1/2026?", 1, "9f1c-v1.paperless") == "Báo cáo- quý 1-2026 (v1).paperless"
    assert copy_name("  ", 1, "9f1c-v1.paperless") == "9f1c-v1.paperless"  # no title: the bundle's own name
