"""The PDF report: the treatment and its progress, paged properly however many moments."""

from __future__ import annotations

import time

import numpy as np
import pytest

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")
pdfium = pytest.importorskip("pypdfium2")
pytestmark = pytest.mark.gui

from pdf_text import page_texts  # noqa: E402

from monitor.core.dosing import Load  # noqa: E402
from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.report import chart_ticks, write_report  # noqa: E402
from recordings.store import Store  # noqa: E402
from recordings.treatment import prescribe  # noqa: E402

DAY = 86400.0


def rep(i: int, rom: float) -> dict:
    return {"index": i, "start_s": 2.0 * i, "peak_s": 2.0 * i + 1, "end_s": 2.0 * i + 2,
            "min_deg": 10.0, "max_deg": 10.0 + rom, "rom_deg": rom, "concentric_s": 1.5,
            "hold_s": 0.5, "eccentric_s": 1.5, "rest_s": 1.0, "reported_s": 2.0 * i + 2.1,
            "flags": [], "rise_cm": None}


def text_of(path) -> tuple[int, str]:
    pages = page_texts(path)
    return len(pages), " ".join(pages)


def build(tmp_path, moments: int) -> Store:
    store = Store(tmp_path / "m.db")
    store.save_patient("P9", joint="knee", side="left", birth_year=1950, sex="m")
    store.add_goal("P9", "Walk to the market", None, None, None)
    store.add_goal("P9", "ROM knee extension >= 70", "rom:knee_extension_seated", ">=", 70)
    t0 = 1.7e9
    prescribe(store, "P9", "knee_extension_seated", sets=1, reps=3, load=Load("kg", 2.0),
              when=t0 - DAY)
    for k in range(moments):
        at = t0 + 7 * DAY * k
        if k == moments // 2:
            prescribe(store, "P9", "knee_extension_seated", load=Load("kg", 3.0),
                      reason="increase", when=at - 1)
        session = store.new_session("P9", f"M{k:02d}", started_at=at)
        store.add_pain("P9", "before", k % 4, session_id=session, recorded_at=at)
        set_id = store.new_set(session, "knee_extension_seated", {"shank": "left_shank"},
                               started_at=at,
                               prescription={"dose": {"sets": 1, "reps": 3,
                                                      "load": {"kind": "kg", "value": 2.0},
                                                      "tempo_s": [2, 1, 2, 1],
                                                      "target_deg": [10, 90], "rest_s": 60},
                                             "set": 1, "of": 1,
                                             "load_used": {"kind": "kg", "value": 2.0}})
        for i in range(3):
            store.add_rep(set_id, rep(i + 1, 60.0 + k * 0.5), "test")
        store.finish_set(set_id, {"rep_count": 3})
    return store


def rendered_pages(path, scale: float = 1.0) -> list[np.ndarray]:
    """The PDF's pages as a reader shows them (RGB arrays), rendered by PDFium."""
    return [page.render(scale=scale).to_numpy()[..., 2::-1]
            for page in pdfium.PdfDocument(str(path))]


def test_the_report_renders_on_its_pages_within_the_margins(app_nl_and_en, tmp_path):
    """Rendered as a PDF reader shows it: every page has content, nothing runs into the
    margins (a table or chart cut off at the edge), the charts are drawn, the pages are
    numbered."""
    store = build(tmp_path, 60)
    for lang in ("en", "nl"):
        path = write_report(store, "P9", tmp_path / f"r_{lang}.pdf", lang)
        pages = rendered_pages(path)
        assert len(pages) == len(pypdf.PdfReader(str(path)).pages) >= 3
        for i, img in enumerate(pages):
            ink = img.astype(int).sum(axis=2) < 600
            cols, rows = np.flatnonzero(ink.any(axis=0)), np.flatnonzero(ink.any(axis=1))
            h, w = ink.shape
            assert cols.size, f"page {i + 1} is blank"
            # A4 is 595 x 842 pt; the text area starts about 72 pt from each side.
            assert cols.min() > 0.1 * w and cols.max() < 0.9 * w, (lang, i, cols.min(),
                                                                    cols.max())
            assert rows.min() > 0.06 * h and rows.max() < 0.95 * h, (lang, i)
        # The charts are drawn: the ROM and pain series' blue (#0072B2) on the pages.
        blue = sum(int(((abs(img[..., 0].astype(int) - 0x00) < 30)
                        & (abs(img[..., 1].astype(int) - 0x72) < 30)
                        & (abs(img[..., 2].astype(int) - 0xB2) < 30)).sum()) for img in pages)
        assert blue > 500, blue


@pytest.mark.slow
def test_a_report_of_sixty_moments_has_every_moment_on_its_pages(app_nl_and_en, tmp_path):
    store = build(tmp_path, 60)
    path = write_report(store, "P9", tmp_path / "r.pdf", "en")
    pages, text = text_of(path)
    assert pages >= 3
    for k in range(60):
        assert f"M{k:02d}" in text, k                    # no table stops short
    for words in ("Progress report", "P9", "year of birth", "1950", "Walk to the market",
                  "Programme", "Changes", "increase", "Adherence", "Pain",
                  "Seated knee extension", "2 kg", "3 kg"):
        assert words in text, words
    nl = write_report(store, "P9", tmp_path / "r_nl.pdf", "nl")
    _pages, text = text_of(nl)
    for words in ("Voortgangsrapport", "Doelen", "Programma", "Kniestrekking in zit",
                  "Therapietrouw", "geboortejaar"):
        assert words in text, words


def test_every_moment_keeps_its_date_on_its_page_in_every_table(app_nl_and_en, tmp_path):
    """A table row is not parted by a page break: each moment's name and date are read
    together on one page in the goals, pain, adherence and exercise tables (a moment
    written over two lines of one cell used to lose its date to the next page)."""
    store = build(tmp_path, 60)
    pages = page_texts(write_report(store, "P9", tmp_path / "r.pdf", "en"))
    for k in range(60):
        day = time.strftime("%Y-%m-%d", time.localtime(1.7e9 + 7 * DAY * k))
        together = sum(page.count(f"M{k:02d} {day}") for page in pages)
        # A row parted by a page break is drawn on both pages (each clipped): its text is
        # in the PDF twice.
        alone = sum(page.count(f"M{k:02d}") for page in pages)
        assert together == alone == 4, (k, together, alone)


def test_chart_axes_are_labelled_at_round_numbers():
    assert chart_ticks(0.0, 104.5) == [0, 20, 40, 60, 80, 100, 120]   # not 0/26/52/78/104
    assert chart_ticks(0.0, 10.0) == [0, 2, 4, 6, 8, 10]
    assert chart_ticks(0.0, 13.8) == [0, 5, 10, 15]
    for hi in np.linspace(1.0, 900.0, 97):
        ticks = chart_ticks(0.0, float(hi))
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** np.floor(np.log10(step))
        assert round(mantissa, 6) in (1.0, 2.0, 5.0), (hi, ticks)
        assert ticks[0] == 0 and ticks[-1] >= hi and len(ticks) <= 7, (hi, ticks)
        assert ticks[-2] < hi, (hi, ticks)         # no empty step above the data


@pytest.fixture
def app_nl_and_en(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    make_app(lang="en")
    return qapp


def test_a_typed_goal_reads_in_words_with_the_moments_result(app_nl_and_en, tmp_path):
    """A goal typed as 'test:timed_up_and_go <= 10' reads "Timed Up and Go ≤ 10.0 s"; its
    value at a moment is the moment's result as the battery writes it (9.8 s, entered by
    hand), not rounded to whole numbers or shown with the decimals behind it."""
    from recordings.measurements import enter_result
    from recordings.treatment import goal_status, goal_text, parse_goal

    store = Store(tmp_path / "m.db")
    store.save_patient("P5", joint="knee", side="right", birth_year=1950, sex="f")
    store.add_goal("P5", "test:timed_up_and_go <= 10",
                   *parse_goal("test:timed_up_and_go <= 10"))
    store.add_goal("P5", "rom:knee_extension_seated >= 80",
                   *parse_goal("rom:knee_extension_seated >= 80"))
    intake = store.new_session("P5", "intake", started_at=1.7e9)
    enter_result(store, "P5", intake, "timed_up_and_go", 14.34)
    week6 = store.new_session("P5", "week 6", started_at=1.7e9 + 42 * DAY)
    enter_result(store, "P5", week6, "timed_up_and_go", 9.8)
    set_id = store.new_set(week6, "knee_extension_seated", {"shank": "right_shank"},
                           started_at=1.7e9 + 42 * DAY)
    store.add_rep(set_id, rep(1, 81.51), "test")
    store.finish_set(set_id, {"rep_count": 1})
    tug, rom = goal_status(store, "P5")
    assert [m["value"] for m in tug["moments"]] == [14.34, 9.8]
    assert goal_text(tug, "en") == "Timed Up and Go ≤ 10.0 s"
    assert goal_text(tug, "nl") == "Timed Up and Go ≤ 10,0 s"
    assert goal_text(rom, "en") == "Seated knee extension: ROM ≥ 80°"
    _pages, text = text_of(write_report(store, "P5", tmp_path / "r.pdf", "en"))
    assert "Timed Up and Go ≤ 10.0 s" in text and "test:" not in text
    assert "not met (14.3 s)" in text and "met (9.8 s)" in text and "met (82°)" in text
    assert "13.5 s or more: fall risk" in text         # the cut-off as every view writes it
    _pages, text = text_of(write_report(store, "P5", tmp_path / "r_nl.pdf", "nl"))
    assert "(9,8 s)" in text and "Kniestrekking in zit: ROM ≥ 80°" in text
