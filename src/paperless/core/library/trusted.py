"""Trusted signers (the office's public cards), kept as cleartext cards in ``trusted/``.

Cards are public, so they are stored as they are; the command line reads the same folder.
"""

from __future__ import annotations

from pathlib import Path

from paperless.core.atomic import atomic_write
from paperless.core.identity import PublicCard, load_card

TRUSTED_DIR = "trusted"


def trusted_dir(root: Path) -> Path:
    return root / TRUSTED_DIR


def load_trusted(root: Path) -> list[PublicCard]:
    folder = trusted_dir(root)
    if not folder.is_dir():
        return []
    return [load_card(p) for p in sorted(folder.glob("*.toml"))]


def card_file(root: Path, card: PublicCard) -> Path:
    return trusted_dir(root) / f"{card.fingerprint.replace(' ', '')}.toml"


def trust(root: Path, card: PublicCard) -> Path:
    """Add ``card`` to the trusted signers (idempotent); return the card file."""
    path = card_file(root, card)
    atomic_write(path, card.to_toml().encode("utf-8"))
    return path


def untrust(root: Path, card: PublicCard) -> None:
    card_file(root, card).unlink(missing_ok=True)


def is_trusted(root: Path, card: PublicCard) -> bool:
    return any(c.fingerprint == card.fingerprint for c in load_trusted(root))
