"""Render screenshots of every main view into docs/screenshots/ (referenced from the README).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
       [--lang en|nl] [--size 1366x768]

Runs a demo patient with a programme of three exercises through an earlier visit and a
visit that follows the programme (simulated sensors, a scripted clock), then grabs the live
view during a set, the rest between sets with the effort question, the Patient tab with the
programme and the advice, the history with progress and overlay, a replay, and the pages of
the PDF report (if pdftoppm is installed). Files get the language as a suffix (live_en.png,
live_nl.png).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from monitor.cli import main as cli
from monitor.core.dosing import Load
from monitor.ui.app import make_app
from monitor.ui.main_window import MainWindow
from recordings.measurements import enter_result, enter_score
from recordings.store import Store
from recordings.treatment import prescribe


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def run_until(win: MainWindow, clock: Clock, done, step: float = 0.05) -> None:
    for _ in range(5000):
        if done():
            return
        clock.t += step
        win.tick()
        QApplication.processEvents()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default="docs/screenshots")
    ap.add_argument("--lang", choices=["en", "nl"], default="en")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--group-only", action="store_true", help="only the group view")
    args = ap.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())
    make_app(lang=args.lang)
    tmp = Path(tempfile.mkdtemp())
    if args.group_only:
        group_shots(out, f"_{args.lang}", args.lang, tmp)
        group_setup_shots(out, f"_{args.lang}", args.lang, tmp)
        return 0
    db = tmp / "demo.db"
    store = Store(db)
    code = "P0012"
    three_weeks_ago = time.time() - 21 * 86400       # the intake
    store.save_patient(code, joint="knee", side="right", birth_year=1957, sex="f",
                       intake_date=time.strftime("%Y-%m-%d", time.localtime(three_weeks_ago)))
    # The goals as the therapist types them, in the language of the screenshots.
    store.add_goal(code, "Climb the stairs to the bedroom without the handrail"
                   if args.lang == "en" else "De trap op naar de slaapkamer zonder leuning")
    store.add_goal(code, "rom:knee_extension_seated >= 75", "rom:knee_extension_seated",
                   ">=", 75)
    prescribe(store, code, "knee_extension_seated", sets=2, reps=6, load=Load("kg", 4.0),
              target_deg=(15, 90), rest_s=45, when=three_weeks_ago - 3600)
    prescribe(store, code, "sit_to_stand", sets=2, reps=6, when=three_weeks_ago - 3600)
    prescribe(store, code, "straight_leg_raise", sets=1, reps=6, load=Load("band", "red"),
              when=three_weeks_ago - 3600)
    # An earlier visit (the intake), recorded headless, three weeks ago.
    for ex in ("knee_extension_seated", "knee_extension_seated", "sit_to_stand",
               "straight_leg_raise"):
        cli(["record", "--demo", "--fast", "--reps", "6", "--patient", code, "--label",
             "intake", "--exercise", ex, "--effort", "5", "--pain", "3", "--db", str(db)])
    intake = store.sessions(code)[0].id
    store.add_pain(code, "before", 3, session_id=intake)
    # The intake's battery, measured by hand.
    enter_result(store, code, intake, "chair_stand_30s", 9)
    enter_result(store, code, intake, "timed_up_and_go", 11.8)
    enter_result(store, code, intake, "knee_rom_test", 104, side="right")
    enter_result(store, code, intake, "knee_rom_test", 128, side="left")
    enter_score(store, code, intake, "nprs_now", 5)
    enter_score(store, code, intake, "koos_pain", 52)
    store.db.execute("UPDATE sessions SET started_at = started_at - 21 * 86400")
    clock = Clock()
    win = MainWindow(store, lang=args.lang, demo_speed=8.0)
    win.clock = clock
    win.resize(w, h)
    win.show()
    suffix = f"_{args.lang}"

    def grab(name: str) -> None:
        QApplication.processEvents()
        win.grab().save(str(out / f"{name}{suffix}.png"))

    win.patient_edit.setText(code)
    win.moment.setCurrentIndex(win.moment.findData("week 6"))
    win.open_patient()
    win.answer(2)                                  # next morning after the intake
    win.answer(2)                                  # before this session
    win.connect_demo()
    win.controller.demo_reps = 6
    win.calibrate()
    win.start_set()
    run_until(win, clock, lambda: len(win.controller.reps) >= 4)
    grab("live")
    run_until(win, clock, lambda: win.controller.source.finished)
    win.stop_set()
    clock.t += 12
    win.tick()
    grab("rest")
    win.answer(5)
    win.end_rest()
    win.start_set()
    run_until(win, clock, lambda: win.controller.source.finished)
    win.stop_set()
    win.answer(6)
    win.answer(2)
    win.tabs.setCurrentWidget(win.patient_view)
    grab("patient")
    # The week-6 battery: the chair stand with the sensors, the rest by hand.
    win.run_test("chair_stand_30s")
    win.calibrate()
    win.controller.demo_reps = 16
    win.start_set()
    run_until(win, clock, lambda: (win.controller.test_elapsed_s() or 0) > 18)
    grab("test")
    run_until(win, clock, lambda: win.controller.state == "idle")
    enter_result(store, code, win.controller.session_id, "timed_up_and_go", 10.2)
    enter_score(store, code, win.controller.session_id, "nprs_now", 3)
    enter_score(store, code, win.controller.session_id, "koos_pain", 61)
    win.tests_view.refresh()
    win.tabs.setCurrentWidget(win.tests_view)
    grab("tests")
    win.tabs.setCurrentWidget(win.history)
    win.history.overlay_btn.click()
    grab("history")
    first = store.sets(store.sessions(code)[0].id)[0]["id"]
    win.replay(first)
    win.replayer.speed = 10.0
    for _ in range(60):                           # 3 s at ten times the speed
        clock.t += 0.05
        win.tick()
        QApplication.processEvents()
    grab("replay")
    pdf = tmp / "report.pdf"
    win.report(str(pdf))
    try:                                       # the pages as a PDF reader shows them
        import pypdfium2

        for i, page in enumerate(pypdfium2.PdfDocument(str(pdf)), start=1):
            rgb = page.render(scale=60 / 72).to_numpy()[..., 2::-1].copy()
            QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0],
                   QImage.Format.Format_RGB888).save(str(out / f"report{suffix}-{i}.png"))
    except ImportError:
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf),
                            str(out / f"report{suffix}")], check=True)
    win.close()
    group_shots(out, suffix, args.lang, tmp)
    group_setup_shots(out, suffix, args.lang, tmp)
    print("\n".join(str(p) for p in sorted(out.glob(f"*{suffix}*.png"))))
    return 0


def group_shots(out: Path, suffix: str, lang: str, tmp: Path) -> None:
    """The group view with six participants during their sets: one whose hip helps, one
    whose sensor fell silent, one with a low battery; at 1366 x 768 and 1920 x 1080."""
    from monitor.group import demo_group
    from monitor.ui.group_view import GroupView

    store = Store(tmp / "group.db")
    clock = Clock()
    group = demo_group(store, 6, clock=clock, reps=12)
    group.participant("DEMO01").controller.demo_hip_helps_deg = 15.0
    view = GroupView(group, lang)
    view.start_all()
    group.participant("DEMO06").controller.sensors["shank"].battery_pct = 7
    for _ in range(int(14 / 0.05)):                # 14 s into the sets
        clock.t += 0.05
        view.tick()
    group.participant("DEMO04").controller.source.poll = lambda now: []
    for _ in range(int(2.0 / 0.05)):               # Daan's sensors silent for 2 s
        clock.t += 0.05
        view.tick()
    for w, h in ((1920, 1080), (1366, 768)):
        view.resize(w, h - 60)                     # the window's title bar and task bar
        view.show()
        QApplication.processEvents()
        view.grab().save(str(out / f"group_{w}{suffix}.png"))
    # A participant's live view on the clinic laptop's screen (after the large screen: the
    # window shrinks back to fit).
    view.open_participant("DEMO02")
    for _ in range(20):
        clock.t += 0.05
        view.tick()
    QApplication.processEvents()
    view.grab().save(str(out / f"group_detail{suffix}.png"))
    view.close()
    group.end()


def group_setup_shots(out: Path, suffix: str, lang: str, tmp: Path) -> None:
    """The group set-up with real sensors (the emulated BlueZ of the tests, two adapters):
    three participants, six sensors found, one just picked out by shaking it; then the group
    view while everyone calibrates at once. Needs dbus-daemon; skipped without it."""
    if shutil.which("dbus-daemon") is None:
        print("dbus-daemon not found: no screenshots of the group set-up", file=sys.stderr)
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from ble_env import emulated_bluez

    from devices.ble import BleHub
    from monitor.ui.group_setup import GroupSetup
    from monitor.ui.group_view import GroupView

    store = Store(tmp / "setup.db")
    for code in ("P014", "P022", "P031"):
        store.save_patient(code)
    sensors = [{"family": fam, "address": f"C4:00:00:00:00:{k + 1:02X}", "name": name,
                "rate_hz": 100} for k, (fam, name) in enumerate(
        [("witmotion", "WT901BLE68"), ("witmotion", "WT901BLE71"), ("movella_dot",
                                                                  "Movella DOT"),
         ("witmotion", "WT901BLE74"), ("movesense", "Movesense 2231"),
         ("witmotion", "WT901BLE80")])]
    store.remember_assignment(sensors[0]["address"], "P014", "right_shank")
    hub = BleHub()
    try:
        with emulated_bluez(sensors, adapters=[{"name": "hci0", "max_connections": 5},
                                               {"name": "hci1", "max_connections": 5}]) as env:
            env.control("Motion", "*", "still")
            setup = GroupSetup(store, hub, lang)
            for r, (code, name) in enumerate((("P014", "Anna"), ("P022", "Bram"))):
                setup.people.cellWidget(r, 0).setCurrentIndex(
                    setup.people.cellWidget(r, 0).findData(code))
                setup.people.cellWidget(r, 1).setText(name)
            setup.add_participant("P031", "Carla", "sit_to_stand")
            setup.resize(1000, 740)
            setup.show()
            setup.scan()
            end = time.monotonic() + 60
            while len(setup.links) < len(sensors) and time.monotonic() < end:
                setup.tick()
                QApplication.processEvents()
                time.sleep(0.05)
            setup.assign(sensors[3]["address"], "P022", "right_shank")
            env.control("Motion", sensors[5]["address"], "shake")
            end = time.monotonic() + 20
            while setup.picked != sensors[5]["address"] and time.monotonic() < end:
                setup.tick()
                QApplication.processEvents()
                time.sleep(0.05)
            QApplication.processEvents()
            setup.grab().save(str(out / f"group_setup{suffix}.png"))
            setup.assign(sensors[5]["address"], "P031", "right_thigh")
            env.control("Motion", "*", "still")
            group = setup.start()
            if group is None:
                print("the group did not start: " + setup.status.text(), file=sys.stderr)
                return
            view = GroupView(group, lang)
            view.resize(1366, 700)
            view.show()
            view.calibrate_all()
            end = time.monotonic() + 4
            while time.monotonic() < end:
                view.tick()
                QApplication.processEvents()
                time.sleep(0.05)
            view.grab().save(str(out / f"group_calibrating{suffix}.png"))
            view.close()
            group.end()
    finally:
        hub.close()


if __name__ == "__main__":
    sys.exit(main())
