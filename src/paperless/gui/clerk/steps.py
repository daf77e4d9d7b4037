"""The workspace's steps and the page each one shows: Prepare (session, members, agenda and
documents), Build and publish, Follow."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from paperless.core.clerk.draft import SessionDraft
from paperless.core.clerk.office import OfficeLink, OfficeService
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import SessionSpec
from paperless.gui.clerk.agenda_page import AgendaPage
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.document_checks import ClerkDocuments
from paperless.gui.clerk.documents_panel import documents_panel_factory
from paperless.gui.clerk.follow_page import FollowPage
from paperless.gui.clerk.follow_step import FollowStep
from paperless.gui.clerk.members_page import MembersPage
from paperless.gui.clerk.publish_page import PublishPage
from paperless.gui.clerk.session_page import SessionPage
from paperless.gui.clerk.window import Step
from paperless.gui.icons import Icons
from paperless.gui.services import AppServices

translate = QCoreApplication.translate
VIETNAM = timezone(timedelta(hours=7))


def documents_due(draft: SessionDraft) -> datetime | None:
    """The documents-due date the office server reminds members by: a date alone is the end of
    that day in the meeting's time zone (as in session.toml)."""
    due = draft.documents_due
    if due is None or isinstance(due, datetime):
        return due
    assert isinstance(due, date)
    start = draft.starts_at
    zone = start.tzinfo if start is not None and start.tzinfo is not None else VIETNAM
    return datetime.combine(due, time(23, 59, 59), tzinfo=zone)


def make_steps(controller: WorkspaceController, services: AppServices, parent: QWidget,
               office: OfficeService | None = None) -> list[Step]:
    """``office``: the server to publish to and follow on (default: the one the draft names,
    reached with the office's identity — the app's own when it is the clerk's, else the one the
    Publish step unlocks)."""
    documents = ClerkDocuments(services.tasks, services.worker, parent)  # checks and thumbnails: one per workspace
    unlocked: list[UnlockedIdentity] = []  # the office's identity unlocked by the Publish step

    def language() -> str:
        return services.language

    def clerk_identity() -> UnlockedIdentity | None:
        identity = services.identity
        if identity is not None and identity.card.role == "clerk":
            return identity
        return unlocked[-1] if unlocked else None

    def office_file() -> Path | None:
        draft = controller.draft
        return (draft.folder / draft.office_server).resolve() if draft.office_server else None

    office = office if office is not None else OfficeLink(office_file, clerk_identity)

    def session() -> QWidget:
        return SessionPage(controller, services, parent)

    def members() -> QWidget:
        return MembersPage(controller, services, parent=parent)

    def agenda() -> QWidget:
        panel = documents_panel_factory(controller, documents, services.files, language)
        return AgendaPage(controller, panel, parent)

    def publish() -> QWidget:
        page = PublishPage(controller, services.tasks, office, services.files, services.worker,
                           Icons(services.paths.icons), services.identity_folder, language, parent,
                           signer=clerk_identity(), clock=services.clock,
                           unlock_delay_scale=services.unlock_delay_scale,
                           due=lambda: documents_due(controller.draft))
        page.signer_unlocked.connect(unlocked.append)
        return page

    def follow_page(spec: SessionSpec, folder: Path) -> QWidget:
        return FollowPage(services.tasks, office, spec, folder, clerk_identity(), language=language,
                          clock=services.clock)

    def follow() -> QWidget:
        return FollowStep(controller, follow_page, language, parent)

    return [
        Step("session", lambda: translate("ClerkSteps", "Session"), session, (("session",), ("policy",))),
        Step("members", lambda: translate("ClerkSteps", "Members"), members, (("members",),)),
        Step("agenda", lambda: translate("ClerkSteps", "Agenda and documents"), agenda, (("items",), ("polls",))),
        Step("publish", lambda: translate("ClerkSteps", "Build and publish"), publish),
        Step("follow", lambda: translate("ClerkSteps", "Follow"), follow),
    ]
