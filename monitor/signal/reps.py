"""Causal repetition detection with range of motion and tempo per repetition.

The detector sees one angle signal, oriented so that a repetition is an excursion *away*
from the rest posture in the positive direction and back. It runs sample by sample (the
vectorised parts are exactly equivalent), so its events do not depend on how the stream is
cut into batches, and it reports each repetition as soon as the return movement has come to
rest: within a fraction of a second of the repetition's end, never revised afterwards.

What makes an excursion a repetition:
- it leaves the rest level by more than ``onset_deg`` (which grows to 15 % of the median
  of the last repetitions, so small wobbles between large repetitions do not start one) and
  reaches at least ``min_amplitude_deg``. There is deliberately no rule relative to the size
  of earlier repetitions: low-amplitude repetitions (in real data down to a fifth of the
  normal ones) are repetitions and must be counted, then flagged;
- it returns at least ``return_fraction`` of the way back to the rest level; a return
  that stops part-way and turns out again a little, then goes on back to where the
  repetition started without a rest, is one movement (PART_WAY_OF_AMPLITUDE: a lunge's
  step back), not a repetition and a bump; so is one that stops part-way, out of an
  excursion from rest, and goes out again as far and home (AGAIN_OF_AMPLITUDE: a lunge's
  trailing thigh), and one that stops a little short and goes on back past where the
  repetition started after a little turn out (ON_BACK_OF_AMPLITUDE);
- if it stays out longer than ``max_hold_s``, the patient has most likely changed position:
  that level becomes the new rest level. If the joint then comes back to where it started
  (within ``max_rep_s`` of the start, before anything else starts), it was a long
  isometric hold, counted when the excursion is at least half the size of the last
  repetitions (a small shift of position held and undone is not a repetition).
The rest level follows the signal whenever it is still, so a patient who shifts position
between repetitions does not break counting. Where the joint has not been seen to rest (a
recording that starts in movement, a repetition that ended where its return stopped
part-way), the rest level also follows the joint down as it goes back past it: it is where
the joint goes back to, not a level the movement passed through.

Phase boundaries (start, end of concentric, start of eccentric, end) are where the joint
starts and stops moving: where its speed crosses 5 % of the phase's peak speed (robust to
noise; estimated from the low-passed velocity once the filter's delay is removed), moved
out by the time a smooth, minimum-jerk movement spends below that speed (see
:func:`smooth_tails_s`). A therapist timing the movement sees it whole, and sees no hold
where the leg turns straight back. A leg that swings back past its start posture ends the
repetition where it passes the posture.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from monitor.core.exercises import Exercise

# Recorded with every stored repetition, so re-analysis with a newer detector is traceable.
# 2: heel raises counted on the rise; strap-turn flag. 3: a swing back past the start
# posture is between repetitions; boundaries at 5 % of peak speed. 4: a repetition starts
# when the leg starts to move (the other segment's onset, monitor.signal.leg_onset). 5: the
# thigh on the chair measured (monitor.signal.supported); flags for a sensor gone silent.
# 6: holds longer than max_hold_s counted when the joint comes back; a sensor that starts
# late flags the reps before it; lost samples filled in, the inclination levelled after a
# silence, impossible samples left out. 7: phases widened by a smooth movement's slow start
# and arrival (a turn without a pause has no hold); reported once ended. 8: any movement
# about several axes on its whole rotation; heel raises across silences in movement; the
# inclination taken afresh after a silence. 9: a return that stops part-way, goes out a
# little and on back without a rest is one movement (a lunge's step back). 10: a lunge's
# lower leg: the step's swings past the start posture are not repetitions; a lunge with
# thigh and lower leg counted on the leading thigh live too; any movement counted on the
# body's rise where the sensor hardly tilts (a file analysed whole). 11: any movement: a
# lunge's lower leg, its step's swings past the start posture not counted once the set shows
# them; counted on the body's rise live too, chosen at the first repetition. 12: a return
# that stops part-way out of a repetition from rest, out again as far and home, is one
# movement (a lunge's trailing thigh); a little excursion straight out of a return that
# stopped a little short, on back past where the repetition started, is that return. 13: the
# rest level follows the joint down where it was not seen to rest there (a recording that
# starts in movement; after a repetition that ended where its return stopped part-way).
ALGORITHM_VERSION = "reps-13"
BOUNDARY_OF_PEAK_SPEED = 0.05  # phase boundaries: speed at 5 % of the phase's peak ...
# ... widened by the time a minimum-jerk movement spends below that speed at each end (tau
# where 30 tau^2 (1 - tau)^2 = 0.05 * 1.875: 0.0594), per unit of the time from that
# crossing to the crossing of a fifth of its peak speed (tau = 0.1292; close to the start,
# so a movement that speeds up in two steps, a knee locking before the leg lifts, is
# widened by its first step's tail).
TAIL_REFERENCE_SPEED = 0.2


def _min_jerk_tau(share: float) -> float:
    """Where a minimum-jerk movement's speed first reaches ``share`` of its peak."""
    return 0.5 * (1.0 - math.sqrt(1.0 - 4.0 * math.sqrt(share * 1.875 / 30.0)))


def median_of(values: Iterable[float]) -> float:
    """The median of a few numbers: the value numpy.median gives (the mean of the middle two
    of an even count), without its overhead, which counts once per repetition."""
    s = sorted(values)
    if not s:
        raise ValueError("median of no values")
    m = len(s) // 2
    return float(s[m]) if len(s) % 2 else (s[m - 1] + s[m]) / 2.0


SMOOTH_TAIL_SHARE = _min_jerk_tau(BOUNDARY_OF_PEAK_SPEED) / (
    _min_jerk_tau(TAIL_REFERENCE_SPEED) - _min_jerk_tau(BOUNDARY_OF_PEAK_SPEED))
SMOOTH_PHASE_SHARE = _min_jerk_tau(BOUNDARY_OF_PEAK_SPEED) / (
    1.0 - 2.0 * _min_jerk_tau(BOUNDARY_OF_PEAK_SPEED))
PRE_ONSET_S = 2.0            # history kept before an onset to locate the start precisely
SETTLED_FLOOR_DEG_S = 1.0    # a return slower than this has come to rest
MIN_STILL_S = 0.25           # still this long before the rest level follows the signal
ONSET_OF_MEDIAN = 0.15       # onset threshold grows with the size of the last repetitions
OVERSHOOT_OF_AMPLITUDE = 0.05  # a swing past the start posture by more than this is no rep
POSTURE_OF_AMPLITUDE = 0.75  # the start posture lies at most this far below the turning point
SHIFT_REST_S = 1.0           # a rest this long on the way out may end a shift of position
LONG_HOLD_OF_MEDIAN = 0.5    # a repetition held past max_hold_s is at least this full-size
# A return that stops more than this share of the repetition's range short of where it
# started has not necessarily ended: if the joint then goes out again a little (by enough to
# start a repetition, but less than PART_OF_AMPLITUDE of the range) and on back to where it
# started, without resting on the way (PART_WAY_REST_S), it was one movement (a lunge's step
# back: the front thigh comes up part of the way, flexes again to lift the foot off the floor
# and swings back). Resting there, or going out further, the repetition ended where the
# return stopped; a return that only paused there ends there too (unless the movement is
# known to move in parts: DetectorSettings.moves_in_parts).
PART_WAY_OF_AMPLITUDE = 0.25
PART_OF_AMPLITUDE = 0.3
PART_WAY_REST_S = 0.15
# With steps past the start posture (DetectorSettings.steps_past_start): an excursion with a
# swing past the posture during which the sensor was silent this long may hide its other
# swings (a step back and the next step out) and is not counted.
STEP_SILENCE_S = 0.5
# ... and a swing past the posture goes beyond it by at least this share of how far the
# excursion goes out on its own side (a lunge's foot lands 15-30 deg ahead of the knee where
# the knee then goes 20-25 deg ahead of the foot; a lower leg that only returns a little
# past its posture, a trailing leg's, makes no step).
STEP_PAST_OF_AMPLITUDE = 0.25
# ... and for any movement (DetectorSettings.steps_when_seen, the movement not known to step):
# a swing past the posture is a step's where it goes beyond it by this share of how far the
# excursion goes out, and by the smallest excursion counted or more (a lunge's lower leg
# swings 17-30 deg to the other side of its posture where it goes out 20-25 deg; a fast knee
# extension swinging back under the chair goes 10-20 % of its range past it, a fidget 2-4
# deg).
SEEN_STEP_PAST_OF_AMPLITUDE = 0.5
# ... where a return's speed has fallen below this share of its peak, it is past its peak.
PAST_PEAK_SPEED = 0.8
# ... and a return to the posture ends the repetition there once the joint rests this long
# (s): a lunge's knee comes back over the foot and pauses before the foot pushes back.
STEP_REST_S = 0.5
# A return that stops part-way (PART_WAY_OF_AMPLITUDE) out of an excursion that came from
# rest, and then goes out again as far as it went (within this share of how far that was:
# the same posture) and on back to where it started, is one movement in two parts (a
# repetition started where a return stopped goes out by 10 % more or less, and counts):
# a lunge's trailing thigh
# goes back as the front foot steps forward, comes part of the way forward (55-70 %) as the
# body sinks and the back knee bends, and goes back again as the body rises and the front
# foot pushes back, then forward home. Two repetitions with a return that stops part-way
# between them are told apart where the second goes out less far or further, or does not
# come back to where the first started, or the joint rests at the turn longer than
# AGAIN_REST_S (a lunge's hold at the bottom is about a second), or the sensor falls silent
# (STEP_SILENCE_S) after the stop; a repetition out of such a return (not from rest) is
# judged as before.
AGAIN_OF_AMPLITUDE = 0.05
# A return that stops short of where the repetition started by less than
# PART_WAY_OF_AMPLITUDE (and by more than OVERSHOOT_OF_AMPLITUDE of it and onset_deg) ends
# the repetition there;
# an excursion straight out of it (no rest, PART_WAY_REST_S) that goes out by less than
# PART_OF_AMPLITUDE of that repetition and on back to where the repetition started, or
# past it, is that return going on (a lunge's front thigh: it comes back part of the way,
# flexes again to lift the foot off the floor and swings back), not a repetition.
ON_BACK_OF_AMPLITUDE = PART_OF_AMPLITUDE
AGAIN_REST_S = 2.5


@dataclass(frozen=True)
class RepCompleted:
    """One repetition. Times in s (session clock); angles of the reported angle in deg.

    ``concentric_s`` / ``eccentric_s`` name the phases of the exercise: for most exercises
    the first phase (away from the start posture) is concentric; for a squat it is eccentric.
    ``rest_s`` is the pause before this repetition (since the previous one ended, or since the
    start of the recording for the first). ``reported_s`` is the sample time at which the
    detector reported it (latency = reported_s - end_s).
    """

    index: int
    start_s: float
    peak_s: float
    end_s: float
    min_deg: float
    max_deg: float
    rom_deg: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    rest_s: float
    reported_s: float
    flags: tuple[str, ...] = ()
    # Share of the sensor's rotation about its calibrated movement axis during the rep
    # (1 = a clean hinge movement; low = the sensor moved on its strap or the leg twisted).
    axis_fit: float | None = None
    # For exercises counted on the vertical movement (heel raise): how high the sensor rose.
    rise_cm: float | None = None

    @property
    def time_under_tension_s(self) -> float:
        return self.concentric_s + self.hold_s + self.eccentric_s

    def to_json(self) -> dict:
        d = asdict(self)
        d["flags"] = list(self.flags)
        d["time_under_tension_s"] = self.time_under_tension_s
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in d.items()}


@dataclass
class DetectorSettings:
    onset_deg: float = 3.0
    min_amplitude_deg: float = 6.0
    return_fraction: float = 0.6
    max_hold_s: float = 12.0
    max_rep_s: float = 40.0
    min_rep_s: float = 0.4
    still_rate_deg_s: float = 4.0
    baseline_time_constant_s: float = 0.5
    velocity_cutoff_hz: float = 4.0
    # Outward direction of the first phase and the mapping back to the reported angle:
    # reported = reference_deg + direction * x.
    direction: int = 1
    reference_deg: float = 0.0
    # For exercises that start with the eccentric phase (squat, lunge) the first phase away
    # from the start posture is eccentric.
    eccentric_first: bool = False
    # A swing back past the start posture is between repetitions (not for a heel raise's
    # height, which cannot go below the floor: there it would only cut integration noise).
    trim_swing_past_start: bool = True
    # The movement has parts of its own within a repetition (a lunge's step forward and
    # back): a return that stops part-way and goes on back without a rest is one movement,
    # and the joint going on back after such a stop did not rest there.
    moves_in_parts: bool = False
    # Whether a return that stops part-way may go on (PART_WAY_OF_AMPLITUDE); not for a heel
    # raise's height, whose return stops where the integration's error leaves it.
    part_way_returns: bool = True
    # The angle swings to both sides of the start posture within a repetition, by steps (a
    # lunge's lower leg: it flexes back as the foot swings forward, the foot reaches forward
    # of the knee to land, the knee goes forward over the foot for the lunge, the foot is
    # ahead again as it pushes back and the lower leg flexes back to swing it home). Only
    # an excursion between two swings past the posture, or from rest back to rest, is a
    # repetition: one that comes from rest and swings past the posture, or from such a swing
    # back to rest, is a step (see STEP_SILENCE_S for a silence within one).
    steps_past_start: bool = False
    # With steps_past_start: the movement is not known to step (any movement, no exercise
    # given). A swing past the posture is a step's only where it is as large as
    # SEEN_STEP_PAST_OF_AMPLITUDE says, an excursion is judged by the step rule only where
    # it came out of such a swing or went into one, and a return waits at the posture for
    # one (STEP_REST_S) only where the excursion came out of one: any other movement is
    # counted, timed and reported as without steps.
    steps_when_seen: bool = False


@dataclass
class _RepState:
    base: float
    rest: float                 # level of the start posture (where the joint last rested)
    peak_x: float
    peak_t: float
    samples_t: list = field(default_factory=list)
    samples_x: list = field(default_factory=list)
    samples_v: list = field(default_factory=list)
    returning: bool = False
    return_vmin: float = 0.0
    return_i_vmin: int = 0      # the sample of that fastest return speed
    reported: bool = False      # reported as it swung back past the start posture
    still_s: float = 0.0        # how long the joint has been at rest on the way out
    paused: tuple | None = None  # (sample index, angle) of the last such rest
    shift: tuple | None = None   # ... of a rest the joint then left further outwards
    moving_from: int = 0        # index of the sample where the movement began
    # Where the return stopped part-way: (sample index, angle, the detector's sample count).
    turn: tuple | None = None
    turn_still_s: float = 0.0   # how long the joint has rested since
    turn_high: float = 0.0      # the furthest out it went since
    turn_peak: float = 0.0      # how far out it had gone before the return stopped
    # Whether its return may stop part-way and go out again as far (AGAIN_OF_AMPLITUDE): it
    # came from rest (not out of a return that stopped part-way), has not been back near
    # where it started since, and has not gone on from such a stop yet.
    may_part: bool = True
    # (base, range) of the repetition whose return it came straight out of, where that
    # return stopped short of where it started (see ON_BACK_OF_AMPLITUDE).
    out_of: tuple | None = None
    came_low: float = math.inf  # the lowest since the previous repetition's turning point
    came_seen: bool = True      # ... seen to turn (no silence between it and this rep)


class RepDetector:
    """Sample-by-sample repetition detector; feed it (time, angle) and collect events."""

    def __init__(self, sample_rate_hz: float, settings: DetectorSettings | None = None) -> None:
        self.settings = settings or DetectorSettings()
        self.sample_rate_hz = float(sample_rate_hz)
        self._dt = 1.0 / self.sample_rate_hz
        s = self.settings
        # Second-order Butterworth low-pass on the velocity (bilinear transform): the
        # coefficients of scipy.signal.butter(2, fc / (fs / 2)) in closed form, checked
        # against it in tests/test_reps_filter.py. Not designed by scipy here: importing
        # scipy.signal takes about a second (more than the rest of `monitor analyze`'s
        # start-up) for three numbers.
        wc = math.tan(math.pi * min(s.velocity_cutoff_hz, 0.45 * sample_rate_hz)
                      / sample_rate_hz)
        k1 = math.sqrt(2.0) * wc
        k2 = wc * wc
        a0 = 1.0 + k1 + k2
        self._b = (k2 / a0, 2.0 * k2 / a0, k2 / a0)
        self._a = (2.0 * (k2 - 1.0) / a0, (1.0 - k1 + k2) / a0)
        self._z1 = 0.0
        self._z2 = 0.0
        # Group delay of the velocity path at low frequency: the digital filter's (from its
        # coefficients, as scipy.signal.group_delay gives it at 0 Hz; the bilinear
        # transform shortens the analog sqrt(2)/(2 pi fc) at low rates) and half a sample
        # for the backward difference.
        b, a = (k2, 2.0 * k2, k2), (a0, 2.0 * (k2 - 1.0), 1.0 - k1 + k2)
        delay_samples = ((b[1] + 2.0 * b[2]) / sum(b) - (a[1] + 2.0 * a[2]) / sum(a))
        self.delay_s = (delay_samples + 0.5) / sample_rate_hz
        self._prev_x: float | None = None
        self._prev_t: float | None = None
        self._n = 0
        self._n_fed = 0             # samples fed (self._n goes back while samples are replayed)
        self.baseline = 0.0
        self.rest_level = 0.0
        self._quiet_idx = 0
        self._rep: _RepState | None = None
        self._suspended: _RepState | None = None   # held out past max_hold_s (see _resumes)
        self._part_way = False      # the last repetition ended where its return stopped
        self._stopped: tuple | None = None  # ... stopped short of its start: (base, range)
        self._history: deque = deque(maxlen=int(60 * sample_rate_hz) + 1)
        self._amplitudes: deque = deque(maxlen=5)
        self._last_end_s: float | None = None
        self._first_t: float | None = None
        self._still_s = 0.0
        self._finish_n = 0
        self._count = 0
        self._median_amp = 0.0
        self._low = math.inf        # the lowest since the last turning point (a step's swing)
        self._stepped = False       # a step's swing was seen (DetectorSettings.steps_when_seen)
        self._low_t = -math.inf     # the time of that lowest sample
        # Excursions linked by swings past the start posture, held back until it is known
        # which are repetitions (None: one the sensor's silence hid; see _in_train); the
        # repetitions found so meanwhile.
        self._train: list[_RepState | None] = []
        self._released: list[RepCompleted] = []
        self._silence_t = -math.inf  # the first sample after the last silence (STEP_SILENCE_S)
        # The joint has not been seen to rest since the recording started (it may start in
        # movement) or since a repetition ended where its return stopped part-way: the rest
        # level is then at most where the joint goes back to (see _step).
        self._unrested = False
        # A repetition found complete whose end (its smooth arrival at rest, see
        # smooth_tails_s) is still a moment ahead: reported at the first sample past it.
        self._pending: RepCompleted | None = None
        self._ready: list[RepCompleted] = []    # found while samples were replayed
        self.reps: list[RepCompleted] = []

    # -- public -------------------------------------------------------------------------
    def feed(self, t: np.ndarray, x: np.ndarray) -> list[RepCompleted]:
        """Process samples (time in s, oriented angle in deg); return reps completed."""
        out: list[RepCompleted] = []
        b0, b1, b2 = self._b
        a1, a2 = self._a
        s = self.settings
        tc = s.baseline_time_constant_s
        ts, xs = t.tolist(), x.tolist()
        if not ts:
            return out
        if self._prev_x is None:
            self._prev_x, self._prev_t = xs[0], ts[0]
            self._first_t = ts[0]
            self.baseline = xs[0]
            self.rest_level = xs[0]
            self._last_end_s = None
            self._unrested = True
        # The per-sample state in locals (the loop runs for every sample of a file); the
        # state machine (_step) reads none of these, and self._n it restores when it
        # replays samples (_end_at_turn).
        prev_x, prev_t = self._prev_x, self._prev_t
        z1, z2, n = self._z1, self._z2, self._n
        remember = self._history.append
        step = self._step
        for ti, xi in zip(ts, xs, strict=True):
            dt = ti - prev_t
            if dt > STEP_SILENCE_S:
                self._silence_t = ti
            dv = (xi - prev_x) / dt if dt > 0 else 0.0
            # Direct form II transposed biquad.
            v = b0 * dv + z1
            z1 = b1 * dv - a1 * v + z2
            z2 = b2 * dv - a2 * v
            prev_x, prev_t = xi, ti
            n += 1
            self._n = self._n_fed = n
            remember((ti, xi, v))
            if self._pending is not None and ti >= self._pending.end_s:
                out.append(replace(self._pending, reported_s=ti))
                self._pending = None
            rep = step(ti, xi, v, s, tc)
            if self._released:
                out.extend(self._released)
                self._released.clear()
            if rep is not None:
                out.append(rep)
            if self._ready:
                out.extend(self._ready)
                self._ready.clear()
        self._prev_x, self._prev_t = prev_x, prev_t
        self._z1, self._z2 = z1, z2
        self.reps.extend(out)
        return out

    def finish(self) -> list[RepCompleted]:
        """End of the set (Stop pressed, end of a file): a repetition already on its way
        back (past ``return_fraction``) is complete as far as it got; the patient finished
        it as the therapist stopped. One still on its way out is not a repetition."""
        done: list[RepCompleted] = []
        if self._prev_t is None:                  # nothing was fed
            return done
        if self._pending is not None:
            # Ended in the last samples (its smooth arrival extends past them).
            done.append(replace(self._pending, reported_s=self._prev_t))
            self._pending = None
        if self._rep is not None and self._rep.turn is not None:
            # Stopped part-way back at the end of the set: the repetition ended there.
            done += [r for r in [self._end_at_turn(self._prev_t)] if r is not None]
            done += self._ready
            self._ready.clear()
            if self._pending is not None:
                done.append(replace(self._pending, reported_s=self._prev_t))
                self._pending = None
        rep = self._rep
        if rep is not None and rep.returning and not rep.reported and rep.samples_t:
            out = self._finish(rep.samples_t[-1], rep.samples_x[-1])
            if self._pending is not None:
                out, self._pending = replace(self._pending, reported_s=self._prev_t), None
            done += self._released + ([] if out is None else [out])
            self._released.clear()
        if self._train:
            # Held back in a train that never showed itself a lunge's: repetitions.
            self._release_train(self._prev_t)
            if self._pending is not None:
                self._released.append(replace(self._pending, reported_s=self._prev_t))
                self._pending = None
        done += self._released + self._ready
        self._released.clear()
        self._ready.clear()
        done.sort(key=lambda r: r.index)
        self.reps.extend(done)
        return done

    # -- the state machine ---------------------------------------------------------------
    def _step(self, t: float, x: float, v: float, s: DetectorSettings, tc: float
              ) -> RepCompleted | None:
        rep = self._rep
        dt = self._dt
        if (rep is not None and x >= rep.peak_x) or x < self._low:
            self._low, self._low_t = x, t
        if rep is None:
            if self._suspended is not None and self._resumes(t, x, s):
                return None
            if abs(v) < s.still_rate_deg_s:
                self._still_s += dt
            else:
                self._still_s = 0.0
            if self._still_s >= PART_WAY_REST_S:
                self._stopped = None          # it rested where the last return stopped
            if self._still_s >= MIN_STILL_S:
                # At rest: the rest level follows the signal (patient shifting position).
                if x < self.baseline:
                    self.baseline = x
                else:
                    self.baseline += (x - self.baseline) * min(1.0, dt / tc)
                self.rest_level = self.baseline
            elif ((s.moves_in_parts or self._unrested) and x < self.baseline
                  and v < -s.still_rate_deg_s):
                # Going on back past where the last return stopped: it did not rest there.
                # Nor where a recording started in movement: the start posture is where
                # the joint goes back to (a file cut from a set, starting in the middle of
                # a repetition, takes no level of that movement for the posture).
                self.baseline = x
                if self._unrested:
                    self.rest_level = min(self.rest_level, x)
            if self._still_s >= MIN_STILL_S:
                self._unrested = False
            if v <= s.still_rate_deg_s or x <= self.baseline:
                self._quiet_idx = self._n
            if v > s.still_rate_deg_s and x - self.baseline > self._onset():
                self._suspended = None        # moving on from the new position
                self._unrested = False
                rep = _RepState(base=self.baseline, rest=self.rest_level, peak_x=x, peak_t=t,
                                came_low=min(self._low, x),
                                came_seen=self._low_t > self._silence_t,
                                may_part=not self._part_way, out_of=self._stopped)
                self._stopped = None
                # Samples since shortly before the movement began (the history ring), so
                # the start of the movement can be located precisely afterwards.
                back = self._n - self._quiet_idx + 1 + int(PRE_ONSET_S * self.sample_rate_hz)
                back = min(back, self._n - self._finish_n + 1)   # not into the previous rep
                upto = len(self._history) - (self._n_fed - self._n)
                for ht, hx, hv in list(self._history)[max(0, upto - back):upto]:
                    rep.samples_t.append(ht)
                    rep.samples_x.append(hx)
                    rep.samples_v.append(hv)
                # The movement itself starts at the last quiet sample: a fidget in the
                # history before it must not be taken for the repetition's rise.
                rep.moving_from = max(0, len(rep.samples_t) - (self._n - self._quiet_idx + 1))
                self._rep = rep
            return None

        rep.samples_t.append(t)
        rep.samples_x.append(x)
        rep.samples_v.append(v)
        if x > rep.peak_x:
            rep.peak_x, rep.peak_t = x, t
        amp = rep.peak_x - rep.base
        if not rep.returning:
            # A rest on the way out that the joint then leaves further outwards (not the
            # hold at the turn) may end a shift of position: see _complete.
            rep.still_s = rep.still_s + dt if abs(v) < s.still_rate_deg_s else 0.0
            if rep.still_s >= SHIFT_REST_S:
                rep.paused = (len(rep.samples_t) - 1, x)
            elif rep.paused is not None and x > rep.paused[1] + s.onset_deg:
                rep.shift, rep.paused = rep.paused, None
            # Out of a step's swing past the start posture, it returns once back from how
            # far it went out beyond the posture.
            out = rep.peak_x - rep.rest if s.steps_past_start and self._came_past(rep) else amp
            if x < rep.peak_x - s.return_fraction * out and out >= s.onset_deg:
                rep.returning = True
                rep.return_vmin, rep.return_i_vmin = v, len(rep.samples_t) - 1
            elif t - rep.samples_t[0] > s.max_rep_s:
                self._abandon(t, x)
            elif t - rep.peak_t > s.max_hold_s:
                # Out this long: the patient has most likely moved into another position,
                # which is now the rest level. Unless the joint comes back to where it
                # started: then it was a long hold (an isometric hold of 10 s or more).
                self._abandon(t, x)
                self._suspended = rep
            return None
        if v < rep.return_vmin:
            rep.return_vmin, rep.return_i_vmin = v, len(rep.samples_t) - 1
        if rep.turn is None and x - rep.base <= PART_WAY_OF_AMPLITUDE * amp:
            rep.may_part = False
        if rep.turn is not None:
            return self._after_turn(t, x, v, amp, s)
        settled = v > -max(SETTLED_FLOOR_DEG_S, 0.05 * abs(rep.return_vmin))
        if (not rep.reported and self._trims_at_posture(rep, amp)
                and x < rep.rest - self._swing_margin(amp)
                and self._ends_at_posture(rep, x, v, settled)):
            # Back past the start posture: the repetition is over and is reported now; the
            # swing beyond it is followed to its end before the next one can start.
            rep.reported = True
            return self._complete(rep, t)
        if not settled:
            if t - rep.samples_t[0] > s.max_rep_s:
                self._abandon(t, x)
            return None
        # Stopped back at the start posture, where a step's swing past it may follow.
        ref = max(rep.base, rep.rest)
        stepping = (self._may_step(rep) and x >= rep.rest - self._swing_margin(amp)
                    and x - ref <= PART_WAY_OF_AMPLITUDE * (rep.peak_x - ref))
        if (s.part_way_returns and not rep.reported
                and (x - rep.base > PART_WAY_OF_AMPLITUDE * amp or stepping)):
            # Stopped part-way back: the movement may go on (see PART_WAY_OF_AMPLITUDE).
            rep.turn = (len(rep.samples_t) - 1, x, self._n)
            rep.turn_still_s = 0.0
            rep.turn_high = x
            rep.turn_peak = rep.peak_x
            return None
        return self._finish(t, x)

    def _after_turn(self, t: float, x: float, v: float, amp: float, s: DetectorSettings
                    ) -> RepCompleted | None:
        """After the return stopped part-way: back to where the repetition started, it was
        one movement (its return goes on); resting, or going out by more than a part of
        the repetition, it ended where the return stopped."""
        rep = self._rep
        assert rep is not None and rep.turn is not None
        x_turn = rep.turn[1]
        rep.turn_high = max(rep.turn_high, x)
        ref = max(rep.base, rep.rest)
        if self._may_step(rep) and x_turn - ref <= PART_WAY_OF_AMPLITUDE * (rep.peak_x - ref):
            # Back at the start posture: a step's swing past it may follow (the foot
            # pushing back), part of this repetition; resting there, it ended.
            if x < rep.rest - self._swing_margin(amp):
                rep.turn = None
                return None
            rep.turn_still_s = rep.turn_still_s + 1.0 / self.sample_rate_hz \
                if abs(v) < s.still_rate_deg_s else 0.0
            if (rep.turn_still_s >= STEP_REST_S or x > x_turn + PART_OF_AMPLITUDE * amp
                    or t - rep.samples_t[0] > s.max_rep_s):
                return self._end_at_turn(t)
            return None
        # How far it had gone out before the return stopped (it may go out again as far).
        amp1 = rep.turn_peak - rep.base
        again = rep.turn_high - x_turn > PART_OF_AMPLITUDE * amp1
        if x - rep.base <= PART_WAY_OF_AMPLITUDE * amp1:
            if again and rep.turn_high < rep.turn_peak - AGAIN_OF_AMPLITUDE * amp1:
                return self._end_at_turn(t)
            if again or s.moves_in_parts or rep.turn_high - x_turn > self._onset():
                # Out again by enough to start a repetition and back where it started: the
                # end of this movement.
                rep.turn = None
                rep.may_part = False
                return None
            # Only paused on the way back: it ended there (as it would have at once).
            return self._end_at_turn(t)
        rep.turn_still_s = rep.turn_still_s + 1.0 / self.sample_rate_hz \
            if abs(v) < s.still_rate_deg_s else 0.0
        if x > rep.turn_peak + AGAIN_OF_AMPLITUDE * amp1 or t - rep.samples_t[0] > s.max_rep_s:
            return self._end_at_turn(t)
        if not rep.may_part or self._silence_t > rep.samples_t[rep.turn[0]]:
            # (Across a silence of the sensor, what the joint did meanwhile is not known.)
            if rep.turn_still_s >= PART_WAY_REST_S or again:
                return self._end_at_turn(t)
            return None
        # From rest, the first stop: it may go out again as far as it went and on back to
        # where it started (AGAIN_OF_AMPLITUDE); resting at the turn longer than a lunge's
        # hold, turning short of where the first part went, or resting out of the way back,
        # it ended at the turn.
        if not again:
            if rep.turn_still_s >= AGAIN_REST_S:
                return self._end_at_turn(t)
            return None
        if (rep.turn_high < rep.turn_peak - AGAIN_OF_AMPLITUDE * amp1
                and x < rep.turn_high - self._onset()):
            return self._end_at_turn(t)
        if x < rep.turn_high - self._onset() and rep.turn_still_s >= PART_WAY_REST_S:
            return self._end_at_turn(t)
        return None

    def _end_at_turn(self, t_now: float) -> RepCompleted | None:
        """The repetition ended where its return stopped part-way: finished there as it
        would have been at once, and the samples since are run through again."""
        rep = self._rep
        assert rep is not None and rep.turn is not None
        i_turn, x_turn, n_turn = rep.turn
        rep.turn = None
        after = list(zip(rep.samples_t[i_turn + 1:], rep.samples_x[i_turn + 1:],
                         rep.samples_v[i_turn + 1:], strict=True))
        del rep.samples_t[i_turn + 1:], rep.samples_x[i_turn + 1:], rep.samples_v[i_turn + 1:]
        n_now = self._n
        self._n = n_turn
        # The lowest since the turning point as it was at the turn (the samples since are
        # run through again).
        i_low = int(np.argmax(rep.samples_x))
        i_low += int(np.argmin(rep.samples_x[i_low:]))
        self._low, self._low_t = rep.samples_x[i_low], rep.samples_t[i_low]
        done = self._finish(t_now, x_turn)
        self._part_way = True
        self._stopped = None
        # It did not rest where the return stopped: where the joint goes on back without a
        # rest (back-to-back lunges: the front thigh comes up part of the way, lifts the
        # foot and swings it home, and the next lunge's step starts at once), that is the
        # rest level for the next repetition, not the level where this one ended.
        self._unrested = True
        s = self.settings
        for ht, hx, hv in after:
            self._n += 1
            found = self._step(ht, hx, hv, s, s.baseline_time_constant_s)
            if found is not None:
                self._ready.append(replace(found, reported_s=max(found.reported_s, t_now)))
        self._n = n_now
        return done

    def _is_step(self, rep: _RepState, ts: np.ndarray, xs: np.ndarray, start: float,
                 end: float) -> bool:
        """With steps past the start posture: is this excursion a step's swing (it came out
        of a swing past the posture, by STEP_PAST_OF_AMPLITUDE of how far it went out, and
        ended at rest, or the other way round), or did the sensor fall silent during it
        (its swings unseen)?"""
        came = self._came_past(rep)
        went = self._went_past(rep, xs)
        if self._silent_step(rep, ts, xs, start, end, came or went):
            return True
        return came != went

    def _in_train(self, rep: _RepState, t_now: float, came: bool, went: bool, silent: bool
                  ) -> bool:
        """Any movement (DetectorSettings.steps_when_seen): is this excursion a repetition
        to report now? Excursions linked by swings past the start posture make a train. A
        lunge seen from its lower leg is a train of three on the lunge's side: the step's
        swing out (it goes on past the posture), the lunge (between two swings past it) and
        the swing home (it came out of one and ends at rest); it counts once, on the
        lunge. A longer train (a leg swinging to and fro through its posture) counts every
        excursion, and so does a train of two. Until a train shows which it is, its
        excursions are held back (never revised: reported late). An excursion across a
        silence of the sensor, out of or into such a swing, hides its other swings: it ends
        a train of a lunge as the swing home does and, once the set has shown lunges,
        starts the next one as the swing out does."""
        kind = ("silent" if silent else "between" if came and went else "out" if went
                else "home" if came else "plain")
        train = self._train
        if not train:
            if kind == "out" or (kind == "silent" and self._stepped):
                train.append(rep if kind == "out" else None)
                return False
            return True
        lunge = len(train) == 2
        if kind == "between":
            train.append(rep)
            if len(train) > 2:
                self._release_train(t_now)      # to and fro: every excursion counts
            return False
        if kind in ("home", "silent") and lunge:
            self._train = [train[1]]
            self._release_train(t_now)          # the lunge; the step's swings are not
            self._stepped = True
            if kind == "silent":
                self._train = [None]
            return False
        self._release_train(t_now)
        if kind == "out":
            self._train = [rep]
            return False
        if kind == "silent" and self._stepped:
            self._train = [None]
            return False
        return True

    def _release_train(self, t_now: float) -> None:
        """The excursions held in the train are repetitions, reported now."""
        held, self._train = self._train, []
        for rep in held:
            found = None if rep is None else self._complete(rep, t_now, judged=True)
            if found is not None:
                self._released.append(found)

    def _silent_step(self, rep: _RepState, ts: np.ndarray, xs: np.ndarray, start: float,
                     end: float, past: bool) -> bool:
        """An excursion with a swing past the start posture (``past``) during which the
        sensor was silent for more than STEP_SILENCE_S: its other swings are unseen. Where
        steps are not known to happen but the set has shown them, or the excursion follows
        others linked by swings past the posture (see _in_train), a swing past the posture
        by STEP_PAST_OF_AMPLITUDE will do (across a silence, how far it goes out is not
        known: the inclination is taken afresh after it, in movement)."""
        if self.settings.steps_when_seen and (self._stepped or self._train):
            low = rep.rest - STEP_PAST_OF_AMPLITUDE * (rep.peak_x - rep.rest)
            past = past or rep.came_low < low or xs[int(np.argmax(xs)):].min() < low
        inside = ts[(ts >= start - 1e-9) & (ts <= end + 1e-9)]
        return bool(past and len(inside) > 1 and np.diff(inside).max() > STEP_SILENCE_S)

    def _came_past(self, rep: _RepState) -> bool:
        """With steps past the start posture: did this excursion come out of a step's swing
        past the posture (by STEP_PAST_OF_AMPLITUDE of how far it goes out)?"""
        s = self.settings
        return bool(s.steps_past_start and rep.came_low < self._step_past(rep)
                    and (rep.came_seen or not s.steps_when_seen))

    def _went_past(self, rep: _RepState, xs: np.ndarray) -> bool:
        """... and did it go on into one (``xs``: its samples so far)? Where steps are not
        known to happen, only a swing seen to turn (no silence just before or after its
        furthest point) is a step's: one the sensor fell silent in may just be the end of
        the repetition going on."""
        s = self.settings
        i_pk = int(np.argmax(xs))
        i_low = i_pk + int(np.argmin(xs[i_pk:]))
        if not s.steps_past_start or xs[i_low] >= self._step_past(rep):
            return False
        if not s.steps_when_seen:
            return True
        ts = np.asarray(rep.samples_t[:len(xs)])
        return not bool(np.any(np.diff(ts[max(0, i_low - 1):]) > STEP_SILENCE_S))

    def _step_past(self, rep: _RepState) -> float:
        """The level a step's swing past the start posture goes beyond."""
        s = self.settings
        out = rep.peak_x - rep.rest
        if s.steps_when_seen:
            return rep.rest - max(s.min_amplitude_deg, SEEN_STEP_PAST_OF_AMPLITUDE * out)
        return rep.rest - STEP_PAST_OF_AMPLITUDE * out

    def _may_step(self, rep: _RepState) -> bool:
        """Whether a return that stops at the start posture waits there for a step's swing
        past it (see DetectorSettings.steps_when_seen)."""
        s = self.settings
        return s.steps_past_start and (not s.steps_when_seen or self._came_past(rep))

    def _ends_at_posture(self, rep: _RepState, x: float, v: float, settled: bool
                         ) -> bool:
        """A repetition swinging back past its start posture ends there and is reported at
        once; with steps past the posture it is judged as a whole instead. Where steps are
        not known to happen, one that did not come out of a step's swing is reported once its
        swing turns short of a step's (or at once where it cannot be one)."""
        s = self.settings
        if not s.steps_past_start:
            return True
        if not s.steps_when_seen or self._came_past(rep):
            return False
        if x < self._step_past(rep):
            return False
        if settled:
            return True
        # A movement slows down to its turn over about the distance it took to speed up
        # (a smooth movement's speed is bell-shaped or, held for a while, a trapezoid with
        # alike ramps). Once the speed has clearly fallen from its peak, where the swing
        # will turn is known.
        fast = PAST_PEAK_SPEED * rep.return_vmin
        if rep.return_vmin >= 0.0 or v < fast:
            return False
        vs = rep.samples_v
        i_pk = rep.samples_x.index(rep.peak_x)
        i_acc = next((i for i in range(i_pk, rep.return_i_vmin + 1) if vs[i] <= fast), i_pk)
        i_dec = next((i for i in range(rep.return_i_vmin, len(vs)) if vs[i] >= fast),
                     len(vs) - 1)
        lag = round(self.delay_s * self.sample_rate_hz)
        xs = rep.samples_x
        turn = xs[max(0, i_dec - lag)] - (rep.peak_x - xs[max(0, i_acc - lag)])
        return turn >= self._step_past(rep)

    def _swing_margin(self, amp: float) -> float:
        return max(self.settings.onset_deg, OVERSHOOT_OF_AMPLITUDE * amp)

    def _trims_at_posture(self, rep: _RepState, amp: float) -> bool:
        # Only where the start posture is clearly the low end of the movement (a joint that
        # rested part-way up and then moves well to both sides of that level gives no
        # posture to measure from), and only for a repetition of full size (a small movement
        # followed by a large one past the posture is a movement to the other side).
        return (self.settings.trim_swing_past_start
                and rep.peak_x - rep.rest >= POSTURE_OF_AMPLITUDE * amp
                and amp >= 0.5 * self._median_amp)

    def _onset(self) -> float:
        """How far the joint must leave its rest level to start a repetition."""
        return max(self.settings.onset_deg, ONSET_OF_MEDIAN * self._median_amplitude())

    def _next_index(self) -> int:
        self._count += 1
        return self._count

    def _median_amplitude(self) -> float:
        return self._median_amp

    def _resumes(self, t: float, x: float, s: DetectorSettings) -> bool:
        """A repetition held out past ``max_hold_s`` whose joint now returns to where it
        started goes on as a repetition (its samples since come from the history)."""
        rep = self._suspended
        assert rep is not None
        amp = rep.peak_x - rep.base
        if t - rep.samples_t[0] > s.max_rep_s:
            self._suspended = None
            return False
        if x >= rep.peak_x - s.return_fraction * amp:
            return False
        self._suspended = None
        # Deliberate long holds are full repetitions: a small excursion held that long and
        # back is a shift of position and back. (Before any repetition, twice the smallest
        # repetition stands in for the usual size.)
        usual = self._median_amp if self._median_amp > 0 else (
            2.0 * s.min_amplitude_deg / LONG_HOLD_OF_MEDIAN)
        if amp < max(s.min_amplitude_deg, LONG_HOLD_OF_MEDIAN * usual):
            return False
        last = rep.samples_t[-1]
        for ht, hx, hv in self._history:
            if ht > last:
                rep.samples_t.append(ht)
                rep.samples_x.append(hx)
                rep.samples_v.append(hv)
        rep.returning = True
        i_pk = rep.samples_t.index(rep.peak_t)
        rep.return_i_vmin = i_pk + int(np.argmin(rep.samples_v[i_pk:]))
        rep.return_vmin = rep.samples_v[rep.return_i_vmin]
        self._rep = rep
        return True

    def _abandon(self, t: float, x: float) -> None:
        self._rep = None
        self.baseline = x
        self._quiet_idx = self._n

    def _finish(self, t_now: float, x_now: float) -> RepCompleted | None:
        rep = self._rep
        assert rep is not None
        self._rep = None
        self._quiet_idx = self._n
        self._finish_n = self._n
        self._part_way = False
        self._stopped = ((rep.base, rep.peak_x - rep.base)
                         if x_now - rep.base > self._swing_margin(rep.peak_x - rep.base)
                         else None)
        # The movement came to rest here: this is the rest level now (a patient who does not
        # lower the leg all the way between repetitions still gets every one counted).
        self.baseline = x_now
        self._still_s = 0.0
        return None if rep.reported else self._complete(rep, t_now)

    def _complete(self, rep: _RepState, t_now: float, judged: bool = False
                  ) -> RepCompleted | None:
        """The repetition an excursion makes, if it makes one (``judged``: an excursion
        held back by the step rule and found to be a repetition after all)."""
        s = self.settings
        ts = np.asarray(rep.samples_t)
        xs = np.asarray(rep.samples_x)
        vs = np.asarray(rep.samples_v)
        amp = rep.peak_x - rep.base
        if amp < s.min_amplitude_deg:
            return None
        if rep.out_of is not None:
            base0, amp0 = rep.out_of
            if (amp < ON_BACK_OF_AMPLITUDE * amp0
                    and xs[int(np.argmax(xs)):].min() <= base0):
                # Out of the last return, a little further out and on back past where that
                # repetition started: its return going on (ON_BACK_OF_AMPLITUDE).
                return None
        moving_from = rep.moving_from
        if rep.shift is not None and xs[-1] - rep.base > 0.5 * (rep.shift[1] - rep.base):
            # Out, at rest a while, further out and back to that rest, not to where it
            # started: the first part was a shift of position (the leg put down a little
            # higher), and the repetition starts from there.
            moving_from = max(moving_from, rep.shift[0])
        timing = _phase_times(ts, vs, self.delay_s, moving_from, xs)
        if timing is None:
            return None
        start, conc_end, ecc_start, end = timing
        rom_from = None
        came, went = self._came_past(rep), self._went_past(rep, xs)
        stepping = s.steps_past_start and (not s.steps_when_seen or came or went)
        if self._trims_at_posture(rep, amp) or stepping:
            start, end, rom_from = _within_start_posture(ts, xs, start, end, rep.rest,
                                                         self._swing_margin(amp),
                                                         rep.moving_from)
            start, end = min(start, conc_end), max(end, ecc_start)
            if stepping:
                # A lunge's lower leg: its range is how far it goes out from the start
                # posture (the knee over the foot), not from where the foot landed.
                rom_from = None
        if s.steps_when_seen and not judged:
            silent = self._silent_step(rep, ts, xs, start, end, came or went)
            if not self._in_train(rep, t_now, came, went, silent):
                return None
        elif stepping and not judged and self._is_step(rep, ts, xs, start, end):
            return None
        if self._last_end_s is not None:
            start = max(start, self._last_end_s)
        if end - start < s.min_rep_s:
            return None
        self._amplitudes.append(amp)
        self._median_amp = median_of(self._amplitudes)
        d = s.direction
        from_t = start if rom_from is None else min(start, rom_from)
        mask = (ts >= from_t - 1e-9) & (ts <= end + 1e-9)
        # The angle at the boundaries themselves too (a boundary where the leg swings past
        # the start posture falls between two samples of a fast movement).
        seg = np.concatenate([xs[mask], np.interp([start, end], ts, xs)])
        vals = s.reference_deg + d * seg
        prev_end = self._last_end_s if self._last_end_s is not None else self._first_t
        assert prev_end is not None                # samples were fed
        self._last_end_s = end
        first, second = conc_end - start, end - ecc_start
        if s.eccentric_first:
            first, second = second, first
        done = RepCompleted(
            index=self._next_index(), start_s=start, peak_s=0.5 * (conc_end + ecc_start),
            end_s=end, min_deg=float(vals.min()), max_deg=float(vals.max()),
            rom_deg=float(vals.max() - vals.min()), concentric_s=first,
            hold_s=max(0.0, ecc_start - conc_end), eccentric_s=second,
            rest_s=max(0.0, start - prev_end), reported_s=t_now)
        if end > t_now:
            self._pending = done
            return None
        return done


def _boundary(ts: np.ndarray, vs: np.ndarray, i_peak: int, forward: bool, vpeak: float,
              delay_s: float, share: float = BOUNDARY_OF_PEAK_SPEED) -> float:
    """Time where the speed falls below ``share`` of the phase's peak, walking away from
    the peak sample (interpolated between samples, filter delay removed)."""
    step = 1 if forward else -1
    lo = share * vpeak
    i = i_peak
    while 0 <= i + step < len(vs):
        a, b = vs[i], vs[i + step]
        if a >= lo > b:
            return float(ts[i] + (ts[i + step] - ts[i]) * (a - lo) / (a - b) - delay_s)
        i += step
    return float(ts[i] - delay_s)


def _from_boundary(ts: np.ndarray, vs: np.ndarray, boundary_s: float, i_peak: int,
                   vpeak: float, delay_s: float) -> float:
    """Time where the speed, walking from a phase boundary toward the phase's peak, first
    reaches TAIL_REFERENCE_SPEED of the peak (the same part of the movement as the
    boundary, also where the movement speeds up in two steps)."""
    lo = TAIL_REFERENCE_SPEED * vpeak
    i = int(np.clip(np.searchsorted(ts, boundary_s + delay_s), 0, len(ts) - 1))
    step = 1 if i < i_peak else -1
    while i != i_peak and vs[i] < lo:
        i += step
    j = i - step
    if i == i_peak or not 0 <= j < len(ts) or vs[j] >= lo:
        return float(ts[i] - delay_s)
    a, b = vs[j], vs[i]
    return float(ts[j] + (ts[i] - ts[j]) * (lo - a) / (b - a) - delay_s)


def _within_start_posture(ts: np.ndarray, xs: np.ndarray, start: float, end: float,
                          rest: float, margin: float, moving_from: int = 0
                          ) -> tuple[float, float, float | None]:
    """Start and end moved to where the angle passes the start posture, where it swings past it.

    A leg that swings back beyond its start posture and turns there (a fast knee extension
    swinging back under the chair) is between repetitions from the moment it passes the
    start posture: that swing belongs to neither repetition's tempo, like a pause at rest.
    Third value: when the repetition came from such a swing, the time of its turn, where
    the repetition's range of motion starts (it moved from there, not from the posture).
    Only a swing the rise comes straight out of counts (``moving_from``: the sample where
    the movement began): a fidget below the posture, then a rest, is before the repetition.
    """
    turned_at = None
    i_pk = int(np.argmax(xs))
    beyond = np.flatnonzero(xs[i_pk:] < rest - margin)
    if beyond.size:
        k = i_pk + int(beyond[0])
        while k > i_pk and xs[k - 1] < rest:
            k -= 1
        if k > i_pk:
            a, b = xs[k - 1], xs[k]
            end = min(end, float(ts[k - 1] + (ts[k] - ts[k - 1]) * (a - rest) / (a - b)))
    beyond = np.flatnonzero(xs[:i_pk] < rest - margin)
    if beyond.size:
        k = int(beyond[-1])
        while k < i_pk and xs[k + 1] < rest:
            k += 1
        if moving_from - 1 <= k < i_pk:
            a, b = xs[k], xs[k + 1]
            start = max(start, float(ts[k] + (ts[k + 1] - ts[k]) * (rest - a) / (b - a)))
            j = k                     # the swing: the samples beyond the posture up to k
            while j > 0 and xs[j - 1] < rest:
                j -= 1
            turned_at = float(ts[j + int(np.argmin(xs[j:k + 1]))])
    return start, end, turned_at


def _first_part(vs: np.ndarray, i0: int, i1: int, step: int, vpeak: float) -> int:
    """Walking from i0 toward i1: the speed's first local peak after it reaches
    TAIL_REFERENCE_SPEED of ``vpeak`` (the first part of a movement in several parts)."""
    i = i0
    while i != i1 and vs[i] < TAIL_REFERENCE_SPEED * vpeak:
        i += step
    while i != i1 and vs[i + step] > vs[i]:
        i += step
    return i


def _phase_times(ts: np.ndarray, vs: np.ndarray, delay_s: float, moving_from: int = 0,
                 xs: np.ndarray | None = None) -> tuple[float, float, float, float] | None:
    """Start, end of first phase, start of second phase, end (s) from the velocity; the
    first phase's peak is looked for from ``moving_from`` on.

    Each phase is found where its speed crosses BOUNDARY_OF_PEAK_SPEED of its peak and
    then widened at each end by SMOOTH_TAIL_SHARE of the time from that crossing to the
    peak speed (see :func:`smooth_tails_s`): a smooth movement's slow start and slow
    arrival belong to it, and a turn without a pause has no hold."""
    if len(ts) < 3 or moving_from >= len(ts):
        return None
    i_up = moving_from + int(np.argmax(vs[moving_from:]))
    i_dn = i_up + int(np.argmin(vs[i_up:]))
    vup, vdn = vs[i_up], -vs[i_dn]
    if vup <= 0 or vdn <= 0:
        return None
    if xs is not None:
        # The turning point is where the joint is furthest out; a movement in several parts
        # (out, part of the way back, further out) starts with its first part and ends
        # with its last.
        i_top = moving_from + int(np.argmax(xs[moving_from:]))
        if i_top > moving_from and vs[moving_from:i_top].max() > 0:
            i_up = moving_from + int(np.argmax(vs[moving_from:i_top]))
        if i_top < len(vs) - 1 and vs[i_top:].min() < 0:
            i_dn = i_top + int(np.argmin(vs[i_top:]))
        vup, vdn = vs[i_up], -vs[i_dn]
        i_first = _first_part(vs, moving_from, len(vs), 1, vup)
        i_last = _first_part(-vs, len(vs) - 1, i_dn, -1, vdn)
    else:
        i_first, i_last = i_up, i_dn
    start = _boundary(ts, vs, i_first, False, vup, delay_s)
    conc_end = _boundary(ts, vs, i_up, True, vup, delay_s)
    ecc_start = _boundary(ts, -vs, i_dn, False, vdn, delay_s)
    end = _boundary(ts, -vs, i_last, True, vdn, delay_s)
    conc_end = min(max(conc_end, start), ecc_start)
    ecc_start = max(ecc_start, conc_end)
    end = max(end, ecc_start)
    half = [_from_boundary(ts, vv, b, i, vp, delay_s)
            for vv, b, i, vp in ((vs, start, i_first, vup), (vs, conc_end, i_up, vup),
                                 (-vs, ecc_start, i_dn, vdn), (-vs, end, i_last, vdn))]
    first, second = conc_end - start, end - ecc_start
    start, end = (start - smooth_tails_s(half[0] - start, first),
                  end + smooth_tails_s(end - half[3], second))
    conc_end = conc_end + smooth_tails_s(conc_end - half[1], first)
    ecc_start = ecc_start - smooth_tails_s(half[2] - ecc_start, second)
    if conc_end > ecc_start:
        # The two phases meet: a turn without a pause (their tails overlap by the noise).
        conc_end = ecc_start = 0.5 * (conc_end + ecc_start)
    return start, conc_end, ecc_start, end


def smooth_tails_s(visible_s: float, phase_s: float = np.inf) -> float:
    """How long a smooth movement moves more slowly than BOUNDARY_OF_PEAK_SPEED of its peak
    speed at one end, given the time ``visible_s`` between that end's crossings of it and
    of TAIL_REFERENCE_SPEED of it (each end on its own: a movement may speed up quickly and
    arrive slowly; the ratio is exact for a minimum-jerk movement and within 1.5 % of the
    phase for speed that ramps up and stays).

    Human point-to-point movements follow the minimum-jerk profile (Flash & Hogan, "The
    coordination of arm movements", J Neurosci 5(7), 1985): speed 30 tau^2 (1 - tau)^2
    over the movement's time tau = 0..1, below 5 % of its peak for 5.9 % of the time at
    each end, where it moves by 0.2 % of its range. A therapist timing it sees the whole
    movement (a 2-s lift lasts 2 s, not 1.76), and sees no hold where the leg turns
    straight back; found at 5 % of the peak speed alone, the phase would be 12 % short and
    the turn a hold of a quarter of a second.
    At most SMOOTH_PHASE_SHARE of the phase's visible length ``phase_s`` (a minimum-jerk
    movement's tail): a leg that creeps for a while before it really moves has shown its
    slow start already.
    """
    return min(SMOOTH_TAIL_SHARE * max(0.0, visible_s), SMOOTH_PHASE_SHARE * max(0.0, phase_s))


@dataclass
class SetSummary:
    rep_count: int
    rom_mean_deg: float | None
    rom_sd_deg: float | None
    rom_min_deg: float | None
    rom_max_deg: float | None
    duration_mean_s: float | None
    tempo_cv: float | None          # coefficient of variation of repetition durations
    time_under_tension_s: float
    reps_below_target: int
    reps_too_fast: int

    def to_json(self) -> dict:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def flag_reps(reps: list[RepCompleted], target_end_deg: float | None, outward: int,
              tempo_s: tuple[float, float, float, float] | None, tolerance_deg: float = 5.0,
              fast_fraction: float = 0.6) -> list[RepCompleted]:
    """Flag reps that stop short of the target end angle or go faster than prescribed."""
    out = []
    for r in reps:
        flags = list(r.flags)
        if target_end_deg is not None:
            reached = r.max_deg if outward > 0 else r.min_deg
            if outward * (target_end_deg - reached) > tolerance_deg:
                flags.append("below_target_range")
        if tempo_s is not None and (r.concentric_s < fast_fraction * tempo_s[0]
                                    or r.eccentric_s < fast_fraction * tempo_s[2]):
            flags.append("faster_than_prescribed")
        out.append(RepCompleted(**{**asdict(r), "flags": tuple(flags)}))
    return out


def summarize(reps: list[RepCompleted]) -> SetSummary:
    if not reps:
        return SetSummary(0, None, None, None, None, None, None, 0.0, 0, 0)
    rom = np.array([r.rom_deg for r in reps])
    dur = np.array([r.end_s - r.start_s for r in reps])
    return SetSummary(
        rep_count=len(reps), rom_mean_deg=float(rom.mean()), rom_sd_deg=float(rom.std()),
        rom_min_deg=float(rom.min()), rom_max_deg=float(rom.max()),
        duration_mean_s=float(dur.mean()),
        tempo_cv=float(dur.std() / dur.mean()) if dur.mean() > 0 else None,
        time_under_tension_s=float(sum(r.time_under_tension_s for r in reps)),
        reps_below_target=sum("below_target_range" in r.flags for r in reps),
        reps_too_fast=sum("faster_than_prescribed" in r.flags for r in reps))


def flag_against_targets(reps: list[RepCompleted], exercise: Exercise | None,
                         targets: dict | None,
                         calibrated: bool) -> list[RepCompleted]:
    """The flags of a set's repetitions against the targets the set was done with (its own
    ``rom_band_deg`` and ``tempo_s``, else the catalogue's).

    One rule for every view: the live set flags each repetition with it as it completes and
    stores the flags with it; replay, ``monitor analyze`` and the history apply the same rule
    to the same targets, so a flag reads the same everywhere. Timed tests are not judged
    against a range or a tempo; an uncalibrated angle is not judged against a range.
    """
    if exercise is None or exercise.kind != "repetitions":
        return reps
    targets = targets or {}
    band = targets.get("rom_band_deg") or sorted(exercise.target_deg)
    lo, hi = sorted(float(x) for x in band)
    up, hold, down, rest = (float(x) for x in (targets.get("tempo_s") or exercise.tempo_s))
    tempo = (up, hold, down, rest)
    end = hi if exercise.outward_sign > 0 else lo
    return flag_reps(reps, end if calibrated else None, exercise.outward_sign, tempo)
