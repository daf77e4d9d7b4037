"""The passphrase dialog: right and wrong passphrases, the growing pause."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import PASSPHRASE, People, unlock
from gui_helpers import DELAY_SCALE, OFFSCREEN_NOISE, harnesses

from paperless.core.age import encrypt_bytes
from paperless.core.library import Library
from paperless.gui.dialogs.unlock import MAX_DELAY, UnlockDialog, delay_for

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def test_delay_doubles_and_is_capped() -> None:
    assert [delay_for(n) for n in range(5)] == [0, 1, 2, 4, 8]
    assert delay_for(30) == MAX_DELAY
    assert delay_for(3, 0.5) == 2


def test_wrong_then_right_passphrase(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people)
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    assert "Nguyễn Văn An" in dialog._who.text()
    unlocked: list[object] = []
    dialog.unlocked.connect(lambda identity, library: unlocked.append((identity, library)))

    dialog.try_unlock()  # empty: asks for it, does nothing else
    assert "type your passphrase" in dialog.message.text()

    waits = []
    for attempt in (1, 2, 3):
        dialog.passphrase.setText("sai mật khẩu")
        dialog.try_unlock()
        assert not dialog.unlock_button.isEnabled()  # busy while scrypt runs
        qtbot.waitUntil(lambda a=attempt: dialog.failures == a, timeout=10_000)
        assert dialog.waiting and not dialog.unlock_button.isEnabled() and not dialog.passphrase.isEnabled()
        assert "Wrong passphrase" in dialog.message.text()
        waits.append(dialog._remaining)
        dialog.try_unlock()  # ignored during the pause
        qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=10_000)
        assert "try again" in dialog.message.text()
    assert waits == pytest.approx([DELAY_SCALE, 2 * DELAY_SCALE, 4 * DELAY_SCALE])

    dialog.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        dialog.try_unlock()
    identity, library = unlocked[0]  # type: ignore[misc]
    assert identity.card.name == "Nguyễn Văn An" and library.sessions() == []
    assert dialog.passphrase.text() == "" and not dialog.isVisible()


def test_unlock_dialog_in_vietnamese(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make(people, language="vi")
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    assert dialog.unlock_button.text() == "&Mở khóa"
    dialog.passphrase.setText("sai")
    dialog.try_unlock()
    qtbot.waitUntil(lambda: dialog.failures == 1, timeout=10_000)
    assert "Sai mật khẩu" in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.unlock_button.isEnabled(), timeout=10_000)


def test_a_refused_library_is_said_and_starting_over_is_a_choice(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    """Issue 8 §5: a library that fails its seal is not used and not silently replaced."""
    h = make(people)
    me = unlock(people.member("an"))
    lib = Library.open(h.services.paths.root, me)
    lib.state_path.parent.mkdir(parents=True)
    lib.state_path.write_bytes(encrypt_bytes([me.card.age_recipient], b'{"format": "paperless-library"}'))
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    unlocked: list[object] = []
    dialog.unlocked.connect(lambda identity, library: unlocked.append(library))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.try_unlock()
    qtbot.waitUntil(lambda: dialog.start_over_button.isVisible(), timeout=10_000)
    assert "altered or damaged" in dialog.message.text() and unlocked == [] and dialog.isVisible()
    assert dialog.unlock_button.isEnabled()  # the member may also try again, or cancel
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        dialog.start_over_button.click()
    assert unlocked[0].sessions() == []  # type: ignore[attr-defined]
    assert [p for p in lib.folder.iterdir() if p.name.startswith("state.age.rejected-")]


def test_enter_in_the_passphrase_unlocks_and_never_cancels(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    """Unlocking disables the field and the focus moves on to Cancel: the Enter that started it must
    not also click Cancel (the dialog closed at once and the unlock was lost)."""
    from notes_gui_helpers import type_text
    from PySide6.QtCore import Qt

    h = make(people)
    dialog = UnlockDialog(h.services, people.member("an"), h.window)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.passphrase.hasFocus)
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    type_text(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert dialog.isVisible() and not rejected  # still there while scrypt runs
    assert not rejected and dialog.result() == dialog.DialogCode.Accepted
