"""Creating and unlocking an identity folder.

Folder layout (see docs/bundle-format.md):

* ``secret.age`` — the only copy of the secret keys: an age file encrypted with a passphrase
  (scrypt). Its plaintext is a standard age identity file, so ``age -d -i secret.age`` works;
  the Ed25519 signing key rides along in a comment line ``# paperless-ed25519: SEED KEYID``.
* ``recipient.txt`` — the ``age1…`` public key; ``minisign.pub`` — standard minisign public key;
* ``card.toml`` — the public card (name, role, both keys, fingerprint).
"""

from __future__ import annotations

import base64
import binascii
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from paperless.core.age import (
    AgeError,
    AgeNoMatchError,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    decrypt_bytes,
    encrypt_bytes,
    parse_identity_file,
)
from paperless.core.errors import OutputFileError, PaperlessError, WrongPassphraseError
from paperless.core.identity.card import (
    CARD_FILE,
    MINISIGN_PUB_FILE,
    RECIPIENT_FILE,
    ROLES,
    PublicCard,
    load_card,
)
from paperless.core.minisign import SigningKey

SECRET_FILE = "secret.age"
ED25519_TAG = "# paperless-ed25519:"
DEFAULT_LOG_N = 18  # age's default work factor for passphrases


class CorruptIdentityError(PaperlessError):
    en = "The identity in {path} is damaged or incomplete: {detail}"
    vi = "Danh tính trong {path} bị hỏng hoặc thiếu: {detail}"


class IdentityExistsError(PaperlessError):
    en = "{path} already exists and is not empty; choose a new folder."
    vi = "{path} đã tồn tại và không trống; hãy chọn một thư mục mới."


@dataclass(frozen=True)
class UnlockedIdentity:
    """A person's identity with its secret keys in memory."""

    folder: Path
    card: PublicCard
    age_identity: X25519Identity
    signing_key: SigningKey

    def export_secret(self) -> str:
        return self.age_identity.to_string()

    def local_key(self, purpose: str) -> bytes:
        """A 32-byte key for authenticating this member's local state (see :mod:`paperless.core.localstate`).

        HKDF-SHA256 over both secret keys, with ``purpose`` in the info, so every purpose has
        its own key and none can be made from anything public (the card, a recipient).
        """
        return derive_local_key(self, purpose)


LOCAL_KEY_INFO = b"paperless/local-key/v1\0"


def derive_local_key(identity: UnlockedIdentity, purpose: str) -> bytes:
    if not purpose or "\0" in purpose:
        raise ValueError("a local key needs a purpose without NUL characters")
    ikm = _raw_secret(identity.age_identity) + identity.signing_key.seed
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=LOCAL_KEY_INFO + purpose.encode())
    return hkdf.derive(ikm)


def _raw_secret(age_identity: X25519Identity) -> bytes:
    return age_identity.secret_bytes()


def _secret_text(card: PublicCard, age_id: X25519Identity, sk: SigningKey) -> str:
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    seed = base64.b64encode(sk.seed).decode()
    return (
        f"# Paperless identity: {card.name} ({card.role})\n"
        f"# created: {created}\n"
        f"# public key: {card.recipient}\n"
        f"{ED25519_TAG} {seed} {sk.key_id.hex()}\n"
        f"{age_id.to_string()}\n"
    )


def create_identity(
    folder: Path, name: str, role: str, passphrase: str, *, log_n: int = DEFAULT_LOG_N
) -> PublicCard:
    """Create a new identity folder; it must not exist yet (or be empty)."""
    name = " ".join(name.split())
    if not name:
        raise PaperlessError(detail="the name is empty")
    if role not in ROLES:
        raise PaperlessError(detail=f"role must be one of {', '.join(ROLES)}")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise IdentityExistsError(path=str(folder))
    age_id = X25519Identity.generate()
    sk = SigningKey.generate()
    card = PublicCard(name, role, age_id.recipient().to_string(), sk.public_key().to_base64())
    secret = encrypt_bytes(
        [ScryptRecipient(passphrase, log_n=log_n)],
        _secret_text(card, age_id, sk).encode(),
        armor=True,
    )
    pub_text = sk.public_key().to_file_text()
    install_identity_folder(folder, {
        SECRET_FILE: secret,
        RECIPIENT_FILE: (card.recipient + "\n").encode(),
        MINISIGN_PUB_FILE: pub_text.encode(),
        CARD_FILE: card.to_toml().encode(),
    })
    return card


def install_identity_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write an identity folder all at once: a hidden sibling first, then one rename.

    ``folder`` must not exist or be empty; the secret file is readable by its owner only.
    """
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
        try:
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            if (tmp / SECRET_FILE).exists():
                os.chmod(tmp / SECRET_FILE, 0o600)
            os.chmod(tmp, 0o700)
            if folder.exists():
                folder.rmdir()
            os.replace(tmp, folder)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:
        raise OutputFileError(path=str(folder), detail=exc.strerror or str(exc)) from None


def load_public_card(folder: Path) -> PublicCard:
    return load_card(folder)


def unlock_identity(folder: Path, passphrase: str, *, failure_delay: float = 1.0) -> UnlockedIdentity:
    """Decrypt the secret keys of an identity folder. Wrong passphrase: sleep, then raise."""
    card = load_card(folder)
    secret_path = folder / SECRET_FILE
    try:
        data = secret_path.read_bytes()
    except OSError as exc:
        raise CorruptIdentityError(path=str(folder), detail=exc.strerror or str(exc)) from None
    try:
        plain = decrypt_bytes([ScryptIdentity(passphrase)], data)
    except AgeNoMatchError:
        time.sleep(failure_delay)
        raise WrongPassphraseError(what=card.name) from None
    except AgeError as exc:
        raise CorruptIdentityError(path=str(secret_path), detail=str(exc)) from None
    return _parse_secret(folder, card, plain)


def _parse_secret(folder: Path, card: PublicCard, plain: bytes) -> UnlockedIdentity:
    path = str(folder / SECRET_FILE)
    try:
        text = plain.decode("utf-8")
        identities = parse_identity_file(text)
    except (UnicodeDecodeError, AgeError) as exc:
        raise CorruptIdentityError(path=path, detail=str(exc)) from None
    tagged = [ln for ln in text.splitlines() if ln.startswith(ED25519_TAG)]
    if len(identities) != 1 or len(tagged) != 1:
        raise CorruptIdentityError(path=path, detail="expected one age key and one signing key")
    try:
        seed_b64, key_id_hex = tagged[0][len(ED25519_TAG) :].split()
        sk = SigningKey.from_seed(base64.b64decode(seed_b64, validate=True), bytes.fromhex(key_id_hex))
    except (ValueError, binascii.Error, PaperlessError):
        raise CorruptIdentityError(path=path, detail="unreadable signing key") from None
    age_id = identities[0]
    if age_id.recipient().to_string() != card.recipient or sk.public_key().to_base64() != card.signing_key:
        raise CorruptIdentityError(path=path, detail="secret keys do not match card.toml")
    return UnlockedIdentity(folder, card, age_id, sk)
