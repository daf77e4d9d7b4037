"""Published session bundles on the office server (docs/distribution-protocol.md).

A bundle is published by the office (``paperless server publish DIR BUNDLE``): it is copied into
the server folder under a temporary name while its SHA-256 is computed, the copy (not the file
the clerk named, which could change meanwhile) is verified — the signature by the office card
the server was set up with, every entry's hash, a signed ``audience`` — and only then renamed to
``bundles/<sha256[:2]>/<sha256>.bundle`` and recorded, in one transaction that also refuses a
rollback (an older version than one published) and a second, different file for the same version.
A member sees the versions whose audience holds the hash of their member id for that session.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.engine import Connection

from paperless.core.atomic import fsync_folder
from paperless.core.bundle.audience import audience_hash
from paperless.core.bundle.errors import BundleError
from paperless.core.bundle.reader import verify_bundle
from paperless.core.errors import PaperlessError, T, UsageError
from paperless.core.identity import PublicCard
from paperless.server import db
from paperless.server.clock import Clock

log = logging.getLogger("paperless.server")
BUNDLES_DIR = "bundles"
OFFICE_CARD = "office-card.toml"  # the office's public card, written by `paperless server init`
COPY_CHUNK = 1024 * 1024
STALE_SECONDS = 3600  # a copy in bundles/incoming/ untouched this long was left by a publish that died
_SHA = re.compile(r"[0-9a-f]{64}")


class PublishError(PaperlessError):
    en = "Cannot publish {path}: {detail}"
    vi = "Không phát hành được {path}: {detail}"


@dataclass(frozen=True)
class Published:
    session_id: str
    version: int
    sha256: str
    size: int
    new: bool  # False: this very file was already published (nothing changed)
    enrolled: int  # enrolled members in its audience (who can download it now)
    superseded: int | None  # the version it replaced, if any


@dataclass(frozen=True)
class VersionRow:
    session_id: str
    version: int
    sha256: str
    size: int
    due: str | None
    published: int
    superseded: bool


def bundle_path(folder: Path, sha256: str) -> Path:
    """Where a published bundle lives: only ever a name made from 64 hex digits (confined)."""
    if not _SHA.fullmatch(sha256):
        raise ValueError("not a SHA-256")
    return folder / BUNDLES_DIR / sha256[:2] / f"{sha256}.bundle"


def parse_due(text: str | None) -> str | None:
    """``--due YYYY-MM-DD`` checked (a real date, that exact form), or None."""
    if text is None:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(detail=T(f"--due {text!r} is not a date YYYY-MM-DD",
                                  f"--due {text!r} không phải ngày dạng YYYY-MM-DD")) from None


class Distribution:
    """The published bundles of one server folder and database."""

    def __init__(self, engine: Engine, folder: Path, clock: Clock | None = None) -> None:
        self.engine = engine
        self.folder = folder
        self.clock = clock or Clock()
        self.postgres = engine.dialect.name == "postgresql"

    # -- the office's side -------------------------------------------------------------------------
    def publish(self, source: Path, office: PublicCard, due: str | None, *, label: str | None = None) -> Published:
        """Publish ``source`` (``label``: how messages name it; its path by default)."""
        label = str(source) if label is None else label
        tmp, sha, size = self._copy_in(source)
        try:
            try:
                verified = verify_bundle(tmp, [office])
            except BundleError as exc:
                raise PublishError(path=label, detail=T(exc.message("en"), exc.message("vi"))) from None
            manifest = verified.manifest
            if manifest.audience is None:
                raise PublishError(path=label, detail=T(
                    "it was made before bundles named their audience; build it again with this version of Paperless",
                    "gói này được tạo trước khi gói ghi người nhận; hãy tạo lại bằng phiên bản Paperless này"))
            if not manifest.session_id or len(manifest.session_id) > 200:
                raise PublishError(path=label, detail=T("its session id is empty or too long",
                                                       "mã phiên họp trống hoặc quá dài"))
            final = bundle_path(self.folder, sha)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, final)  # in place before any row names it: a row never points at nothing
            fsync_folder(final.parent)
        finally:
            tmp.unlink(missing_ok=True)
        try:
            return self._record(label, manifest.session_id, manifest.version, sha, size, due, manifest.audience,
                                manifest.control or ())
        except BaseException:
            if not self._known(sha):  # refused (or failed): no row names the file, so it goes
                final.unlink(missing_ok=True)
            raise

    def _known(self, sha: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(db.dist_bundles.c.sha256).where(db.dist_bundles.c.sha256 == sha)).first() \
                is not None

    def _copy_in(self, source: Path) -> tuple[Path, str, int]:
        """Copy ``source`` into the folder under a temporary name, hashing it: (copy, sha256, size)."""
        incoming = self.folder / BUNDLES_DIR / "incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        for stale in incoming.glob("*.part"):  # left by a publish that was killed: never served, removed
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < time.time() - STALE_SECONDS:
                    stale.unlink()
        tmp = incoming / f"{secrets.token_hex(8)}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with open(source, "rb") as src, open(tmp, "xb") as out:
                while chunk := src.read(COPY_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return tmp, digest.hexdigest(), size

    def _record(self, label: str, session_id: str, version: int, sha: str, size: int, due: str | None,
                audience: tuple[str, ...], control: tuple[str, ...] = ()) -> Published:
        from paperless.server.store import Store

        store = Store(self.engine, self.clock)
        with store.write_tx() as conn:
            if self.postgres:  # publishes of one session queue here (SQLite: the one writer's lock already)
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": "paperless-dist:" + session_id})
            same = conn.execute(select(db.dist_versions).where(db.dist_versions.c.sha256 == sha)).first()
            if same is not None:
                enrolled = self._enrolled(conn, session_id, audience)
                return Published(session_id, version, sha, size, False, enrolled, None)
            rows = conn.execute(select(db.dist_versions.c.version, db.dist_versions.c.sha256)
                                .where(db.dist_versions.c.session_id == session_id)).all()
            highest = max((int(r.version) for r in rows), default=0)
            if version < highest:
                raise PublishError(path=label, detail=T(
                    f"it is version {version}, older than version {highest} already published (rollback refused)",
                    f"đây là phiên bản {version}, cũ hơn phiên bản {highest} đã phát hành (từ chối quay lui)"))
            if any(int(r.version) == version for r in rows):
                raise PublishError(path=label, detail=T(
                    f"version {version} of this session is already published with other contents; "
                    "give the new bundle a higher version",
                    f"phiên bản {version} của phiên họp này đã được phát hành với nội dung khác; "
                    "hãy đặt phiên bản cao hơn cho gói mới"))
            conn.execute(insert(db.dist_bundles).values(sha256=sha, size=size, published=self.clock.now_ms()))
            conn.execute(insert(db.dist_audience), [{"sha256": sha, "hash": h} for h in sorted(set(audience))])
            if control:  # who may run the meeting (docs/meeting.md)
                conn.execute(insert(db.dist_control), [{"sha256": sha, "hash": h} for h in sorted(set(control))])
            conn.execute(update(db.dist_versions).where(db.dist_versions.c.session_id == session_id)
                         .values(superseded=True))
            conn.execute(insert(db.dist_versions).values(session_id=session_id, version=version, sha256=sha,
                                                         due=due, superseded=False))
            enrolled = self._enrolled(conn, session_id, audience)
        return Published(session_id, version, sha, size, True, enrolled, highest or None)

    @staticmethod
    def _enrolled(conn: Connection, session_id: str, audience: tuple[str, ...]) -> int:
        wanted = set(audience)
        members = conn.execute(select(db.members.c.id)).scalars().all()
        return sum(1 for m in members if audience_hash(session_id, str(m)) in wanted)

    # -- the members' side -------------------------------------------------------------------------
    def visible(self, member: str) -> list[VersionRow]:
        """Every published version whose audience holds ``member`` (oldest session first, then version)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.dist_versions, db.dist_bundles.c.size, db.dist_bundles.c.published)
                .join(db.dist_bundles, db.dist_bundles.c.sha256 == db.dist_versions.c.sha256)
                .order_by(db.dist_versions.c.session_id, db.dist_versions.c.version)).all()
            mine = {str(r.sha256): audience_hash(str(r.session_id), member) for r in rows}
            pairs: set[tuple[str, str]] = set()
            if mine:
                found = conn.execute(select(db.dist_audience.c.sha256, db.dist_audience.c.hash)
                                     .where(db.dist_audience.c.hash.in_(sorted(set(mine.values()))))).all()
                pairs = {(str(f.sha256), str(f.hash)) for f in found}
        return [VersionRow(str(r.session_id), int(r.version), str(r.sha256), int(r.size), r.due, int(r.published),
                           bool(r.superseded))
                for r in rows if (str(r.sha256), mine[str(r.sha256)]) in pairs]

    def file_for(self, member: str, sha256: str) -> tuple[Path, int] | None:
        """The stored file and size of a bundle addressed to ``member``; None if it is not (or does not exist)."""
        if not _SHA.fullmatch(sha256):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(db.dist_versions.c.session_id, db.dist_bundles.c.size)
                               .join(db.dist_bundles, db.dist_bundles.c.sha256 == db.dist_versions.c.sha256)
                               .where(db.dist_versions.c.sha256 == sha256)).first()
            if row is None:
                return None
            mine = conn.execute(select(db.dist_audience.c.hash).where(
                (db.dist_audience.c.sha256 == sha256)
                & (db.dist_audience.c.hash == audience_hash(str(row.session_id), member)))).first()
        if mine is None:
            return None
        path = bundle_path(self.folder, sha256)
        if not path.is_file():  # removed by hand from the folder: the member is told as for any other
            log.warning("published bundle %s is missing from %s", sha256, self.folder)
            return None
        return path, int(row.size)
