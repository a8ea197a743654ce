"""Frames and angles against scipy's Rotation, and physical-sanity checks of segment angles."""

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from calibration.mounting import Mounting
from monitor.core.orientation import OrientationTracker
from monitor.core.rotations import axis_angle_matrix, random_rotation, up_in_sensor_frame
from monitor.core.samples import GRAVITY_M_S2


def test_up_vector_matches_scipy():
    rot = Rotation.random(50, random_state=3)
    q_xyzw = rot.as_quat()
    q_wxyz = np.column_stack([q_xyzw[:, 3], q_xyzw[:, :3]])
    expected = rot.inv().apply([0.0, 0.0, 1.0])
    np.testing.assert_allclose(up_in_sensor_frame(q_wxyz), expected, atol=1e-12)


def test_axis_angle_matrix_matches_scipy():
    rng = np.random.default_rng(0)
    axis = rng.normal(size=3)
    axis /= np.linalg.norm(axis)
    angles = rng.uniform(-np.pi, np.pi, 20)
    expected = Rotation.from_rotvec(angles[:, None] * axis).as_matrix()
    np.testing.assert_allclose(axis_angle_matrix(axis, angles), expected, atol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_segment_angle_does_not_depend_on_mounting(seed):
    """The same segment pose gives the same angle however the sensor sits on it."""
    rng = np.random.default_rng(seed)
    phi = rng.uniform(-170, 170, 40)
    # Segment rotated about its right axis (-y) by phi, with a random heading on top.
    seg_to_world = (axis_angle_matrix([0, 0, 1], rng.uniform(-np.pi, np.pi, 40))
                    @ axis_angle_matrix([0, -1, 0], np.radians(phi)))
    for _ in range(10):
        m = random_rotation(rng)                       # sensor -> segment
        sensor_to_world = seg_to_world @ m
        up = np.einsum("nji,j->ni", sensor_to_world, [0.0, 0.0, 1.0])
        got = Mounting.from_rotation(m).segment_angle_deg(up)
        np.testing.assert_allclose(got, phi, atol=1e-9)


def test_still_sensor_gives_constant_angle_and_known_rotation_gives_that_angle():
    rate = 100.0
    n = 2000
    tilt = np.radians(30.0)
    # Sensor tilted by 30 deg about its x axis, then rotated to 70 deg at 20 deg/s.
    t = np.arange(n) / rate
    angle = np.where(t < 5, tilt, np.minimum(tilt + np.radians(20.0) * (t - 5), np.radians(70)))
    rate_x = np.gradient(angle, 1 / rate)
    r = axis_angle_matrix([1, 0, 0], angle)
    acc = np.einsum("nji,j->ni", r, [0, 0, GRAVITY_M_S2])
    gyr = np.column_stack([rate_x, np.zeros(n), np.zeros(n)])
    out = OrientationTracker(rate).update(t, acc, gyr)
    incl = np.degrees(np.arccos(np.clip(out.up[:, 2], -1, 1)))
    assert np.ptp(incl[100:500]) < 0.05
    np.testing.assert_allclose(incl[100:500], 30.0, atol=0.2)
    np.testing.assert_allclose(incl[-200:], 70.0, atol=0.3)


def _lying_still(rate, seconds, bias, turn_deg_s=0.0, seed=0):
    """A sensor lying flat (z up) with a gyroscope offset, optionally turning slowly about x."""
    rng = np.random.default_rng(seed)
    t = np.arange(0.0, seconds, 1.0 / rate)
    angle = np.radians(turn_deg_s) * t
    acc = GRAVITY_M_S2 * np.c_[0 * t, np.sin(angle), np.cos(angle)]
    gyr = np.c_[np.full_like(t, np.radians(turn_deg_s)), 0 * t, 0 * t]
    return (t, acc + rng.normal(0, 0.04, acc.shape),
            gyr + bias + rng.normal(0, 0.006, gyr.shape))


@pytest.mark.parametrize("rate", [25.0, 100.0])
def test_a_commodity_gyroscope_offset_is_taken_off_at_the_first_stillness(rate):
    # 4 deg/s on one axis: twice what the orientation filter learns by itself.
    bias = np.radians([4.0, -1.5, 2.5])
    t, acc, gyr = _lying_still(rate, 6.0, bias)
    tracker = OrientationTracker(rate)
    out = [tracker.update(t[i:i + 7], acc[i:i + 7], gyr[i:i + 7]) for i in range(0, len(t), 7)]
    rest = np.concatenate([o.gyr_rad_s for o in out])[t > 2.0]
    assert np.degrees(np.linalg.norm(rest.mean(axis=0))) < 0.3
    assert np.allclose(tracker.offset_rad_s, bias, atol=np.radians(0.3))
    # The same whichever way the stream was cut.
    whole = OrientationTracker(rate).update(t, acc, gyr)
    assert np.array_equal(whole.quat, np.concatenate([o.quat for o in out]))
    assert np.array_equal(whole.gyr_rad_s, np.concatenate([o.gyr_rad_s for o in out]))


def test_a_slow_steady_turn_at_the_start_is_not_taken_for_an_offset():
    # 3 deg/s for 6 s tilts the gravity reading: a movement, not an offset.
    t, acc, gyr = _lying_still(50.0, 6.0, np.zeros(3), turn_deg_s=3.0)
    tracker = OrientationTracker(50.0)
    tracker.update(t, acc, gyr)
    assert tracker.offset_rad_s is None or np.degrees(np.abs(tracker.offset_rad_s).max()) < 0.5


def test_settling_after_the_offset_stops_when_the_sensor_moves():
    # A shank-like sensor 0.3 m below its pivot with a 3 deg/s offset: still for 1.1 s (the
    # offset is found after 1 s), then a fast 70-deg swing and back. The short accelerometer
    # time constant used to settle the tilt must not follow the swing's accelerations.
    rate, r = 50.0, 0.3
    t = np.arange(0.0, 8.0, 1 / rate)
    u = np.clip((t - 1.1) / 1.0, 0, 1) - np.clip((t - 3.1) / 1.0, 0, 1)
    theta = np.radians(70.0) * np.sin(0.5 * np.pi * u) ** 2
    w = np.gradient(theta, t)
    alpha = np.gradient(w, t)
    # Sensor frame turns about x by theta; gravity seen in it, plus tangential (y) and
    # centripetal (+z, towards the pivot) acceleration of the swing.
    acc = np.c_[0 * t, GRAVITY_M_S2 * np.sin(theta) + r * alpha,
                GRAVITY_M_S2 * np.cos(theta) + r * w ** 2]
    bias = np.radians([3.0, -2.0, 1.0])
    gyr = np.c_[w, 0 * t, 0 * t] + bias
    out = OrientationTracker(rate).update(t, acc, gyr)
    true_up = np.c_[0 * t, np.sin(theta), np.cos(theta)]
    err = np.degrees(np.arccos(np.clip(np.sum(out.up * true_up, axis=1), -1, 1)))
    assert err[t > 1.0].max() < 3.0


def _turn_unseen_then_push(rate, seed=0):
    """A sensor still and level, silent for 1 s while it tips by 40 deg about x, still for
    0.1 s, then pushed along its (now tilted) y axis: 1.5 m/s^2 for 0.6 s and back (a leg
    carried forward by the body) while it tips back by 10 deg. Returns the samples it sent
    and the true inclination of each (deg)."""
    rng = np.random.default_rng(seed)
    t = np.arange(0.0, 8.0, 1.0 / rate)
    u = np.clip((t - 4.2) / 1.2, 0.0, 1.0)
    tip = np.radians(40.0) * (t >= 3.0) - np.radians(10.0) * u * u * (3 - 2 * u)
    w = np.gradient(tip, t)
    push = np.where((t >= 4.2) & (t < 4.8), 1.5, np.where((t >= 4.8) & (t < 5.4), -1.5, 0.0))
    acc = np.c_[0 * t, GRAVITY_M_S2 * np.sin(tip) + push, GRAVITY_M_S2 * np.cos(tip)]
    gyr = np.c_[w, 0 * t, 0 * t]
    keep = (t < 3.0) | (t >= 4.1)
    acc += rng.normal(0, 0.04, acc.shape)
    gyr += rng.normal(0, 0.006, gyr.shape)
    return t[keep], acc[keep], gyr[keep], np.degrees(tip[keep])


@pytest.mark.parametrize("rate", [25.0, 100.0])
def test_after_a_silence_the_inclination_is_right_at_once_and_stays_right(rate):
    # The sensor turned while it sent nothing (a set kept repetition by repetition, a
    # sensor out of range for a moment): the inclination is taken afresh from the first
    # sample after the silence, not pulled towards the old one for seconds, and the push
    # that follows does not throw it off (a short accelerometer time constant would follow
    # the push; a correction of 40 deg at once would teach the filter a gyroscope bias).
    t, acc, gyr, tip = _turn_unseen_then_push(rate)
    tracker = OrientationTracker(rate)
    parts = [tracker.update(t[i:i + 5], acc[i:i + 5], gyr[i:i + 5])
             for i in range(0, len(t), 5)]
    up = np.concatenate([p.up for p in parts])
    incl = np.degrees(np.arctan2(up[:, 1], up[:, 2]))
    after = t >= 4.1
    assert np.abs(incl - tip)[after].max() < 1.0
    # The same whichever way the stream was cut.
    whole = OrientationTracker(rate).update(t, acc, gyr)
    assert np.array_equal(whole.up, up)
