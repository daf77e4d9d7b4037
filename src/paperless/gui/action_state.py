"""Every action's enabled state and tip, from one function of the app's state.

:func:`action_states` is the only place that decides whether an action of the main window's menus
is enabled and what its tip says (the office's policy included: why printing is refused). The
window re-runs it whenever anything it reads changes and after a language switch, and
:meth:`~paperless.gui.actions.Actions.apply` sets the result — so no two places can overwrite
each other's tooltip, and no order of signal connections matters.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from paperless.core.policy import Refusal


@dataclass(frozen=True)
class UiState:
    """What the actions depend on, read from the session model and the parts at one moment."""

    unlocked: bool = False  # the member's identity and library are open
    has_identity: bool = False
    has_sessions: bool = False  # the library knows sessions (Recent sessions)
    session_open: bool = False
    reading: bool = False  # a document is on screen
    notes_ready: bool = False  # the member's notes are open for this session
    printing: bool = False  # a print job is running
    exporting: bool = False  # an export is running
    print_refusal: Refusal | None = None  # why the office's policy refuses printing now (None: allowed)
    export_refusal: Refusal | None = None  # the same for the annotated PDF (a printable copy)
    connected: bool = False  # this library is connected to an office server (notes sync)
    syncing: bool = False  # a sync round is running
    fetching: bool = False  # new sessions are being downloaded from the office server
    clerk: bool = False  # the unlocked identity is the office's clerk (the workspace is offered)


@dataclass(frozen=True)
class ActionState:
    enabled: bool
    tip: str  # the sentence for the tooltip and the status bar (the tooltip adds the shortcut)


def refusal_text(refusal: Refusal) -> str:
    translate = QCoreApplication.translate
    if refusal is Refusal.EXPIRED:
        return translate("Actions", "This session has expired: its documents can no longer be printed or exported")
    if refusal is Refusal.CLASSIFIED:
        return translate("Actions", "This document is classified: it may not be copied, printed or exported")
    if refusal is Refusal.NO_COPY:
        return translate("Actions", "The office does not allow copying this session's text")
    return translate("Actions", "The office does not allow printing or exporting this session's documents")


def action_states(s: UiState) -> dict[str, ActionState]:
    """The state of each action (by its attribute name on :class:`~paperless.gui.actions.Actions`)."""
    translate = QCoreApplication.translate
    print_tip = (refusal_text(s.print_refusal) if s.print_refusal is not None else
                 translate("Actions", "Print this document with the watermark and your annotations"))
    export_tip = (refusal_text(s.export_refusal) if s.export_refusal is not None else
                  translate("Actions", "Save a copy of this document with your annotations, readable by other "
                                       "programs (not protected)"))
    enabled = {
        "open": s.unlocked,
        "library": s.unlocked,
        "close_session": s.session_open,
        "save_card": s.has_identity,
        "export_pdf": s.notes_ready and s.reading and s.export_refusal is None and not s.exporting,
        "export_notes": s.notes_ready and s.session_open and not s.exporting,
        "print_": s.reading and s.print_refusal is None and not s.printing,
        "bookmark": s.notes_ready and s.reading,
        "connect_office": s.unlocked,
        "sync_now": s.unlocked and s.connected and not s.syncing,
        "devices": s.unlocked and s.connected,
        "fetch_sessions": s.unlocked and s.connected and not s.fetching,
        "lock": s.unlocked,
        "clerk_workspace": s.unlocked and s.clerk,
        **dict.fromkeys(("zoom_in", "zoom_out", "fit_width", "fit_page", "actual_size"), s.reading),
    }
    tips = {
        "open": translate("Actions", "Open a session file you received from the office"),
        "library": translate("Actions", "Show the sessions already opened on this computer"),
        "close_session": translate("Actions", "Close this session and go back to the list of sessions"),
        "trust_card": translate("Actions", "Accept session files signed by an office, after checking its fingerprint"),
        "save_card": translate("Actions", "Save your public card to a file, to give it to the office"),
        "export_pdf": export_tip,
        "export_notes": translate("Actions", "Save all your notes of this session as one document (not protected)"),
        "print_": print_tip,
        "bookmark": translate("Actions", "Bookmark the page you are reading"),
        "notes_panel": translate("Actions", "Show or hide your notes, bookmarks and annotations on the right"),
        "comments_panel": translate("Actions", "Show or hide your comments to the office on drafts and the polls "
                                               "of this session"),
        "quit": translate("Actions", "Close Paperless"),
        "lock": translate("Actions", "Hide the documents now; your passphrase is asked to go on"),
        "connect_office": translate("Actions", "Keep your notes in step between your computers through the office "
                                               "server, with the file the office gave you"),
        "sync_now": (translate("Actions", "Send and fetch your notes through the office server now")
                     if s.connected else translate("Actions", "Connect to the office server first (File menu)")),
        "devices": translate("Actions", "The computers that hold your notes; revoke a lost one"),
        "clerk_workspace": translate("Actions", "Prepare, publish and follow a session for the committee"),
        "fetch_sessions": (translate("Actions", "Download the sessions the office published for you on its server")
                           if s.connected else translate("Actions", "Connect to the office server first (File menu)")),
        "search_panel": translate("Actions", "Show or hide the search across every document of the session"),
        "zoom_in": translate("Actions", "Make the page bigger"),
        "zoom_out": translate("Actions", "Make the page smaller"),
        "fit_width": translate("Actions", "Make the page as wide as the window"),
        "fit_page": translate("Actions", "Show the whole page in the window"),
        "actual_size": translate("Actions", "Show the page at its printed size"),
        "night": translate("Actions", "Light text on a dark page, easier on the eyes at night"),
        "full_screen": translate("Actions", "Show only the document, on the whole screen"),
        "agenda": translate("Actions", "Show or hide the agenda on the left"),
        "thumbnails": translate("Actions", "Show or hide small pictures of the pages"),
        "outline": translate("Actions", "Show or hide the document's table of contents"),
        "about": translate("Actions", "The version of Paperless and its licence"),
    }
    return {name: ActionState(enabled.get(name, True), tip) for name, tip in tips.items()}
