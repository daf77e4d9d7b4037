"""The manifest's signed ``audience`` (docs/distribution-protocol.md): the writer lists the
per-session hash of every member's id, padded with random values to the stanza count; it names
no one else; the manifest refuses an audience that is not 64-hex values; older manifests have none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from distribution_helpers import build
from server_helpers import Office

from paperless.core.bundle.audience import audience_hash, make_audience
from paperless.core.bundle.manifest import Manifest, ManifestFormatError
from paperless.core.bundle.padding import stanza_count
from paperless.core.bundle.reader import inspect_bundle
from paperless.core.identity import load_card
from paperless.core.sync import protocol as P


def test_the_writer_signs_an_audience_of_its_members_padded_and_sorted(tmp_path: Path, office: Office) -> None:
    built = build(tmp_path, office, 1, members=("an", "binh"))
    manifest = inspect_bundle(built.path).manifest
    assert manifest.audience is not None
    assert len(manifest.audience) == stanza_count(2) and list(manifest.audience) == sorted(manifest.audience)
    ids = {key: P.member_id(load_card(office.member(key)).fingerprint) for key in ("an", "binh", "cuong")}
    assert audience_hash(built.session_id, ids["an"]) in manifest.audience
    assert audience_hash(built.session_id, ids["binh"]) in manifest.audience
    assert audience_hash(built.session_id, ids["cuong"]) not in manifest.audience
    assert audience_hash("another-session", ids["an"]) not in manifest.audience  # per session
    # a fingerprint with its spaces gives the same value as the server's 40-digit id
    assert audience_hash(built.session_id, load_card(office.member("an")).fingerprint) in manifest.audience
    assert manifest.to_json() == Manifest.from_json(manifest.to_json()).to_json()


def test_the_audience_hides_how_many_read_and_differs_between_builds() -> None:
    one = make_audience("s", ["1" * 40])
    many = make_audience("s", [str(i) * 40 for i in range(1, 8)])
    assert len(one) == len(many) == stanza_count(1)
    assert set(one) != set(make_audience("s", ["1" * 40]))  # random padding: two builds differ
    assert audience_hash("s", "1" * 40) in one


@pytest.mark.parametrize("bad", [["ABC"], ["g" * 64], "x" * 64, [1], [None]])
def test_a_manifest_with_a_bad_audience_is_refused(bad: object) -> None:
    base = Manifest.from_json(make_manifest_json())
    obj = json.loads(base.to_json())
    obj["audience"] = bad
    with pytest.raises(ManifestFormatError):
        Manifest.from_json(json.dumps(obj).encode())


def test_an_older_manifest_has_no_audience_and_keeps_its_bytes() -> None:
    raw = make_manifest_json()
    manifest = Manifest.from_json(raw)
    assert manifest.audience is None and "audience" not in json.loads(manifest.to_json())


def make_manifest_json() -> bytes:
    return json.dumps({
        "format": "paperless-bundle", "format_version": 1, "session_id": "s", "version": 1,
        "issued_at": "2026-12-07T08:00:00+07:00", "expires_at": None,
        "signer": {"name": "VP", "key_id": "A1", "public_key": "RWQ", "fingerprint": "1"},
        "entries": [{"name": "agenda.age", "kind": "agenda", "size": 1, "sha256": "a" * 64}],
    }).encode()
