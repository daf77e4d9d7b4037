"""``paperless bundle build|inspect|verify|extract``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paperless.cli.console import ProgressBar, read_passphrase, say, tr
from paperless.core.bundle import (
    build_bundle,
    check_rollback,
    extract_bundle,
    inspect_bundle,
    open_bundle,
    verify_bundle,
)
from paperless.core.bundle.ocr import OcrMode
from paperless.core.errors import T, UsageError
from paperless.core.identity import PublicCard, load_card, unlock_identity
from paperless.core.library import Library
from paperless.core.paths import data_dir
from paperless.core.session import load_session


def register(sub: Any) -> None:
    p = sub.add_parser("bundle", help="build, inspect, verify and extract session bundles")
    bsub = p.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)

    b = bsub.add_parser("build", help="build a signed, encrypted bundle from session.toml")
    b.add_argument("session", type=Path)
    b.add_argument("--signer", type=Path, required=True, help="the clerk's identity folder")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--version", type=int, default=1, help="version number of this session's bundle")
    b.add_argument("--passphrase-env", metavar="VAR")
    b.add_argument("--ocr", choices=[m.value for m in OcrMode], default=OcrMode.AUTO.value,
                   help="give scanned pages a searchable text layer with the local Tesseract (Vietnamese): "
                        "auto = pages without text (default), always = every page, never")
    b.set_defaults(func=build)

    i = bsub.add_parser("inspect", help="show the cleartext facts of a bundle (no key needed)")
    i.add_argument("bundle", type=Path)
    i.set_defaults(func=inspect)

    v = bsub.add_parser("verify", help="check the signature and every entry of a bundle")
    v.add_argument("bundle", type=Path)
    v.add_argument("--trust", type=Path, action="append", default=[], required=True,
                   metavar="CLERK", help="a trusted signer: identity folder or public card file")
    v.set_defaults(func=verify)

    x = bsub.add_parser("extract", help="verify, then decrypt what this member may read")
    x.add_argument("bundle", type=Path)
    x.add_argument("--identity", type=Path, required=True)
    x.add_argument("--out", type=Path, required=True, help="a new folder to create")
    x.add_argument("--trust", type=Path, action="append", default=[], metavar="CLERK")
    x.add_argument("--passphrase-env", metavar="VAR")
    x.set_defaults(func=extract)


def trusted_cards(paths: list[Path], library: Library | None = None) -> list[PublicCard]:
    """The signers given with --trust, plus those the member trusts in their sealed library."""
    cards = [load_card(p) for p in paths]
    if library is not None:
        known = {c.fingerprint for c in cards}
        cards += [c for c in library.trusted_signers() if c.fingerprint not in known]
    if not cards:
        raise UsageError(detail=T("no trusted signer: give the office's public card with --trust",
                                  "chưa có người ký tin cậy: hãy chỉ thẻ công khai của Văn phòng bằng --trust"))
    return cards


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def build(args: argparse.Namespace) -> int:
    spec = load_session(args.session)
    signer_card = load_card(args.signer)
    passphrase = read_passphrase(args.passphrase_env, what=signer_card.name)
    signer = unlock_identity(args.signer, passphrase)
    bar = ProgressBar(tr(T("Building", "Đang tạo gói")))
    labels = {"prepare": tr(T("Checking documents", "Kiểm tra tài liệu")),
              "ocr": tr(T("Reading scanned pages (OCR)", "Đang đọc trang scan (OCR)")),
              "encrypt": tr(T("Encrypting", "Đang mã hóa"))}
    try:
        result = build_bundle(spec, signer, args.out, version=args.version, ocr=OcrMode(args.ocr),
                              progress=lambda stage, done, total: bar.update(
                                  done, total, labels[stage] + (f" {done}/{total}" if stage == "ocr" else "")))
    finally:
        bar.close()
    m = result.manifest
    docs = sum(1 for e in m.entries if e.kind == "document")
    say(T("Bundle written: {path} ({size}, {docs} documents, {items} items, version {v})",
          "Đã ghi gói tài liệu: {path} ({size}, {docs} tài liệu, {items} nội dung, phiên bản {v})"),
        path=result.path, size=_size(result.path.stat().st_size), docs=docs,
        items=len(result.agenda.items), v=m.version)
    if spec.office_server is not None:
        say(T("It carries the office-server file {file} (encrypted to the members).",
              "Gói có kèm tệp máy chủ văn phòng {file} (mã hóa cho các thành viên)."), file=spec.office_server)
    return 0


def inspect(args: argparse.Namespace) -> int:
    facts = inspect_bundle(args.bundle)
    m = facts.manifest
    say(T("Session id:   {v}", "Mã phiên họp: {v}"), v=m.session_id)
    say(T("Version:      {v}", "Phiên bản:    {v}"), v=m.version)
    say(T("Issued:       {v}", "Ngày phát:    {v}"), v=m.issued_at.isoformat(" "))
    say(T("Expires:      {v}", "Hết hạn:      {v}"),
        v=m.expires_at.isoformat(" ") if m.expires_at else tr(T("never", "không")))
    say(T("Signer:       {name}, key {key}, fingerprint {fp} (not checked; use verify)",
          "Người ký:     {name}, khóa {key}, dấu vân tay {fp} (chưa kiểm; dùng verify)"),
        name=m.signer.name, key=facts.signature_key_id, fp=m.signer.fingerprint)
    say(T("Entries:      {n}, {size} in all (file {file})", "Số mục:       {n}, tổng {size} (tệp {file})"),
        n=len(m.entries), size=_size(sum(e.size for e in m.entries)), file=_size(facts.file_size))
    for e in m.entries:
        level = f"  {e.level.vi}" if e.level is not None else ""  # the secrecy mark, in clear like the rest
        print(f"  {e.name:<22} {e.kind:<9} {e.size:>12}  sha256:{e.sha256[:16]}…{level}")
    if m.office is not None:
        say(T("Office server: the bundle carries the office-server file ({name}, encrypted to the members; "
              "paperless connect --from-bundle imports it)",
              "Máy chủ văn phòng: gói có kèm tệp máy chủ văn phòng ({name}, mã hóa cho các thành viên; "
              "paperless connect --from-bundle để nhập)"), name=m.office.name)
    return 0


def verify(args: argparse.Namespace) -> int:
    trusted = trusted_cards(args.trust)
    bar = ProgressBar(tr(T("Verifying", "Đang kiểm tra")))
    try:
        result = verify_bundle(args.bundle, trusted, progress=bar.update)
    finally:
        bar.close()
    say(T("OK: signed by {name} (fingerprint {fp}); {n} entries intact.",
          "Hợp lệ: ký bởi {name} (dấu vân tay {fp}); {n} mục nguyên vẹn."),
        name=result.signer.name, fp=result.signer.fingerprint, n=len(result.manifest.entries))
    return 0


def extract(args: argparse.Namespace) -> int:
    """Unlock, then open the bundle once: verify every entry, decrypt and write through that open file."""
    card = load_card(args.identity)
    passphrase = read_passphrase(args.passphrase_env, what=card.name)
    identity = unlock_identity(args.identity, passphrase)
    library = Library.open(data_dir(), identity)  # the versions seen and the trusted cards, sealed
    trusted = trusted_cards(args.trust, library)
    bar = ProgressBar(tr(T("Verifying", "Đang kiểm tra")))
    try:
        opened = open_bundle(args.bundle, identity, trusted, clock=library.trusted_time,
                             verify_entries=True, progress=bar.update)
    finally:
        bar.close()
    with opened:
        manifest = opened.manifest
        check_rollback(manifest.version, library.highest_seen(manifest.session_id), str(args.bundle))
        result = extract_bundle(opened, args.out)
        library.record_seen(manifest.session_id, manifest.version)
        say(T("Extracted {n} files for {name} into {out}", "Đã giải nén {n} tệp cho {name} vào {out}"),
            n=len(result.files), name=opened.member, out=result.folder)
        for item in opened.restricted_items():
            say(T("Restricted for you: item {n}. {title}", "Hạn chế với đồng chí: nội dung {n}. {title}"),
                n=item.number, title=item.title)
    return 0
