"""Set up the demo: identities, Vietnamese sample documents, session.toml, a verified bundle."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from paperless.core.bundle import BuildResult, build_bundle, verify_bundle
from paperless.core.identity import create_identity, load_card, unlock_identity
from paperless.core.identity.card import toml_str
from paperless.core.identity.secret import DEFAULT_LOG_N
from paperless.core.session import load_session
from paperless.demo.documents import PLAN, DemoWriter
from paperless.demo.meeting import DemoSession

DEMO_PASSPHRASE = "demo-hoinghi-12"
CLERK_FOLDER = "clerk"
BUNDLE_NAME = "phien-12.paperless"
REVISED_NAME = "phien-12-ban-sua-doi.paperless"  # version 2: the draft plan revised
OCR_CACHE = ".ocr"  # the scanned letter with its OCR text layer, kept by content

Step = Callable[[str], None]


@dataclass(frozen=True)
class DemoSetup:
    root: Path
    bundle: Path
    session_file: Path
    clerk: Path
    members: dict[str, Path]
    build: BuildResult
    revised: Path  # the same session, version 2, with the draft plan revised


def _ensure_identity(folder: Path, name: str, role: str, log_n: int) -> None:
    if (folder / "card.toml").exists():
        load_card(folder)  # a damaged demo identity is an error, not something to overwrite
        return
    create_identity(folder, name, role, DEMO_PASSPHRASE, log_n=log_n)


def write_session_toml(
    s: DemoSession, root: Path, documents: Path, identities: Path, name: str = "session.toml"
) -> Path:
    lines = [
        "# Demo session, written by `paperless demo`.",
        "[session]",
        f"title = {toml_str(s.title)}",
        f"starts_at = {s.start.isoformat()}",
        f"location = {toml_str(s.location)}",
        "",
        "[policy]",
        "watermark = true",
        "allow_copy = false",
        "allow_print = true",  # members may print (or export) a copy, watermarked with their name
    ]
    for m in s.members:
        lines += [
            "",
            "[[members]]",
            f"name = {toml_str(m.name)}",
            f"key = {toml_str((identities / m.folder).relative_to(root).as_posix())}",
        ]
    for item in s.items:
        docs = ", ".join(
            toml_str((documents / d).relative_to(root).as_posix()) for d in item.documents
        )
        lines += [
            "",
            "[[items]]",
            f"title = {toml_str(item.title)}",
            f"presenter = {toml_str(item.presenter)}",
            f"documents = [{docs}]",
        ]
        if item.restricted_to:
            lines.append(f"restricted_to = [{', '.join(toml_str(n) for n in item.restricted_to)}]")
        if item.level:
            lines.append(f"level = {toml_str(item.level)}")
    path = root / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def set_up_demo(root: Path, *, log_n: int = DEFAULT_LOG_N, step: Step | None = None) -> DemoSetup:
    """Create (or reuse) the demo identities, regenerate documents, build and verify the bundle."""
    report = step or (lambda _msg: None)
    writer = DemoWriter()
    session = writer.texts.meeting.session
    identities = root / "identities"
    report("identities")
    _ensure_identity(identities / CLERK_FOLDER, session.clerk, "clerk", log_n)
    for m in session.members:
        _ensure_identity(identities / m.folder, m.name, "member", log_n)
    report("documents")
    documents = root / "documents"
    writer.write_all(documents)
    session_file = write_session_toml(session, root, documents, identities)
    report("bundle")
    clerk = identities / CLERK_FOLDER
    ocr_cache = root / OCR_CACHE  # the scanned letter is read by OCR once (same bytes every run)
    built = build_bundle(
        load_session(session_file), unlock_identity(clerk, DEMO_PASSPHRASE), root / BUNDLE_NAME, ocr_cache=ocr_cache
    )
    revised_docs = root / "documents-v2"  # the office re-issues the session: the plan revised
    revised_docs.mkdir(exist_ok=True)
    for pdf in documents.glob("*.pdf"):
        shutil.copyfile(pdf, revised_docs / pdf.name)
    writer.plan(revised_docs / PLAN, revision=2)
    revised_toml = write_session_toml(session, root, revised_docs, identities, "session-v2.toml")
    revised = build_bundle(load_session(revised_toml), unlock_identity(clerk, DEMO_PASSPHRASE), root / REVISED_NAME,
                           version=2, ocr_cache=ocr_cache)
    report("verify")
    verify_bundle(built.path, [load_card(clerk)])
    verify_bundle(revised.path, [load_card(clerk)])
    return DemoSetup(
        root,
        built.path,
        session_file,
        clerk,
        {m.name: identities / m.folder for m in session.members},
        built,
        revised.path,
    )
