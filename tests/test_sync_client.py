"""The client's pieces of the sync, without a server: PSY1 envelopes, the signed office file, the
device key and certificate, the authenticated key generations, the pinned transport's refusals."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from server_helpers import FAST_LOG_N, PASSPHRASE, Office

from paperless.core.age import encrypt_bytes
from paperless.core.identity import create_identity, load_card, unlock_identity
from paperless.core.localstate import LocalStateTamperedError
from paperless.core.sync import protocol as P
from paperless.core.sync.device import DEVICE_FILE, load_device, load_or_create_device
from paperless.core.sync.envelope import EnvelopeError, generation_of, open_payload, seal
from paperless.core.sync.errors import OfficeFileError, OfflineError, RefusedError
from paperless.core.sync.keys import KeyGenerationError, new_key, open_generation, seal_generation
from paperless.core.sync.office import import_office_file, load_office, office_path, parse_office_file
from paperless.core.sync.transport import Connection
from paperless.server.office import make_tls, office_file_text

MEMBER = "1" * 40
UUID = "0b9f8f0e-5c3a-4c1e-9d7e-2f4a3b1c0d9e"


# -- envelopes ------------------------------------------------------------------------------------

def test_an_envelope_opens_only_for_its_member_record_and_key() -> None:
    k1, k2 = new_key(), new_key()
    blob = seal(k1, 1, MEMBER, UUID, b'{"table":"item_notes"}')
    assert blob.startswith(b"PSY1") and generation_of(blob) == 1
    assert open_payload({1: k1, 2: k2}, MEMBER, UUID, blob) == b'{"table":"item_notes"}'
    with pytest.raises(EnvelopeError):
        open_payload({1: k1}, "2" * 40, UUID, blob)  # another member
    with pytest.raises(EnvelopeError):
        open_payload({1: k1}, MEMBER, UUID.replace("0b9f", "1b9f"), blob)  # moved to another record
    with pytest.raises(EnvelopeError):
        open_payload({2: k2}, MEMBER, UUID, blob)  # unknown generation
    with pytest.raises(EnvelopeError):
        open_payload({1: k2}, MEMBER, UUID, blob)  # the wrong key under that number
    flipped = bytearray(blob)
    flipped[-1] ^= 1
    with pytest.raises(EnvelopeError):
        open_payload({1: k1}, MEMBER, UUID, bytes(flipped))
    with pytest.raises(EnvelopeError):
        generation_of(b"PSY0" + blob[4:])
    assert seal(k1, 1, MEMBER, UUID, b"x") != seal(k1, 1, MEMBER, UUID, b"x")  # a fresh nonce each time


# -- the office file ------------------------------------------------------------------------------

@pytest.fixture
def office_file(tmp_path: Path, office: Office) -> tuple[Path, str]:
    tls = tmp_path / "tls"
    tls.mkdir()
    make_tls(tls, "127.0.0.1")
    pem = (tls / "tls.crt").read_text("ascii")
    text = office_file_text(office.unlock("clerk"), "https://127.0.0.1:8443", "srv-1", pem, "2026-12-07T10:00:00Z")
    path = tmp_path / P.OFFICE_FILE
    path.write_text(text, "utf-8")
    return path, text


def test_the_office_file_verifies_with_the_trusted_clerk_card(office_file: tuple[Path, str], office: Office,
                                                             tmp_path: Path) -> None:
    path, text = office_file
    clerk = load_card(office.clerk)
    server = parse_office_file(text.encode(), [clerk])
    assert server.url == "https://127.0.0.1:8443" and server.port == 8443 and server.host == "127.0.0.1"
    assert len(server.certificate_sha256) == 64
    folder = tmp_path / "library" / "x"
    import_office_file(path, folder, [clerk])
    assert office_path(folder).read_text("utf-8") == text
    loaded = load_office(folder, [clerk])
    assert loaded is not None and loaded.url == server.url
    assert load_office(tmp_path / "nothing", [clerk]) is None
    # the copy kept in the library is verified again when it is read
    office_path(folder).write_text(text.replace("8443", "8444", 1), "utf-8")
    with pytest.raises(OfficeFileError):
        load_office(folder, [clerk])


@pytest.mark.parametrize("change", [
    ("https://127.0.0.1:8443", "https://10.0.0.9:8443"),  # another address
    ('server_id = "srv-1"', 'server_id = "srv-2"'),
    ("[signature]", "[signatures]"),
])
def test_a_changed_office_file_is_refused(office_file: tuple[Path, str], office: Office,
                                          change: tuple[str, str]) -> None:
    _path, text = office_file
    with pytest.raises(OfficeFileError):
        parse_office_file(text.replace(*change, 1).encode(), [load_card(office.clerk)])


def test_an_office_file_from_an_untrusted_or_non_clerk_signer_is_refused(office_file: tuple[Path, str],
                                                                        office: Office, tmp_path: Path) -> None:
    _path, text = office_file
    with pytest.raises(OfficeFileError):
        parse_office_file(text.encode(), [])  # the office not trusted yet
    with pytest.raises(OfficeFileError):
        parse_office_file(text.encode(), [load_card(office.member("an"))])
    # signed by a member (not a clerk), naming that member's fingerprint
    member = office.unlock("an")
    pem = text.split('certificate = """', 1)[1].split('"""', 1)[0]
    forged = office_file_text(member, "https://127.0.0.1:8443", "srv-1", pem, "2026-12-07T10:00:00Z")
    with pytest.raises(OfficeFileError):
        parse_office_file(forged.encode(), [load_card(office.member("an")), load_card(office.clerk)])
    # an unsigned line appended after the signature cannot change the address
    with pytest.raises(OfficeFileError):
        parse_office_file((text + '[office_server.extra]\nurl = "https://evil:1"\n').encode(),
                          [load_card(office.clerk)])


def test_an_office_file_whose_pin_is_not_its_certificate_is_refused(office_file: tuple[Path, str],
                                                                    office: Office) -> None:
    _path, text = office_file
    pin = text.split('certificate_sha256 = "', 1)[1][:64]
    clerk = office.unlock("clerk")
    body = text.split(P.SIGNATURE_MARKER)[0].replace(pin, "0" * 64)
    sig = clerk.signing_key.sign(body.encode(), trusted_comment="x")
    with pytest.raises(OfficeFileError):
        parse_office_file((body + P.SIGNATURE_MARKER + f"minisign = '''{sig}'''\n").encode(),
                          [load_card(office.clerk)])
    http = text.split(P.SIGNATURE_MARKER)[0].replace("https://", "http://")
    sig = clerk.signing_key.sign(http.encode(), trusted_comment="x")
    with pytest.raises(OfficeFileError):
        parse_office_file((http + P.SIGNATURE_MARKER + f"minisign = '''{sig}'''\n").encode(),
                          [load_card(office.clerk)])


# -- the device key -------------------------------------------------------------------------------

def test_the_device_key_is_made_once_sealed_and_certified_by_the_member(tmp_path: Path, office: Office) -> None:
    an = office.unlock("an")
    made = load_or_create_device(tmp_path, an, "Máy\nvăn phòng")
    assert made.name == "Máy văn phòng" and P.is_uuid(made.device_id)
    again = load_or_create_device(tmp_path, an, "another name")
    assert again.device_id == made.device_id and again.public_b64 == made.public_b64
    member = P.member_id(an.card.fingerprint)
    data = P.device_certificate(member, made.device_id, made.public_b64, made.name, made.created)
    an.card.public_key.verify(data, made.certificate(an))
    assert b"PRIVATE" not in (tmp_path / DEVICE_FILE).read_bytes()
    # another identity cannot read it, nor plant one this identity accepts
    with pytest.raises(LocalStateTamperedError):
        load_device(tmp_path, office.unlock("binh"))
    other = tmp_path / "other"
    load_or_create_device(other, office.unlock("binh"), "x")
    (tmp_path / DEVICE_FILE).write_bytes((other / DEVICE_FILE).read_bytes())
    with pytest.raises(LocalStateTamperedError):
        load_device(tmp_path, an)


# -- key generations -------------------------------------------------------------------------------

def test_a_key_generation_opens_only_as_the_member_made_it(office: Office) -> None:
    an = office.unlock("an")
    member = P.member_id(an.card.fingerprint)
    key = new_key()
    sealed = seal_generation(an, member, 3, key)
    assert open_generation(an, member, 3, sealed) == key
    with pytest.raises(KeyGenerationError):
        open_generation(an, member, 4, sealed)  # relabelled as another generation
    with pytest.raises(KeyGenerationError):
        open_generation(office.unlock("binh"), member, 3, sealed)
    # anyone with the member's public card (the server) can encrypt a key to them: never used
    planted = encrypt_bytes([an.card.age_recipient], b"paperless-sync-key-v1\0" + member.encode() + b"\0"
                            + (3).to_bytes(4, "big") + key + b"\0" * 32)
    with pytest.raises(KeyGenerationError):
        open_generation(an, member, 3, planted)


def test_identity_copies_derive_the_same_generation_mac(tmp_path: Path, office: Office) -> None:
    """Two devices of one member (the identity folder copied) open each other's generations."""
    an = office.unlock("an")
    member = P.member_id(an.card.fingerprint)
    shutil.copytree(office.member("an"), tmp_path / "copy")
    copy = unlock_identity(tmp_path / "copy", PASSPHRASE, failure_delay=0)
    key = new_key()
    assert open_generation(copy, member, 1, seal_generation(an, member, 1, key)) == key
    create_identity(tmp_path / "other", "Người khác", "member", PASSPHRASE, log_n=FAST_LOG_N)
    other = unlock_identity(tmp_path / "other", PASSPHRASE, failure_delay=0)
    with pytest.raises(KeyGenerationError):  # another member's identity, even with this member's id
        open_generation(other, member, 1, seal_generation(an, member, 1, key))


# -- the transport's refusals -----------------------------------------------------------------------

def test_a_closed_port_is_offline_and_another_certificate_is_refused(office_file: tuple[Path, str], office: Office,
                                                                     tmp_path: Path) -> None:
    import ssl
    import threading

    from server_helpers import free_port

    _path, text = office_file
    port = free_port()  # the signature covers the port: a file signed for this one
    pem = text.split('certificate = """', 1)[1].split('"""', 1)[0]
    signed = office_file_text(office.unlock("clerk"), f"https://127.0.0.1:{port}", "srv", pem, "2026-12-07T10:00:00Z")
    server = parse_office_file(signed.encode(), [load_card(office.clerk)])
    with pytest.raises(OfflineError):
        Connection(server, timeout=5).request("GET", P.HEALTH)
    # a TLS server on that port with another certificate (an impostor on the LAN)
    other = tmp_path / "other-tls"
    other.mkdir()
    make_tls(other, "127.0.0.1")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(other / "tls.crt"), str(other / "tls.key"))
    listener = socket.create_server(("127.0.0.1", port))

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            ctx.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with pytest.raises(RefusedError):
            Connection(server, timeout=5).request("GET", P.HEALTH)
    finally:
        thread.join(timeout=10)
        listener.close()


# -- the engine without a server ---------------------------------------------------------------------

class DeadLine:
    """A transport to a server that never answers."""

    address = "https://127.0.0.1:9"

    def __init__(self) -> None:
        self.calls = 0

    def request(self, method: str, path: str, body: object = None, token: str | None = None,
                *, timeout: float | None = None) -> dict[str, object]:
        self.calls += 1
        raise OfflineError(address=self.address, detail="connection refused")


def test_a_round_without_a_server_retries_with_backoff_and_jitter_then_says_offline(tmp_path: Path,
                                                                                   office: Office) -> None:
    from paperless.core.notes import NotesStore
    from paperless.core.sync import SyncEngine, SyncState

    an = office.unlock("an")
    slept: list[float] = []
    line = DeadLine()
    with NotesStore.open(tmp_path, an) as store:
        store.set_item_note("s-1", 0, "chờ mạng")
        engine = SyncEngine(an, tmp_path, store, line, retries=5, backoff_s=0.1, sleep=slept.append,
                            jitter=lambda: 0.25)
        report = engine.sync_once()
        assert report.status.state is SyncState.OFFLINE and report.pending == 1
        assert "connection refused" in report.status.detail.en and report.status.address == line.address
        assert engine.status().state is SyncState.OFFLINE and engine.status().pending == 1
    assert line.calls == 5
    assert slept == pytest.approx([0.075, 0.15, 0.3, 0.6])  # 0.1 · 2^n · (0.5 + jitter)


def test_the_client_side_of_the_sync_needs_no_http_library_and_no_server_code() -> None:
    """The reader's frozen build stays small: the sync client is on the standard library's HTTPS."""
    import subprocess
    import sys

    code = ("import sys, paperless.core.sync, paperless.core.sync.engine, paperless.cli.sync_cmd; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('httpx', 'httpcore', 'fastapi', 'uvicorn', 'starlette', 'requests', 'urllib3', 'PySide6') "
            "or m.startswith('paperless.server') or m.startswith('paperless.gui')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"
