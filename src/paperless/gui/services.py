"""Everything the app's parts need, built once in gui.app and passed to constructors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.identity.secret import DEFAULT_LOG_N
from paperless.core.library import Library, identity_dir
from paperless.gui.files import FilePicker
from paperless.gui.i18n import Translators
from paperless.gui.settings import Settings
from paperless.gui.tasks import Tasks

if TYPE_CHECKING:
    from paperless.core.consultation.book import ConsultationBook
    from paperless.core.render.worker import RenderWorker


@dataclass(frozen=True)
class AppPaths:
    root: Path  # the data folder (PAPERLESS_HOME)
    translations: Path
    icons: Path
    fonts: Path

    @property
    def default_identity(self) -> Path:
        return identity_dir(self.root)


@dataclass
class AppServices:
    paths: AppPaths
    settings: Settings
    worker: RenderWorker
    tasks: Tasks  # the one task layer: lanes pool, db (the ONE database worker), background, processes
    translators: Translators
    files: FilePicker
    identity_folder: Path
    extra_trusted: list[PublicCard] = field(default_factory=list)  # --trust, this run only
    identity: UnlockedIdentity | None = None  # set once unlocked
    library: Library | None = None  # set once unlocked
    # the member's comments and poll answers: ONE instance (its lock), shared by the GUI and the sync
    consultation: ConsultationBook | None = None  # set once unlocked
    unlock_delay_scale: float = 1.0  # seconds; tests use a small value
    kdf_log_n: int = DEFAULT_LOG_N
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    @property
    def language(self) -> str:
        return self.translators.language

    def trusted(self) -> list[PublicCard]:
        """Signers given on the command line for this run, then those the member trusts (sealed library)."""
        stored = self.library.trusted_signers() if self.library is not None else []
        known = {c.fingerprint for c in self.extra_trusted}
        return [*self.extra_trusted, *(c for c in stored if c.fingerprint not in known)]
