"""IMU readings of a constructed movement: a segment's orientation and the sensor's position
over time in, specific force and angular rate in the sensor frame out (physics, no model of
the product). Used where the simulator has no such movement: the trailing thigh of a lunge
turning about the vertical, a shank carried up and forward on the foot in a heel raise."""

from __future__ import annotations

import numpy as np
from scipy.spatial.transform import Rotation

GRAVITY_M_S2 = 9.81


def minimum_jerk(s: np.ndarray) -> np.ndarray:
    """0 -> 1 over s in 0..1 (Flash & Hogan 1985), flat outside."""
    s = np.clip(s, 0.0, 1.0)
    return 10 * s ** 3 - 15 * s ** 4 + 6 * s ** 5


def repetitions(time_s: np.ndarray, reps: int, period_s: float, move_s: float,
                first_s: float = 2.0) -> np.ndarray:
    """0 at rest, 1 at each repetition's turning point: out and back in move_s each."""
    x = np.zeros_like(time_s)
    for k in range(reps):
        start = first_s + k * period_s
        x += minimum_jerk((time_s - start) / move_s) - minimum_jerk(
            (time_s - start - move_s) / move_s)
    return x


def imu_readings(time_s: np.ndarray, sensor_to_world: Rotation, position_m: np.ndarray,
                 seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(acc_m_s2, gyr_rad_s) of a sensor with these orientations and positions (world z up),
    with white noise and a small constant gyroscope offset."""
    rot = sensor_to_world.as_matrix()
    step = Rotation.from_matrix(np.einsum("nji,njk->nik", rot[:-1], rot[1:]))
    rate = step.as_rotvec() / np.diff(time_s)[:, None]
    gyr = 0.5 * (np.vstack([rate[:1], rate]) + np.vstack([rate, rate[-1:]]))
    vel = np.gradient(position_m, time_s, axis=0)
    specific = np.gradient(vel, time_s, axis=0) + np.array([0.0, 0.0, GRAVITY_M_S2])
    acc = np.einsum("nji,nj->ni", rot, specific)
    rng = np.random.default_rng(seed)
    acc = acc + rng.normal(0.0, 0.04, acc.shape)
    gyr = gyr + rng.normal(0.0, 0.006, gyr.shape) + rng.uniform(-0.015, 0.015, 3)
    return acc, gyr


def lunge_trailing_thigh(seed: int = 0, rate_hz: float = 100.0, reps: int = 8
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Forward lunges seen from the trailing thigh: it turns 40 deg about the vertical (the
    pelvis turns, the thigh rotates about its long axis) and tilts back by only 10 deg,
    while the body drops 35 cm and moves 30 cm forward. Strapped on at random."""
    t = np.arange(0.0, 4.0 + 4.0 * reps, 1.0 / rate_hz)
    x = repetitions(t, reps, 4.0, 1.2)
    segment = (Rotation.from_euler("z", np.radians(40.0) * x[:, None])
               * Rotation.from_euler("y", -np.radians(10.0) * x[:, None]))
    sensor = segment * Rotation.random(random_state=seed)
    position = np.stack([0.30 * x, 0.0 * x, -0.35 * x], axis=1)
    acc, gyr = imu_readings(t, sensor, position, seed)
    return t, acc, gyr


def heel_raise_shank(seed: int = 0, rate_hz: float = 100.0, reps: int = 10
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Heel raises seen from the shank: the foot turns 25 deg about the toes in 0.4 s, which
    carries the ankle up and forward on an arc, while the knee moves back (the shank tilts
    back by 3 deg). The sensor, 30 cm above the ankle, accelerates far more than it tilts.
    Strapped on at random."""
    t = np.arange(0.0, 4.0 + 2.0 * reps, 1.0 / rate_hz)
    x = repetitions(t, reps, 2.0, 0.4)
    segment = Rotation.from_euler("y", -np.radians(3.0) * x[:, None])
    sensor = segment * Rotation.random(random_state=seed)
    foot = np.radians(10.0 + 25.0 * x)
    ankle = np.stack([-0.15 * np.cos(foot), 0.0 * x, 0.15 * np.sin(foot)], axis=1)
    position = ankle + segment.apply(np.array([0.0, 0.0, 0.30]))
    acc, gyr = imu_readings(t, sensor, position, seed)
    return t, acc, gyr


def squat_thigh(seed: int = 0, rate_hz: float = 100.0, reps: int = 8
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Squats seen from the thigh: it tilts forward by 80 deg about the knee axis while the
    hip drops 40 cm and moves back 15 cm, in 1.5 s down and 1.5 s up. Strapped on at
    random (so the knee axis has a part along every sensor axis)."""
    t = np.arange(0.0, 4.0 + 5.0 * reps, 1.0 / rate_hz)
    x = repetitions(t, reps, 5.0, 1.5)
    segment = Rotation.from_euler("y", np.radians(80.0) * x[:, None])
    sensor = segment * Rotation.from_euler("xyz", [40.0, -30.0, 25.0], degrees=True) \
        * Rotation.random(random_state=seed)
    position = np.stack([-0.15 * x, 0.0 * x, -0.40 * x], axis=1) + segment.apply(
        np.array([0.0, 0.0, -0.20]))
    acc, gyr = imu_readings(t, sensor, position, seed)
    return t, acc, gyr
