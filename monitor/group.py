"""A small group: one therapist, 2-8 participants training at once, each with their own
sensors, programme and calibration.

Pure (no Qt): each participant is a :class:`monitor.live.LiveController` of their own, so a
participant's sets go into their own record exactly as in a one-to-one session (their
programme's next exercise and dose, their calibration, the recorder that commits every
0.25 s), and the group session only links those sessions (``group_members``) and keeps what
the group view shows: one :class:`Tile` per participant, with the flags that make a
participant stand out.

The clock is passed in (``clock``), so a whole group can be run in a test or a benchmark
without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from calibration.guided import CalibrationReport
from monitor.core.errors import ConfigurationError
from monitor.core.messages import Message
from monitor.live import DemoSource, LiveController
from monitor.signal.reps import RepCompleted
from recordings.recorder import SharedWriter
from recordings.store import Store

MIN_PARTICIPANTS: Final = 2
MAX_PARTICIPANTS: Final = 8
# A running participant whose sensor delivered nothing for this long is flagged "sensor
# silent": at >= 25 Hz a second without a sample is never a slow sensor (the link's own
# watchdog reconnects after 2 s, devices.ble.WATCHDOG_S).
SILENT_S: Final = 1.0
# Below this a sensor may not last the session (devices.ble.LOW_BATTERY_PCT, kept in step).
LOW_BATTERY_PCT: Final = 10

# The demo group: what each participant trains (with thigh and shank sensors the simulator
# moves) and the first names shown on their tiles.
DEMO_EXERCISES: Final = ("knee_extension_seated", "sit_to_stand", "straight_leg_raise",
                         "squat", "hip_abduction_side_lying", "step_up", "bridge",
                         "heel_raise")
DEMO_NAMES: Final = ("Anna", "Bram", "Carla", "Daan", "Eva", "Frits", "Gerda", "Hans")

# The flags a tile can raise, in the order the view lists them.
FLAGS: Final = ("sensor_silent", "low_battery", "not_calibrated", "short_of_range",
                "too_fast", "hip_helping")
# Repetition flags (monitor.signal.reps, monitor.signal.pipeline) -> tile flags.
REP_FLAGS: Final = {"below_target_range": "short_of_range",
                    "faster_than_prescribed": "too_fast", "thigh_moved": "hip_helping"}


class GroupError(ConfigurationError):
    """A group that cannot be formed as asked (too many participants, one twice)."""


@dataclass
class Tile:
    """What the group view shows of one participant (plain data, refreshed every poll)."""

    code: str
    shown_as: str
    exercise: str
    state: str                                  # idle | running | paused | calibrating
    set_number: int
    sets: int
    rep_count: int
    reps_target: int
    angle_deg: float | None
    band_deg: tuple[float, float]
    outward_sign: int
    flags: tuple[str, ...] = ()
    calibrated: bool = False
    # While calibrating: seconds recorded, still now, degrees turned so far.
    calibration: tuple[float, bool, float] | None = None

    @property
    def attention(self) -> bool:
        """The participant needs the therapist: a flag is up."""
        return bool(self.flags)


@dataclass
class Participant:
    code: str
    shown_as: str
    position: int
    controller: LiveController
    sets_done: int = 0
    last_samples: int = 0
    last_sample_at: float | None = None
    summaries: list[dict] = field(default_factory=list)

    @property
    def session_id(self) -> int:
        return self.controller.session_id


class GroupSession:
    """The participants of one group session and their live sets."""

    def __init__(self, store: Store, label: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.store = store
        self.label = label
        self.clock = clock
        self.group_id = store.new_group(label)
        # The participants' recorders write with one connection (see SharedWriter).
        self.writer = SharedWriter(store)
        self.participants: list[Participant] = []
        # The last calibration of each participant in this session (CalibrationReport).
        self.calibration_results: dict[str, CalibrationReport] = {}
        # Called when the group session ends (the app releases the group's sensors).
        self.on_end: Callable[[], None] | None = None

    # -- forming the group ----------------------------------------------------------------
    def add(self, code: str, shown_as: str | None = None, exercise: str | None = None
            ) -> Participant:
        """A participant: their session of today (or of ``label``), their programme's next
        exercise (or ``exercise``)."""
        if len(self.participants) >= MAX_PARTICIPANTS:
            raise GroupError(Message("A group has at most {n} participants.",
                                     n=MAX_PARTICIPANTS))
        if any(p.code == code for p in self.participants):
            raise GroupError(Message("Patient {code} is in the group already.", code=code))
        ctrl = LiveController(self.store, code, exercise, self.label, clock=self.clock)
        ctrl.shared_writer = self.writer
        p = Participant(code, shown_as or code, len(self.participants), ctrl)
        self.store.add_group_member(self.group_id, ctrl.session_id, p.position, p.shown_as)
        self.participants.append(p)
        return p

    def participant(self, code: str) -> Participant:
        for p in self.participants:
            if p.code == code:
                return p
        raise KeyError(code)

    def check_size(self) -> None:
        if len(self.participants) < MIN_PARTICIPANTS:
            raise GroupError(Message("A group needs at least {n} participants.",
                                     n=MIN_PARTICIPANTS))

    # -- sensors --------------------------------------------------------------------------
    def connect_demo(self, rate_hz: float = 50.0, speed: float = 1.0, reps: int = 10
                     ) -> None:
        """Simulated thigh and shank sensors for everyone (addresses of their own)."""
        for p in self.participants:
            ctrl = p.controller
            ctrl.connect_demo(rate_hz, speed, reps)
            for k, info in enumerate(ctrl.sensors.values()):
                info.address = f"00:00:00:00:{p.position + 1:02X}:{k + 1:02X}"
                info.name = f"Demo sensor {p.position + 1}{'AB'[k]}"

    def connect_ble(self, links: dict[str, dict]) -> None:
        """Bluetooth sensors: patient code -> {placement: SensorLink}."""
        for code, own in links.items():
            self.participant(code).controller.connect_ble(own)

    # -- calibration ----------------------------------------------------------------------
    def start_calibration(self, code: str | None = None) -> list[str]:
        """Calibrate one participant, or everyone who is not exercising, at once: each
        holds still in the start posture, then makes the calibration movements, at the same
        time; their sensors are recorded side by side. The codes calibrating now."""
        started = []
        for p in self._chosen(code):
            c = p.controller
            if c.state != "idle" or not c.sensors:
                continue
            if c.ble_links:
                c.start_calibration()
                started.append(p.code)
            else:                       # simulated sensors: their calibration at once
                self.calibration_results[p.code] = c.calibrate_demo()
        return started

    def finish_calibration(self, code: str | None = None) -> dict[str, CalibrationReport]:
        """End the calibration of one participant or of everyone calibrating: each is
        accepted or refused on their own (the refused keep the advice why)."""
        out = {}
        for p in self._chosen(code):
            if p.controller.state == "calibrating" and not p.controller.checking:
                out[p.code] = self.calibration_results[p.code] = \
                    p.controller.finish_calibration()
        return out

    @property
    def calibrating(self) -> list[str]:
        return [p.code for p in self.participants if p.controller.state == "calibrating"]

    def calibrate_demo(self) -> dict[str, CalibrationReport]:
        """Each participant's calibration with the demo sensors (their own, stored in
        their record)."""
        for p in self.participants:
            self.calibration_results[p.code] = p.controller.calibrate_demo()
        return dict(self.calibration_results)

    # -- sets -----------------------------------------------------------------------------
    def _chosen(self, code: str | None) -> list[Participant]:
        return self.participants if code is None else [self.participant(code)]

    def start(self, code: str | None = None) -> None:
        """Start the set of one participant, or of everyone who is not exercising."""
        started = []
        for p in self._chosen(code):
            if p.controller.state == "idle" and p.controller.sensors:
                p.controller.start_set()
                started.append(p)
        now = self.clock()
        for p in started:
            p.last_samples = sum(s.samples for s in p.controller.sensors.values())
            p.last_sample_at = now
            if isinstance(p.controller.source, DemoSource):
                # Simulated sets begin together, once all are simulated (which takes
                # seconds for a whole group on a busy machine): the first would otherwise
                # start with those seconds as one burst of samples.
                p.controller.source.start(now)

    def stop(self, code: str | None = None) -> dict[str, dict]:
        """Stop the set of one participant or of everyone exercising; their summaries."""
        out = {}
        for p in self._chosen(code):
            if p.controller.live is None:
                continue
            summary = p.controller.stop_set()
            if summary is not None:
                p.summaries.append(summary)
                if summary.get("rep_count"):
                    p.sets_done += 1
                out[p.code] = summary
        return out

    def poll(self) -> dict[str, list[RepCompleted]]:
        """Process what every participant's sensors delivered; the new repetitions of each."""
        now = self.clock()
        out = {}
        for p in self.participants:
            new = p.controller.poll()
            if new:
                out[p.code] = new
            samples = sum(s.samples for s in p.controller.sensors.values())
            if samples != p.last_samples:
                p.last_samples, p.last_sample_at = samples, now
        return out

    @property
    def demo_finished(self) -> bool:
        """Every running participant's simulated set has been delivered completely."""
        return all(p.controller.source is None or p.controller.source.finished
                   for p in self.participants)

    def end(self) -> dict[str, dict]:
        """Stop every set and close the group session."""
        out = self.stop()
        for p in self.participants:
            if p.controller.state == "calibrating":
                p.controller.cancel_calibration()     # not finished: not kept
        self.store.end_group(self.group_id)
        self.writer.close()
        if self.on_end is not None:
            self.on_end()
            self.on_end = None
        return out

    # -- what the view shows --------------------------------------------------------------
    def tile(self, p: Participant) -> Tile:
        ctrl = p.controller
        ex = ctrl.exercise
        position = ctrl.visit_position()
        sets = ctrl.targets.sets
        if position is not None:
            number = position["set_number"]
        else:
            number = min(p.sets_done + (0 if ctrl.state == "idle" else 1), sets) or 1
        flags: list[str] = []
        finished_demo = ctrl.source is not None and getattr(ctrl.source, "finished", False)
        if ctrl.state in ("running", "paused") and not finished_demo and (
                any(s.status != "connected" for s in ctrl.sensors.values())
                or (p.last_sample_at is not None
                    and self.clock() - p.last_sample_at > SILENT_S)):
            flags.append("sensor_silent")
        if any(s.battery_pct is not None and s.battery_pct <= LOW_BATTERY_PCT
               for s in ctrl.sensors.values()):
            flags.append("low_battery")
        result = self.calibration_results.get(p.code)
        if result is not None and not result.accepted and not ctrl.mountings \
                and ctrl.state != "calibrating":
            # Refused (and training anyway): stands out until they are calibrated.
            flags.append("not_calibrated")
        if ctrl.reps:
            for f in ctrl.reps[-1].flags:
                if f in REP_FLAGS and REP_FLAGS[f] not in flags:
                    flags.append(REP_FLAGS[f])
        flags.sort(key=FLAGS.index)
        progress = None
        if ctrl.state == "calibrating" and not ctrl.checking:
            pr = ctrl.calibration_progress()
            progress = (round(pr["seconds"], 1), pr["still"], round(pr["rotation_deg"]))
        lo, hi = sorted(ctrl.targets.rom_band_deg)
        return Tile(p.code, p.shown_as, ex.id, ctrl.state, number, sets, len(ctrl.reps),
                    ctrl.targets.reps_per_set, ctrl.latest_deg, (lo, hi), ex.outward_sign,
                    tuple(flags), bool(ctrl.mountings), progress)

    def tiles(self) -> list[Tile]:
        return [self.tile(p) for p in self.participants]

    def summary_json(self) -> dict:
        """Per participant: patient, tile name, session, sets and their counts."""
        return {"group": self.group_id, "participants": [
            {"patient": p.code, "shown_as": p.shown_as, "session": p.session_id,
             "exercise": p.controller.exercise.id, "sets": list(p.controller.set_ids),
             "rep_count": sum(s.get("rep_count", 0) for s in p.summaries),
             "set_rep_counts": [s.get("rep_count", 0) for s in p.summaries]}
            for p in self.participants]}


def demo_group(store: Store, participants: int, clock: Callable[[], float] = time.monotonic,
               rate_hz: float = 50.0, speed: float = 1.0, reps: int = 10,
               label: str | None = None) -> GroupSession:
    """A demo group of ``participants`` demo patients (created the first time), each with a
    different exercise and simulated sensors, calibrated."""
    if not MIN_PARTICIPANTS <= participants <= MAX_PARTICIPANTS:
        raise GroupError(Message("A group has {lo} to {hi} participants, not {n}.",
                                 lo=MIN_PARTICIPANTS, hi=MAX_PARTICIPANTS, n=participants))
    group = GroupSession(store, label, clock)
    for i in range(participants):
        code = f"DEMO{i + 1:02d}"
        if store.patient(code) is None:
            store.save_patient(code)
        group.add(code, DEMO_NAMES[i], DEMO_EXERCISES[i % len(DEMO_EXERCISES)])
    group.connect_demo(rate_hz, speed, reps)
    group.calibrate_demo()
    return group


def motion_energy(gyr_rad_s: np.ndarray, acc_m_s2: np.ndarray) -> float:
    """How much a sensor is being moved: mean squared angular rate plus the variance of the
    specific force (a tap is a short spike of both; a sensor lying still gives ~0)."""
    if len(gyr_rad_s) == 0:
        return 0.0
    g = float(np.mean(np.sum(gyr_rad_s ** 2, axis=1)))
    a = float(np.mean(np.var(acc_m_s2, axis=0).sum())) / 9.81 ** 2
    return g + a


# The sensor being shaken or tapped stands out when its motion energy is this many times
# that of the next most moving sensor (sensors on a table or in a box barely move; one in
# a hand that is not shaken moves a little).
PICK_RATIO: Final = 5.0
# ... and is at least this much (rad/s)^2: a sensor merely held still in a hand does not.
PICK_MIN_ENERGY: Final = 0.5


def picked_sensor(energies: dict[str, float]) -> str | None:
    """The sensor that is being shaken or tapped (None: none stands out)."""
    if not energies:
        return None
    ranked = sorted(energies.items(), key=lambda kv: -kv[1])
    best, e = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if e >= PICK_MIN_ENERGY and e >= PICK_RATIO * runner_up:
        return best
    return None


class SensorPicker:
    """Assignment: "shake or tap the sensor you are holding". Fed the sensors' batches after
    a scan, it names the one whose motion stands out over the last ``window_s``."""

    def __init__(self, window_s: float = 1.0) -> None:
        self.window_s = window_s
        self._recent: dict[str, list] = {}

    def feed(self, sensor: str, time_s: np.ndarray, gyr_rad_s: np.ndarray,
             acc_m_s2: np.ndarray) -> None:
        kept = self._recent.setdefault(sensor, [])
        kept.append((np.asarray(time_s), np.asarray(gyr_rad_s), np.asarray(acc_m_s2)))
        end = kept[-1][0][-1] if len(kept[-1][0]) else 0.0
        while kept and len(kept[0][0]) and kept[0][0][-1] < end - self.window_s:
            kept.pop(0)

    def energies(self) -> dict[str, float]:
        out = {}
        for sensor, kept in self._recent.items():
            if kept:
                out[sensor] = motion_energy(np.concatenate([k[1] for k in kept]),
                                            np.concatenate([k[2] for k in kept]))
        return out

    def picked(self) -> str | None:
        return picked_sensor(self.energies())
