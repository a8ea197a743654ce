"""The PDF report: the treatment and its progress, paged properly however many moments."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.gui

from monitor.core.dosing import Load  # noqa: E402
from monitor.ui.app import make_app  # noqa: E402
from monitor.ui.report import write_report  # noqa: E402
from recordings.store import Store  # noqa: E402
from recordings.treatment import prescribe  # noqa: E402

DAY = 86400.0


def rep(i: int, rom: float) -> dict:
    return {"index": i, "start_s": 2.0 * i, "peak_s": 2.0 * i + 1, "end_s": 2.0 * i + 2,
            "min_deg": 10.0, "max_deg": 10.0 + rom, "rom_deg": rom, "concentric_s": 1.5,
            "hold_s": 0.5, "eccentric_s": 1.5, "rest_s": 1.0, "reported_s": 2.0 * i + 2.1,
            "flags": [], "rise_cm": None}


def text_of(path) -> tuple[int, str]:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), " ".join(text.replace("\xa0", " ").split())


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


@pytest.fixture
def app_nl_and_en(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    make_app(lang="en")
    return qapp
