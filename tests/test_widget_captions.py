"""Captions drawn inside the live view's own widgets are never cut off: at any width the
tempo bars' caption wraps onto as many lines as it needs and the bars start below it (at
the laptop size of the demo, its third line, "prescribed", used to be cut in half)."""

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from PySide6.QtCore import QRectF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPen  # noqa: E402

from monitor.ui import style  # noqa: E402
from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.widgets import TempoBars  # noqa: E402


def dark_pixels(img: QImage, top: int, bottom: int) -> int:
    """Pixels drawn in ink (text) between two rows."""
    n = 0
    for y in range(top, min(bottom, img.height())):
        for x in range(img.width()):
            c = QColor(img.pixel(x, y))
            n += c.red() < 110 and c.green() < 110 and c.blue() < 110
    return n


def caption_alone(text: str, width: int) -> QImage:
    """The caption wrapped at ``width`` into a picture tall enough for all of it."""
    img = QImage(width, 400, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setFont(style.font(10))
    p.setPen(QPen(style.INK))
    p.drawText(QRectF(0, 0, width, 400), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
               text)
    p.end()
    return img


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", [180, 240, 290, 420])
def test_the_tempo_caption_is_whole_above_the_bars(qapp, qtbot, tmp_path, monkeypatch, lang,
                                                   width):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang=lang)
    bars = TempoBars()
    qtbot.addWidget(bars)
    bars.setStyleSheet("background: white")
    bars.setAutoFillBackground(True)
    bars.resize(width, 200)
    bars.set_reps([(2.0, 1.0, 2.0)])
    img = bars.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    caption, area = bars.layout_rects()
    assert caption.bottom() <= area.top()
    whole = dark_pixels(caption_alone(bars.caption(), width), 0, 400)
    assert whole > 0
    # All of the caption's ink is there, above the bars (the row labels and the dashed line
    # start at the bars' top).
    drawn = dark_pixels(img, 0, int(area.top()))
    assert drawn >= 0.97 * whole, (drawn, whole)
