"""For the Publish page's tests: a real in-process office server folder to publish into, and a file picker."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from paperless.core.clerk.office import HeldEnvelope, PublishedVersion, RecallEntry, ReceiptEntry
from paperless.core.identity import PublicCard


class FolderOffice:
    """An :class:`~paperless.core.clerk.office.OfficeService` publishing straight into a server folder
    (made by ``paperless server init``) with the server's own :class:`Distribution` — no HTTP."""

    def __init__(self, folder: Path, office_card: PublicCard) -> None:
        self.folder = folder
        self.card = office_card
        self.calls: list[tuple[Path, datetime | None]] = []

    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion:
        from paperless.server import db
        from paperless.server.config import load_config
        from paperless.server.distribution_store import Distribution

        self.calls.append((bundle, due))
        config = load_config(self.folder)
        db.migrate(config.database_url)
        engine = db.make_engine(config.database_url, pool_size=1)
        try:
            r = Distribution(engine, self.folder).publish(bundle, self.card, None)
        finally:
            engine.dispose()
        return PublishedVersion(r.session_id, r.version, r.sha256, r.size, r.enrolled, r.new)

    def receipts(self, session_id: str) -> list[ReceiptEntry]:
        raise NotImplementedError

    def recall(self, session_id: str, item: int | None = None) -> None:
        raise NotImplementedError

    def recall_status(self, session_id: str) -> list[RecallEntry]:
        raise NotImplementedError

    def envelopes(self, session_id: str) -> list[HeldEnvelope]:
        raise NotImplementedError


class Picker:
    """A FilePicker answering with a prepared path (None: the clerk cancelled)."""

    def __init__(self, answer: Path | None = None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.answer

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
        self.asked.append(title)
        return self.answer

    def folder(self, parent: QWidget | None, title: str) -> Path | None:
        return self.answer

    def choose_printer(self, parent: QWidget | None, printer: object, pages: int) -> bool:
        return False
