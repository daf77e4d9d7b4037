"""The workspace's steps and the page each one shows (Prepare: session, members, agenda; Build and
publish; Follow)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from paperless.core.clerk.office import OfficeService
from paperless.gui.clerk.agenda_page import AgendaPage
from paperless.gui.clerk.controller import WorkspaceController
from paperless.gui.clerk.document_checks import ClerkDocuments
from paperless.gui.clerk.documents_panel import documents_panel_factory
from paperless.gui.clerk.publish_page import PublishPage
from paperless.gui.clerk.window import Step
from paperless.gui.icons import Icons
from paperless.gui.services import AppServices

translate = QCoreApplication.translate


def make_steps(controller: WorkspaceController, services: AppServices, office: OfficeService,
               parent: QWidget) -> list[Step]:
    documents = ClerkDocuments(services.tasks, services.worker, parent)  # checks and thumbnails: one per workspace

    def later() -> QWidget:
        return QLabel(parent)

    def publish() -> QWidget:
        identity = services.identity
        signer = identity if identity is not None and identity.card.role == "clerk" else None
        return PublishPage(controller, services.tasks, office, services.files, services.worker,
                           Icons(services.paths.icons), services.identity_folder, lambda: services.language, parent,
                           signer=signer, clock=services.clock, unlock_delay_scale=services.unlock_delay_scale)

    def agenda() -> QWidget:
        panel = documents_panel_factory(controller, documents, services.files, lambda: services.language)
        return AgendaPage(controller, panel, parent)

    return [
        Step("session", lambda: translate("ClerkSteps", "Session"), later, (("session",), ("policy",))),
        Step("members", lambda: translate("ClerkSteps", "Members"), later, (("members",),)),
        Step("agenda", lambda: translate("ClerkSteps", "Agenda and documents"), agenda, (("items",), ("polls",))),
        Step("publish", lambda: translate("ClerkSteps", "Build and publish"), publish),
        Step("follow", lambda: translate("ClerkSteps", "Follow"), later),
    ]
