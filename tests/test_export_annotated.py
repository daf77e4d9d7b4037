""""Export annotated PDF", read back with tools that are not MuPDF: qpdf (the annotation
objects, their keys and string encodings) and poppler (pdftoppm pixels, pdftotext text).

The document is the demo quarterly report (real Vietnamese PDF, Noto Sans); the anchors are
made by the anchoring module from the words PyMuPDF extracts, as the reader makes them.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from system_tools import require_tool

from paperless.core.anchoring import DocText, geometry_anchor, text_anchor
from paperless.core.export import build_annotated_pdf, export_annotated_pdf
from paperless.core.export.jsonable import annotation_from_json, annotation_to_json
from paperless.core.notes import Annotation, AnnotationKind
from paperless.core.render import Word
from paperless.demo.factory import write_demo_documents

AUTHOR = "Nguyễn Văn An"
COMMENT = "Thảo luận, bổ sung ý kiến"
NOTE = "Đề nghị làm rõ số liệu đầu tư công; hỏi lại Sở Kế hoạch"
BOX = "Thảo luận, bổ sung ý kiến trước phiên họp"
WATERMARK = "Nguyễn Văn An · Phiên họp thường kỳ tháng 12 · 05/12/2025"
CREATED = "000001764900000000-00000-0123456789abcdef"  # 2025-12-05 02:00:00 UTC
CHANGED = "000001764903723000-00002-0123456789abcdef"  # 2025-12-05 03:02:03 UTC
TOOLS = ("qpdf", "pdftoppm", "pdftotext")


@pytest.fixture(scope="module", autouse=True)
def _need_tools() -> None:
    for tool in TOOLS:
        require_tool(tool)  # a missing tool fails, naming its package (qpdf, poppler-utils)


# --- reading a PDF back with qpdf and poppler ---------------------------------------------------
def run(*args: str | Path) -> bytes:
    proc = subprocess.run([str(a) for a in args], capture_output=True, timeout=120, check=False)
    assert proc.returncode in (0, 3), proc.stderr.decode(errors="replace")  # qpdf: 3 = warnings
    return proc.stdout


def qpdf_annotations(path: Path) -> list[list[dict[str, Any]]]:
    """Each page's /Annots, resolved, as qpdf's JSON (v2) shows them (strings as 'u:…')."""
    data = json.loads(run("qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path))
    objects = data["qpdf"][1]

    def resolve(value: Any) -> Any:
        while isinstance(value, str) and value.endswith(" R"):
            entry = objects[f"obj:{value}"]
            value = entry["value"] if "value" in entry else entry["stream"]["dict"]
        return value

    pages = []
    for page in data["pages"]:
        annots = resolve(resolve(page["object"]).get("/Annots", []))
        pages.append([dict(resolve(a), _ref=a) for a in annots])
    return pages


def raw_object(path: Path, ref: str) -> str:
    """The object as written in the file (qpdf prints non-ASCII strings in hex)."""
    return run("qpdf", f"--show-object={ref.split()[0]}", path).decode("latin-1")


class Pixels:
    """A page rendered by poppler at 2 pixels per point (pdftoppm's PPM output)."""

    SCALE = 2.0

    def __init__(self, path: Path, page: int) -> None:
        data = run("pdftoppm", "-r", "144", "-f", str(page + 1), "-l", str(page + 1), path)
        fields = data.split(maxsplit=4)
        assert fields[0] == b"P6" and fields[3] == b"255"
        self.width, self.height = int(fields[1]), int(fields[2])
        self.rgb = fields[4]
        assert len(self.rgb) == 3 * self.width * self.height

    def at(self, x: float, y: float) -> tuple[int, int, int]:
        i = 3 * (int(y * self.SCALE) * self.width + int(x * self.SCALE))
        return self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]

    def region(self, x0: float, y0: float, x1: float, y1: float) -> list[tuple[int, int, int]]:
        s = self.SCALE
        return [self.at(x / s, y / s) for y in range(int(y0 * s), int(y1 * s)) for x in range(int(x0 * s), int(x1 * s))]


def text_of(path: Path, *extra: str) -> str:
    return run("pdftotext", *extra, path, "-").decode("utf-8")


# --- the document and the member's annotations -------------------------------------------------
@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_demo_documents(tmp_path_factory.mktemp("demo")).report.read_bytes()


def words_of(pdf: bytes) -> list[list[Word]]:
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return [[Word(*w[:5], w[5], w[6]) for w in doc[n].get_text("words")] for n in range(doc.page_count)]


def record(doc_hash: str, uuid: str, kind: AnnotationKind, page: int, color: str | None, payload: dict[str, Any],
           deleted: bool = False) -> Annotation:
    return Annotation(uuid, "author-key", "phien-12", doc_hash, page, kind, color, payload, CREATED, CHANGED, deleted)


def markup(doc: DocText, doc_hash: str, uuid: str, kind: AnnotationKind, first: tuple[int, int],
           last: tuple[int, int], color: str | None, comment: str = "") -> Annotation:
    anchor = text_anchor(doc, doc_hash, first, last)
    assert anchor.quote is not None
    payload: dict[str, Any] = {"anchor": anchor.to_dict(), "quote": anchor.quote.exact}
    if comment:
        payload["comment"] = comment
    return record(doc_hash, uuid, kind, anchor.page, color, payload)


def index_of(words: list[Word], text: str) -> int:
    return next(i for i, w in enumerate(words) if w.text == text)


@pytest.fixture(scope="module")
def marked(report: bytes) -> list[Annotation]:
    h = hashlib.sha256(report).hexdigest()
    pages = words_of(report)
    doc = DocText(pages)
    footer = index_of(pages[0], "Mã")  # page 1 ends with a paragraph running on to page 2
    ink = [[[100.0, 620.0], [160.0, 680.0], [220.0, 640.0], [300.0, 700.0]], [[110.0, 720.0], [290.0, 720.0]]]
    return [
        markup(doc, h, "a1-highlight", AnnotationKind.HIGHLIGHT, (0, 40), (0, 70), "#ffd40080", COMMENT),
        markup(doc, h, "a2-underline-break", AnnotationKind.UNDERLINE, (0, footer - 8), (1, 6), "#0b61d8"),
        markup(doc, h, "a3-strikeout", AnnotationKind.STRIKEOUT, (1, 30), (1, 36), None),
        record(h, "a4-ink", AnnotationKind.INK, 0, "#ff0000",
               {"anchor": geometry_anchor(doc, h, 0, [(100, 620, 300, 720)]).to_dict(), "strokes": ink, "width": 3.5}),
        record(h, "a5-note", AnnotationKind.NOTE, 1, "#ffd400",
               {"anchor": geometry_anchor(doc, h, 1, [(500, 100, 516, 116)]).to_dict(), "point": [500, 100],
                "text": NOTE}),
        record(h, "a6-textbox", AnnotationKind.TEXTBOX, 2, "#003399cc",
               {"anchor": geometry_anchor(doc, h, 2, [(300, 700, 540, 740)]).to_dict(), "rect": [300, 700, 540, 740],
                "text": BOX, "font_size": 11}),
        replace(markup(doc, h, "a7-deleted", AnnotationKind.HIGHLIGHT, (2, 10), (2, 20), "#00ff00"), deleted=True),
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, report: bytes, marked: list[Annotation]) -> Path:
    out = tmp_path_factory.mktemp("export") / "annotated.pdf"
    out.write_bytes(export_annotated_pdf(report, marked, watermark=WATERMARK, author_name=AUTHOR))
    return out


def by_name(pages: list[list[dict[str, Any]]]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for number, annots in enumerate(pages):
        for a in annots:
            if a.get("/Subtype") != "/Popup":
                found.setdefault(a["/NM"], []).append((number, a))
    return found


# --- the annotation objects ---------------------------------------------------------------------
def test_every_kind_is_a_standard_annotation_on_its_page(exported: Path) -> None:
    found = by_name(qpdf_annotations(exported))
    assert {k: [(p, a["/Subtype"]) for p, a in v] for k, v in found.items()} == {
        "u:a1-highlight": [(0, "/Highlight")],
        "u:a2-underline-break": [(0, "/Underline"), (1, "/Underline")],  # across the page break: one per page
        "u:a3-strikeout": [(1, "/StrikeOut")],
        "u:a4-ink": [(0, "/Ink")],
        "u:a5-note": [(1, "/Text")],
        "u:a6-textbox": [(2, "/FreeText")],
    }  # the deleted highlight is not there
    for annots in found.values():
        for _, a in annots:
            assert a["/T"] == f"u:{AUTHOR}"
            assert a["/CreationDate"] == "u:D:20251205020000+00'00'"
            assert a["/M"] == "u:D:20251205030203+00'00'"


def test_the_copy_is_a_valid_pdf_with_the_documents_outline(exported: Path, report: bytes, tmp_path: Path) -> None:
    check = subprocess.run(["qpdf", "--check", str(exported)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr  # 3 would mean warnings
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(report)

    def outline(path: Path) -> tuple[int, list[str]]:
        data = json.loads(run("qpdf", "--json", "--json-key=pages", "--json-key=outlines", path))
        return len(data["pages"]), [o["title"] for o in data["outlines"]]

    assert outline(exported) == outline(plain)
    assert outline(plain)[1]  # the demo report has an outline to keep


def test_quadpoints_follow_the_line_rectangles(exported: Path, marked: list[Annotation]) -> None:
    found = by_name(qpdf_annotations(exported))
    height = 841.89  # the demo's A4 MediaBox [0 0 595.276 841.89]: PDF y = height - y
    for a in marked[:3]:
        rects = a.payload["anchor"]["rects"]
        for page, annot in found[f"u:{a.uuid}"]:
            expected = sorted((round(x0, 2), round(x1, 2), round(height - y1, 2), round(height - y0, 2))
                              for p, x0, y0, x1, y1 in rects if p == page)
            q = annot["/QuadPoints"]
            got = sorted((round(min(q[i:i + 8:2]), 2), round(max(q[i:i + 8:2]), 2),
                          round(min(q[i + 1:i + 8:2]), 2), round(max(q[i + 1:i + 8:2]), 2)) for i in range(0, len(q), 8))
            assert got == expected
            assert len(q) == 8 * len(expected) > 0
    pages = {p for p, *_ in marked[1].payload["anchor"]["rects"]}
    assert pages == {0, 1}


def test_contents_colours_and_opacity(exported: Path) -> None:
    found = by_name(qpdf_annotations(exported))
    (_, hl), = found["u:a1-highlight"]
    assert hl["/Contents"] == f"u:{COMMENT}"
    assert hl["/C"] == [1, pytest.approx(0xd4 / 255, abs=1e-4), 0]
    assert hl["/CA"] == pytest.approx(0x80 / 255, abs=1e-4)  # from "#ffd40080"
    (_, ink), = found["u:a4-ink"]
    assert ink["/C"] == [1, 0, 0] and "/CA" not in ink
    assert ink["/BS"]["/W"] == 3.5
    assert [len(s) for s in ink["/InkList"]] == [8, 4]  # x, y of 4 and 2 points
    assert ink["/InkList"][0][:2] == [100, pytest.approx(841.89 - 620, abs=1e-3)]
    (_, note), = found["u:a5-note"]
    assert note["/Contents"] == f"u:{NOTE}" and note["/Name"] == "/Note"
    assert "/Popup" in note
    (_, box), = found["u:a6-textbox"]
    assert box["/Contents"] == f"u:{BOX}"
    assert box["/CA"] == pytest.approx(0xcc / 255, abs=1e-4)
    assert "/CL" not in box  # no stray callout line
    strikeout = found["u:a3-strikeout"][0][1]
    assert strikeout["/C"] == [pytest.approx(0xd2 / 255, abs=1e-4), pytest.approx(0x1f / 255, abs=1e-4),
                               pytest.approx(0x1f / 255, abs=1e-4)]  # no colour: the default for the kind


def test_vietnamese_strings_are_utf16_with_bom(exported: Path) -> None:
    pages = qpdf_annotations(exported)
    highlight = next(a for a in pages[0] if a.get("/NM") == "u:a1-highlight")
    raw = raw_object(exported, highlight["_ref"])
    assert "/contents <feff" in raw.lower() and "/t <feff" in raw.lower()
    assert ("<feff" + COMMENT.encode("utf-16-be").hex()) in raw.lower()
    assert "/NM (a1-highlight)" in raw


# --- what poppler draws -------------------------------------------------------------------------
def test_poppler_draws_the_annotations(exported: Path, report: bytes, marked: list[Annotation], tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(report)
    before, after = Pixels(plain, 0), Pixels(exported, 0)
    # the highlighted lines are tinted yellow where the page was white
    page, x0, y0, x1, y1 = marked[0].payload["anchor"]["rects"][0]
    was_white = [i for i, px in enumerate(before.region(x0, y0, x1, y1)) if min(px) > 245]
    tinted = after.region(x0, y0, x1, y1)
    assert len(was_white) > 100
    yellow = [i for i in was_white if tinted[i][0] > 200 and tinted[i][2] < 190]
    assert len(yellow) > 0.9 * len(was_white)
    # the ink stroke is drawn in red along its first segment
    reddish = [px for t in (0.25, 0.5, 0.75) for px in after.region(100 + 60 * t - 2, 620 + 60 * t - 2,
                                                                     100 + 60 * t + 2, 620 + 60 * t + 2)
               if px[0] > 180 and px[1] < 90 and px[2] < 90]
    assert len(reddish) > 10
    # the sticky note icon is drawn at its point on page 2
    icon = Pixels(exported, 1).region(502, 102, 514, 114)
    assert sum(1 for r, g, b in icon if r > 200 and g > 150 and b < 120) > 20


def test_watermark_present_only_when_asked(exported: Path, report: bytes, marked: list[Annotation],
                                            tmp_path: Path) -> None:
    packed = "".join(WATERMARK.split())
    for page in range(3):  # diagonal text comes out one glyph per line; the middle copy is whole
        assert packed in "".join(text_of(exported, "-raw", "-f", str(page + 1), "-l", str(page + 1)).split())
    bare = tmp_path / "bare.pdf"
    bare.write_bytes(export_annotated_pdf(report, marked, watermark=None, author_name=AUTHOR))
    assert "Nguyễn Văn An" not in text_of(bare)
    assert "Phiên họp thường kỳ tháng 12" not in text_of(bare, "-raw")
    assert len(by_name(qpdf_annotations(bare))) == 6


def test_skipped_records_are_reported(report: bytes, marked: list[Annotation]) -> None:
    # content that does not validate reaches an export only as JSON (the export child's arguments, a sync)
    broken = annotation_from_json({**annotation_to_json(marked[3]), "uuid": "bad-ink",
                                   "payload": {"strokes": "not a list"}})
    elsewhere = replace(marked[0], uuid="other-version", doc_hash="0" * 64)
    outside = replace(marked[4], uuid="no-page", page=99)
    result = build_annotated_pdf(report, [*marked, broken, elsewhere, outside], watermark=None, author_name=AUTHOR)
    assert result.exported == 6
    assert result.skipped == ("bad-ink", "other-version", "no-page")


def test_broken_pdf_is_a_document_error() -> None:
    from paperless.core.bundle.errors import DocumentError

    with pytest.raises(DocumentError):
        export_annotated_pdf(b"%PDF-1.7\nnot really", [], watermark=None, author_name=AUTHOR)
    with pymupdf.open() as doc:
        doc.new_page()
        locked = doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="mở", owner_pw="chủ")
    with pytest.raises(DocumentError, match="password"):
        export_annotated_pdf(locked, [], watermark=None, author_name=AUTHOR)


# --- a blank test page: the text box's glyphs and the watermark's direction ---------------------
@pytest.fixture
def blank_pdf() -> Iterator[bytes]:
    with pymupdf.open() as doc:
        for rotation in (0, 90, 270):
            page = doc.new_page(width=595, height=842)
            page.set_rotation(rotation)
        yield doc.tobytes()


def test_text_box_renders_with_vietnamese_glyphs(blank_pdf: bytes, tmp_path: Path) -> None:
    """The appearance must match the same text set in Noto Sans (and not Helvetica with stand-ins)."""
    from paperless.core.export.forms import PADDING
    from paperless.resources import resource_path

    h = hashlib.sha256(blank_pdf).hexdigest()
    rect, size = (100.0, 200.0, 400.0, 240.0), 14.0
    box = record(h, "tb", AnnotationKind.TEXTBOX, 0, "#000000", {"rect": list(rect), "text": COMMENT, "font_size": size})
    out = tmp_path / "box.pdf"
    out.write_bytes(export_annotated_pdf(blank_pdf, [box], watermark=None, author_name=AUTHOR))
    assert COMMENT in text_of(out, "-f", "1", "-l", "1")
    assert "Noto Sans" in run("pdffonts", out).decode()

    def reference(fontname: str, fontfile: str | None) -> Path:
        path = tmp_path / f"{fontname}.pdf"
        with pymupdf.open() as doc:
            page = doc.new_page(width=595, height=842)
            font = pymupdf.Font(fontfile=fontfile) if fontfile else pymupdf.Font(fontname)
            page.insert_text((rect[0] + PADDING, rect[1] + PADDING + font.ascender * size), COMMENT, fontsize=size,
                             fontname=fontname, fontfile=fontfile)
            doc.save(path)
        return path

    def dark(pixels: Pixels) -> set[tuple[int, int]]:
        s = pixels.SCALE
        return {(x, y) for y in range(int(rect[1] * s), int(rect[3] * s)) for x in range(int(rect[0] * s), int(rect[2] * s))
                if sum(pixels.at(x / s, y / s)) < 300}

    got = dark(Pixels(out, 0))
    noto = dark(Pixels(reference("noto", str(resource_path("fonts", "NotoSans-Regular.ttf"))), 0))
    helv = dark(Pixels(reference("helv", None), 0))
    assert len(got) > 200
    assert len(got ^ noto) < 0.1 * len(noto)  # the same glyphs in the same places
    assert len(helv ^ noto) > 0.3 * len(noto)  # ... which the check can tell from another font


@pytest.mark.parametrize("page", [0, 1, 2])  # rotation 0, 90, 270
def test_watermark_and_text_box_upright_as_displayed(blank_pdf: bytes, tmp_path: Path, page: int) -> None:
    h = hashlib.sha256(blank_pdf).hexdigest()
    box = record(h, "tb", AnnotationKind.TEXTBOX, page, None,
                 {"rect": [220, 400, 380, 440], "text": "Thảo luận kỹ", "font_size": 14})
    out = tmp_path / "rot.pdf"
    out.write_bytes(export_annotated_pdf(blank_pdf, [box], watermark=WATERMARK, author_name=AUTHOR))
    # poppler lays words out as displayed: horizontal words are wider than tall
    bbox = text_of(out, "-bbox", "-f", str(page + 1), "-l", str(page + 1))
    line = next(x for x in bbox.splitlines() if ">luận<" in x)
    values = dict(item.split("=") for item in line.strip().split(">")[0].split()[1:])
    x0, y0, x1, y1 = (float(values[k].strip('"')) for k in ("xMin", "yMin", "xMax", "yMax"))
    assert x1 - x0 > 1.2 * (y1 - y0)
    # the watermark rises from the lower left to the upper right corner of the page as shown
    pixels = Pixels(out, page)
    w, ht = pixels.width / pixels.SCALE, pixels.height / pixels.SCALE

    def inked(fx: float, fy: float) -> int:
        x, y = fx * w, fy * ht
        return sum(1 for px in pixels.region(x - 20, y - 20, x + 20, y + 20) if min(px) < 250)

    rising = inked(0.35, 0.65) + inked(0.65, 0.35)
    falling = inked(0.15, 0.15) + inked(0.85, 0.85)
    assert rising > 50 and falling == 0


def test_text_box_lines_wrap_within_the_box_and_the_box_grows() -> None:
    from paperless.core.export.forms import LINE_HEIGHT, PADDING, Scratch, wrap

    scratch = Scratch()
    try:
        font = scratch.font("NotoSans-Regular.ttf")
        lines = wrap("Thảo luận, bổ sung ý kiến\nchuyểnđổisốtoàndiệnkhôngcókhoảngtrắng", font, 12, 80)
        assert lines[0] == "Thảo luận, bổ"
        assert "".join(lines[-3:]).endswith("khoảngtrắng") and len(lines) >= 5
        assert all(font.text_length(line, fontsize=12) <= 80 for line in lines)
        _, height = scratch.text_box(80 + 2 * PADDING, 10, "Thảo luận, bổ sung ý kiến", 12, (0, 0, 0), 1.0)
        two_lines = 2 * PADDING + (font.ascender - font.descender + LINE_HEIGHT) * 12
        assert height == pytest.approx(two_lines)  # "Thảo luận, bổ" / "sung ý kiến": the box grew downwards
    finally:
        scratch.close()
