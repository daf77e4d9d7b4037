"""``paperless identity create|show|export-secret``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from paperless.cli.console import read_passphrase, say, warn_if_outdated
from paperless.core.errors import T
from paperless.core.identity import create_identity, load_card, unlock_identity


def register(sub: Any) -> None:
    p = sub.add_parser("identity", help="create and show identities (key pairs)")
    isub = p.add_subparsers(dest="identity_command", metavar="ACTION", required=True)

    c = isub.add_parser("create", help="create a new identity folder")
    c.add_argument("dir", type=Path)
    c.add_argument("--name", required=True, help="the person's full name")
    c.add_argument("--role", choices=("member", "clerk"), default="member")
    c.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from this variable")
    c.set_defaults(func=create)

    s = isub.add_parser("show", help="show the public card of an identity folder or card file")
    s.add_argument("dir", type=Path)
    s.set_defaults(func=show)

    e = isub.add_parser("export-secret", help="print the AGE-SECRET-KEY-1… line (for backup)")
    e.add_argument("dir", type=Path)
    e.add_argument("--passphrase-env", metavar="VAR")
    e.set_defaults(func=export_secret)


def create(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args.passphrase_env, what=args.name, confirm=True)
    card = create_identity(args.dir, args.name, args.role, passphrase)
    say(T("Created the identity of {name} in {dir}", "Đã tạo danh tính của {name} tại {dir}"),
        name=card.name, dir=args.dir)
    say(T("Give {card} to the committee office; fingerprint to read aloud: {fp}",
          "Gửi {card} cho Văn phòng; dấu vân tay để đọc đối chiếu: {fp}"),
        card=args.dir / "card.toml", fp=card.fingerprint)
    return 0


def show(args: argparse.Namespace) -> int:
    card = load_card(args.dir)
    warn_if_outdated(card, args.dir)
    rows = [
        (T("Name", "Họ tên"), card.name),
        (T("Role", "Vai trò"), card.role),
        (T("Recipient", "Khóa nhận"), card.recipient),
        (T("Signing key", "Khóa ký"), card.signing_key),
        (T("Fingerprint", "Dấu vân tay"), card.fingerprint),
    ]
    for label, value in rows:
        say(T(f"{label.en + ':':<13} {{v}}", f"{label.vi + ':':<13} {{v}}"), v=value)
    return 0


def export_secret(args: argparse.Namespace) -> int:
    card = load_card(args.dir)
    passphrase = read_passphrase(args.passphrase_env, what=card.name)
    identity = unlock_identity(args.dir, passphrase)
    print(identity.export_secret())
    return 0
