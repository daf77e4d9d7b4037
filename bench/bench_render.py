#!/usr/bin/env python3
"""Render and viewer benchmarks, each figure beside its reference measured in the same run.

1. A text page (kehoach_cds.pdf page 2) at 1920 px wide, request to pixels through the
   RenderWorker, against ``mutool draw -c rgb -w 1920`` on the same page: *cold* (first
   render in a fresh process; ours from ``render()`` to the callback, mutool its own per-page
   ``-s t`` time) and *warm* (the page rendered before; ours re-rasterises the cached
   display list, mutool re-runs the page with its caches warm). Medians. Goal: ratio <= 1.2.
2. A 300-dpi scanned A4 page (image only, JPEG, colour and grey) shown at 150 dpi: cold,
   warm (decoded image still in MuPDF's store) and prefetched (in our image cache), against
   ``mutool draw -r 150``. Goal < 60 ms.
3. A cached page to the screen in DocumentView (offscreen): from go_to_page() to the end of
   the paint that shows it. Goal <= 16 ms.
4. Scrolling a 1,000-page document end to end in DocumentView (offscreen, 1280x860, fit
   width): the longest GUI event-loop stall, from a 1 ms QTimer's gaps. Goal < 50 ms.
5. Resident memory during that scroll: the app's VmRSS and VmHWM, and the app plus its
   render process as PSS (shared pixel memory counted once). Goal < 400 MB.
6. Scrolling a 60-page *scanned* document (300-dpi JPEG pages) end to end: the longest
   event-loop stall with the documents in the render process (the app's set-up) against
   the same scroll with PyMuPDF in the worker thread (it holds the GIL while it decodes).

Sections 1-5 use the app's set-up: a RenderWorker whose documents live in a RenderProcess
(``--backend thread`` measures PyMuPDF in the worker thread instead).

    .venv/bin/python bench/bench_render.py [--reps 7] [--pages 1000] [--step 400] [--backend process|thread]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pymupdf

from paperless.core.render import PdfDocument, Priority, RenderKey, RenderProcess, RenderWorker
from paperless.demo.factory import write_demo_documents

MUTOOL = "/usr/bin/mutool"
BACKEND = ["process"]  # set from --backend


def new_worker() -> RenderWorker:
    if BACKEND[0] == "process":
        return RenderWorker(document_factory=RenderProcess())
    return RenderWorker(document_factory=PdfDocument)


TEXT_PAGE = 1  # 0-based: page 2 of the plan, body text

COLD_SCRIPT = r"""
import sys, threading, time
from pathlib import Path
from paperless.core.render import PdfDocument, Priority, RenderKey, RenderProcess, RenderWorker
if __name__ == "__main__":
  path, page, scale, backend = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
  data = Path(path).read_bytes()
  worker = RenderWorker(document_factory=RenderProcess() if backend == "process" else PdfDocument)
  opened = threading.Event()
  worker.open("d", data, lambda *a: opened.set())
  opened.wait()
  done = threading.Event()
  box = []
  start = time.perf_counter()
  worker.render(RenderKey("d", page, scale, False), Priority.VISIBLE, 0, lambda r: (box.append(r), done.set()))
  done.wait()
  elapsed = time.perf_counter() - start
  assert box[0].image is not None, box[0].error
  print(f"{elapsed * 1000:.3f}")
  worker.shutdown()
"""


def median(values: list[float]) -> float:
    return statistics.median(values)


def mutool_page_ms(pdf: Path, page: int, args: list[str], repeat: int) -> tuple[list[float], float]:
    """Per-page times (ms, from ``-s t``) of the same page drawn ``repeat`` times in one
    process, and the wall-clock seconds of the whole process."""
    pages = ",".join([str(page + 1)] * repeat)
    start = time.perf_counter()
    out = subprocess.run([MUTOOL, "draw", "-q", "-s", "t", "-c", "rgb", *args, "-F", "pnm", "-o", "/dev/null",
                          str(pdf), pages], capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    times = [float(m) for m in re.findall(r"^page \S+ \d+ (\d+)ms", out.stdout + out.stderr, re.M)]
    return times, wall


def ours_cold_ms(pdf: Path, page: int, scale: float) -> float:
    out = subprocess.run([sys.executable, "-c", COLD_SCRIPT, str(pdf), str(page), str(scale), BACKEND[0]],
                         capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def ours_warm_ms(pdf: Path, page: int, scale: float, reps: int, prefetched: bool = False) -> list[float]:
    """Re-render a page that was rendered before (our image cache emptied each time, or
    kept when ``prefetched``)."""
    worker = new_worker()
    opened = threading.Event()
    worker.open("d", pdf.read_bytes(), lambda *a: opened.set())
    opened.wait()
    key = RenderKey("d", page, scale, False)
    times: list[float] = []
    for i in range(reps + 1):
        if not prefetched:
            worker.cache.clear()
        done = threading.Event()
        start = time.perf_counter()
        worker.render(key, Priority.VISIBLE, 0, lambda r, done=done: done.set())
        done.wait()
        if i:
            times.append((time.perf_counter() - start) * 1000)
    worker.shutdown()
    return times


def scanned_pdf(source: Path, out: Path, grey: bool) -> Path:
    """An A4 page holding one 300-dpi JPEG (2481 x 3508 px) and nothing else."""
    with pymupdf.open(source) as doc:
        pix = doc[TEXT_PAGE].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY if grey else pymupdf.csRGB)
    scan = pymupdf.open()
    page = scan.new_page(width=595.276, height=841.89)
    page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    scan.save(out)
    scan.close()
    return out


def long_pdf(source: Path, out: Path, pages: int) -> Path:
    src = pymupdf.open(source)
    doc = pymupdf.open()
    while doc.page_count < pages:
        doc.insert_pdf(src, to_page=min(src.page_count, pages - doc.page_count) - 1)
    doc.save(out, garbage=1)
    return out


def row(name: str, ours: float, ref: float | None, unit: str, goal: str) -> None:
    ratio = f"{ours / ref:5.2f}x" if ref else "   -  "
    ref_text = f"{ref:9.1f}" if ref is not None else "        -"
    print(f"  {name:<46} {ours:9.1f} {ref_text} {unit:<3} {ratio}   {goal}")


def header(title: str) -> None:
    print(f"\n{title}\n  {'':<46} {'ours':>9} {'reference':>9}     ratio   goal")


def bench_text(plan: Path, reps: int) -> None:
    with pymupdf.open(plan) as doc:
        width = doc[TEXT_PAGE].rect.width
    scale = 1920 / width
    cold = [ours_cold_ms(plan, TEXT_PAGE, scale) for _ in range(reps)]
    warm = ours_warm_ms(plan, TEXT_PAGE, scale, reps)
    m_cold, m_warm, m_wall = [], [], []
    for _ in range(reps):
        times, wall = mutool_page_ms(plan, TEXT_PAGE, ["-w", "1920"], 4)
        m_cold.append(times[0])
        m_warm.extend(times[1:])
        m_wall.append(wall * 1000)
    header(f"1. Text page at 1920 px ({plan.name} page {TEXT_PAGE + 1}, scale {scale:.3f}), medians of {reps}")
    row("cold: first render in a fresh process", median(cold), median(m_cold), "ms", "ratio <= 1.2")
    row("warm: re-render (display list / caches warm)", median(warm), median(m_warm), "ms", "ratio <= 1.2")
    print(f"  (mutool whole process, start-up and open included: {median(m_wall):.1f} ms)")


def bench_scan(plan: Path, tmp: Path, reps: int) -> None:
    header(f"2. 300-dpi scanned A4 page shown at 150 dpi (scale {150 / 72:.4f}), medians of {reps}")
    for grey in (False, True):
        pdf = scanned_pdf(plan, tmp / f"scan300_{'grey' if grey else 'rgb'}.pdf", grey)
        kind = "grey" if grey else "colour"
        cold = [ours_cold_ms(pdf, 0, 150 / 72) for _ in range(reps)]
        warm = ours_warm_ms(pdf, 0, 150 / 72, reps)
        cached = ours_warm_ms(pdf, 0, 150 / 72, reps, prefetched=True)
        m_cold, m_warm = [], []
        for _ in range(reps):
            times, _ = mutool_page_ms(pdf, 0, ["-r", "150"], 3)
            m_cold.append(times[0])
            m_warm.extend(times[1:])
        row(f"{kind} JPEG, cold (decode + scale)", median(cold), median(m_cold), "ms", "< 60 ms")
        row(f"{kind} JPEG, warm (image decoded in MuPDF store)", median(warm), median(m_warm), "ms", "< 60 ms")
        row(f"{kind} JPEG, prefetched (in our image cache)", median(cached), None, "ms", "< 60 ms")


def status_kb(field: str, pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def pss_kb(pid: int | str) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def scanned_long_pdf(source: Path, out: Path, pages: int) -> Path:
    """``pages`` pages, each one 300-dpi JPEG of a different page of ``source``."""
    doc = pymupdf.open()
    with pymupdf.open(source) as src:
        for i in range(pages):
            pix = src[i % src.page_count].get_pixmap(dpi=300)
            page = doc.new_page(width=595.276, height=841.89)
            page.insert_image(page.rect, stream=pix.tobytes("jpeg", jpg_quality=80))
    doc.save(out)
    doc.close()
    return out


class Viewer:
    """A DocumentView offscreen, pumped by hand."""

    def __init__(self, backend: str) -> None:
        from PySide6.QtWidgets import QApplication

        from paperless.gui.tasks import Tasks
        from paperless.gui.viewer import DocumentView

        self.app = QApplication.instance() or QApplication([])
        self.backend = RenderProcess() if backend == "process" else None
        self.worker = RenderWorker(document_factory=self.backend or PdfDocument)
        self.view = DocumentView(self.worker, Tasks())
        self.view.resize(1280, 860)
        self.view.show()

    def pump_until(self, cond, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
        end = time.perf_counter() + timeout
        while not cond() and time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.001)

    def settled(self) -> bool:
        canvas = self.view.canvas
        top = canvas.content_top()
        pages = canvas.pages.visible(top, top + canvas.viewport_size()[1])
        scale = canvas.pages.scale
        return bool(pages) and all(p in canvas.images and canvas.images[p].scale == scale for p in pages)

    def open(self, name: str, data: bytes) -> None:
        self.view.set_document(name, data, title=name, watermark="Nguyễn Văn An — BTV phiên 12", allow_copy=True)
        self.pump_until(self.settled)

    def scroll(self, step: int, sample: Callable[[], None] = lambda: None) -> tuple[list[float], float, int]:
        """Scroll to the end, ``step`` px every 16 ms: (event-loop gaps in ms, seconds, frames)."""
        from PySide6.QtCore import QTimer

        bar = self.view.canvas.verticalScrollBar()
        gaps: list[float] = []
        last = [time.perf_counter()]
        frames = [0]
        self.view.canvas.painted.connect(lambda: frames.__setitem__(0, frames[0] + 1))

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        def scroll() -> None:
            bar.setValue(bar.value() + step)
            if len(gaps) % 100 == 0:
                sample()

        probe, driver = QTimer(), QTimer()
        probe.setInterval(1)
        probe.timeout.connect(tick)
        driver.setInterval(16)
        driver.timeout.connect(scroll)
        start = time.perf_counter()
        probe.start()
        driver.start()
        self.pump_until(lambda: bar.value() >= bar.maximum(), 600)
        driver.stop()
        self.pump_until(self.settled)
        probe.stop()
        self.view.canvas.painted.disconnect()
        return sorted(g * 1000 for g in gaps), time.perf_counter() - start, frames[0]

    def close(self) -> None:
        self.view.clear()
        self.worker.shutdown()


def bench_gui(plan: Path, long_doc: Path, step: int) -> None:
    viewer = Viewer(BACKEND[0])
    view = viewer.view
    render_pid = viewer.backend.pid if viewer.backend is not None else None
    print(f"\n(viewer process: VmRSS {status_kb('VmRSS') / 1024:.0f} MB with Qt loaded; documents in "
          f"{'a render process' if render_pid else 'the worker thread'})")

    # 3. cached page to screen
    viewer.open("plan", plan.read_bytes())
    times = []
    for _ in range(15):
        for page in (3, 0):
            view.go_to_page(page)
            viewer.pump_until(viewer.settled)
        painted: list[float] = []
        view.canvas.painted.connect(lambda painted=painted: painted.append(time.perf_counter()))
        start = time.perf_counter()
        view.go_to_page(3)
        viewer.pump_until(lambda painted=painted: bool(painted), 5)
        view.canvas.painted.disconnect()
        assert 3 in view.canvas.images
        times.append((painted[0] - start) * 1000)
    header("3. Cached page to screen (DocumentView offscreen, 1280x860, watermark on), 15 runs")
    row("go_to_page() to end of paint, median", median(times), None, "ms", "<= 16 ms")
    row("go_to_page() to end of paint, worst", max(times), None, "ms", "<= 16 ms")

    # 4 + 5. scroll a long document end to end
    viewer.open("long", long_doc.read_bytes())
    rss: list[int] = []
    pss: list[int] = []

    def sample() -> None:
        rss.append(status_kb("VmRSS"))
        if render_pid:
            pss.append(pss_kb("self") + pss_kb(render_pid))

    gaps_ms, elapsed, frames = viewer.scroll(step, sample)
    sample()
    header(f"4. Scrolling {view.page_count()} pages end to end ({step} px every 16 ms, {elapsed:.1f} s, "
           f"{frames} frames painted)")
    row("longest event-loop stall", gaps_ms[-1], None, "ms", "< 50 ms")
    row("99.9th percentile gap", gaps_ms[int(len(gaps_ms) * 0.999)], None, "ms", "")
    print(f"  gaps > 50 ms: {sum(g > 50 for g in gaps_ms)}; > 20 ms: {sum(g > 20 for g in gaps_ms)}; "
          f"samples: {len(gaps_ms)}")
    header("5. Memory while scrolling the long document (a process running only sections 3-6)")
    row("app VmRSS, highest sample", max(rss) / 1024, None, "MB", "< 400 MB")
    row("app VmHWM (peak of that process)", status_kb("VmHWM") / 1024, None, "MB", "< 400 MB")
    if render_pid:
        row("app + render process, PSS, highest sample", max(pss) / 1024, None, "MB", "< 400 MB")
        row("render process VmHWM", status_kb("VmHWM", render_pid) / 1024, None, "MB", "")
    cache = viewer.worker.cache
    print(f"  image cache: {cache.size_bytes / 2**20:.0f} MiB of {cache.budget_bytes / 2**20:.0f} MiB")
    viewer.close()


def bench_scan_scroll(scans: Path, step: int) -> None:
    """6. The longest stall scrolling a scanned document, render process against worker thread."""
    worst: dict[str, list[float]] = {}
    for backend in ("process", "thread"):
        viewer = Viewer(backend)
        viewer.open("scans", scans.read_bytes())
        gaps_ms, elapsed, frames = viewer.scroll(step)
        worst[backend] = gaps_ms
        viewer.close()
    header(f"6. Scrolling a {scans.stem.split('_')[-1]}-page scanned document (300-dpi JPEG pages), {step} px / 16 ms")
    proc, thread = worst["process"], worst["thread"]
    row("longest stall: render process vs worker thread", proc[-1], thread[-1], "ms", "< 50 ms")
    print(f"  gaps > 50 ms: {sum(g > 50 for g in proc)} (render process) vs {sum(g > 50 for g in thread)} "
          "(worker thread)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--step", type=int, default=400, help="pixels scrolled every 16 ms")
    parser.add_argument("--skip-gui", action="store_true")
    parser.add_argument("--backend", choices=("process", "thread"), default="process")
    parser.add_argument("--scan-pages", type=int, default=60)
    parser.add_argument("--gui-only", nargs=3, metavar=("PLAN", "LONG", "SCANS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    BACKEND[0] = args.backend
    if args.gui_only:
        bench_gui(Path(args.gui_only[0]), Path(args.gui_only[1]), args.step)
        bench_scan_scroll(Path(args.gui_only[2]), args.step)
        return
    with tempfile.TemporaryDirectory(prefix="bench-render-") as name:
        tmp = Path(name)
        docs = write_demo_documents(tmp / "demo")
        mutool = subprocess.run([MUTOOL, "-v"], capture_output=True, text=True).stderr.strip()
        print(f"PyMuPDF {pymupdf.VersionBind}; {mutool}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
              f"documents in the {'render process' if args.backend == 'process' else 'worker thread'}")
        bench_text(docs.plan, args.reps)
        bench_scan(docs.plan, tmp, args.reps)
        if not args.skip_gui:  # a fresh process, so that memory is the viewer's alone
            sys.stdout.flush()
            long_doc = long_pdf(docs.long_plan, tmp / "long.pdf", args.pages)
            scans = scanned_long_pdf(docs.long_plan, tmp / f"scans_{args.scan_pages}.pdf", args.scan_pages)
            subprocess.run([sys.executable, __file__, "--gui-only", str(docs.plan), str(long_doc), str(scans),
                            "--step", str(args.step), "--backend", args.backend], check=True)


if __name__ == "__main__":
    main()
