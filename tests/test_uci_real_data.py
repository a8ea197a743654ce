"""Real recordings (excerpts of the UCI physical-therapy data set, see tests/data/README.md).

A. Yurtman and B. Barshan, Physical Therapy Exercises Dataset, UCI Machine Learning
Repository, doi:10.24432/C5JK60 (CC BY 4.0). The sensors are strapped on in unknown
orientations, so these runs go through the self-calibration from the recording.
"""

import json

import pytest

from monitor.signal.analysis import analyze_recording
from recordings.imu_csv import read_imu_csv


@pytest.fixture(scope="module")
def truth(request):
    from conftest import DATA

    return json.loads((DATA / "uci_truth.json").read_text())


@pytest.mark.parametrize("stem", ["s1_e1_template", "s2_e3_template", "s3_e4_template"])
@pytest.mark.parametrize("exercise", [None, "none"])
def test_repetition_count_matches(data_dir, truth, stem, exercise):
    rec = read_imu_csv(data_dir / f"uci_{stem}.csv")
    result = analyze_recording(rec, exercise_id=exercise)
    assert len(result.reps) == truth[stem]["rep_count"]


def test_selected_template_reps_are_found_with_their_boundaries(data_dir, truth):
    import numpy as np

    rec = read_imu_csv(data_dir / "uci_s1_e1_template.csv")
    result = analyze_recording(rec)
    err = []
    for lab in truth["s1_e1_template"]["selected_template_reps"]:
        mid = 0.5 * (lab["start_s"] + lab["end_s"])
        match = [r for r in result.reps if r.start_s <= mid <= r.end_s]
        assert len(match) == 1
        err += [abs(match[0].start_s - lab["start_s"]), abs(match[0].end_s - lab["end_s"])]
    # Boundaries where the leg starts and stops moving (5 % of the peak speed, widened by a
    # smooth movement's slow start and arrival), and where the leg swings back past the
    # start posture, against the dataset authors' selection: median within 0.25 s (the
    # target for hand labels), each within 0.4 s but the first start. (The correct rep's
    # knee angle creeps at about 5 % of its peak speed for half a second before the
    # extension, the thigh lifting a little: the leg moves from 0.5 s before the selection.)
    assert np.median(err) <= 0.25
    assert max(err[1:]) <= 0.4
    assert err[0] <= 0.6


def test_boundaries_against_hand_labels_where_the_leg_swings_back(data_dir, truth):
    # Subject 1's test session: the first reps swing back past the start posture and turn
    # without a rest; the labeller put each boundary where the leg passes the posture.
    import numpy as np

    rec = read_imu_csv(data_dir / "uci_s1_e1_test_first80s.csv")
    labels = truth["s1_e1_test_first80s"]["rep_boundaries"]
    reps = analyze_recording(rec).reps
    assert len(reps) == len(labels) == 10
    err_start = np.array([abs(r.start_s - lab["start_s"]) for r, lab in zip(reps, labels,
                                                                               strict=True)])
    err_end = np.array([abs(r.end_s - lab["end_s"]) for r, lab in zip(reps, labels,
                                                                         strict=True)])
    assert np.median(np.r_[err_start, err_end]) <= 0.25
    # Boundaries between reps with no rest (labels less than 1.5 s apart): the swing.
    swung = [k for k in range(9) if labels[k + 1]["start_s"] - labels[k]["end_s"] < 1.5]
    assert len(swung) >= 4
    assert np.median(np.r_[err_end[swung], err_start[[k + 1 for k in swung]]]) <= 0.15


def test_straight_leg_raise_starts_with_the_shank(data_dir, truth):
    # Subject 1's straight-leg raises: the shank starts to turn 0.1-0.4 s before the thigh
    # (the knee locks, then the leg lifts); the labeller marked the start there. Measured
    # from the thigh alone the starts were 0.3 s late (median).
    import numpy as np

    rec = read_imu_csv(data_dir / "uci_s1_e3_test_first80s.csv")
    labels = truth["s1_e3_test_first80s"]["rep_boundaries"]
    res = analyze_recording(rec)
    assert res.angle_name == "hip_flexion_deg"
    assert len(res.reps) == len(labels) == 10
    err_start = [abs(r.start_s - lab["start_s"]) for r, lab in zip(res.reps, labels,
                                                                       strict=True)]
    err_end = [abs(r.end_s - lab["end_s"]) for r, lab in zip(res.reps, labels, strict=True)]
    assert np.median(err_start) <= 0.2
    assert np.median(err_end) <= 0.2


def test_seated_knee_extension_angles_are_plausible(data_dir):
    rec = read_imu_csv(data_dir / "uci_s1_e1_template.csv")
    result = analyze_recording(rec)
    assert result.angle_name == "knee_flexion_deg" and result.calibrated
    normal = result.reps[:6]                      # correct and fast repetitions
    for r in normal:
        assert 60 <= r.rom_deg <= 100              # a full seated knee extension
        assert -10 <= r.min_deg <= 30              # close to straight at the turn
        assert 75 <= r.max_deg <= 110              # about 90 deg at rest
    low = result.reps[6:]                         # low-amplitude repetitions
    mean_normal = sum(r.rom_deg for r in normal) / len(normal)
    assert all(r.rom_deg < mean_normal - 10 for r in low)
    assert all("below_target_range" in r.flags for r in low)


def test_thigh_sensor_with_permuted_gyroscope_axes_is_left_out_and_the_shank_used(data_dir):
    # Subject 2's right-thigh gyroscope turns gravity where its accelerometer finds it only
    # read with its y and z axes permuted (residual 1.8 deg against 17.9 as recorded; the
    # shank's: 2 deg). The straight-leg raise is measured with the shank, and the note says
    # how to read the thigh.
    rec = read_imu_csv(data_dir / "uci_s2_e3_template.csv")
    result = analyze_recording(rec)
    assert list(result.sensors_used) == ["right_shank"]
    assert any("sensor 'right_thigh' not used: the gyroscope's axes appear permuted" in n
               and "--axes right_thigh=x,-z,y" in n for n in result.notes), result.notes
    assert len(result.reps) == 9
