"""Keyboard and screen-reader access: every control has a name, tab order follows the eye,
actions explain themselves, full screen has the platform's standard shortcut too."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, harnesses
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from paperless.core.identity import load_card
from paperless.gui.dialogs.first_run import CARD, CREATE, OFFICE, FirstRunDialog
from paperless.gui.dialogs.trust import TrustDialog
from paperless.gui.dialogs.unlock import UnlockDialog

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def _labelled_by(widget: QWidget, top: QWidget) -> bool:
    """A visible QLabel names it (setBuddy, or a QFormLayout row)."""
    for label in top.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return True
    for form in top.findChildren(QFormLayout):
        label = form.labelForField(widget)
        if isinstance(label, QLabel) and label.text().strip():
            return True
    return False


def _named(widget: QWidget, top: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
        return _named(widget.parent(), top)
    return _labelled_by(widget, top)


def unnamed_focusable(top: QWidget) -> list[str]:
    """Widgets a keyboard user can reach (tab or click focus) that a screen reader could not name."""
    missing = []
    for w in [top, *top.findChildren(QWidget)]:
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or w.focusProxy() is not None:
            continue
        if not w.isVisibleTo(top) and w is not top:
            continue
        if w.isWindow() and w is not top:
            continue
        if not _named(w, top):
            missing.append(f"{type(w).__name__}#{w.objectName()}")
    return missing


def tab_chain(start: QWidget, count: int) -> list[QWidget]:
    chain, w = [start], start
    for _ in range(count - 1):
        w = w.nextInFocusChain()
        while not (w.isVisibleTo(start.window()) and w.isEnabled()
                   and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None):
            w = w.nextInFocusChain()
        chain.append(w)
    return chain


def test_main_window_controls_are_named(make, bundle: Path, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    w = h.window
    assert unnamed_focusable(w) == []  # locked: the library with its Unlock button
    h.unlock()
    assert unnamed_focusable(w) == []
    w.actions_.search_panel.setChecked(True)
    h.open(bundle)
    h.wait_document()
    assert unnamed_focusable(w) == []
    assert w.agenda.tree.accessibleName() == "Agenda"
    assert w.library_view.list.accessibleName() == "Sessions on this computer"


def test_banner_is_named_and_describes_its_message(make) -> None:  # type: ignore[no-untyped-def]
    h = make()
    banner = h.window.reader.banner
    banner.show_message("The document cannot be shown.", "error")
    assert banner.accessibleName() and "cannot be shown" in banner.accessibleDescription()


def test_unlock_dialog_tab_order_follows_the_eye(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert unnamed_focusable(dialog) == []
    assert tab_chain(dialog.passphrase, 4) == [dialog.passphrase, dialog.unlock_button, dialog._cancel,
                                               dialog.passphrase]
    # on screen too: Unlock left of Cancel (the Windows order), on one row
    assert dialog.unlock_button.x() < dialog._cancel.x()
    assert dialog.unlock_button.y() == dialog._cancel.y()


def test_first_run_tab_order(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make()
    dialog = FirstRunDialog(h.services, h.services.paths.default_identity, h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert unnamed_focusable(dialog) == []
    assert tab_chain(dialog.create_button, 2) == [dialog.create_button, dialog.import_button]
    dialog.create_button.click()
    assert dialog.pages.currentIndex() == CREATE
    assert unnamed_focusable(dialog) == []
    dialog.name.setText("Phạm Thu Hà")
    dialog.pass1.setText("Hội nghị sáng thứ Năm 2025")
    dialog.pass2.setText("Hội nghị sáng thứ Năm 2025")
    # Back then Create, left to right, as in a Windows wizard
    assert tab_chain(dialog.name, 6) == [dialog.name, dialog.pass1, dialog.pass2, dialog._c_back, dialog.do_create,
                                         dialog.name]
    assert dialog._c_back.x() < dialog.do_create.x()
    dialog._show_card(load_card(people.member("an")))  # my card: the digits, Save, Next
    assert dialog.pages.currentIndex() == CARD and unnamed_focusable(dialog) == []
    fp = dialog.card_view.fingerprint
    assert tab_chain(fp, 3) == [fp, dialog.save_card_button, dialog._k_next]
    dialog.pages.setCurrentIndex(OFFICE)
    assert unnamed_focusable(dialog) == []


def test_trust_dialog_names_the_fingerprint(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make()
    card = load_card(people.clerk)
    dialog = TrustDialog(card, h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert unnamed_focusable(dialog) == []
    fp = dialog._view.fingerprint
    assert tab_chain(fp, 4) == [fp, dialog.trust_button, dialog._cancel, fp]
    assert dialog.trust_button.x() < dialog._cancel.x()
    assert fp.accessibleName() == "Fingerprint"
    assert fp.accessibleDescription().replace(" ", "").replace(",", "") == card.fingerprint.replace(" ", "")
    assert fp.focusPolicy() != Qt.FocusPolicy.NoFocus  # reachable to be read aloud
    # it opens on the digits, and Enter there does not trust: Trust is a deliberate choice
    qtbot.waitUntil(lambda: dialog.focusWidget() is fp)
    qtbot.keyClick(fp, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_actions_have_tooltips_and_full_screen_keys(make) -> None:  # type: ignore[no-untyped-def]
    h = make()
    a = h.window.actions_
    for act in (a.open, a.library, a.close_session, a.trust_card, a.save_card, a.search_panel, a.zoom_in,
                a.zoom_out, a.fit_width, a.fit_page, a.actual_size, a.night, a.full_screen, a.agenda,
                a.thumbnails, a.outline, a.about):
        tip = act.toolTip()
        assert tip and tip != act.text().replace("&", ""), act.text()  # a sentence, not just the menu text
        assert act.statusTip()
    keys = a.full_screen.shortcuts()
    assert keys[0] == QKeySequence("F11")
    for std in QKeySequence.keyBindings(QKeySequence.StandardKey.FullScreen):
        if std != QKeySequence(a.search_panel.shortcut()):
            assert std in keys
    assert "F11" in a.full_screen.toolTip()
