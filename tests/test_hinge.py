"""Knee axis from thigh + shank gyroscopes (Seel et al. 2012 hinge constraint).

The motion here is synthetic rigid-body kinematics (exact truth): a thigh turning in three
dimensions (hip flexion, abduction and rotation) with the shank hinged at the knee, both
sensors strapped on in random orientations.
"""

import numpy as np
import pytest
from sim_helpers import hinged_leg as leg

from calibration.guided import calibrate
from calibration.hinge import estimate_joint_axes, joint_axes_from_streams
from calibration.selfcal import principal_axis


def angle_deg(a, b):
    return float(np.degrees(np.arccos(min(1.0, abs(a @ b)))))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_knee_axis_found_in_both_frames_where_one_sensor_alone_gets_it_wrong(seed):
    _, g1, g2, j1, j2 = leg(seed)
    est = estimate_joint_axes(g1, g2)
    assert est.identifiable and est.one_knee
    assert angle_deg(est.thigh_axis, j1) < 1.0
    assert angle_deg(est.shank_axis, j2) < 1.0
    # The thigh's own main rotation axis is off, because the hip turns in three dimensions.
    assert angle_deg(principal_axis(g1).axis, j1) > 3.0


@pytest.mark.parametrize("case", [{"hip": 0, "abduction": 0, "rotation": 0},   # thigh still
                                  {"knee": 0}])                           # rigid leg
def test_movement_that_cannot_pin_the_axis_down_says_so(case):
    _, g1, g2, _, _ = leg(3, **case)
    est = estimate_joint_axes(g1, g2)
    assert not est.identifiable


def test_sensors_on_different_legs_do_not_fit_one_knee():
    _, g_a, g_shank, _, _ = leg(4)
    _, g_thigh_other, _, _, _ = leg(5, freqs=(0.21, 0.37, 0.53, 0.29))
    same = estimate_joint_axes(g_a, g_shank)
    other = estimate_joint_axes(g_thigh_other, g_shank)
    assert other.residual > 5 * same.residual


def test_streams_with_their_own_clocks_are_aligned_first():
    t, g1, g2, j1, j2 = leg(6, rate=100.0)
    # Shank sampled at 50 Hz on its own clock, 3 ms later.
    est = joint_axes_from_streams(t, g1, t[::2] + 0.003, g2[::2])
    assert est.identifiable
    assert angle_deg(est.thigh_axis, j1) < 1.5 and angle_deg(est.shank_axis, j2) < 1.5


def test_guided_calibration_uses_the_knee_axis_when_the_movement_allows():
    t, g1, g2, j1, j2 = leg(7)
    n = len(t)
    # Gravity direction is irrelevant to the axis; a fixed "up" keeps the still pose valid.
    ups = {"a": np.tile([0.0, 0.0, 1.0], (n, 1)), "b": np.tile([0.0, 0.0, 1.0], (n, 1))}
    still = np.zeros((200, 3))
    gyrs = {"a": np.vstack([still, g1]), "b": np.vstack([still, g2])}
    ups = {k: np.tile([0.0, 0.0, 1.0], (n + 200, 1)) for k in ups}
    tt = np.arange(n + 200) / 100.0
    report = calibrate({"a": "thigh", "b": "shank"}, ups, gyrs, {"a": 100.0, "b": 100.0},
                       {"thigh": 30.0, "shank": -20.0}, {"thigh": 0.0, "shank": 0.0},
                       times={"a": tt, "b": tt})
    assert report.knee_axis is not None and report.knee_axis.identifiable
    m = report.mountings()
    assert m["a"].source == "self-calibrated (knee axis)"
    assert angle_deg(m["a"].axis, j1) < 1.0 and angle_deg(m["b"].axis, j2) < 1.0


def test_a_knee_axis_far_from_the_segments_own_axes_is_not_used():
    # A strap turned during the recording can make the fit look identifiable with axes far
    # from where the segments turn; the segments' own axes are kept then.
    from calibration.hinge import JointAxes, usable_knee_axes

    knee = JointAxes(thigh_axis=np.array([0.0, 1.0, 0.0]), shank_axis=np.array([0.0, 0.0, 1.0]),
                     residual=0.2, identifiable=True, samples=1000)
    segments = {"a": "thigh", "b": "shank"}
    def unit(v):
        return np.asarray(v, float) / np.linalg.norm(v)

    near = {"a": unit([0.05, -1.0, 0.0]), "b": unit([0.0, 0.1, 1.0])}
    used = usable_knee_axes(knee, segments, near)
    assert set(used) == {"a", "b"}
    assert used["a"] @ near["a"] > 0          # signed like the segment's own axis
    far = dict(near, b=unit([0.0, 1.0, 1.0]))        # 45 deg from the knee axis
    assert usable_knee_axes(knee, segments, far) == {}
    assert usable_knee_axes(None, segments, near) == {}
