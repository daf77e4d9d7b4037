"""Qt's own dialogs in Vietnamese: the widget-based file dialog (Linux without a desktop theme),
message boxes and the standard buttons, from ``qt_extra_vi.ts`` loaded as the app loads it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import OFFSCREEN_NOISE, ensure_translations
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QToolButton,
    QTreeView,
    QWidget,
)

from paperless.gui.i18n import Translators

pytestmark = OFFSCREEN_NOISE

MODES = {
    "open": (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.ExistingFile),
    "save": (QFileDialog.AcceptMode.AcceptSave, QFileDialog.FileMode.AnyFile),
    "folder": (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.FileMode.Directory),
}
TOOL_TIPS = {"backButton": "Quay lại", "forwardButton": "Tiến tới", "toParentButton": "Thư mục cha",
             "newFolderButton": "Tạo thư mục mới", "listModeButton": "Xem dạng danh sách",
             "detailModeButton": "Xem chi tiết"}
HEADERS_VI = ["Tên", "Kích thước", "Kiểu", "Ngày sửa đổi"]
HEADERS_EN = ["Name", "Size", "Type", "Date Modified"]
SB = QDialogButtonBox.StandardButton
STANDARD_BUTTONS_VI = {
    SB.Ok: "OK", SB.Save: "Lưu", SB.SaveAll: "Lưu tất cả", SB.Open: "Mở", SB.Yes: "&Có",
    SB.YesToAll: "Có với &tất cả", SB.No: "&Không", SB.NoToAll: "Không &với tất cả", SB.Abort: "Hủy bỏ",
    SB.Retry: "Thử lại", SB.Ignore: "Bỏ qua", SB.Close: "Đóng", SB.Cancel: "Hủy", SB.Discard: "Bỏ thay đổi",
    SB.Help: "Trợ giúp", SB.Apply: "Áp dụng", SB.Reset: "Đặt lại", SB.RestoreDefaults: "Khôi phục mặc định",
}


def _qt_english_sources() -> set[str]:
    """Every English text qt_extra_vi.ts translates (except "OK", the same in Vietnamese)."""
    root = ET.parse(ensure_translations() / "qt_extra_vi.ts").getroot()
    return {m.findtext("source") or "" for m in root.iter("message")} - {"OK", "&OK"}


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[Translators]:
    """The app's own translators (paperless_vi + qt_extra_vi), installed as the app does."""
    before = QLocale()
    translators = Translators(qapp, ensure_translations())
    assert translators.install("vi")
    yield translators
    translators.remove()
    translators.deleteLater()
    QLocale.setDefault(before)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Biên bản").mkdir()
    (tmp_path / "phien12.pdf").write_bytes(b"%PDF-1.4\n")
    return tmp_path


def _dialog(qtbot, folder: Path, mode: str) -> QFileDialog:  # type: ignore[no-untyped-def]
    accept, file_mode = MODES[mode]
    dialog = QFileDialog(None, "Paperless", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(accept)
    dialog.setFileMode(file_mode)
    if file_mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(800, 450)
    qtbot.addWidget(dialog)
    dialog.show()  # not exec(): nothing blocks
    tree = dialog.findChild(QTreeView, "treeView")
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) >= (1 if mode == "folder" else 2))
    return dialog


def _child(dialog: QWidget, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def _accept_button(dialog: QFileDialog) -> QPushButton:
    box = _child(dialog, QDialogButtonBox, "buttonBox")
    button = box.button(SB.Open) or box.button(SB.Save)
    assert button is not None
    return button


def _row(tree: QTreeView, name: str) -> list[str]:
    model, root = tree.model(), tree.rootIndex()
    for row in range(model.rowCount(root)):
        if model.index(row, 0, root).data() == name:
            return [model.index(row, column, root).data() for column in range(model.columnCount(root))]
    raise AssertionError(f"{name} not listed")


def _visible_texts(dialog: QFileDialog) -> list[str]:
    """What a user can read (or hear, with a screen reader) in the dialog: labels, buttons,
    tooltips, accessible names and descriptions, headers, menus, lists."""
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
    for widget in dialog.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription()]
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip()]
    texts += [a.text() for a in dialog.findChildren(QAction)]
    for combo in dialog.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    tree = _child(dialog, QTreeView, "treeView")
    model, root = tree.model(), tree.rootIndex()
    texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount(root))]
    texts += [model.index(r, c, root).data() for r in range(model.rowCount(root))
              for c in range(model.columnCount(root))]
    sidebar = _child(dialog, QListView, "sidebar")
    texts += [sidebar.model().index(r, 0).data() for r in range(sidebar.model().rowCount())]
    return [t for t in texts if t]


def _answer_next_message_box(answer: QMessageBox.StandardButton) -> list[tuple[str, str, list[str]]]:
    """Answer the next modal QMessageBox (shown from inside a blocking Qt call) with ``answer``;
    the returned list receives its (title, text, button texts)."""
    seen: list[tuple[str, str, list[str]]] = []
    tries = [0]

    def look() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text(), sorted(b.text() for b in box.buttons())))
            button = box.button(answer)
            assert button is not None
            button.click()
        elif tries[0] < 200:
            tries[0] += 1
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
    return seen


def test_open_dialog_in_vietnamese(qtbot, vietnamese: Translators, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, folder, "open")
    assert _child(dialog, QLabel, "lookInLabel").text() == "Tìm t&rong:"
    assert _child(dialog, QLabel, "fileNameLabel").text() == "&Tên tệp:"
    assert _child(dialog, QLabel, "fileTypeLabel").text() == "&Kiểu tệp:"
    assert _accept_button(dialog).text() == "&Mở"
    assert _child(dialog, QDialogButtonBox, "buttonBox").button(SB.Cancel).text() == "Hủy"
    assert {name: _child(dialog, QToolButton, name).toolTip() for name in TOOL_TIPS} == TOOL_TIPS
    assert _child(dialog, QToolButton, "toParentButton").accessibleDescription() == "Đi tới thư mục cha"
    assert _child(dialog, QComboBox, "fileTypeCombo").itemText(0) == "Mọi tệp (*)"

    tree = _child(dialog, QTreeView, "treeView")
    model = tree.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == HEADERS_VI
    assert _row(tree, "Biên bản")[2] == "Thư mục"
    sidebar = _child(dialog, QListView, "sidebar")
    assert sidebar.model().index(0, 0).data() == "Máy tính"

    actions = {a.objectName(): a.text() for a in dialog.findChildren(QAction) if a.objectName()}
    assert actions["qt_rename_action"] == "Đổi &tên"
    assert actions["qt_delete_action"] == "&Xóa"
    assert actions["qt_show_hidden_action"] == "&Hiện tệp ẩn"
    assert actions["qt_new_folder_action"] == "Thư mục &mới"
    header_menu = sorted(a.text() for a in dialog.findChildren(QAction) if a.text().startswith("Hiện cột "))
    assert header_menu == ["Hiện cột Kiểu", "Hiện cột Kích thước", "Hiện cột Ngày sửa đổi"]

    english = _qt_english_sources()
    assert [t for t in _visible_texts(dialog) if t in english] == []

    shot = dialog.grab()
    assert not shot.isNull() and shot.save(str(folder / "filedialog_vi.png"))
    dialog.close()


def test_open_dialog_says_file_not_found_in_vietnamese(qtbot, vietnamese: Translators,  # type: ignore[no-untyped-def]
                                                       folder: Path) -> None:
    dialog = _dialog(qtbot, folder, "open")
    _child(dialog, QLineEdit, "fileNameEdit").setText("khong-co.pdf")  # as typed, without the completer popup
    seen = _answer_next_message_box(QMessageBox.StandardButton.Ok)
    dialog.accept()  # runs the warning box modally; the timer answers it
    assert seen == [("Paperless", "khong-co.pdf\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp đã nhập.", ["OK"])]
    assert dialog.isVisible()
    dialog.close()


def test_save_dialog_in_vietnamese_asks_before_replacing(qtbot, vietnamese: Translators,  # type: ignore[no-untyped-def]
                                                          folder: Path) -> None:
    dialog = _dialog(qtbot, folder, "save")
    assert _child(dialog, QLabel, "lookInLabel").text() == "Tìm t&rong:"
    assert _child(dialog, QLabel, "fileNameLabel").text() == "&Tên tệp:"
    assert _accept_button(dialog).text() == "&Lưu"
    assert _child(dialog, QDialogButtonBox, "buttonBox").button(SB.Cancel).text() == "Hủy"
    english = _qt_english_sources()
    assert [t for t in _visible_texts(dialog) if t in english] == []

    _child(dialog, QLineEdit, "fileNameEdit").setText("phien12.pdf")  # as typed, without the completer popup
    seen = _answer_next_message_box(QMessageBox.StandardButton.No)
    dialog.accept()
    assert seen == [("Paperless", "phien12.pdf đã tồn tại.\nBạn có muốn thay thế không?", ["&Có", "&Không"])]
    assert dialog.isVisible() and dialog.result() == 0  # "Không": nothing chosen, nothing replaced
    dialog.close()


def test_delete_in_file_dialog_asks_in_vietnamese(qtbot, vietnamese: Translators,  # type: ignore[no-untyped-def]
                                                  folder: Path) -> None:
    dialog = _dialog(qtbot, folder, "open")
    tree = _child(dialog, QTreeView, "treeView")
    model = tree.model()
    tree.setCurrentIndex(model.index(str(folder / "phien12.pdf")))
    delete = next(a for a in dialog.findChildren(QAction) if a.objectName() == "qt_delete_action")
    delete.setEnabled(True)  # the context menu enables it; the menu itself would block
    seen = _answer_next_message_box(QMessageBox.StandardButton.No)
    delete.trigger()
    assert seen == [("Xóa", "Bạn có chắc muốn xóa 'phien12.pdf' không?", ["&Có", "&Không"])]
    assert (folder / "phien12.pdf").exists()
    dialog.close()


def test_folder_dialog_in_vietnamese(qtbot, vietnamese: Translators, folder: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, folder, "folder")
    assert _child(dialog, QLabel, "fileNameLabel").text() == "Thư mục:"
    assert _accept_button(dialog).text() == "&Chọn"
    assert _child(dialog, QComboBox, "fileTypeCombo").itemText(0) == "Thư mục"
    english = _qt_english_sources()
    assert [t for t in _visible_texts(dialog) if t in english] == []
    dialog.close()


def _message_box(qtbot) -> QMessageBox:  # type: ignore[no-untyped-def]
    box = QMessageBox(QMessageBox.Icon.Question, "Paperless", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.setDetailedText("…")
    qtbot.addWidget(box)
    box.show()
    return box


def _details_button(box: QMessageBox) -> QAbstractButton:
    known = {box.button(QMessageBox.StandardButton.Ok), box.button(QMessageBox.StandardButton.Cancel)}
    buttons = [b for b in box.findChildren(QPushButton) if b not in known]
    assert len(buttons) == 1
    return buttons[0]


def test_message_box_in_vietnamese(qtbot, vietnamese: Translators) -> None:  # type: ignore[no-untyped-def]
    box = _message_box(qtbot)
    assert box.button(QMessageBox.StandardButton.Ok).text() == "OK"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Hủy"
    details = _details_button(box)
    assert details.text() == "Hiện chi tiết..."
    details.click()
    assert details.text() == "Ẩn chi tiết..."
    box.close()


def test_standard_buttons_in_vietnamese(qtbot, vietnamese: Translators) -> None:  # type: ignore[no-untyped-def]
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    for which in STANDARD_BUTTONS_VI:
        box.addButton(which)
    assert {which: box.button(which).text() for which in STANDARD_BUTTONS_VI} == STANDARD_BUTTONS_VI


def test_english_is_unchanged(qtbot, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """No translator (the English interface): Qt's own English, untouched."""
    dialog = _dialog(qtbot, folder, "open")
    assert _child(dialog, QLabel, "lookInLabel").text() == "&Look in:"
    assert _child(dialog, QLabel, "fileNameLabel").text() == "File &name:"
    assert _child(dialog, QLabel, "fileTypeLabel").text() == "Files of &type:"
    assert _accept_button(dialog).text() == "&Open"
    assert _child(dialog, QToolButton, "backButton").toolTip() == "Back"
    model = _child(dialog, QTreeView, "treeView").model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == HEADERS_EN
    dialog.close()
    box = _message_box(qtbot)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancel"
    assert _details_button(box).text() == "Show Details..."
    box.close()


def test_file_dialog_follows_a_live_switch(qtbot, vietnamese: Translators,  # type: ignore[no-untyped-def]
                                           folder: Path) -> None:
    dialog = _dialog(qtbot, folder, "save")
    label: Callable[[], str] = _child(dialog, QLabel, "lookInLabel").text
    assert label() == "Tìm t&rong:"
    vietnamese.install("en")
    qtbot.waitUntil(lambda: label() == "&Look in:")
    # Qt relabels the accept button on a language change: "Save" (QPlatformTheme) replaces "&Save".
    assert _accept_button(dialog).text().replace("&", "") == "Save"
    vietnamese.install("vi")
    qtbot.waitUntil(lambda: label() == "Tìm t&rong:")
    assert _accept_button(dialog).text().replace("&", "") == "Lưu"
    dialog.close()
