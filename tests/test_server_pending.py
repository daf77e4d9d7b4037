"""A revoked laptop still holds its member's identity, so it can sign a certificate for a new
device id: once a member has revoked a device, a new device of theirs waits (403 device_pending)
until the office or one of the member's live devices approves it (SQLite and PostgreSQL)."""

from __future__ import annotations

from server_helpers import RunningServer, SyncClient, new_uuid, ok, refused

from paperless.core.sync import protocol as P


def _again(server: RunningServer, dev: SyncClient, *, name: str | None = None) -> SyncClient:
    """The same member identity and key under a NEW device id (what a revoked laptop can do)."""
    twin = SyncClient(server.url, server.setup.cert_path, dev.identity, name=name or dev.name, key=dev.key)
    server._devices.append(twin)
    return twin


def test_a_revoked_laptop_under_a_new_device_id_waits_for_approval(server: RunningServer) -> None:
    office_pc, home = server.device("an"), server.device("an", name="Máy nhà")
    office_pc.register()
    home.register()  # no device revoked yet: a new device registers freely
    ok(office_pc.put_key(1, b"generation one"))
    ok(office_pc.revoke(home.device))
    ok(office_pc.put_key(2, b"generation two"))

    thief = _again(server, home)  # the revoked laptop, re-registering under a new device id
    r = thief.http.post(P.REGISTER, json=thief.register_body())
    refused(r, 403, P.DEVICE_PENDING)
    assert "token" not in r.json()
    refused(thief.http.post(P.REGISTER, json=thief.register_body()), 403, P.DEVICE_PENDING)  # again: still
    refused(thief.http.post(P.LOGIN, json=thief.login_body()), 403, P.DEVICE_PENDING)
    # a bad signature or an unknown device stays 401 (nothing learnt about pending devices)
    c = thief.challenge("login")
    refused(thief.http.post(P.LOGIN, json={**thief.login_body(c), "signature": P.b64(bytes(64))}), 401,
            P.UNAUTHORIZED)
    stranger = _again(server, office_pc)
    refused(stranger.http.post(P.LOGIN, json=stranger.login_body()), 401, P.UNAUTHORIZED)
    # the same device id with another key is refused
    other_key = SyncClient(server.url, server.setup.cert_path, home.identity, device=thief.device)
    server._devices.append(other_key)
    refused(other_key.http.post(P.REGISTER, json=other_key.register_body()), 401, P.UNAUTHORIZED)

    listed = {d["device"]: d for d in ok(office_pc.devices())["devices"]}
    assert listed[thief.device]["pending"] is True and not listed[thief.device]["revoked"]
    assert listed[office_pc.device]["pending"] is False and listed[home.device]["pending"] is False

    # who may approve: another member's device is 404; the revoked laptop is 403; a revoked device is 409
    binh = server.device("binh")
    binh.register()  # binh has revoked nothing: registers freely
    refused(binh.approve(thief.device), 404, P.NOT_FOUND)
    refused(home.approve(thief.device), 403, P.DEVICE_REVOKED)
    refused(office_pc.approve(home.device), 409, P.CONFLICT)
    refused(office_pc.approve(new_uuid()), 404, P.NOT_FOUND)
    refused(office_pc.approve("not-a-uuid"), 404, P.NOT_FOUND)
    refused(thief.http.post(P.LOGIN, json=thief.login_body()), 403, P.DEVICE_PENDING)

    ok(office_pc.approve(thief.device))  # the member, at their office computer, says yes
    ok(office_pc.approve(thief.device))  # again: nothing to do
    thief.login()
    assert [g["generation"] for g in ok(thief.keys())["generations"]] == [1, 2]
    assert ok(thief.pull()).get("records") == []
    listed = {d["device"]: d for d in ok(thief.devices())["devices"]}
    assert listed[thief.device]["pending"] is False and listed[thief.device]["current"] is True
    assert thief.register()["device"] == thief.device  # registering the approved device again: a token
