"""Typed annotation content (core/notes/content.py): one parser and validator, one way back to
the stored JSON; the store hides (and reports once) a record whose content does not validate;
the annotated export skips such a record and says so."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from bundle_helpers import People, unlock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from notes_content import ink, markup, note, write_unvalidated

from paperless.core.anchoring import Anchor, Context, PageRect, TextQuote
from paperless.core.export import build_annotated_pdf, export_notes_markdown
from paperless.core.export.jsonable import annotation_from_json
from paperless.core.export.summary import NotesSummaryInput, SummaryDocument, SummaryItem
from paperless.core.identity import UnlockedIdentity
from paperless.core.notes import (
    Annotation,
    AnnotationKind,
    Carried,
    Content,
    ContentError,
    Ink,
    NotesStore,
    NotesTamperedError,
    NotesUnreadableContentError,
    StickyNote,
    TextBox,
    TextMarkup,
    UnreadableAnnotation,
    parse_content,
)
from paperless.core.notes.content import COORD_LIMIT, MAX_FONT_SIZE, MAX_WIDTH

SID = "phien-12"
DOC = "ab" * 32
HASHES = st.text("0123456789abcdef", min_size=64, max_size=64)

# -- strategies of valid content --------------------------------------------------------------------

coords = st.floats(-COORD_LIMIT, COORD_LIMIT, allow_nan=False, allow_infinity=False)
texts = st.text(max_size=40)  # valid Unicode (hypothesis leaves lone surrogates out)
points = st.tuples(coords, coords)


@st.composite
def rects(draw: st.DrawFn, page: int | None = None, area: bool = False) -> PageRect:
    p = draw(st.integers(0, 500)) if page is None else page
    if area:  # a line of text: some points wide and high
        x0, y0 = draw(st.floats(-10_000, 10_000)), draw(st.floats(-10_000, 10_000))
        return PageRect(p, x0, y0, x0 + draw(st.floats(0.1, 500)), y0 + draw(st.floats(0.1, 500)))
    return PageRect(p, draw(coords), draw(coords), draw(coords), draw(coords))


@st.composite
def anchors(draw: st.DrawFn, text: bool) -> Anchor:
    page = draw(st.integers(0, 500))
    quote = TextQuote(draw(texts), draw(texts), draw(texts))
    lines = draw(st.lists(rects(), max_size=3))
    if text:
        lines.insert(draw(st.integers(0, len(lines))), draw(rects(area=True)))
    context = None if text or draw(st.booleans()) else Context(quote, draw(st.integers(0, 99)), draw(coords),
                                                                 draw(coords))
    return Anchor(doc_hash=draw(HASHES), page=page, rects=tuple(lines), quote=quote if text else None,
                  position=draw(st.integers(0, 10**9)), text_length=draw(st.integers(0, 10**9)), context=context,
                  before=draw(texts), after=draw(texts))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3), max_leaves=8)


@st.composite
def common(draw: st.DrawFn, known: frozenset[str]) -> dict[str, Any]:
    """The carry-over's bookkeeping, and keys of a newer version (kept as they are)."""
    carried = draw(st.none() | st.builds(Carried, HASHES, st.sampled_from(["placed_exact", "placed_fuzzy"]),
                                         st.floats(0, 1)))
    extra = draw(st.dictionaries(texts.filter(lambda k: k not in known | {"carry_tried", "carried"}), json_values,
                                 max_size=3))
    return {"tried": tuple(draw(st.lists(HASHES, max_size=2))), "carried": carried, "extra": extra}


markups = st.builds(lambda a, q, c, rest: TextMarkup(anchor=a, quote=q, comment=c, **rest),
                    anchors(text=True), texts, st.none() | texts, common(TextMarkup.KEYS))
inks = st.builds(lambda a, s, w, rest: Ink(anchor=a, strokes=s, width=w, **rest),
                 st.none() | anchors(text=False),
                 st.lists(st.lists(points, min_size=1, max_size=5).map(tuple), min_size=1, max_size=3).map(tuple),
                 st.floats(0.01, MAX_WIDTH), common(Ink.KEYS))
notes = st.builds(lambda a, p, t, rest: StickyNote(anchor=a, point=p, text=t, **rest),
                  st.none() | anchors(text=False), points, texts, common(StickyNote.KEYS))


@st.composite
def boxes(draw: st.DrawFn) -> TextBox:
    x0, y0 = draw(st.floats(-1000, 1000)), draw(st.floats(-1000, 1000))
    rect = (x0, y0, x0 + draw(st.floats(1.5, 5000)), y0 + draw(st.floats(1.5, 5000)))  # 1 point and rounding
    return TextBox(anchor=draw(st.none() | anchors(text=False)), rect=rect, text=draw(texts),
                   font_size=draw(st.floats(0.01, MAX_FONT_SIZE)), **draw(common(TextBox.KEYS)))


kinds_and_contents = st.one_of(
    st.tuples(st.sampled_from([AnnotationKind.HIGHLIGHT, AnnotationKind.UNDERLINE, AnnotationKind.STRIKEOUT]),
              markups),
    st.tuples(st.just(AnnotationKind.INK), inks),
    st.tuples(st.just(AnnotationKind.NOTE), notes),
    st.tuples(st.just(AnnotationKind.TEXTBOX), boxes()),
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(kinds_and_contents)
def test_parsing_the_stored_json_gives_the_content_back(case: tuple[AnnotationKind, Content]) -> None:
    kind, content = case
    stored = content.to_json()
    assert parse_content(kind, stored) == content  # parse . to_json is the identity
    again = json.loads(json.dumps(stored, ensure_ascii=False, allow_nan=False))  # as sealed and opened
    assert parse_content(kind, again) == content
    assert parse_content(kind, again).to_json() == stored  # and the JSON reads back to the same JSON


@st.composite
def mangled(draw: st.DrawFn) -> tuple[AnnotationKind, Any]:
    """Valid JSON of some kind with parts replaced, dropped or added — or any JSON at all."""
    kind, content = draw(kinds_and_contents)
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(list(AnnotationKind))), draw(json_values)
    data: Any = json.loads(json.dumps(content.to_json()))
    for _ in range(draw(st.integers(1, 3))):
        node: Any = data
        while isinstance(node, dict | list) and node and draw(st.booleans()):  # go down somewhere
            key = draw(st.sampled_from(sorted(node))) if isinstance(node, dict) else draw(
                st.integers(0, len(node) - 1))
            if not isinstance(node[key], dict | list):
                break
            node = node[key]
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            choice = draw(st.integers(0, 2))
            if choice == 0:
                del node[key]
            else:
                node[key] = draw(json_values | st.sampled_from([math.nan, math.inf, 10**400, -1, 0, "\ud800", True]))
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(json_values | st.sampled_from([math.nan, 10**400]))
    return draw(st.sampled_from([kind, *AnnotationKind])), data


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_any_json_parses_or_raises_the_one_error(case: tuple[AnnotationKind, Any]) -> None:
    kind, data = case
    try:
        content = parse_content(kind, data)
    except ContentError as exc:
        assert str(exc)  # says what is wrong
        return
    assert parse_content(kind, content.to_json()) == content
    json.dumps(content.to_json(), allow_nan=False).encode()  # what it writes back can be sealed


@pytest.mark.parametrize(("kind", "data", "message"), [
    ("ink", {"strokes": "not a list"}, "ink: 'strokes' must be a list of one or more strokes"),
    ("ink", {"strokes": [[[1, 2]]], "width": -1}, "ink: 'width' must be a finite number from 0 to 200"),
    ("ink", {"strokes": [[[1, math.nan]]]}, "ink: 'strokes'[0] must be a finite number"),
    ("highlight", {"quote": "Điều 1"}, "text markup: 'anchor' is missing"),
    ("note", {"text": "?"}, "sticky note: 'point' is missing"),
    ("textbox", {"rect": [10, 10, 10.5, 40]}, "text box: 'rect' must be at least 1 point wide and high"),
    ("textbox", {"rect": [0, 0, 50, 20], "font_size": "12"}, "text box: 'font_size' must be a number"),
    ("note", {"point": [1, 2], "text": 5}, "sticky note: 'text' must be a string"),
    ("note", {"point": [1, 2], "carry_tried": ["x"]}, "'carry_tried' must be a document hash"),
    ("scribble", {}, "unknown annotation kind"),
    ("note", [], "sticky note content must be a JSON object"),
])
def test_the_error_names_what_is_wrong(kind: str, data: Any, message: str) -> None:
    with pytest.raises(ContentError, match="^" + message.replace("[", r"\[").replace("(", r"\(")):
        parse_content(kind, data)


def test_older_json_reads_with_its_defaults_and_unknown_keys_are_kept() -> None:
    old = parse_content("ink", {"strokes": [[[1, 2], [3, 4]]]})
    assert old == Ink(strokes=(((1.0, 2.0), (3.0, 4.0)),), width=2.0)
    assert old.to_json() == {"strokes": [[[1.0, 2.0], [3.0, 4.0]]], "width": 2.0}  # written in full
    anchored = markup("Điều 1").to_json()
    del anchored["quote"]
    assert parse_content("highlight", anchored).quote == "Điều 1"  # the anchor's quote
    newer = {**note("Hỏi lại").to_json(), "pinned": {"by": "Bình", "at": [1, 2]}}
    content = parse_content("note", newer)
    assert content.extra == {"pinned": {"by": "Bình", "at": [1, 2]}}
    moved = content.moved(10, 5)
    assert moved.to_json()["pinned"] == {"by": "Bình", "at": [1, 2]}  # an older app's change keeps it
    content.to_json()["pinned"]["by"] = "x"
    assert content.extra["pinned"]["by"] == "Bình"  # handed out as copies


def test_a_record_is_always_its_kinds_content() -> None:
    with pytest.raises(ContentError, match="ink annotations hold Ink content, not TextMarkup"):
        Annotation("u", "me", SID, DOC, 0, AnnotationKind.INK, None, markup(), "", "", False)
    made = Annotation("u", "me", SID, DOC, 0, "note", None, {"point": [1, 2], "text": "?"}, "", "", False)
    assert made.kind is AnnotationKind.NOTE and made.content == note("?", (1, 2))
    with pytest.raises(ContentError):
        TextBox(rect=(0, 0, 0.5, 10))  # made in code: checked the same way


# -- the store: one rule for bad content ---------------------------------------------------------------

@pytest.fixture(scope="module")
def an(people: People) -> UnlockedIdentity:
    return unlock(people.member("an"))


@pytest.fixture
def store(tmp_path: Path, an: UnlockedIdentity) -> Iterator[NotesStore]:
    s = NotesStore.open(tmp_path / "lib", an)
    yield s
    s.close()


BAD = {"strokes": [[[100, 100], [160, 120]]], "width": 5000.0}  # a pen this version cannot draw


def test_a_record_whose_content_does_not_validate_is_hidden_and_told(store: NotesStore) -> None:
    good = store.add_annotation(SID, DOC, 0, "highlight", "#ffd400", markup("Điều 1"))
    bad = write_unvalidated(store, SID, DOC, 0, "ink", "#d32f2f", BAD)
    with pytest.raises(NotesUnreadableContentError) as info:  # without a handler: refused, naming the row
        store.annotations(SID)
    err = info.value
    assert isinstance(err, NotesTamperedError) and err.params["uuid"] == bad
    assert "ink: 'width' must be a finite number from 0 to 200" in err.message("en")
    assert "\n" not in err.message("vi") and "Không hiển thị được" in err.message("vi")
    told: list[NotesTamperedError] = []
    store.on_damaged = told.append
    assert [a.uuid for a in store.annotations(SID)] == [good.uuid]  # never half shown
    assert [e.params["uuid"] for e in told] == [bad]
    with pytest.raises(NotesUnreadableContentError):
        store.annotation(bad)
    with pytest.raises(NotesUnreadableContentError):  # nor changed as if it were good (rolled back)
        store.update_annotation(bad, color="#000000")
    store.update_annotation(bad, content=ink())  # new content replaces it: readable again
    assert {a.uuid for a in store.annotations(SID)} == {good.uuid, bad}


def test_unknown_keys_survive_a_change_in_the_store(store: NotesStore) -> None:
    uuid = write_unvalidated(store, SID, DOC, 2, "note", "#ffd400", {**note("?").to_json(), "pinned": True})
    [a] = store.annotations(SID)
    store.update_annotation(uuid, content=a.content.moved(5, 5))
    op = store.pending_outbox()[-1]
    assert store.open_op(op)["data"] == {"point": [105.0, 125.0], "text": "?", "pinned": True}


def test_the_annotated_export_skips_a_record_whose_content_does_not_validate(store: NotesStore) -> None:
    with pymupdf.open() as pdf:
        pdf.new_page(width=595, height=842).insert_text((72, 100), "Điều 1. Thảo luận")
        data = pdf.tobytes()
    doc = hashlib.sha256(data).hexdigest()
    good = store.add_annotation(SID, doc, 0, "note", "#ffd400", note("Hỏi lại"))
    bad = write_unvalidated(store, SID, doc, 0, "textbox", None, {"rect": [10, 10, 10, 10], "text": "?"})
    # The records as the coming sync (or the export child) receives them: sealed envelopes, as JSON.
    records = []
    for op in store.pending_outbox():
        env = store.open_op(op)
        records.append(annotation_from_json({"uuid": op.record_uuid, **env["meta"], "payload": env["data"],
                                             "created": env["created"], "hlc": env["hlc"]}))
    assert [type(r) for r in records] == [Annotation, UnreadableAnnotation]
    assert isinstance(records[1], UnreadableAnnotation) and "text box: 'rect'" in records[1].reason
    made = build_annotated_pdf(data, records, watermark=None, author_name="An")
    assert (made.exported, made.skipped) == (1, (bad,))
    summary = NotesSummaryInput("Phiên", None, "", (SummaryItem(0, "Mục", "", (SummaryDocument(doc, "T", 1),)),))
    text = export_notes_markdown(summary, records, [], [], language="vi")
    assert "Hỏi lại" in text and good.uuid not in text  # the summary shows the readable one
