"""Bundles for the distribution tests: sessions of the test office (tests/server_helpers.py), built
with the real writer, in versions whose documents change."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from bundle_helpers import make_pdf
from server_helpers import MEMBERS, Office, cli

from paperless.core.bundle.writer import build_bundle
from paperless.core.identity import UnlockedIdentity
from paperless.core.session import load_session

SESSION_ID = "btv-2026-12-phien-thu-15"


@dataclass(frozen=True)
class Built:
    path: Path
    session_id: str
    version: int


def write_session_toml(root: Path, office: Office, *, members: tuple[str, ...] = ("an", "binh"),
                       docs: dict[str, str] | None = None, session_id: str = SESSION_ID, pages: int = 2) -> Path:
    """A session.toml for ``members`` (keys of the office); ``docs``: item title → text of its one PDF."""
    root.mkdir(parents=True, exist_ok=True)
    docs = docs if docs is not None else {"Báo cáo quý IV": "Báo cáo quý IV", "Dự thảo kế hoạch": "Kế hoạch"}
    lines = ["[session]", f'id = "{session_id}"', 'title = "Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 15"',
             "starts_at = 2026-12-20T08:00:00+07:00", 'location = "Phòng họp số 1"']
    for key in members:
        rel = os.path.relpath(office.member(key), root)
        lines += ["", "[[members]]", f'name = "{MEMBERS.get(key, key)}"', f'key = "{rel}"']
    shared = root.parent / "pdfs"  # one PDF per text and length: the same document in every version
    shared.mkdir(exist_ok=True)
    for title, text in docs.items():
        pdf = shared / f"{hashlib.sha256(f'{text}/{pages}'.encode()).hexdigest()[:16]}.pdf"
        if not pdf.exists():
            make_pdf(pdf, text, pages)
        lines += ["", "[[items]]", f'title = "{title}"', 'presenter = "Văn phòng Tỉnh ủy"',
                  f'documents = ["{os.path.relpath(pdf, root)}"]']
    path = root / "session.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def build(root: Path, office: Office, version: int = 1, *, signer: UnlockedIdentity | None = None,
          name: str | None = None, **kw: object) -> Built:
    """A signed bundle of the test session (version ``version``), built by the office's clerk."""
    name = name or f"session-v{version}"
    toml = write_session_toml(root / name, office, **kw)  # type: ignore[arg-type]
    spec = load_session(toml)
    out = root / f"{name}.plb"
    build_bundle(spec, signer or office.unlock("clerk"), out, version=version)
    return Built(out, spec.session_id, version)


def publish(folder: Path, bundle: Path, *extra: str) -> int:
    return cli("server", "publish", folder, bundle, *extra)


def without_audience(src: Path, dst: Path, clerk: UnlockedIdentity) -> Path:
    """``src`` as an older writer made it: the manifest without ``audience``, signed again by ``clerk``."""
    import json

    from bundle_helpers import rewrite_zip

    def strip(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        data = dict(entries)
        manifest = json.loads(data["manifest.json"])
        del manifest["audience"]
        raw = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        data["manifest.json"] = raw
        data["manifest.json.minisig"] = clerk.signing_key.sign(raw, trusted_comment="old").encode()
        return list(data.items())

    return rewrite_zip(src, dst, strip)
