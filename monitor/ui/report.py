"""The progress report as a PDF, made with Qt's own PDF writer."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from monitor.core.exercises import catalogue
from monitor.ui import style
from recordings.export import private_file
from recordings.progress import progress
from recordings.store import Store


def write_report(store: Store, patient: str, path: str | Path, lang: str = "en") -> Path:
    """Progress over measurement moments for every exercise the patient did.

    The PDF is made in memory and then written, so a full disk or a folder that cannot be
    written raises OSError (Qt's writer would leave a silent, broken file).
    """
    path = Path(path)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _paint_report(store, patient, QPdfWriter(buffer), lang)
    buffer.close()
    try:
        private_file(path)                 # a patient's report: readable by the user only
        path.write_bytes(bytes(data))
    except OSError:
        if path.is_file():
            path.unlink(missing_ok=True)    # no half-written report left behind
        raise
    return path


def _paint_report(store: Store, patient: str, writer: QPdfWriter, lang: str) -> None:
    sessions = store.sessions(patient)
    exercises = sorted({e for s in sessions if s.exercise for e in s.exercise.split(",")})
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15)))
    writer.setResolution(150)
    writer.setTitle(f"Progress report {patient}")
    p = QPainter(writer)
    if not p.isActive():
        raise OSError("the PDF writer could not start")
    page = QRectF(0, 0, writer.width(), writer.height())
    y = 0.0

    def text(s: str, size: int, bold: bool = False, height: float = 40) -> None:
        nonlocal y
        p.setFont(style.font(size, bold))
        p.setPen(QPen(style.INK))
        p.drawText(QRectF(0, y, page.width(), height), Qt.AlignmentFlag.AlignLeft, s)
        y += height

    nl = lang == "nl"
    text(("Voortgangsrapport" if nl else "Progress report") + f" — {patient}", 20, True, 60)
    text(time.strftime("%Y-%m-%d"), 11)
    text((f"{len(sessions)} sessies" if nl else f"{len(sessions)} sessions"), 11, height=50)
    for ex_id in exercises:
        rows = progress(store, patient, ex_id)
        if not rows:
            continue
        if y > page.height() - 700:
            writer.newPage()
            y = 0.0
        text(catalogue()[ex_id].display_name(lang), 15, True, 50)
        headers = (["moment", "datum", "herh.", "beste ROM", "gem. ROM", "omhoog s",
                    "omlaag s", "verschil"] if nl else
                   ["moment", "date", "reps", "best ROM", "mean ROM", "up s", "down s",
                    "change"])
        widths = [0.16, 0.16, 0.08, 0.12, 0.12, 0.11, 0.11, 0.14]
        xs = [sum(widths[:i]) * page.width() for i in range(len(widths))]
        p.setFont(style.font(9, True))
        for x, h in zip(xs, headers, strict=True):
            p.drawText(QRectF(x, y, 300, 30), Qt.AlignmentFlag.AlignLeft, h)
        y += 32
        p.setFont(style.font(9))
        for r in rows:
            cells = [r.label or str(r.session),
                     time.strftime("%Y-%m-%d", time.localtime(r.started_at)), str(r.reps),
                     "-" if r.best_rom_deg is None else f"{r.best_rom_deg:.0f}°",
                     "-" if r.mean_rom_deg is None else f"{r.mean_rom_deg:.0f}°",
                     "-" if r.mean_concentric_s is None else f"{r.mean_concentric_s:.1f}",
                     "-" if r.mean_eccentric_s is None else f"{r.mean_eccentric_s:.1f}",
                     "-" if r.change_best_rom_deg is None else
                     ("±0°" if round(r.change_best_rom_deg) == 0
                      else f"{round(r.change_best_rom_deg):+d}°")]
            if r.test_results:
                cells[2] = ", ".join(_test_text(t) for t in r.test_results)
            for x, c in zip(xs, cells, strict=True):
                p.drawText(QRectF(x, y, 300, 30), Qt.AlignmentFlag.AlignLeft, c)
            y += 30
        y += 10
        y = _chart(p, QRectF(0, y, page.width(), 380), rows, nl) + 40
    p.end()


def _test_text(result: dict) -> str:
    if "time_s" in result and result["time_s"] is not None:
        return f"{result['time_s']:.1f} s"
    if "count" in result:
        return str(result["count"])
    return "-"


def _chart(p: QPainter, box: QRectF, rows, nl: bool) -> float:
    vals = [r.best_rom_deg for r in rows if r.best_rom_deg is not None]
    vals += [r.mean_rom_deg for r in rows if r.mean_rom_deg is not None]
    if not vals:
        return box.top()
    lo, hi = min(0.0, min(vals)), max(vals) * 1.15 + 1
    plot = box.adjusted(80, 10, -20, -50)
    p.setPen(QPen(style.GREY, 2))
    p.drawRect(plot)
    p.setFont(style.font(8))
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        yy = plot.bottom() - plot.height() * k / 4
        p.drawText(QRectF(0, yy - 12, 75, 24), Qt.AlignmentFlag.AlignRight, f"{v:.0f}°")
    n = len(rows)

    def pt(i: int, v: float) -> QPointF:
        x = plot.left() + plot.width() * (i + 0.5) / n
        return QPointF(x, plot.bottom() - plot.height() * (v - lo) / (hi - lo))

    for attr, colour in (("best_rom_deg", style.BLUE), ("mean_rom_deg", style.ORANGE)):
        p.setPen(QPen(colour, 5))
        pts = [pt(i, getattr(r, attr)) for i, r in enumerate(rows)
               if getattr(r, attr) is not None]
        for a, b in itertools.pairwise(pts):
            p.drawLine(a, b)
        for q in pts:
            p.drawEllipse(q, 8, 8)
    p.setPen(QPen(style.INK))
    for i, r in enumerate(rows):
        x = plot.left() + plot.width() * (i + 0.5) / n
        p.drawText(QRectF(x - 100, plot.bottom() + 5, 200, 30), Qt.AlignmentFlag.AlignCenter,
                   r.label or str(r.session))
    p.setPen(QPen(style.BLUE))
    legend = "blauw: beste ROM, oranje: gemiddelde ROM" if nl else \
        "blue: best ROM, orange: mean ROM"
    p.drawText(QRectF(plot.left(), box.bottom() - 20, plot.width(), 24),
               Qt.AlignmentFlag.AlignLeft, legend)
    return box.bottom()
