"""The member's own identity on this computer: ``identity/`` in the data folder."""

from __future__ import annotations

from pathlib import Path

from paperless.core.identity import CARD_FILE, IdentityExistsError, PublicCard, load_card
from paperless.core.identity.card import MINISIGN_PUB_FILE, RECIPIENT_FILE
from paperless.core.identity.secret import SECRET_FILE, CorruptIdentityError, install_identity_folder

IDENTITY_DIR = "identity"
IDENTITY_FILES = (SECRET_FILE, CARD_FILE, RECIPIENT_FILE, MINISIGN_PUB_FILE)


def identity_dir(root: Path) -> Path:
    return root / IDENTITY_DIR


def has_identity(folder: Path) -> bool:
    return (folder / CARD_FILE).is_file() and (folder / SECRET_FILE).is_file()


def import_identity(source: Path, dest: Path) -> PublicCard:
    """Copy an existing identity folder (checked first) to ``dest``, which must not exist yet."""
    load_card(source)  # a damaged or foreign folder is refused before anything is copied
    if not (source / SECRET_FILE).is_file():
        raise CorruptIdentityError(path=str(source), detail=f"no {SECRET_FILE}")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise IdentityExistsError(path=str(dest))
    try:
        files = {name: (source / name).read_bytes() for name in IDENTITY_FILES if (source / name).is_file()}
    except OSError as exc:
        raise CorruptIdentityError(path=str(source), detail=exc.strerror or str(exc)) from None
    install_identity_folder(dest, files)
    return load_card(dest)
