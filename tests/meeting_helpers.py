"""The meeting room against a real office server: a session naming a chair and a secretariat,
published on the server, and members' laptops running the real Qt-free MeetingClient over the
pinned HTTPS connection (a device key registered with the server, as the sync engine does)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from distribution_helpers import SESSION_ID, publish, write_session_toml
from server_helpers import MEMBERS, Office, ServerSetup

from paperless.core.bundle.manifest import Agenda
from paperless.core.bundle.reader import open_bundle
from paperless.core.bundle.writer import build_bundle
from paperless.core.identity import UnlockedIdentity, load_card
from paperless.core.meeting.client import MeetingChange, MeetingClient
from paperless.core.session import load_session
from paperless.core.sync import protocol as P
from paperless.core.sync.device import DeviceKey
from paperless.core.sync.office import parse_office_file
from paperless.core.sync.transport import Connection

WAIT_S = 30.0


def meeting_bundle(root: Path, office: Office, *, members: tuple[str, ...] = ("an", "binh", "cuong"),
                   chair: str | None = "an", secretariat: tuple[str, ...] = ("cuong",), version: int = 1) -> Path:
    """A signed bundle of the test session naming the chair and the secretariat (keys of the office)."""
    toml = write_session_toml(root / f"meeting-v{version}", office, members=members)
    lines = toml.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("location"))
    extra = []
    if chair is not None:
        extra.append(f'chair = "{MEMBERS.get(chair, chair)}"')
    if secretariat:
        extra.append("secretariat = [" + ", ".join(f'"{MEMBERS.get(k, k)}"' for k in secretariat) + "]")
    toml.write_text("\n".join(lines[:at + 1] + extra + lines[at + 1:]) + "\n", "utf-8")
    out = root / f"meeting-v{version}.plb"
    build_bundle(load_session(toml), office.unlock("clerk"), out, version=version)
    return out


def publish_meeting(root: Path, setup: ServerSetup, **kw: object) -> Path:
    bundle = meeting_bundle(root, setup.office, **kw)  # type: ignore[arg-type]
    assert publish(setup.folder, bundle) == 0
    return bundle


class Laptop:
    """One member's laptop: identity, a device key registered with the server, the agenda opened
    from the bundle, and a MeetingClient (not started)."""

    def __init__(self, setup: ServerSetup, key: str, bundle: Path, *, identity: UnlockedIdentity | None = None,
                 agenda: Agenda | None = None) -> None:
        office = setup.office
        self.key = key
        self.identity = identity or office.unlock(key)
        self.member = P.member_id(self.identity.card.fingerprint)
        clerk = load_card(office.clerk)
        server = parse_office_file(setup.office_file.read_bytes(), [clerk])
        self.connection = Connection(server)
        created = datetime(2026, 12, 7, 8, 0, tzinfo=UTC).isoformat().replace("+00:00", "Z")
        self.device = DeviceKey(_uuid(), f"{key}-laptop",
                                created, Ed25519PrivateKey.generate())
        self._token: str | None = None
        self._lock = threading.Lock()
        self.agenda = agenda or open_bundle(bundle, self.identity, [clerk]).agenda
        self.client = MeetingClient(self.agenda, self.identity, self.device, self.authorize, read_timeout=15)
        self.changes: list[MeetingChange] = []
        self.client.observers.subscribe(self.changes.append)

    def authorize(self) -> tuple[Connection, str]:
        with self._lock:
            if self._token is None:
                self._token = self._register()
            return self.connection, self._token

    def _register(self) -> str:
        action = "register"
        challenge = P.unb64(self.connection.request("POST", P.CHALLENGE, {
            "member": self.member, "device": self.device.device_id, "action": action})["challenge"],
            limit=P.CHALLENGE_BYTES)
        signature = self.device.sign(P.auth_message(action, self.connection.office.url, self.member,
                                                    self.device.device_id, challenge))
        answer = self.connection.request("POST", P.REGISTER, {
            "member": self.member, "device": self.device.device_id, "device_key": self.device.public_b64,
            "name": self.device.name, "created": self.device.created,
            "certificate": self.device.certificate(self.identity), "challenge": P.b64(challenge),
            "signature": P.b64(signature)})
        return str(answer["token"])

    def forget_token(self) -> None:
        """After a server restart the token still holds (it is in the database); for a fresh login."""
        with self._lock:
            self._token = None

    def start(self) -> Laptop:
        self.client.start()
        return self

    def stop(self) -> None:
        self.client.stop()
        self.connection.abort()


def _uuid() -> str:
    import uuid

    return str(uuid.uuid4())


def until(condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    """Wait for ``condition`` (polled every 10 ms), failing with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for: {what}")


__all__ = ["SESSION_ID", "Laptop", "meeting_bundle", "publish_meeting", "until"]
