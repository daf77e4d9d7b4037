"""The public card: name, role, both public keys and a fingerprint to read aloud.

A card is a small TOML file a member hands to the clerk (and a clerk to members, as the
trusted signer). Its fingerprint is derived from the two keys only, so a person can check a
card by reading it aloud over the phone: 40 digits in eight groups of five (about 133 bits, in
the manner of Signal's safety numbers), from an iterated SHA-512 so that searching for another
pair of keys with the same digits is out of reach of a state adversary. Cards written by
earlier versions carry a 20-digit fingerprint (66 bits): they still load, marked ``outdated``
so that the app can say to check the new, longer fingerprint.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from paperless.core.age import AgeError, X25519Recipient
from paperless.core.errors import PaperlessError
from paperless.core.minisign import PublicKey, SignatureFormatError

CARD_FILE = "card.toml"
RECIPIENT_FILE = "recipient.txt"
MINISIGN_PUB_FILE = "minisign.pub"
CARD_FORMAT = "paperless-card-v1"
ROLES = ("member", "clerk")


class CorruptCardError(PaperlessError):
    en = "The public card {path} is damaged or not a Paperless card: {detail}"
    vi = "Thẻ công khai {path} bị hỏng hoặc không phải thẻ Paperless: {detail}"


FINGERPRINT_GROUPS = 8  # of five digits: 8 * log2(10^5) = 132.9 bits
FINGERPRINT_ITERATIONS = 5200  # as Signal's safety numbers: each guess costs 5200 hashes


def fingerprint_of(recipient: str, signing_key: str) -> str:
    """40 decimal digits in eight groups of five, from iterated SHA-512 over both public keys.

    Each group is five bytes of the digest taken modulo 100 000 (the bias is below 10^-7).
    """
    keys = f"{CARD_FORMAT}\n{recipient}\n{signing_key}\n".encode()
    digest = b"paperless-fingerprint-v2\0" + keys
    for _ in range(FINGERPRINT_ITERATIONS):
        digest = hashlib.sha512(digest + keys).digest()
    groups = (int.from_bytes(digest[5 * i:5 * i + 5], "big") % 100_000 for i in range(FINGERPRINT_GROUPS))
    return " ".join(f"{g:05d}" for g in groups)


def legacy_fingerprint_of(recipient: str, signing_key: str) -> str:
    """The 20-digit fingerprint of cards made before the longer one (still accepted on load)."""
    digest = hashlib.sha256(f"{CARD_FORMAT}\n{recipient}\n{signing_key}\n".encode()).digest()
    number = int.from_bytes(digest[:9], "big") % 10**20
    digits = f"{number:020d}"
    return " ".join(digits[i : i + 4] for i in range(0, 20, 4))


def toml_str(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


@dataclass(frozen=True)
class PublicCard:
    name: str
    role: str
    recipient: str  # "age1…"
    signing_key: str  # minisign public key, base64 ("RW…")
    # read from a file made by an earlier version (a 20-digit fingerprint): say to check the new one
    outdated: bool = field(default=False, compare=False)

    @cached_property
    def fingerprint(self) -> str:
        """Computed once per card (the iterated hash costs a few milliseconds)."""
        return fingerprint_of(self.recipient, self.signing_key)

    @property
    def age_recipient(self) -> X25519Recipient:
        return X25519Recipient.from_string(self.recipient)

    @property
    def public_key(self) -> PublicKey:
        return PublicKey.from_base64(self.signing_key)

    def to_toml(self) -> str:
        return (
            "# Paperless public card: give this file to the committee office.\n"
            "# Check the fingerprint aloud with the person before trusting it.\n"
            "[card]\n"
            f"format = {toml_str(CARD_FORMAT)}\n"
            f"name = {toml_str(self.name)}\n"
            f"role = {toml_str(self.role)}\n"
            f"recipient = {toml_str(self.recipient)}\n"
            f"signing_key = {toml_str(self.signing_key)}\n"
            f"fingerprint = {toml_str(self.fingerprint)}\n"
        )

    @classmethod
    def from_toml(cls, text: str, path: str = "card") -> PublicCard:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise CorruptCardError(path=path, detail=str(exc)) from None
        card = data.get("card")
        if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
            raise CorruptCardError(path=path, detail=f"no [card] table of format {CARD_FORMAT}")
        fields = {}
        for key in ("name", "role", "recipient", "signing_key", "fingerprint"):
            value = card.get(key)
            if not isinstance(value, str) or not value.strip():
                raise CorruptCardError(path=path, detail=f"missing {key}")
            fields[key] = value.strip()
        if fields["role"] not in ROLES:
            raise CorruptCardError(path=path, detail=f"unknown role {fields['role']!r}")
        result = cls(fields["name"], fields["role"], fields["recipient"], fields["signing_key"])
        try:
            result.age_recipient  # noqa: B018 - validates the key
            result.public_key  # noqa: B018
        except (AgeError, SignatureFormatError) as exc:
            raise CorruptCardError(path=path, detail=str(exc)) from None
        if fields["fingerprint"] == result.fingerprint:
            return result
        if fields["fingerprint"] == legacy_fingerprint_of(result.recipient, result.signing_key):
            return replace(result, outdated=True)
        raise CorruptCardError(path=path, detail="fingerprint does not match the keys")


def load_card(path: Path) -> PublicCard:
    """Load a public card from a card file or from an identity folder."""
    card_path = path / CARD_FILE if path.is_dir() else path
    try:
        text = card_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorruptCardError(path=str(card_path), detail=exc.__class__.__name__) from None
    card = PublicCard.from_toml(text, str(card_path))
    if path.is_dir():
        _check_public_files(path, card)
    return card


def _check_public_files(folder: Path, card: PublicCard) -> None:
    recipient_file = folder / RECIPIENT_FILE
    if recipient_file.exists():
        lines = [ln.strip() for ln in recipient_file.read_text("utf-8").splitlines()]
        keys = [ln for ln in lines if ln and not ln.startswith("#")]
        if keys != [card.recipient]:
            raise CorruptCardError(path=str(recipient_file), detail="differs from card.toml")
    pub_file = folder / MINISIGN_PUB_FILE
    if pub_file.exists():
        try:
            pub = PublicKey.from_file_text(pub_file.read_text("utf-8"))
        except SignatureFormatError as exc:
            raise CorruptCardError(path=str(pub_file), detail=str(exc)) from None
        if pub.to_base64() != card.signing_key:
            raise CorruptCardError(path=str(pub_file), detail="differs from card.toml")

