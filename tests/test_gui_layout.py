"""The window on a 1366 x 768 clinic laptop, in English and Dutch: every tab fits the
screen and no text is cut (a label, a button, a box's choice, a table's header)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")
pytestmark = pytest.mark.gui

from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QTableView,
    QTabWidget,
    QWidget,
)
from test_gui_tests import open_window, run_demo_set  # noqa: E402

from recordings.measurements import enter_result, enter_score  # noqa: E402


def visible(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def cut_texts(root: QWidget) -> list[str]:
    """Every piece of text narrower on screen than it needs."""
    out = []
    for w in root.findChildren(QWidget):
        if not visible(w):
            continue
        name = f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        if isinstance(w, QLabel) and not w.wordWrap() and w.text() and w.pixmap().isNull():
            if w.width() + 1 < w.minimumSizeHint().width():
                out.append(f"{name}: {w.width()} < {w.minimumSizeHint().width()}")
        elif isinstance(w, QAbstractButton) and w.text():
            need = w.fontMetrics().horizontalAdvance(w.text().replace("&", ""))
            if w.width() < need:
                out.append(f"{name}: {w.width()} < {need}")
        elif isinstance(w, QComboBox) and w.currentText():
            need = w.fontMetrics().horizontalAdvance(w.currentText()) + 24   # the arrow
            if w.width() < need:
                out.append(f"QComboBox {w.currentText()!r}: {w.width()} < {need}")
        elif isinstance(w, QTableView):
            if w.horizontalScrollBar().maximum() > 0:
                out.append(f"table scrolls sideways: {w.horizontalScrollBar().maximum()} px")
            header = w.horizontalHeader()
            model = w.model()
            for col in range(model.columnCount()):
                if header.isSectionHidden(col):
                    continue
                text = str(model.headerData(col, header.orientation()) or "")
                need = header.fontMetrics().horizontalAdvance(text) + 6
                if text and header.sectionSize(col) < need:
                    out.append(f"header {text!r}: {header.sectionSize(col)} < {need}")
    return out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_tab_fits_1366x768_with_nothing_cut(qapp, qtbot, tmp_path, monkeypatch, lang):
    win, store, clock = open_window(qtbot, tmp_path, monkeypatch, lang)
    # Something in every view: a set with its repetitions, a test, scores, a goal.
    win.connect_demo()
    win.controller.demo_reps = 4
    run_demo_set(win, clock)
    while win.controller.visit.questions:
        win.answer(3)
    session = win.controller.session_id
    enter_result(store, "P7", session, "timed_up_and_go", 11.8)
    enter_result(store, "P7", session, "chair_stand_30s", 9)
    enter_score(store, "P7", session, "nprs_now", 4)
    win.history.set_patient(store, "P7", lang)
    win.tests_view.refresh()
    win.resize(1366, 768)
    assert win.minimumSizeHint().width() <= 1366
    assert win.width() <= 1366
    problems = {}
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        for sub in win.tabs.currentWidget().findChildren(QTabWidget):
            for k in range(sub.count()):
                sub.setCurrentIndex(k)
                QApplication.processEvents()
                cut = cut_texts(win)
                if cut:
                    problems[f"{win.tabs.tabText(i)} / {sub.tabText(k)}"] = cut
        QApplication.processEvents()
        cut = cut_texts(win)
        if cut:
            problems[win.tabs.tabText(i)] = cut
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
