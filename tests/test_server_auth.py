"""The office server's authentication and authorisation, over HTTPS on loopback, on SQLite and
PostgreSQL: the signed office file, challenges (single use, expiry, action, host), device
certificates, tokens, revocation, and every endpoint tried with another member's token, no token,
an expired one and a revoked device's."""

from __future__ import annotations

import hashlib
import ssl
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding
from server_helpers import Office, RunningServer, SyncClient, new_uuid, ok, push_op, refused

from paperless.core.identity import load_card
from paperless.core.minisign import PublicKey
from paperless.core.sync import protocol as P


def _office_file(text: str) -> tuple[str, str]:
    body, _, tail = text.partition(P.SIGNATURE_MARKER)
    assert tail.startswith("minisign = '''") and tail.endswith("'''\n")
    return body, tail[len("minisign = '''"):-len("'''\n")]


def test_init_signs_the_office_file_and_pins_the_served_certificate(server: RunningServer, office: Office) -> None:
    import tomllib

    text = server.setup.office_file.read_text("utf-8")
    body, signature = _office_file(text)
    clerk = load_card(office.clerk)
    PublicKey.from_base64(clerk.signing_key).verify(body.encode(), signature)  # raises if it does not verify
    data = tomllib.loads(text)
    meta = data["office_server"]
    assert meta["format"] == P.OFFICE_FORMAT and meta["url"] == server.url
    assert meta["office_fingerprint"] == clerk.fingerprint
    assert "minisign" in data["signature"]
    cert = x509.load_pem_x509_certificate(meta["certificate"].encode())
    der = cert.public_bytes(Encoding.DER)
    assert hashlib.sha256(der).hexdigest() == meta["certificate_sha256"]
    served = ssl.get_server_certificate(("127.0.0.1", server.setup.port))
    assert hashlib.sha256(ssl.PEM_cert_to_DER_cert(served)).hexdigest() == meta["certificate_sha256"]
    # a changed byte in the body no longer verifies
    with pytest.raises(Exception, match="(?i)signature"):
        PublicKey.from_base64(clerk.signing_key).verify(body.replace(server.url, "https://10.6.6.6:8443").encode(),
                                                        signature)
    # the folder and the key are the owner's only
    assert server.setup.folder.stat().st_mode & 0o777 == 0o700
    assert (server.setup.folder / "tls.key").stat().st_mode & 0o777 == 0o600


def test_tls_below_1_2_is_refused(server: RunningServer) -> None:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(str(server.setup.cert_path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # that is the point
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        ctx.set_ciphers("ALL:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        pytest.fail("this OpenSSL cannot even offer TLS 1.1 to try", pytrace=False)
    with pytest.raises((httpx.ConnectError, ssl.SSLError)), httpx.Client(verify=ctx) as c:
        c.get(server.url + P.HEALTH)
    with httpx.Client(verify=ssl.create_default_context(cafile=str(server.setup.cert_path))) as c:
        assert c.get(server.url + P.HEALTH).status_code == 200


def test_register_then_login_and_the_same_device_again(server: RunningServer) -> None:
    an = server.device("an")
    first = an.register()
    assert first["device"] == an.device and first["expires_in"] <= P.TOKEN_TTL_S and first["epoch"]
    again = an.register()  # the same device id and key: idempotent
    assert again["device"] == an.device and again["token"] != first["token"]
    login = an.login()
    assert login["epoch"] == first["epoch"]
    assert ok(an.devices())["devices"][0]["current"] is True
    # the same device id with another key is refused
    impostor = SyncClient(server.url, server.setup.cert_path, an.identity, device=an.device)
    try:
        refused(impostor.http.post(P.REGISTER, json=impostor.register_body()), 401, P.UNAUTHORIZED)
    finally:
        impostor.close()


def test_a_challenge_is_single_use_bound_to_its_action_device_and_host(server: RunningServer) -> None:
    an = server.device("an")
    an.register()
    challenge = an.challenge("login")
    body = an.login_body(challenge)
    ok(an.http.post(P.LOGIN, json=body))
    refused(an.http.post(P.LOGIN, json=body), 401, P.UNAUTHORIZED)  # replayed
    # a login challenge answered as a register, or a register one at login: refused
    c = an.challenge("register")
    refused(an.http.post(P.LOGIN, json={**an.login_body(c), "signature": an.sign("login", c)}), 401, P.UNAUTHORIZED)
    c = an.challenge("login")
    refused(an.http.post(P.REGISTER, json=an.register_body(c)), 401, P.UNAUTHORIZED)
    # signed for another server's address
    c = an.challenge("login")
    refused(an.http.post(P.LOGIN, json={**an.login_body(c), "signature": an.sign("login", c, "https://10.0.0.9:8443")}),
            401, P.UNAUTHORIZED)
    # issued to another device of the same member
    other = server.device("an", name="Máy nhà")
    other.register()
    c = other.challenge("login")
    refused(an.http.post(P.LOGIN, json=an.login_body(c)), 401, P.UNAUTHORIZED)
    # a wrong signature uses the challenge up all the same
    c = an.challenge("login")
    bad = {**an.login_body(c), "signature": P.b64(Ed25519PrivateKey.generate().sign(b"x"))}
    refused(an.http.post(P.LOGIN, json=bad), 401, P.UNAUTHORIZED)
    refused(an.http.post(P.LOGIN, json=an.login_body(c)), 401, P.UNAUTHORIZED)


def test_an_expired_challenge_and_an_expired_token_are_refused(server: RunningServer) -> None:
    an = server.device("an")
    an.register()
    c = an.challenge("login")
    server.advance_clock(P.CHALLENGE_TTL_S + 1)
    refused(an.http.post(P.LOGIN, json=an.login_body(c)), 401, P.UNAUTHORIZED)
    an.login()  # a fresh one works
    ok(an.digest())
    server.advance_clock(P.TOKEN_TTL_S + 1)
    refused(an.digest(), 401, P.UNAUTHORIZED)
    an.login()
    ok(an.digest())


def test_a_forged_device_certificate_is_refused(server: RunningServer, office: Office) -> None:
    an = server.device("an")
    # signed by another member's key (binh vouches for a device of an)
    forged = office.unlock("binh").signing_key.sign(
        P.device_certificate(an.member, an.device, an.device_key, an.name, an.created), trusted_comment="forged")
    refused(an.http.post(P.REGISTER, json=an.register_body(certificate=forged)), 401, P.UNAUTHORIZED)
    # a genuine certificate for another key
    other_key = P.b64(Ed25519PrivateKey.generate().public_key().public_bytes_raw())
    body = an.register_body()
    cert = an.identity.signing_key.sign(P.device_certificate(an.member, an.device, other_key, an.name, an.created),
                                        trusted_comment="other key")
    refused(an.http.post(P.REGISTER, json={**body, "certificate": cert}), 401, P.UNAUTHORIZED)
    # the certificate says another name than the one sent
    refused(an.http.post(P.REGISTER, json=an.register_body(name="Máy khác")), 401, P.UNAUTHORIZED)
    # the office's own key is no member's
    clerk_cert = office.unlock("clerk").signing_key.sign(
        P.device_certificate(an.member, an.device, an.device_key, an.name, an.created), trusted_comment="clerk")
    refused(an.http.post(P.REGISTER, json=an.register_body(certificate=clerk_cert)), 401, P.UNAUTHORIZED)
    refused(an.http.post(P.REGISTER, json=an.register_body(certificate="not a signature")), 401, P.UNAUTHORIZED)
    assert an.token is None


def test_unknown_members_get_the_same_answers(server: RunningServer, office: Office, tmp_path: Path) -> None:
    from server_helpers import FAST_LOG_N, PASSPHRASE

    from paperless.core.identity import create_identity, unlock_identity

    create_identity(tmp_path / "stranger", "Người lạ", "member", PASSPHRASE, log_n=FAST_LOG_N)
    stranger = SyncClient(server.url, server.setup.cert_path, unlock_identity(tmp_path / "stranger", PASSPHRASE))
    an = server.device("an")
    try:
        for client in (stranger, an):
            r = client.http.post(P.CHALLENGE, json={"member": client.member, "device": client.device,
                                                    "action": "register"})
            assert r.status_code == 200 and set(r.json()) == {"challenge", "expires_in"}
            assert len(P.unb64(r.json()["challenge"], limit=64)) == P.CHALLENGE_BYTES
        answers = [stranger.http.post(P.REGISTER, json=stranger.register_body()),
                   stranger.http.post(P.LOGIN, json=stranger.login_body()),
                   an.http.post(P.LOGIN, json=an.login_body())]  # enrolled, but this device never registered
        for r in answers:
            refused(r, 401, P.UNAUTHORIZED)
        assert len({r.json()["detail"] for r in answers}) == 1
    finally:
        stranger.close()


# -- every endpoint ------------------------------------------------------------------------------------
def _endpoints(target_device: str) -> list[tuple[str, Callable[[SyncClient], httpx.Response]]]:
    record = new_uuid()
    return [
        ("GET devices", lambda c: c.devices()),
        ("POST revoke", lambda c: c.revoke(target_device)),
        ("GET keys", lambda c: c.keys()),
        ("PUT keys", lambda c: c.put_key(1, b"sealed-key-generation")),
        ("POST push", lambda c: c.push([push_op(record, 0, b"sealed by whoever")])),
        ("GET pull", lambda c: c.pull(0)),
        ("GET digest", lambda c: c.digest()),
        ("GET wait", lambda c: c.wait(0, 0)),
    ]


def _state(c: SyncClient) -> dict[str, Any]:
    return {"records": c.pull_all()[0], "digest": ok(c.digest()), "keys": ok(c.keys()),
            "devices": [{k: v for k, v in d.items() if k != "last_seen"} for d in ok(c.devices())["devices"]]}


def test_another_member_s_token_reaches_only_that_member_s_data(server: RunningServer) -> None:
    an, an_home = server.device("an"), server.device("an", name="Máy nhà")
    an.register()
    an_home.register()
    ok(an.put_key(1, b"an's sealed key"))
    ok(an.push([push_op(new_uuid(), 0, b"an's sealed note %d" % i) for i in range(5)]))
    before = _state(an)
    binh = server.device("binh")
    binh.register()
    for name, call in _endpoints(an_home.device):
        r = call(binh)
        if name == "POST revoke":
            refused(r, 404, P.NOT_FOUND)  # as a device that does not exist
            continue
        assert r.status_code < 300, (name, r.text)
        assert an.member not in r.text and an.device not in r.text and an_home.device not in r.text, name
        if name == "GET pull":
            assert all(rec["payload"] != P.b64(b"an's sealed note 0") for rec in r.json()["records"])
    assert _state(an) == before  # an's records, keys and devices untouched
    assert not any(rec["payload"].startswith(P.b64(b"an's")[:8]) for rec in binh.pull_all()[0])


def test_every_endpoint_refuses_no_token_a_bad_one_and_an_expired_one(server: RunningServer) -> None:
    an = server.device("an")
    an.register()
    target = an.device
    for token in (None, "", "garbage", "A" * 43, "x" * 5000):
        an.token = token
        for name, call in _endpoints(target):
            r = call(an)
            assert r.status_code == 401 and r.json()["error"] == P.UNAUTHORIZED, (token and token[:10], name, r.text)
    an.login()
    server.advance_clock(P.TOKEN_TTL_S + 1)
    for name, call in _endpoints(target):
        refused(call(an), 401, P.UNAUTHORIZED), name


def test_a_revoked_device_is_refused_at_once_everywhere_then_acknowledges(server: RunningServer) -> None:
    office_pc, home = server.device("an"), server.device("an", name="Máy nhà")
    office_pc.register()
    home.register()
    ok(office_pc.put_key(1, b"generation one"))
    ok(home.push([push_op(new_uuid(), 0, b"sealed")]))
    assert ok(office_pc.keys())["rotate"] is False
    ok(office_pc.revoke(home.device))  # home still holds a live token: refused from now on
    for name, call in _endpoints(office_pc.device):
        refused(call(home), 403, P.DEVICE_REVOKED), name
    # logging in again or registering again with a correct signature: device_revoked
    refused(home.http.post(P.LOGIN, json=home.login_body()), 403, P.DEVICE_REVOKED)
    refused(home.http.post(P.REGISTER, json=home.register_body()), 403, P.DEVICE_REVOKED)
    # ...but a wrong signature is just unauthorized
    c = home.challenge("login")
    refused(home.http.post(P.LOGIN, json={**home.login_body(c), "signature": P.b64(bytes(64))}), 401, P.UNAUTHORIZED)
    # the other device must rotate the notes key
    assert ok(office_pc.keys())["rotate"] is True
    refused(office_pc.put_key(3, b"skips a generation"), 409, P.CONFLICT)
    ok(office_pc.put_key(2, b"generation two"))
    assert ok(office_pc.keys())["rotate"] is False
    # the revoked device wipes, then acknowledges (once is enough; again is harmless)
    ok(home.revoked_ack())
    ok(home.revoked_ack())
    listed = {d["device"]: d for d in ok(office_pc.devices())["devices"]}
    assert listed[home.device]["revoked"] and listed[home.device]["wiped"]
    assert not listed[office_pc.device]["revoked"]
    # an acknowledgement from a device that is not revoked is refused
    refused(office_pc.revoked_ack(), 409, P.CONFLICT)
    # revoking a device that does not exist, or again
    refused(office_pc.revoke(new_uuid()), 404, P.NOT_FOUND)
    refused(office_pc.revoke("not-a-uuid"), 404, P.NOT_FOUND)
    ok(office_pc.revoke(home.device))


def test_the_same_device_registering_twice_at_once_is_never_a_server_error(server: RunningServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    an = server.device("an")
    for _ in range(3):
        bodies = [an.register_body() for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda b: an.http.post(P.REGISTER, json=b), bodies))
        assert {r.status_code for r in answers} <= {200, 409}, [r.text for r in answers]
        assert any(r.status_code == 200 for r in answers)
        an.device = new_uuid()
