"""Identities: a person's age key pair and minisign signing key, and their public card."""

from paperless.core.identity.card import (
    CARD_FILE,
    CorruptCardError,
    PublicCard,
    fingerprint_of,
    load_card,
)
from paperless.core.identity.secret import (
    CorruptIdentityError,
    IdentityExistsError,
    UnlockedIdentity,
    create_identity,
    load_public_card,
    unlock_identity,
)

__all__ = [
    "CARD_FILE",
    "CorruptCardError",
    "CorruptIdentityError",
    "IdentityExistsError",
    "PublicCard",
    "UnlockedIdentity",
    "create_identity",
    "fingerprint_of",
    "load_card",
    "load_public_card",
    "unlock_identity",
]
