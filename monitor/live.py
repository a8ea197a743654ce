"""The live session, without any user interface: sensors -> calibration -> sets -> store.

The Qt view polls :meth:`LiveController.poll` from its redraw timer (30-60 Hz); everything
that arrived since the last poll is processed in one go. Sensor sources push batches from
their own threads (BLE) or are pulled by wall-clock time (simulated sensors), so the view
never waits for a sensor and never redraws per sample.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from calibration.guided import (
    CalibrationReport,
    calibrate,
    calibrate_any_movement,
    still_tail,
)
from calibration.mounting import Mounting
from devices.drivers.base import sensor_identity
from devices.simulated import SimulatedSensor
from monitor.core.battery import battery_test, is_test
from monitor.core.dosing import Dose, Load, default_dose
from monitor.core.exercises import Exercise, get_exercise
from monitor.core.lazy import load
from monitor.core.messages import Message
from monitor.core.orientation import OrientationTracker
from monitor.core.samples import ImuBatch
from monitor.signal.analysis import expected_segment_change
from monitor.signal.reps import RepCompleted
from monitor.signal.simulate import SimulatedSession, random_mountings, simulate_session
from monitor.signal.simulate_gait import GAIT_PROTOCOLS, simulate_protocol
from monitor.visit import Visit
from recordings.recorder import LiveSet, SharedWriter, open_live_set, timed_test_start
from recordings.store import Store, StoreError
from recordings.treatment import prescribe, prescription_for, programme_item, save_adherence

if TYPE_CHECKING:
    from devices.ble import LinkWatcher

TRACE_S = 20.0
QUICK_CHECK_STILL_S = 2.0       # still this long in the start posture for a quick check
QUICK_CHECK_TIMEOUT_S = 20.0
DEFAULT_EXERCISE = "knee_extension_seated"
TARGET_CUE_DEG = 2.0            # the target tone sounds this close to the target's end
# The 30-s chair stand runs on this long after 30 s: a stand under way then (counted if more
# than halfway up) completes within it.
TEST_END_GRACE_S = 2.5
# The Timed Up and Go ends seated again: the reported angle within SEATED_TOL_DEG of the
# sitting angle, and still (within SEATED_STILL_DEG), for SEATED_S, after the rise. A step
# flexes the knee some 60 degrees for a fifth of a second: never a second near 90, still.
SEATED_S, SEATED_TOL_DEG, SEATED_STILL_DEG = 1.0, 20.0, 8.0


@dataclass
class SensorInfo:
    label: str
    family: str
    name: str
    address: str
    placement: str
    rate_hz: float
    battery_pct: int | None = None
    rssi_dbm: int | None = None
    status: str = "connected"        # connected | reconnecting | lost
    label_source: str | None = None  # demo: which simulated sensor this one copies
    samples: int = 0
    lost_pct: float = 0.0

    @property
    def segment(self) -> str:
        return self.placement.split("_", 1)[1] if "_" in self.placement else self.placement


class BleSource:
    """Sensors over Bluetooth: whatever their links received since the last poll."""

    finished = False

    def __init__(self, links: dict) -> None:
        self.links = links                     # label -> devices.ble.SensorLink
        self.released_at = 0.0

    def start(self, now: float) -> None:
        for link in self.links.values():      # drop what came before; count from here
            link.start_set()

    def poll(self, now: float) -> list[tuple[str, ImuBatch, np.ndarray]]:
        out = []
        for label, link in self.links.items():
            batch = link.drain()
            if batch is not None:
                out.append((label, batch, np.full(len(batch), now)))
        self.released_at = now
        return out

    def finish(self, now: float) -> list[tuple[str, ImuBatch, np.ndarray]]:
        """The set ends: what is still on its way or waiting for a reordered packet."""
        out = []
        for label, link in self.links.items():
            batch = link.finish_set()
            if batch is not None:
                out.append((label, batch, np.full(len(batch), now)))
        return out

    def stats(self) -> dict:
        """What each sensor's link delivered during the set."""
        return {label: link.set_stats() for label, link in self.links.items()}


class DemoSource:
    """Simulated sensors: the batches of a simulated set, released by wall-clock time."""

    def __init__(self, exercise: str, reps: int, rate_hz: float, seed: int,
                 mounting_seed: int = 11, speed: float = 1.0,
                 extra_sensors: dict[str, str] | None = None, slip_deg: float = 0.0,
                 only: list[str] | None = None, hip_helps_deg: float = 0.0) -> None:
        if exercise in GAIT_PROTOCOLS:
            # A walking test: a simulated walk (or TUG, or flight of stairs), with the
            # demo's labels for the right leg's thigh and shank.
            # The sensors stay strapped as they were calibrated: the walk is simulated with
            # sensor frames on the segments and turned into the demo's mountings.
            gait = simulate_protocol(exercise, rate_hz=rate_hz, seed=seed, mounting="aligned")
            straps = random_mountings(mounting_seed)
            sensors = {}
            for lab, b in gait.recording.sensors.items():
                m = straps[lab.split("_", 1)[1]]
                sensors[lab.split("_", 1)[1]] = ImuBatch(b.time_s, b.acc_m_s2 @ m,
                                                         b.gyr_rad_s @ m)
            self.sim = gait
        else:
            self.sim = simulate_session(exercise, reps=reps, rate_hz=rate_hz, seed=seed,
                                        mounting="random", mounting_seed=mounting_seed,
                                        fast_reps=0, low_amplitude_reps=0, slip_deg=slip_deg,
                                        hip_helps_deg=hip_helps_deg)
            sensors = dict(self.sim.recording.sensors)
        self.speed = speed
        self.released_at: float = 0.0          # wall time the last polled batch was due
        # Further sensors (e.g. the other leg) stream copies of a simulated one.
        for label, source in (extra_sensors or {}).items():
            sensors[label] = sensors[source]
        if only is not None:          # the demo sensors actually connected
            sensors = {lab: b for lab, b in sensors.items() if lab in only}
        parts = []
        for label, b in sensors.items():
            for p in b.split([5] * (len(b) // 5 + 1)):
                parts.append((float(p.time_s[-1]), label, p))
        parts.sort(key=lambda x: (x[0], x[1]))
        self._parts = parts
        self._next = 0
        self._t0: float | None = None
        self.duration_s = self.sim.recording.duration_s
        # Each simulated sensor sends real wire-format bytes through the real decoder.
        self._wire = {label: SimulatedSensor() for label in sensors}

    def start(self, now: float) -> None:
        self._t0 = now

    @property
    def finished(self) -> bool:
        return self._next >= len(self._parts)

    @property
    def delivered_s(self) -> float:
        """Simulated time up to which the sensors have delivered their samples."""
        return self._parts[self._next - 1][0] if self._next else float("-inf")

    @property
    def delivered_reps(self) -> int:
        """The simulated repetitions completed in what was delivered (the truth of a set
        stopped before its simulation ended)."""
        if not isinstance(self.sim, SimulatedSession):
            return 0                   # a walking test: no repetitions
        return sum(r.end_s <= self.delivered_s for r in self.sim.reps)

    def poll(self, now: float) -> list[tuple[str, ImuBatch, np.ndarray]]:
        if self._t0 is None:
            return []
        t = (now - self._t0) * self.speed
        out = []
        while self._next < len(self._parts) and self._parts[self._next][0] <= t:
            t_last, label, p = self._parts[self._next]
            p = self._wire[label].transmit(p)
            out.append((label, p, np.full(len(p), t_last)))
            self.released_at = self._t0 + t_last / self.speed
            self._next += 1
        return out


@dataclass
class Targets:
    rom_band_deg: tuple[float, float]
    tempo_s: tuple[float, float, float, float]
    reps_per_set: int = 10
    sets: int = 3
    load: Load = field(default_factory=Load)
    rest_s: float = 60.0

    @classmethod
    def of(cls, dose: Dose) -> Targets:
        return cls(tuple(dose.target_deg), tuple(dose.tempo_s), dose.reps, dose.sets,
                   dose.load, dose.rest_s)

    def dose(self) -> Dose:
        return Dose(self.sets, self.reps_per_set, self.load, tuple(self.tempo_s),
                    tuple(sorted(self.rom_band_deg)), self.rest_s)


@dataclass
class AngleTrace:
    """Ring buffer of the last ``TRACE_S`` seconds of the reported angle."""

    capacity: int
    t: np.ndarray = field(init=False)
    deg: np.ndarray = field(init=False)
    n: int = 0

    def __post_init__(self) -> None:
        self.t = np.full(self.capacity, np.nan)
        self.deg = np.full(self.capacity, np.nan)

    def extend(self, t: np.ndarray, deg: np.ndarray) -> None:
        k = len(t)
        if k >= self.capacity:
            self.t[:], self.deg[:] = t[-self.capacity:], deg[-self.capacity:]
            self.n = self.capacity
            return
        self.t = np.roll(self.t, -k)
        self.deg = np.roll(self.deg, -k)
        self.t[-k:], self.deg[-k:] = t, deg
        self.n = min(self.capacity, self.n + k)

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        if self.n == 0:
            return np.empty(0), np.empty(0)
        return self.t[-self.n:], self.deg[-self.n:]


def test_elapsed_s(live: LiveSet) -> float | None:
    """Time since the test started on the sensors' clock (so that a simulated or replayed
    set runs its clock at its own speed): since "go" (Start), or since the first movement
    when that came more than GO_GRACE_S later (the rule the result is timed by,
    recordings.recorder.timed_test_start)."""
    if live.first_time_s is None or live.last_time_s is None:
        return None
    start = timed_test_start(live.first_time_s, live.reps)
    if start is None and live.reps:
        start = live.reps[0].start_s              # timed from the first movement
    return live.last_time_s - (live.first_time_s if start is None else start)


def test_done(live: LiveSet, trace: AngleTrace) -> bool:
    """The protocol's own end, where the set of a battery test stops (in the app and in
    ``monitor record``): 30 s (and the stand then under way) for the 30-s chair stand, the
    fifth stand for five times sit to stand, seated again for the Timed Up and Go (not at
    its first knee-angle "repetition": a step bends the knee too). Other tests end when the
    therapist stops them. ``trace``: the set's reported angle (the pipeline's listener)."""
    ex = live.pipeline.exercise
    if ex is None or not is_test(ex.id):
        return False
    if ex.kind == "count_in_time":
        elapsed = test_elapsed_s(live)
        return elapsed is not None and elapsed >= ex.time_limit_s + TEST_END_GRACE_S
    if ex.kind == "time_for_count":
        return len(live.reps) >= ex.count
    if ex.kind == "duration":
        return len(live.reps) >= 1 and _seated_again(ex, live.reps, trace)
    return False


def _seated_again(ex: Exercise, reps: list[RepCompleted], trace: AngleTrace) -> bool:
    """Seated and still for SEATED_S at the end of the recording, after the rise."""
    t, deg = trace.view()
    if not len(t) or t[-1] - reps[0].start_s < SEATED_S:
        return False
    last = deg[t >= t[-1] - SEATED_S]
    if len(last) < 3 or t[-1] - t[-len(last)] < 0.9 * SEATED_S:
        return False
    sitting = ex.start_posture.angle_deg
    return bool(np.all(np.abs(last - sitting) <= SEATED_TOL_DEG)
                and np.ptp(last) <= SEATED_STILL_DEG)


def watch_test_end(live: LiveSet) -> Callable[[], bool]:
    """For a set recorded outside the app (``monitor record``): a function that says when
    the battery test's protocol is done (:func:`test_done`), so that the set ends there as
    it does in the app. The set's angle is traced through the pipeline's listener."""
    ex = live.pipeline.exercise
    if ex is None or not is_test(ex.id):
        return lambda: False
    trace = AngleTrace(int(TRACE_S * 200))
    live.pipeline.listener = trace.extend
    return lambda: test_done(live, trace)


# Modules the live pipeline imports at its first use, not at start-up (each takes a second or
# more to import, longer on a busy machine): scipy.signal measures the first repetition of an
# exercise counted on the thigh and measured at the knee. Imported on a thread of their own as
# soon as a patient's session opens, so that the first repetition never waits for them: on
# the caller's thread that was a freeze of the live view at the first repetition, and for a
# group several seconds of everyone's samples arriving at once.
_WARM_UP: Final = ("scipy.signal",)
_warming: threading.Thread | None = None


def warm_up_imports() -> None:
    """Start importing what the live pipeline will need (once, in the background)."""
    global _warming
    if _warming is None and not all(m in sys.modules for m in _WARM_UP):
        _warming = threading.Thread(target=_import_all, name="warm-up-imports", daemon=True)
        _warming.start()


def _import_all() -> None:
    for name in _WARM_UP:
        with contextlib.suppress(Exception):   # a failure shows where it is used, in words
            load(name)              # one import at a time with the other threads (lazy.py)


class LiveController:
    """State of one patient's session: sensors, calibration, the running set, its reps."""

    def __init__(self, store: Store, patient: str, exercise_id: str | None = None,
                 label: str | None = None, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        warm_up_imports()
        self.store = store
        self.patient = patient
        self.clock = clock
        self.session_id = store.new_session(patient, label)
        # A patient with a programme: the visit follows it (its next exercise, its dose).
        self.visit = Visit(store, patient, self.session_id)
        if exercise_id is None:
            step = self.visit.current
            exercise_id = step.exercise if step is not None else DEFAULT_EXERCISE
        self.exercise: Exercise = get_exercise(exercise_id)
        self.visit.select(exercise_id)
        self.targets = self._patient_targets()
        self.sensors: dict[str, SensorInfo] = {}
        self.mountings: dict[str, Mounting] = {}
        self.calibration: CalibrationReport | None = None
        self.source: DemoSource | BleSource | None = None
        # The connection the recorder writes with, when the patient trains in a group.
        self.shared_writer: SharedWriter | None = None
        self.live: LiveSet | None = None
        self.set_id: int | None = None
        self.state = "idle"                  # idle | running | paused | calibrating
        self.checking = False                # calibrating = a quick check of a stored one
        self._check_started = 0.0
        self.reps: list[RepCompleted] = []
        self.trace = AngleTrace(int(TRACE_S * 200))
        self.latest_deg: float | None = None
        self.messages: list[str] = []
        self.set_ids: list[int] = []
        self.demo_speed = 1.0
        self.demo_reps = 10
        self.demo_slip_deg = 0.0             # demo: the shank sensor turns on its strap
        self.demo_hip_helps_deg = 0.0        # demo: the thigh lifts with each repetition
        self.ble_links: dict = {}
        self._watcher: LinkWatcher | None = None   # watches the Bluetooth links
        self._cal: dict[str, list[ImuBatch]] = {}
        self.poll_extreme_deg: float | None = None
        self.store_failed = False            # storing the set failed: the view stops it
        self.store_waiting = False           # another program holds the database
        self.store_offline = False           # the database server cannot be reached
        self.target_armed = True
        self.target_cues = 0                 # target tones due since the set started

    def set_exercise(self, exercise_id: str) -> None:
        """The next sets are of another exercise (same patient, same session): its targets
        from the catalogue; the calibration is redone or checked (its start posture and
        often its movement axis differ)."""
        if self.state != "idle":
            raise RuntimeError("the exercise cannot change during a set")
        self.exercise = get_exercise(exercise_id)
        self.visit.select(exercise_id)
        self.targets = self._patient_targets()
        self.mountings = {}
        self.calibration = None

    def _patient_targets(self) -> Targets:
        """The patient's dose of this exercise (the programme), else the catalogue's."""
        item = programme_item(self.store, self.patient, self.exercise.id)
        self._loaded_dose = item.dose if item is not None else default_dose(self.exercise)
        return Targets.of(self._loaded_dose)

    def _keep_targets(self) -> None:
        """Targets, tempo and load changed during the visit are the patient's from now on:
        they go into the programme (dated, with the reason)."""
        if self.exercise.kind != "repetitions":
            return
        dose = self.targets.dose()
        if dose == self._loaded_dose:
            return
        prescribe(self.store, self.patient, self.exercise.id, sets=dose.sets, reps=dose.reps,
                  load=dose.load, tempo_s=dose.tempo_s, target_deg=dose.target_deg,
                  rest_s=dose.rest_s, reason="changed during the visit")
        self._loaded_dose = dose
        self.visit.refresh()

    def next_exercise(self) -> str | None:
        """Go on to the programme's next exercise with sets to do (None: all done)."""
        step = self.visit.next_exercise()
        if step is None:
            return None
        self.set_exercise(step.exercise)
        return step.exercise

    def answer(self, value: int | None) -> None:
        """The answer to the visit's first open question (pain or effort; None: skipped);
        the visit's adherence record follows (efforts are part of it)."""
        q = self.visit.answer(value)
        if q is not None and q.kind == "effort" and value is not None:
            save_adherence(self.store, self.patient, self.session_id)

    # -- a test of the measurement battery ------------------------------------------------
    @property
    def test(self) -> dict | None:
        """The battery test this exercise is (None: a training exercise)."""
        return battery_test(self.exercise.id) if is_test(self.exercise.id) else None

    def test_elapsed_s(self) -> float | None:
        """Time since the test started on the sensors' clock (see :func:`test_elapsed_s`)."""
        return None if self.live is None else test_elapsed_s(self.live)

    def test_done(self) -> bool:
        """The protocol's own end (see :func:`test_done`): the view then stops the set."""
        if self.test is None or self.live is None:
            return False
        return test_done(self.live, self.trace)

    def rest_remaining_s(self) -> float | None:
        return self.visit.rest_remaining_s(self.clock())

    def visit_position(self) -> dict | None:
        """Where the visit stands: exercise k of n, set k of n, the load (None: the
        exercise is not in the programme)."""
        v = self.visit
        step = v.current
        if step is None or step.exercise != self.exercise.id:
            return None
        return {"exercise_number": v.index + 1, "exercises": len(v.steps),
                "set_number": v.set_number(), "sets": self.targets.sets,
                "load": self.targets.load, "done": step.complete,
                "programme_done": v.finished}

    # -- sensors ---------------------------------------------------------------------------
    def connect_demo(self, rate_hz: float = 50.0, speed: float = 1.0, reps: int = 10,
                     both_legs: bool = False) -> None:
        """Simulated sensors on the right thigh and shank (and the left leg), at random."""
        self.demo_speed, self.demo_reps = speed, reps
        self.demo_rate = rate_hz
        self.ble_links = {}
        self._watcher = None
        self.sensors = {
            "thigh": SensorInfo("thigh", "simulated", "Demo sensor A", "00:00:00:00:00:01",
                                "right_thigh", rate_hz, battery_pct=87, rssi_dbm=-52),
            "shank": SensorInfo("shank", "simulated", "Demo sensor B", "00:00:00:00:00:02",
                                "right_shank", rate_hz, battery_pct=64, rssi_dbm=-58),
        }
        if both_legs:
            for seg, addr in (("thigh", "03"), ("shank", "04")):
                self.sensors[f"left_{seg}"] = SensorInfo(
                    f"left_{seg}", "simulated", f"Demo sensor {addr}", f"00:00:00:00:00:{addr}",
                    f"left_{seg}", rate_hz, battery_pct=90, rssi_dbm=-60, label_source=seg)

    def connect_ble(self, links: dict) -> None:
        """Sensors connected over Bluetooth (label -> SensorLink with its placement)."""
        from devices.ble import LinkWatcher

        self.ble_links = links
        self._watcher = LinkWatcher(links)
        self.sensors = {}
        for label, link in links.items():
            f = link.found
            self.sensors[label] = SensorInfo(label, f.family, f.name, f.address,
                                             link.placement, link.rate_hz,
                                             battery_pct=link.battery_pct, rssi_dbm=f.rssi,
                                             status=link.status)

    def battery_warnings(self) -> list[Message]:
        """Sensors whose battery may not last a set (said before it starts)."""
        self.refresh_sensor_status()
        return [w for w in (link.battery_warning() for link in self.ble_links.values())
                if w is not None]

    def watch_links(self) -> list[Message]:
        """What happened to the Bluetooth links since the last call (an adapter pulled out,
        Bluetooth switched off, a sensor that stopped sending, each coming back), said once;
        also added to :attr:`messages`."""
        if self._watcher is None:
            return []
        new = self._watcher.changes()
        self.messages += new
        return new

    def refresh_sensor_status(self) -> None:
        for label, link in self.ble_links.items():
            info = self.sensors.get(label)
            if info is not None:
                info.status = link.status
                info.battery_pct = link.battery_pct
                if link.aligner is not None:
                    info.lost_pct = link.aligner.stats.lost_pct

    # -- calibration -----------------------------------------------------------------------
    def calibrate_demo(self) -> CalibrationReport:
        """Still pose + three slow movements, with the demo sensors as they are strapped."""
        sim = simulate_session(self.exercise.id, reps=3, rate_hz=self.demo_rate, seed=99,
                               mounting="random", mounting_seed=11, fidgets=False,
                               pauses=False)
        return self.calibrate_from({lab: b for lab, b in sim.recording.sensors.items()
                                    if lab in self.sensors})

    def calibrate_from(self, samples: dict[str, ImuBatch]) -> CalibrationReport:
        ups, gyrs, rates, segs, times, accs = {}, {}, {}, {}, {}, {}
        for label, b in samples.items():
            accs[label] = b.acc_m_s2
            rate = b.nominal_rate_hz()
            o = OrientationTracker(rate).update(b.time_s, b.acc_m_s2, b.gyr_rad_s)
            ups[label], gyrs[label], rates[label] = o.up, o.gyr_rad_s, rate
            times[label] = o.time_s
            segs[label] = self.sensors[label].segment
        ex = self.exercise
        if ex.counts_any_movement:
            report = calibrate_any_movement(segs, ups, gyrs, rates, accs=accs)
            return self._accept(report)
        if ex.primary not in segs.values():
            # The segment the exercise is measured on has no sensor: said, not left blank.
            report = CalibrationReport({}, [Message(
                "This exercise is measured on the {segment}: strap a sensor there.",
                segment=ex.primary)], False)
            self.calibration = report
            return report
        start = {"thigh": ex.start_posture.thigh_deg, "shank": ex.start_posture.shank_deg}
        # Segments the reported angle does not use need no calibration (the thigh in a heel
        # raise): the report treats them like a segment the exercise keeps still.
        change = {seg: v for seg, v in expected_segment_change(ex).items()
                  if seg in ex.angle_segments}
        tip = ("Rise onto the toes and lower slowly three times." if ex.count_on == "rise"
               else "Lift and lower the leg slowly three times." if ex.angle.startswith("hip_")
               and ex.plane == "sagittal" else "Bend and stretch the joint slowly three times.")
        report = calibrate(segs, ups, gyrs, rates, change, start, times=times,
                           plane=ex.plane, movement_tip=tip, accs=accs)
        return self._accept(report)

    def _accept(self, report: CalibrationReport) -> CalibrationReport:
        self.calibration = report
        if report.accepted:
            self.mountings = report.mountings()
            if self.exercise.counts_any_movement:
                # It describes this movement only (its rest posture is angle 0, its axis
                # may be vertical): not the patient's calibration for other exercises.
                return report
            for label, m in self.mountings.items():
                self.store.save_calibration(self.patient, self.sensors[label].placement,
                                            self.sensors[label].address, m.to_json(),
                                            m.quality)
        return report

    def stored_mountings(self) -> dict[str, Mounting]:
        """This patient's last calibration of each connected sensor at its placement."""
        out = {}
        for label, s in self.sensors.items():
            data = self.store.latest_calibration(self.patient, s.placement, s.address)
            if data is not None:
                out[label] = Mounting.from_json(data)
        return out

    def quick_check(self, samples: dict[str, ImuBatch]) -> tuple[bool, list[Message]]:
        """Does the stored calibration still fit the sensors as they sit now (still pose)?"""
        from calibration.guided import check_fit

        stored = self.stored_mountings()
        ex = self.exercise
        start = {"thigh": ex.start_posture.thigh_deg, "shank": ex.start_posture.shank_deg}
        problems = []
        for label, m in stored.items():
            b = samples.get(label)
            if b is None or len(b) < 10:
                problems.append(Message("no data from the {placement} sensor",
                                        placement=self._placement_words(label)))
                continue
            rate = b.nominal_rate_hz()
            n = min(len(b), int(2.0 * rate))
            o = OrientationTracker(rate).update(b.time_s[:n], b.acc_m_s2[:n], b.gyr_rad_s[:n])
            ok, dev = check_fit(m, o.up, o.gyr_rad_s, rate, start[self.sensors[label].segment])
            if not ok:
                problems.append(Message("the {placement} sensor sits differently than last "
                                        "time ({deg}°): calibrate again",
                                        placement=self._placement_words(label),
                                        deg=f"{dev:.0f}"))
        if not stored:
            problems.append(Message("no stored calibration for these sensors"))
        if not problems:
            self.mountings = stored
        return not problems, problems

    def _placement_words(self, label: str) -> str:
        return self.sensors[label].placement.replace("_", " ")

    def start_quick_check(self) -> None:
        """Record from the sensors until they have been still for QUICK_CHECK_STILL_S."""
        self._cal = {label: [] for label in self.sensors}
        if self.ble_links:
            self.source = BleSource(self.ble_links)
        else:
            self.source = DemoSource(self.exercise.id, 1, self.demo_rate, seed=98,
                                     speed=self.demo_speed, only=list(self.sensors))
        self.source.start(self.clock())
        self._check_started = self.clock()
        self.state = "calibrating"
        self.checking = True

    def quick_check_step(self) -> tuple[bool, list[Message]] | None:
        """Call while checking: None until the sensors were still long enough (or it timed
        out), then the result of :meth:`quick_check` on that still stretch."""
        self.poll()
        still = {lab: still_tail(ImuBatch.concat(b), QUICK_CHECK_STILL_S)
                 for lab, b in self._cal.items() if b}
        timed_out = self.clock() - self._check_started > QUICK_CHECK_TIMEOUT_S
        if len(still) < len(self.sensors) or any(v is None for v in still.values()):
            if not timed_out:
                return None
            self._end_check()
            return False, [Message("the sensors did not stay still: hold the leg still in "
                                   "the start posture and try again")]
        self._end_check()
        return self.quick_check({lab: v for lab, v in still.items() if v is not None})

    def _end_check(self) -> None:
        self.state = "idle"
        self.source = None
        self.checking = False

    def start_calibration(self) -> None:
        """Record the still pose and a few slow movements from the real sensors."""
        self._cal = {label: [] for label in self.sensors}
        self.source = BleSource(self.ble_links)
        self.source.start(self.clock())
        self.state = "calibrating"

    def calibration_progress(self) -> dict:
        """Live feedback while calibrating: seconds recorded, still now?, rotation so far."""
        out = {"seconds": 0.0, "still": False, "rotation_deg": 0.0}
        batches = [b for bl in self._cal.values() for b in bl[-3:]] if self.state == \
            "calibrating" else []
        if not batches:
            return out
        first = next(iter(self._cal.values()))
        if first:
            out["seconds"] = float(first[-1].time_s[-1] - first[0].time_s[0])
            rate = np.linalg.norm(np.concatenate([b.gyr_rad_s for b in first]), axis=1)
            dt = 1.0 / self.sensors[next(iter(self._cal))].rate_hz
            out["rotation_deg"] = float(np.degrees(rate[rate > 0.12].sum() * dt))
        recent = np.concatenate([b.gyr_rad_s for b in batches])
        out["still"] = bool(np.linalg.norm(recent, axis=1).max() < 0.12)
        return out

    def cancel_calibration(self) -> None:
        """A calibration broken off: nothing of it is kept."""
        if self.state == "calibrating":
            self._cal = {}
            self._end_check()

    def finish_calibration(self) -> CalibrationReport:
        self.poll()
        samples = {lab: ImuBatch.concat(b) for lab, b in self._cal.items() if b}
        self.state = "idle"
        self.source = None
        if not samples or min(len(b) for b in samples.values()) < 10:
            report = CalibrationReport({}, ["No data from the sensors: check that they are "
                                            "connected."], False)
            self.calibration = report
            return report
        return self.calibrate_from(samples)

    # -- sets ------------------------------------------------------------------------------
    def start_set(self) -> None:
        if self.state != "idle":
            return
        ex = self.exercise
        sensors: dict[str, dict[str, Any]] = {
            lab: {"placement": s.placement, "segment": s.segment, "rate_hz": s.rate_hz,
                  **sensor_identity(s.family)} for lab, s in self.sensors.items()}
        primary = next((lab for lab, s in self.sensors.items() if s.segment == ex.primary),
                       next(iter(self.sensors)))
        if ex.counts_any_movement and self.mountings:
            # Any movement: the sensor its calibration found moving most is measured.
            primary = next((lab for lab in self.mountings
                            if self.sensors[lab].segment == ex.primary),
                           next(iter(self.mountings)))
        # The pipeline measures one leg (thigh + shank); every sensor is recorded.
        leg = self.sensors[primary].placement.split("_")[0]
        used = {lab: s for lab, s in sensors.items()
                if s["placement"].startswith(leg + "_") or "_" not in s["placement"]}
        self._keep_targets()
        self.visit.drop_effort_questions()
        self.visit.end_rest()
        self.live, self.set_id = open_live_set(
            self.store, self.session_id, ex.id, sensors, primary, self.mountings,
            measured=list(used),
            targets={"rom_band_deg": list(self.targets.rom_band_deg),
                     "tempo_s": list(self.targets.tempo_s),
                     "reps_per_set": self.targets.reps_per_set},
            on_error=self._store_error, shared=self.shared_writer,
            prescription=prescription_for(self.store, self.patient, self.session_id, ex.id,
                                          self.targets.load))
        self.set_ids.append(self.set_id)
        self.store_failed = False
        self.reps = []
        self.target_armed, self.target_cues = True, 0
        self.trace = AngleTrace(self.trace.capacity)
        self.live.pipeline.listener = self._angles
        if self.ble_links:
            self.source = BleSource(self.ble_links)
            self.source.start(self.clock())
        elif any(s.family == "simulated" for s in self.sensors.values()):
            extra = {lab: s.label_source for lab, s in self.sensors.items()
                     if s.label_source}
            self.source = DemoSource(ex.id, self.demo_reps, self.demo_rate,
                                     seed=self.set_id, speed=self.demo_speed,
                                     extra_sensors=extra, slip_deg=self.demo_slip_deg,
                                     only=list(self.sensors),
                                     hip_helps_deg=self.demo_hip_helps_deg)
            self.source.start(self.clock())
        self.state = "running"

    def _angles(self, t: np.ndarray, deg: np.ndarray) -> None:
        self.trace.extend(t, deg)
        # The furthest the angle went in the outward direction since the last poll.
        far = float(self.exercise.outward_sign * np.max(self.exercise.outward_sign * deg))
        if self.poll_extreme_deg is None or self.exercise.outward_sign * (
                far - self.poll_extreme_deg) > 0:
            self.poll_extreme_deg = far
        # The target tone: once per repetition, the moment the angle comes within
        # TARGET_CUE_DEG of the end of the target range (decided on the samples, so it does
        # not depend on how often the screen is redrawn).
        if self.target_armed and self.mountings:
            reach = self.exercise.outward_sign * (deg - self.target_end_deg())
            if np.any(reach >= -TARGET_CUE_DEG):
                self.target_cues += 1
                self.target_armed = False

    def pause(self) -> None:
        if self.state == "running":
            self.state = "paused"
        elif self.state == "paused":
            self.state = "running"

    def stop_set(self) -> dict | None:
        if self.live is None:
            return None
        extra = None
        if isinstance(self.source, BleSource):
            for label, batch, arrival in self.source.finish(self.clock()):
                self.sensors[label].samples += len(batch)
                if self.state != "paused":
                    self.live.feed(label, batch, arrival)
            extra = {"sensors": self.source.stats()}
        summary = self.live.finish(extra)
        recorder = self.live.recorder
        if recorder is not None and recorder.status == "waiting":
            self.messages.append(Message(
                "The set is stopped; its last samples wait in memory until the session "
                "database is free: keep the app open."))
        if recorder is not None and recorder.offline_since is not None \
                and recorder.error is None:
            self.messages.append(Message(
                "The set is kept on this computer ({n} commits wait in {spool}): it is "
                "uploaded when the database server answers again.", n=recorder.spooled,
                spool=recorder.spool_path))
        self.reps = list(self.live.reps)
        self.live = None
        self.source = None
        self.state = "idle"
        self.visit.set_finished(self.set_id, self.exercise.id, summary["rep_count"],
                                self.clock())
        try:
            save_adherence(self.store, self.patient, self.session_id)
        except StoreError as exc:
            self._store_error(exc)
        return summary

    def _store_error(self, exc: StoreError) -> None:
        self.messages.append(exc.args[0] if exc.args and isinstance(exc.args[0], Message)
                             else str(exc))

    def target_end_deg(self) -> float:
        """The end of the target band the first phase should reach."""
        lo, hi = self.targets.rom_band_deg
        return hi if self.exercise.outward_sign > 0 else lo


    def poll(self) -> list[RepCompleted]:
        """Process everything that arrived since the last call; returns the new reps."""
        if self.state == "calibrating" and self.source is not None:
            for label, batch, _ in self.source.poll(self.clock()):
                self._cal[label].append(batch)
                self.sensors[label].samples += len(batch)
            return []
        if self.live is None or self.source is None:
            return []
        new: list[RepCompleted] = []
        self.refresh_sensor_status()
        self.watch_links()
        self.poll_extreme_deg = None
        for label, batch, arrival in self.source.poll(self.clock()):
            self.sensors[label].samples += len(batch)
            if self.state == "paused":
                continue
            done = self.live.feed(label, batch, arrival)
            if done:
                self.target_armed = True      # the next repetition may sound it again
            new += done
        self.reps.extend(new)         # flagged by the live set, as they are stored
        self.latest_deg = self.live.pipeline.latest_deg
        self._watch_store()
        return new

    def _watch_store(self) -> None:
        """Say when another program holds the database (the set goes on, in memory) and
        when it lets go; a storage error stops the set (``store_failed``)."""
        rec = self.live.recorder if self.live is not None else None
        if rec is None:
            return
        if rec.error is not None:
            self.store_failed = True
        waiting = rec.waiting_since is not None
        if waiting and not self.store_waiting:
            self.messages.append(Message(
                "The session database is in use by another program: the set goes on, its "
                "samples wait in memory and are saved as soon as the database is free."))
        elif self.store_waiting and not waiting and rec.error is None:
            self.messages.append(Message("The session database is free again: every sample "
                                         "of this set so far is saved."))
        self.store_waiting = waiting
        offline = rec.offline_since is not None
        if offline and not self.store_offline:
            self.messages.append(Message(
                "The database server cannot be reached: the set goes on and is kept on this "
                "computer until the server answers again."))
        elif self.store_offline and not offline and rec.error is None:
            self.messages.append(Message("The database server answers again: everything "
                                         "recorded meanwhile is uploaded."))
        self.store_offline = offline
