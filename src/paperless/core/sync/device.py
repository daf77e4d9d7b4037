"""This laptop's device key for the sync: an Ed25519 key made on first connect, kept sealed
(:mod:`paperless.core.localstate`, purpose ``sync-device``) in the member's library folder as
``device.age``, and vouched for by the member's minisign key (``protocol.device_certificate``)."""

from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from paperless.core.errors import T
from paperless.core.identity import UnlockedIdentity
from paperless.core.localstate import LocalStateTamperedError, read_sealed, write_sealed
from paperless.core.sync.protocol import MAX_DEVICE_NAME, b64, device_certificate, is_uuid, member_id, unb64

DEVICE_FILE = "device.age"
PURPOSE = "sync-device"


@dataclass(frozen=True)
class DeviceKey:
    device_id: str
    name: str
    created: str  # ISO 8601 UTC
    private: Ed25519PrivateKey

    @property
    def public_b64(self) -> str:
        return b64(self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def certificate(self, identity: UnlockedIdentity) -> str:
        """The member's minisign signature of this device's certificate."""
        member = member_id(identity.card.fingerprint)
        data = device_certificate(member, self.device_id, self.public_b64, self.name, self.created)
        return identity.signing_key.sign(data, trusted_comment=f"paperless device {self.device_id}")


def clean_name(name: str) -> str:
    one_line = " ".join(name.split())
    return one_line[:MAX_DEVICE_NAME] or "device"


def load_device(folder: Path, identity: UnlockedIdentity) -> DeviceKey | None:
    path = folder / DEVICE_FILE
    body = read_sealed(path, identity, PURPOSE)
    if body is None:
        return None
    try:
        obj = json.loads(body)
        device_id, name, created = obj["device"], obj["name"], obj["created"]
        raw = unb64(obj["key"], limit=32)
        if not is_uuid(device_id) or not isinstance(name, str) or not isinstance(created, str) or len(raw) != 32:
            raise ValueError("fields")
        return DeviceKey(device_id, name, created, Ed25519PrivateKey.from_private_bytes(raw))
    except (ValueError, KeyError, TypeError):
        detail = T("not a device key", "không phải khóa thiết bị")
        raise LocalStateTamperedError(path=str(path), detail=detail) from None


def load_or_create_device(folder: Path, identity: UnlockedIdentity, name: str,
                          now: datetime | None = None) -> DeviceKey:
    """This laptop's device key (made and sealed the first time)."""
    found = load_device(folder, identity)
    if found is not None:
        return found
    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    key = Ed25519PrivateKey.generate()
    device = DeviceKey(str(uuidlib.uuid4()), clean_name(name), when, key)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    body = json.dumps({"device": device.device_id, "name": device.name, "created": when, "key": b64(raw)}).encode()
    folder.mkdir(parents=True, exist_ok=True)
    write_sealed(folder / DEVICE_FILE, identity, PURPOSE, body)
    return device
