"""The group view (pytest-qt, offscreen): tiles, attention, one participant's live view and
back, sound per participant, and the layout on a clinic laptop and a large screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from monitor.group import demo_group
from monitor.ui.app import make_app
from monitor.ui.group_view import GroupView
from monitor.ui.main_window import MainWindow
from recordings.store import Store

pytestmark = [pytest.mark.group, pytest.mark.gui]


@pytest.fixture
def app(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    make_app(lang="en")
    return qapp


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def drive(view: GroupView, clock: Clock, done, step_s: float = 1 / 30,
          limit: int = 20000) -> None:
    for _ in range(limit):
        if done():
            return
        clock.t += step_s
        view.tick()
    raise AssertionError("did not happen within the time driven")


def test_group_flow_tiles_attention_detail_and_back(app, qtbot, tmp_path):
    store = Store(tmp_path / "g.db")
    clock = Clock()
    group = demo_group(store, 4, clock=clock, reps=4)
    view = GroupView(group)
    qtbot.addWidget(view)
    view.resize(1366, 720)
    view.show()
    assert [t.name.text() for t in view.tiles.values()] == ["Anna", "Bram", "Carla", "Daan"]
    assert view.tiles["DEMO01"].set_label.text() == "set 1 of 3"
    qtbot.mouseClick(view.start_btn, Qt.MouseButton.LeftButton)
    # The third participant's sensors fall silent: their tile stands out, the others not.
    group.participant("DEMO03").controller.source.poll = lambda now: []
    drive(view, clock, lambda: view.attention_codes() == ["DEMO03"])
    silent = view.tiles["DEMO03"]
    assert "sensor silent" in silent.flags.text() and silent.flags.property("raised")
    assert silent.property("attention") is True
    assert view.tiles["DEMO01"].property("attention") is False
    # Click Bram's tile: his full live view; back to the group in one click.
    qtbot.mouseClick(view.tiles["DEMO02"], Qt.MouseButton.LeftButton)
    assert view.stack.currentIndex() == 1 and "Bram" in view.detail_title.text()
    bram = group.participant("DEMO02").controller
    drive(view, clock, lambda: len(bram.reps) >= 2)
    assert view.live_view.counter.text() == str(len(bram.reps))
    assert view.live_view.table.rowCount() == len(bram.reps)
    qtbot.mouseClick(view.back_btn, Qt.MouseButton.LeftButton)
    assert view.stack.currentIndex() == 0 and view.open_code is None
    # Everyone else runs to the end of their set; the tile counts are the simulator's truth.
    others = [p for p in group.participants if p.code != "DEMO03"]
    drive(view, clock, lambda: all(p.controller.source.finished for p in others))
    view.tick()
    for p in others:
        truth = len(p.controller.source.sim.reps)
        assert view.tiles[p.code].count.text() == str(truth)
    # Each repetition sounded in its participant's own pitch; different participants differ.
    ticks = {}
    for code, cue in view.sound.played:
        ticks.setdefault(code, set()).add(cue)
    assert all(len(v) == 1 for v in ticks.values())
    assert len({next(iter(v)) for v in ticks.values()}) == len(ticks)
    assert sum(code == "DEMO01" for code, _ in view.sound.played) == \
        len(group.participant("DEMO01").controller.reps)
    # Sound off: nothing more is played.
    view.sound_box.setChecked(False)
    played = len(view.sound.played)
    qtbot.mouseClick(view.stop_btn, Qt.MouseButton.LeftButton)
    view.start_all()
    drive(view, clock, lambda: len(group.participant("DEMO01").controller.reps) >= 1)
    assert len(view.sound.played) == played
    view.stop_all()
    # The sets are in each participant's own record.
    for p in group.participants:
        assert len(store.sets(p.session_id, include_empty=True)) == 2


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_eight_tiles_fit_and_read(app, qtbot, tmp_path, lang, size):
    make_app(lang=lang)
    store = Store(tmp_path / "g.db")
    clock = Clock()
    group = demo_group(store, 8, clock=clock, reps=3)
    view = GroupView(group, lang)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    group.participant("DEMO05").controller.sensors["thigh"].battery_pct = 5
    view.tick()
    qtbot.waitExposed(view)
    # The view takes the size asked for: nothing in it (the top bar in Dutch) needs more.
    assert view.minimumSizeHint().width() <= size[0]
    assert (view.width(), view.height()) == tuple(size)
    for tile in view.tiles.values():
        # Every label inside its tile, none cut: the tile is at least as large as it needs.
        assert tile.width() >= tile.minimumSizeHint().width()
        assert tile.height() >= tile.minimumSizeHint().height()
        assert tile.geometry().right() <= view.width() and tile.geometry().bottom() <= \
            view.stack.height()
        # The count readable from 3 m: at least 60 px high on a laptop.
        assert tile.count.font().pixelSize() >= 60
    flags = view.tiles["DEMO05"].flags.text()
    assert flags == ("low battery" if lang == "en" else "batterij bijna leeg")
    make_app(lang="en")


def test_the_window_fits_the_laptop_again_after_a_large_screen(app, qtbot, tmp_path):
    # Before: the counts' type, grown with the tiles on a 1920 x 1080 screen, held the
    # window at 858 px high when it was made 708 px again (the laptop's screen).
    store = Store(tmp_path / "g.db")
    clock = Clock()
    group = demo_group(store, 6, clock=clock, reps=3)
    view = GroupView(group, "nl")
    qtbot.addWidget(view)
    view.resize(1920, 1020)
    view.show()
    view.tick()
    qtbot.waitExposed(view)
    view.resize(1366, 708)
    view.tick()
    QApplication.processEvents()
    assert view.height() == 708 and view.minimumSizeHint().height() <= 708
    assert view.width() == 1366 and view.minimumSizeHint().width() <= 1366
    view.open_participant("DEMO02")
    view.tick()
    QApplication.processEvents()
    assert view.height() == 708 and view.minimumSizeHint().height() <= 708
    for tile in view.tiles.values():
        assert tile.count.font().pixelSize() >= 60


def test_main_window_opens_a_demo_group(app, qtbot, tmp_path):
    store = Store(tmp_path / "g.db")
    win = MainWindow(store)
    qtbot.addWidget(win)
    clock = Clock()
    win.clock = clock
    gw = win.open_demo_group(3)
    qtbot.addWidget(gw)
    gw.timer.stop()                           # the test drives time
    assert len(gw.view.tiles) == 3
    gw.view.start_all()
    drive(gw.view, clock, lambda: all(p.controller.reps for p in gw.view.group.participants))
    gw.close()
    # Stored in the demo database, never in the practice's history.
    from recordings.store import default_db_path

    demo = Store(default_db_path().with_name("demo.db"))
    assert demo.db.execute("SELECT ended_at FROM group_sessions").fetchone()[0] is not None
    assert {s.patient for s in demo.sessions()} == {"DEMO01", "DEMO02", "DEMO03"}
    demo.close()
    assert store.db.execute("SELECT count(*) FROM group_sessions").fetchone()[0] == 0
    assert store.sessions() == []
