"""Issue 10 in the app, end to end: a member's laptop (the app, offscreen) and their other laptop (the
core engine in this process, its own data folder) sync notes through a real office server over
HTTPS on loopback (``paperless server run``, SQLite).

The app connects through File ▸ Connect to the office server…, says "Synced…" in the status bar,
shows an annotation made on the other laptop after F5 (on the page and in My notes), sends a note
written in the app to the other laptop, marks a conflict copy, lists both laptops in the Devices
dialog and revokes the other one, which then wipes itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, unlock
from gui_helpers import OFFSCREEN_NOISE, Harness, harnesses
from notes_content import markup
from PySide6.QtWidgets import QMessageBox
from server_helpers import RunningServer, ServerSetup, cli, free_port, start_server

from paperless.core.identity import load_card
from paperless.core.notes import AnnotationKind, NotesStore
from paperless.core.sync import SyncEngine, SyncState, import_office_file
from paperless.core.sync import protocol as P
from paperless.gui.annotations.controller import store_session_id
from paperless.gui.notes.panel import ANNOTATIONS_TAB

pytestmark = OFFSCREEN_NOISE
WAIT = 60_000
LINE = (72.0, 95.0, 400.0, 112.0)


@pytest.fixture
def office_server(tmp_path: Path, people: People) -> Iterator[RunningServer]:
    """A server the test office (``people``'s clerk) set up, with the member An enrolled."""
    folder, port = tmp_path / "server", free_port()
    assert cli("server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_GUI_PASS",
               "--url", f"https://127.0.0.1:{port}", env={"PL_GUI_PASS": PASSPHRASE}) == 0
    assert cli("server", "enroll", folder, people.member("an") / "card.toml") == 0
    running = start_server(ServerSetup(folder, port, None))  # type: ignore[arg-type]  # the office is not needed to run
    yield running
    running.stop()


class OtherLaptop:
    """The member's other laptop: its own library folder, notes store and sync engine."""

    def __init__(self, folder: Path, people: People, office_file: Path, *, name: str = "Máy ở nhà") -> None:
        self.identity = unlock(people.member("an"))
        clerk = load_card(people.clerk)
        import_office_file(office_file, folder, [clerk])
        self.folder = folder
        self.store = NotesStore.open(folder, self.identity)
        self.engine = SyncEngine(self.identity, folder, self.store, device_name=name, trusted=lambda: [clerk])

    def sync(self) -> SyncState:
        return self.engine.sync_once().status.state


def _click(box_name: str, text: str) -> None:
    from PySide6.QtWidgets import QApplication

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    boxes += [b for w in QApplication.topLevelWidgets() for b in w.findChildren(QMessageBox) if b.isVisible()]
    box = next(b for b in boxes if b.objectName() == box_name)
    next(b for b in box.buttons() if b.text().replace("&", "") == text).click()


def _box_open(box_name: str) -> bool:
    from PySide6.QtWidgets import QApplication

    every = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    every += [b for w in QApplication.topLevelWidgets() for b in w.findChildren(QMessageBox)]
    return any(b.isVisible() and b.objectName() == box_name for b in every)


def test_the_app_syncs_notes_with_the_members_other_laptop(qtbot, tmp_path: Path, people: People,  # type: ignore[no-untyped-def]
                                                           bundle: Path, office_server: RunningServer) -> None:
    office_file = office_server.setup.folder / P.OFFICE_FILE
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        h.unlock()
        w = h.window
        sync, label = w.sync, w.sync.part.label
        assert label is not None and label.text() == "Chưa kết nối máy chủ văn phòng"
        h.open(bundle)
        h.wait_document("documents/0001.age")
        notes, view = w.notes, w.reader.view
        qtbot.waitUntil(lambda: notes.controller.active and notes.document is not None, timeout=WAIT)
        doc, opened = notes.document, w.session.opened
        assert doc is not None and opened is not None
        sid = store_session_id(opened.manifest.session_id)

        # File ▸ Connect to the office server…: the file the office gave, checked, confirmed
        h.files.open_answers.append(office_file)
        w.actions_.connect_office.trigger()
        qtbot.waitUntil(lambda: _box_open("confirmConnect"), timeout=WAIT)
        _click("confirmConnect", "Kết nối")
        qtbot.waitUntil(lambda: sync.connected and sync.part.status.state is SyncState.SYNCED, timeout=WAIT)
        assert label.text() == "Đã đồng bộ vừa xong"
        assert w.actions_.sync_now.isEnabled() and w.actions_.devices.isEnabled()

        # The other laptop writes an annotation on the same page; F5 here brings it to the page
        other = OtherLaptop(tmp_path / "other-laptop", people, office_file)
        try:
            assert other.sync() is SyncState.SYNCED
            made = other.store.add_annotation(sid, doc.doc_hash, 0, AnnotationKind.HIGHLIGHT, "#d21f1f",
                                              markup("Báo cáo", doc_hash=doc.doc_hash, page=0, rect=LINE))
            assert other.sync() is SyncState.SYNCED
            w.actions_.sync_now.trigger()  # F5
            qtbot.waitUntil(lambda: any(a.uuid == made.uuid for a in view.annotating.on_page(0)), timeout=WAIT)
            notes.panel.show_tab(ANNOTATIONS_TAB)
            qtbot.waitUntil(lambda: any(a.uuid == made.uuid for a in notes.panel.annotations.shown()), timeout=WAIT)

            # A note written here reaches the other laptop
            w.agenda.item_chosen.emit(0)
            notes.panel.item_note.editor.setPlainText("Ý kiến góp ý từ máy văn phòng")
            notes.panel.item_note.flush()
            qtbot.waitUntil(lambda: sync.part.status.pending > 0 or not sync.running, timeout=WAIT)
            w.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: not sync.running and sync.part.status.pending == 0
                            and sync.part.status.state is SyncState.SYNCED, timeout=WAIT)
            assert other.sync() is SyncState.SYNCED
            note = other.store.item_note(sid, 0)
            assert note is not None and note.text == "Ý kiến góp ý từ máy văn phòng"

            # Both laptops change the same annotation while apart: both versions kept, the other one marked
            other.store.update_annotation(made.uuid, color="#0b61d8")
            assert other.sync() is SyncState.SYNCED
            changed: list[str] = []
            notes.controller.update(made.uuid, on_done=lambda a: changed.append(a.color or ""), color="#1d8a3a")
            qtbot.waitUntil(lambda: changed == ["#1d8a3a"], timeout=WAIT)
            w.actions_.sync_now.trigger()
            qtbot.waitUntil(lambda: len(view.annotating.on_page(0)) == 2, timeout=WAIT)
            copy = next(a for a in view.annotating.on_page(0) if a.uuid != made.uuid)
            assert copy.conflict_of == made.uuid and copy.color == "#0b61d8"
            qtbot.waitUntil(lambda: any("phiên bản từ thiết bị khác" in t for t in _annotation_rows(notes)),
                            timeout=WAIT)
            qtbot.waitUntil(lambda: "cả hai bản được giữ" in w.statusBar().currentMessage(), timeout=WAIT)

            # The Devices dialog lists both laptops; the other one is revoked from here
            w.actions_.devices.trigger()
            dialog = sync.devices_dialog
            assert dialog is not None
            qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=WAIT)
            rows = [dialog.table.item(r, 0).text() for r in range(2)]
            assert rows[1] == "Máy ở nhà" and rows[0].endswith("(máy này)")
            dialog.table.selectRow(1)
            dialog.revoke_button.click()
            qtbot.waitUntil(lambda: _box_open("confirmRevoke"), timeout=WAIT)
            _click("confirmRevoke", "Vô hiệu hoá")
            qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and any(
                dialog.table.item(r, 0).text() == "Máy ở nhà (đã vô hiệu hoá)" for r in range(2)), timeout=WAIT)
            dialog.accept()

            # At its next contact the revoked laptop wipes the member's data there
            assert other.sync() is SyncState.REVOKED
            assert not (other.folder / "notes.sqlite3").exists()

            # It still holds the member's keys, so a new laptop now waits for approval; the app approves it
            newer = OtherLaptop(tmp_path / "new-laptop", people, office_file, name="Máy mới")
            try:
                report = newer.engine.sync_once()
                assert report.status.state is SyncState.REFUSED and "duyệt" in report.status.detail.vi
                w.actions_.devices.trigger()
                dialog = sync.devices_dialog
                assert dialog is not None
                qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=WAIT)
                names = [dialog.table.item(r, 0).text() for r in range(3)]
                row = names.index("Máy mới (đang chờ duyệt)")
                dialog.table.selectRow(row)
                assert dialog.approve_button.isEnabled() and not dialog.approve_button.isHidden()
                dialog.approve_button.click()
                qtbot.waitUntil(lambda: _box_open("confirmApprove"), timeout=WAIT)
                _click("confirmApprove", "Duyệt")
                qtbot.waitUntil(lambda: "Máy mới" in [dialog.table.item(r, 0).text() for r in range(
                    dialog.table.rowCount())], timeout=WAIT)
                dialog.accept()
                assert newer.sync() is SyncState.SYNCED
                assert any(a.uuid == made.uuid for a in newer.store.annotations(sid, doc.doc_hash))
            finally:
                newer.store.close()
        finally:
            other.store.close()


def _annotation_rows(notes) -> list[str]:  # type: ignore[no-untyped-def]
    tree = notes.panel.annotations.tree
    texts = []
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        texts += [group.child(j).text(0) for j in range(group.childCount())]
    return texts


def test_the_app_revoked_from_the_other_laptop_wipes_and_forgets_the_member(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, people: People, bundle: Path, office_server: RunningServer) -> None:
    office_file = office_server.setup.folder / P.OFFICE_FILE
    with harnesses(qtbot, tmp_path) as make:
        h: Harness = make(people, language="vi")
        library = h.unlock()
        w = h.window
        h.open(bundle)
        h.wait_document("documents/0001.age")
        qtbot.waitUntil(lambda: w.notes.controller.active, timeout=WAIT)
        h.files.open_answers.append(office_file)
        w.actions_.connect_office.trigger()
        qtbot.waitUntil(lambda: _box_open("confirmConnect"), timeout=WAIT)
        _click("confirmConnect", "Kết nối")
        qtbot.waitUntil(lambda: w.sync.part.status.state is SyncState.SYNCED, timeout=WAIT)
        assert (library.folder / "notes.sqlite3").exists() and (library.folder / "state.age").exists()

        other = OtherLaptop(tmp_path / "other-laptop", people, office_file)
        try:
            assert other.sync() is SyncState.SYNCED
            this_one = next(d for d in other.engine.devices() if not d.current)
            other.engine.revoke(this_one.device)  # "my office laptop was stolen"
        finally:
            other.store.close()

        w.actions_.sync_now.trigger()
        qtbot.waitUntil(lambda: _box_open("revokedMessage"), timeout=WAIT)
        assert w.session.opened is None and h.services.library is None and h.services.identity is None
        assert w.library_view._locked
        assert not w.actions_.sync_now.isEnabled() and not w.actions_.open.isEnabled()
        assert w.sync.part.label is not None and w.sync.part.label.text() == (
            "Máy này đã bị vô hiệu hoá; ghi chú của đồng chí trên máy đã được xoá")
        _click("revokedMessage", "OK")
        w.close()  # quitting saves nothing back: the wiped files stay gone
        h.wait_idle()
        left = sorted(p.name for p in library.folder.iterdir()) if library.folder.exists() else []
        assert left == [], left
