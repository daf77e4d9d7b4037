"""The member's own identity on this computer: ``identity/`` in the data folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from paperless.core.errors import OutputFileError
from paperless.core.identity import CARD_FILE, IdentityExistsError, PublicCard, load_card
from paperless.core.identity.card import MINISIGN_PUB_FILE, RECIPIENT_FILE
from paperless.core.identity.secret import SECRET_FILE, CorruptIdentityError

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
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
        try:
            for name in IDENTITY_FILES:
                if (source / name).is_file():
                    shutil.copyfile(source / name, tmp / name)
            os.chmod(tmp / SECRET_FILE, 0o600)
            os.chmod(tmp, 0o700)
            if dest.exists():
                dest.rmdir()
            os.replace(tmp, dest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:
        raise OutputFileError(path=str(dest), detail=exc.strerror or str(exc)) from None
    return load_card(dest)
