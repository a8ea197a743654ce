"""Colours (Okabe-Ito, safe for colour-blind viewers) and fonts readable from a few metres."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

BLUE = QColor("#0072B2")
ORANGE = QColor("#E69F00")
SKY = QColor("#56B4E9")
GREEN = QColor("#009E73")
VERMILLION = QColor("#D55E00")
YELLOW = QColor("#F0E442")
GREY = QColor("#666666")
INK = QColor("#1a1a1a")
BACKGROUND = QColor("#fafafa")

PHASE_COLOURS = {"concentric": BLUE, "hold": YELLOW, "eccentric": ORANGE}


def font(points: int, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


STYLESHEET = """
QPushButton { padding: 6px 14px; border: 1px solid #888; border-radius: 6px;
              background: #eeeeee; }
QPushButton#start, QPushButton#pause, QPushButton#stop {
    font-size: 20pt; font-weight: bold; border: none; }
QPushButton#start { background: #009E73; color: white; }
QPushButton#pause { background: #E69F00; color: black; }
QPushButton#stop { background: #D55E00; color: white; }
QPushButton#calibrate { font-size: 20pt; font-weight: bold; background: #56B4E9;
                        color: black; border: none; }
QPushButton#start:disabled, QPushButton#pause:disabled, QPushButton#stop:disabled,
QPushButton#calibrate:disabled {
    background: #d6d6d6; color: #8a8a8a; }
QLabel#counter { font-size: 130pt; font-weight: bold; color: #1a1a1a; }
QWidget#ratingbar { background: #e8f1f8; border-radius: 6px; }
QPushButton#rating { font-size: 16pt; font-weight: bold; padding: 4px; }
QLabel#banner { background: #fff3cd; color: #1a1a1a; padding: 8px; border-radius: 4px;
                font-size: 14pt; }
QLabel#banner[presenting="true"] { font-size: 18pt; }
"""
