"""First run: create my identity (or bring one), show my card, trust the office's card."""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_helpers import People
from gui_helpers import OFFSCREEN_NOISE, harnesses, open_message_boxes
from PySide6.QtWidgets import QApplication

from paperless.core.identity import load_card
from paperless.core.library import Library, has_identity
from paperless.gui.dialogs.first_run import CARD, CREATE, OFFICE, FirstRunDialog
from paperless.gui.dialogs.trust import TrustDialog

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def make(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    with harnesses(qtbot, tmp_path) as factory:
        yield factory


def _trust_dialog() -> TrustDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, TrustDialog) and w.isVisible()]
    assert len(found) == 1
    return found[0]


def test_create_identity_card_and_trust(qtbot, make, people: People, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    h = make()
    dest = h.services.paths.default_identity
    dialog = FirstRunDialog(h.services, dest, h.window)
    qtbot.addWidget(dialog)
    done: list[tuple[object, object]] = []
    dialog.completed.connect(lambda identity, library: done.append((identity, library)))
    dialog.open()
    dialog.create_button.click()
    assert dialog.pages.currentIndex() == CREATE

    assert not dialog.do_create.isEnabled()
    dialog.name.setText("  Phạm   Thu Hà ")
    dialog.pass1.setText("ngắn")
    assert "too short" in dialog.strength.text() and not dialog.do_create.isEnabled()
    dialog.pass1.setText("abcdefgh")
    assert "weak" in dialog.strength.text() and "longer" in dialog.strength.text()
    dialog.pass2.setText("abcdefgX")
    assert "not the same" in dialog.create_message.text() and not dialog.do_create.isEnabled()
    passphrase = "Hội nghị sáng thứ Năm 2025"
    dialog.pass1.setText(passphrase)
    dialog.pass2.setText(passphrase)
    assert "strong" in dialog.strength.text() and dialog.do_create.isEnabled()
    dialog.do_create.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == CARD, timeout=20_000)

    card = load_card(dest)
    assert card.name == "Phạm Thu Hà" and card.role == "member" and has_identity(dest)
    assert dialog.card_view.fingerprint.text() == card.fingerprint
    assert dialog.card_view.fingerprint.font().pointSizeF() >= 20
    assert dialog.pass1.text() == "" and dialog.pass2.text() == ""

    saved = tmp_path / "the card.toml"
    h.files.save_answers.append(saved)
    dialog.save_card_button.click()
    assert load_card(saved) == card and str(saved) in dialog.saved_message.text()

    dialog._k_next.click()
    assert dialog.pages.currentIndex() == OFFICE
    h.files.open_answers.append(people.clerk / "card.toml")
    dialog.choose_office.click()
    trust = _trust_dialog()
    assert trust._view.fingerprint.text() == load_card(people.clerk).fingerprint
    trust.trust_button.click()
    assert dialog.finish_button.isVisibleTo(dialog) and not dialog.skip_button.isVisibleTo(dialog)
    dialog.finish_button.click()
    [(identity, library)] = done
    assert identity.card == card and library.sessions() == []  # type: ignore[attr-defined]
    # trusted in the member's sealed library, not in a cleartext folder anyone can drop a card into
    reopened = Library.open(h.services.paths.root, identity)  # type: ignore[arg-type]
    assert reopened.trusted_signers() == [load_card(people.clerk)]
    assert not (h.services.paths.root / "trusted").exists()


def test_import_existing_identity_and_skip_trust(qtbot, make, people: People) -> None:  # type: ignore[no-untyped-def]
    h = make()
    dest = h.services.paths.default_identity
    dialog = FirstRunDialog(h.services, dest, h.window)
    qtbot.addWidget(dialog)
    done: list[tuple[object, object]] = []
    dialog.completed.connect(lambda identity, library: done.append((identity, library)))
    dialog.open()
    h.files.folder_answers.append(None)  # cancelled: nothing happens
    dialog.import_button.click()
    assert dialog.pages.currentIndex() == 0 and not dest.exists()
    h.files.folder_answers.append(people.root / "nothing-here")
    dialog.import_button.click()
    [box] = open_message_boxes()
    assert box.property("paperless_error") == "CorruptCardError"
    box.close()
    h.files.folder_answers.append(people.member("binh"))
    dialog.import_button.click()
    assert dialog.pages.currentIndex() == CARD
    assert load_card(dest) == load_card(people.member("binh"))
    dialog._k_next.click()
    h.files.open_answers.append(None)
    dialog.choose_office.click()  # cancelled
    dialog.skip_button.click()
    assert done == [(None, None)]  # the app asks the passphrase next
    assert not (h.services.paths.root / "trusted").exists()


def test_startup_shows_first_run_without_identity(qtbot, make) -> None:  # type: ignore[no-untyped-def]
    from paperless.gui.app import AppOptions
    from paperless.gui.startup import Startup

    h = make()
    startup = Startup(h.services, h.window, AppOptions())
    startup.start()
    assert isinstance(startup.dialog, FirstRunDialog) and startup.dialog.isVisible()
    startup.dialog.close()
