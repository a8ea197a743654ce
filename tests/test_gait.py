"""Walking tests (monitor.signal.gait) against the walking simulator's ground truth.

Sensors sit in random orientations (no calibration), with noise and a gyroscope offset;
walkers from 0.6 m/s (slow, as with knee osteoarthritis) to 1.6 m/s. Each assertion is
what a therapist would check: the time, the steps, the cadence, the phases of the TUG,
within tolerances well below what a wrong detection would give (a missed or extra stride
is half a stride-time off; a wrong event is a quarter of a stride or more).
"""

from __future__ import annotations

import numpy as np
import pytest

from monitor.core.rotations import axis_angle_matrix
from monitor.core.samples import ImuBatch, ImuRecording
from monitor.signal.gait import gait_events, stair_climb, tug, walk_test
from monitor.signal.simulate import simulate_session
from monitor.signal.simulate_gait import (
    simulate_stairs,
    simulate_tug,
    simulate_walk,
)

WALKS = [
    # speed (m/s), sensors, seed
    (0.6, ("right_shank",), 11),
    (1.0, ("right_thigh",), 12),
    (1.6, ("left_shank",), 13),
    (1.2, ("left_thigh",), 14),
    (0.8, ("left_shank", "right_shank"), 15),
]


def _matched(detected: list[float | None], truth: list[float]) -> np.ndarray:
    """Error of each detected time against the nearest true one."""
    t = np.asarray(truth)
    return np.array([d - t[np.argmin(np.abs(t - d))] for d in detected if d is not None])


@pytest.mark.parametrize(("speed", "sensors", "seed"), WALKS)
def test_walk_test_time_steps_cadence_turns(speed, sensors, seed):
    sim = simulate_walk(speed_m_s=speed, seed=seed, sensors=sensors, gyr_offset_rad_s=0.04)
    truth = sim.truth
    res = walk_test(sim.recording)
    assert res["time_s"] == pytest.approx(truth.time_s, abs=0.25)
    assert res["start_s"] == pytest.approx(truth.start_s, abs=0.15)
    assert res["end_s"] == pytest.approx(truth.end_s, abs=0.2)
    assert res["speed_m_s"] == pytest.approx(40.0 / truth.time_s, rel=0.01)
    if len(sensors) == 2:
        assert res["steps"] == truth.steps          # both legs counted
    else:
        # One leg: twice its strides; the other leg may have stepped once more or less.
        assert abs(res["steps"] - truth.steps) <= 1
        assert res["steps"] % 2 == 0
        assert res["swings"] == len(truth.initial_contacts_s[sensors[0].split("_")[0]])
        assert any("one leg" in n for n in res["notes"])
    assert res["cadence_steps_min"] == pytest.approx(truth.cadence_steps_min, rel=0.03)
    # Three turns, each found where the walker turned.
    assert len(res["turns"]) == 3
    for mid, (t0, t1) in zip(res["turns"], truth.turns, strict=True):
        assert mid == pytest.approx(0.5 * (t0 + t1), abs=0.4)
    assert res["sensor"] in sensors


@pytest.mark.parametrize(("segment", "ic_tol", "fc_tol", "bias_tol"),
                         [("shank", 0.06, 0.13, (0.045, 0.1)),
                          ("thigh", 0.18, 0.18, (0.09, 0.09))])
def test_gait_events_per_stride(segment, ic_tol, fc_tol, bias_tol):
    """Mid-swing, initial and final contact of every stride, from the bare angular rate of
    a sensor in a random orientation (IC within tens of ms on the shank)."""
    sim = simulate_walk(speed_m_s=1.1, seed=21, sensors=(f"right_{segment}",))
    b = sim.recording.sensors[f"right_{segment}"]
    ev = gait_events(b.time_s, b.gyr_rad_s, 100.0, segment=segment)
    ic_true = sim.truth.initial_contacts_s["right"]
    fc_true = sim.truth.final_contacts_s["right"]
    assert len(ev["mid_swing_s"]) == len(ic_true)
    # Each swing lies between its final and its initial contact.
    for fc, ms, ic in zip(ev["final_contacts_s"], ev["mid_swing_s"], ev["initial_contacts_s"],
                          strict=True):
        assert fc < ms < ic
    e_ic = _matched(ev["initial_contacts_s"], ic_true)
    e_fc = _matched(ev["final_contacts_s"], fc_true)
    assert len(e_ic) >= len(ic_true) - 1 and len(e_fc) >= len(fc_true) - 1
    assert np.max(np.abs(e_ic)) <= ic_tol
    assert np.max(np.abs(e_fc)) <= fc_tol
    # No bias beyond what the simulated gait cycle's shape gives (the thigh's contacts are
    # placed from its extremes by the normal gait cycle's phases: 0.11-0.17 s off without).
    assert abs(np.mean(e_ic)) <= bias_tol[0]
    assert abs(np.mean(e_fc)) <= bias_tol[1]


def _remounted(rec: ImuRecording, label: str, rot: np.ndarray) -> ImuRecording:
    """The same recording from a sensor turned by ``rot`` on its strap."""
    b = rec.sensors[label]
    return ImuRecording({label: ImuBatch(b.time_s, b.acc_m_s2 @ rot, b.gyr_rad_s @ rot)},
                        dict(rec.placements))


@pytest.mark.parametrize("axis", [[0, 0, 1], [1, 0, 0], [0.3, -0.8, 0.5]])
def test_mounting_does_not_change_the_result(axis):
    """A sensor turned upside down or sideways on its strap: the same swings, the same
    time (the sagittal axis and its sign are found from the data)."""
    sim = simulate_walk(speed_m_s=0.9, seed=31, sensors=("left_shank",), mounting="aligned")
    base = walk_test(sim.recording)
    turned = walk_test(_remounted(sim.recording, "left_shank",
                                  axis_angle_matrix(axis, np.radians(180.0))))
    assert turned["swings"] == base["swings"] == len(sim.truth.initial_contacts_s["left"])
    assert turned["time_s"] == pytest.approx(base["time_s"], abs=0.02)
    assert turned["turns"] == pytest.approx(base["turns"], abs=0.05)


@pytest.mark.parametrize(("speed", "seed"), [(0.5, 41), (1.2, 42)])
def test_tug_phases_with_a_thigh_sensor(speed, seed):
    sim = simulate_tug(speed_m_s=speed, seed=seed, sensors=("right_thigh",),
                       gyr_offset_rad_s=0.04)
    res = tug(sim.recording)
    truth = sim.truth
    assert res["time_s"] == pytest.approx(truth.time_s, abs=0.15)
    assert res["phases"]["rise"] == pytest.approx(truth.phases["rise"], abs=0.15)
    for phase in ("walk_out", "turn", "walk_back", "turn_sit"):
        assert res["phases"][phase] == pytest.approx(truth.phases[phase], abs=0.35), phase
    assert res["boundaries"]["rise_start"] == pytest.approx(truth.boundaries["rise_start"],
                                                            abs=0.1)
    assert res["boundaries"]["end"] == pytest.approx(truth.boundaries["end"], abs=0.1)
    assert len(res["turns"]) == 2


def test_tug_with_a_shank_sensor_only_says_what_it_cannot_measure():
    sim = simulate_tug(speed_m_s=0.8, seed=43, sensors=("left_shank",))
    res = tug(sim.recording)
    truth = sim.truth
    assert res["time_s"] == pytest.approx(truth.time_s, abs=0.3)
    assert res["phases"]["rise"] is None and res["phases"]["walk_out"] is None
    for phase in ("turn", "walk_back", "turn_sit"):
        assert res["phases"][phase] == pytest.approx(truth.phases[phase], abs=0.35), phase
    assert any("shank sensor only" in n and "thigh" in n for n in res["notes"])


@pytest.mark.parametrize(("sensor", "stairs", "seed"), [("right_shank", 10, 51),
                                                        ("left_thigh", 12, 52)])
def test_stair_climb(sensor, stairs, seed):
    sim = simulate_stairs(stairs=stairs, seed=seed, sensors=(sensor,))
    truth = sim.truth
    res = stair_climb(sim.recording, steps=stairs)
    assert res["time_s"] == pytest.approx(truth.time_s, abs=0.25)
    assert abs(res["steps"] - truth.steps) <= 1
    assert res["pattern"] == "step over step"
    assert res["cadence_steps_min"] == pytest.approx(truth.cadence_steps_min, rel=0.05)
    assert any("not measured" in n for n in res["notes"])


@pytest.mark.parametrize("exercise", ["knee_extension_seated", "sit_to_stand",
                                      "knee_flexion_standing"])
def test_no_walking_says_why(exercise):
    """A set of exercises is not a walk: no time, and the notes say why."""
    sim = simulate_session(exercise, reps=10, seed=61, mounting="random")
    for res in (walk_test(sim.recording), stair_climb(sim.recording), tug(sim.recording)):
        assert res["time_s"] is None
        assert any(n.startswith("no walking found") for n in res["notes"])


def test_standing_still_and_no_leg_sensor():
    sim = simulate_walk(seed=62, sensors=("right_shank",))
    b = sim.recording.sensors["right_shank"]
    still = b.slice(0, int(np.searchsorted(b.time_s, sim.truth.start_s - 0.2)))
    res = walk_test(ImuRecording({"right_shank": still}, {"right_shank": "right_shank"}))
    assert res["time_s"] is None and "no walking found" in res["notes"][0]
    res = walk_test(ImuRecording({"P1": b}, {"P1": "pelvis"}))
    assert res["time_s"] is None and "no shank or thigh sensor" in res["notes"][0]


def test_lost_samples_and_a_label_without_placement():
    """5 % of the samples lost and a 0.4-s silence; the sensor placed by its label."""
    sim = simulate_walk(speed_m_s=1.0, seed=63, sensors=("left_thigh",), rate_hz=50.0)
    b = sim.recording.sensors["left_thigh"]
    rng = np.random.default_rng(0)
    keep = (rng.random(len(b)) > 0.05) & ~((b.time_s > 15.0) & (b.time_s < 15.4))
    rec = ImuRecording({"ThighL": ImuBatch(b.time_s[keep], b.acc_m_s2[keep],
                                           b.gyr_rad_s[keep])}, {})
    res = walk_test(rec)
    assert res["time_s"] == pytest.approx(sim.truth.time_s, abs=0.25)
    assert abs(res["steps"] - sim.truth.steps) <= 1
    assert any("from its label" in n for n in res["notes"])


def test_steps_of_both_legs_from_a_thigh_and_a_shank():
    """A thigh sensor on one leg and a shank sensor on the other: each leg's steps are
    counted, so the count is exact."""
    sim = simulate_walk(speed_m_s=1.0, seed=71, sensors=("left_thigh", "right_shank"))
    res = walk_test(sim.recording)
    assert res["steps"] == sim.truth.steps
    assert sorted(res["sensors"]) == ["left_thigh", "right_shank"]


def test_thigh_and_shank_of_one_leg_count_that_leg_once():
    """Sensors without a side are on one leg: its strides are not counted twice."""
    sim = simulate_walk(speed_m_s=1.0, seed=72, sensors=("right_thigh", "right_shank"))
    rec = ImuRecording(sim.recording.sensors, {"right_thigh": "thigh", "right_shank": "shank"})
    res = walk_test(rec)
    assert abs(res["steps"] - sim.truth.steps) <= 1
    assert res["sensors"] == ["right_shank"]


def test_a_sensor_silent_during_the_walk_is_told():
    """Three seconds without samples in the middle of the walk: the time still runs, the
    notes say the steps then are not counted."""
    sim = simulate_walk(speed_m_s=1.2, seed=73, sensors=("right_shank",))
    b = sim.recording.sensors["right_shank"]
    keep = ~((b.time_s > 15.0) & (b.time_s < 18.0))
    rec = ImuRecording({"right_shank": ImuBatch(b.time_s[keep], b.acc_m_s2[keep],
                                                b.gyr_rad_s[keep])},
                       {"right_shank": "right_shank"})
    res = walk_test(rec)
    assert res["time_s"] == pytest.approx(sim.truth.time_s, abs=0.25)
    assert any("sent nothing for 3.0 s" in n and "not counted" in n for n in res["notes"])
    assert res["steps"] < sim.truth.steps - 2          # the silent strides are missing


@pytest.mark.parametrize("name", ["uci_s1_e1_test_first80s", "uci_s2_e3_template"])
def test_real_exercise_recordings_are_not_walking(data_dir, name):
    """Real seated knee extensions and straight-leg raises (UCI Physical Therapy Exercises
    dataset, Yurtman & Barshan, CC BY 4.0; see tests/data/README.md): no walk is found."""
    from recordings.imu_csv import read_imu_csv

    rec = read_imu_csv(data_dir / f"{name}.csv")
    res = walk_test(rec)
    assert res["time_s"] is None and res["steps"] is None
    assert all(n.startswith("no walking found") for n in res["notes"])


@pytest.mark.parametrize("seed", [80, 81, 82, 84])
def test_tug_turn_either_way(seed):
    """A thigh turns a little about the vertical with every stride even walking straight
    (one way on each leg): taken off, a turn toward the sensor's side and one away from it
    last what they last."""
    sim = simulate_tug(speed_m_s=0.8, seed=seed, sensors=("right_thigh",))
    res = tug(sim.recording)
    assert res["phases"]["turn"] == pytest.approx(sim.truth.phases["turn"], abs=0.16)
    assert res["phases"]["walk_back"] == pytest.approx(sim.truth.phases["walk_back"],
                                                       abs=0.16)
