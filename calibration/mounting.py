"""How a sensor sits on its segment, and the segment angle that follows from it.

A :class:`Mounting` gives, in the sensor's own frame, the segment's movement axis (for the
sagittal plane: the axis pointing to the patient's right; frontal plane: pointing backward)
and its distal long axis. The segment angle is then the angle from straight down to the
distal direction, measured about the movement axis: it needs only the direction of gravity
in the sensor frame, never the heading, so it does not drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from monitor.core.rotations import rowdot, twist_deg

# Segment frame in neutral standing: x anterior, y left, z superior (distal = -z).
SAGITTAL_AXIS_SEGMENT = np.array([0.0, -1.0, 0.0])    # positive = distal end moves forward
FRONTAL_AXIS_SEGMENT = np.array([-1.0, 0.0, 0.0])     # positive = right leg moves outward
DISTAL_SEGMENT = np.array([0.0, 0.0, -1.0])


@dataclass(frozen=True)
class Mounting:
    axis: np.ndarray       # unit movement axis in the sensor frame
    distal: np.ndarray     # unit distal long axis in the sensor frame (perpendicular to axis)
    source: str = "given"  # given | self-calibrated | assumed
    quality: float = 1.0   # 0..1, how well the data supported this mounting
    about_vertical: bool = False   # the axis is (nearly) vertical: angle from the heading
    # No one axis carries the movement (it turns about several at once): the angle is the
    # whole rotation from the rest posture, whose direction of gravity is then ``distal``
    # (see calibration.selfcal.RestRotation).
    whole_rotation: bool = False

    @classmethod
    def from_rotation(cls, sensor_to_segment: np.ndarray, plane: str = "sagittal",
                      source: str = "given") -> Mounting:
        """Mounting from a known sensor-to-segment rotation matrix."""
        r = np.asarray(sensor_to_segment, dtype=float)
        seg_axis = SAGITTAL_AXIS_SEGMENT if plane == "sagittal" else FRONTAL_AXIS_SEGMENT
        return cls(axis=r.T @ seg_axis, distal=r.T @ DISTAL_SEGMENT, source=source)

    def to_json(self) -> dict:
        return {"axis": [float(v) for v in self.axis],
                "distal": [float(v) for v in self.distal],
                "source": self.source, "quality": float(self.quality),
                "about_vertical": self.about_vertical, "whole_rotation": self.whole_rotation}

    @classmethod
    def from_json(cls, d: dict) -> Mounting:
        return cls(axis=np.asarray(d["axis"], float), distal=np.asarray(d["distal"], float),
                   source=d.get("source", "stored"), quality=float(d.get("quality", 1.0)),
                   about_vertical=bool(d.get("about_vertical", False)),
                   whole_rotation=bool(d.get("whole_rotation", False)))

    @cached_property
    def _ahead(self) -> np.ndarray:
        """distal x axis: (down x distal) . axis is down . (distal x axis), one product per
        sample instead of a cross product per sample (the live view calls this for every
        notification of a few samples)."""
        d, a = self.distal, self.axis
        return np.array([d[1] * a[2] - d[2] * a[1], d[2] * a[0] - d[0] * a[2],
                         d[0] * a[1] - d[1] * a[0]])

    def segment_angle_deg(self, up: np.ndarray) -> np.ndarray:
        """Segment angle (deg) for earth-up vectors (N, 3) in the sensor frame."""
        down = -up
        y = rowdot(down, self._ahead)
        x = rowdot(down, self.distal)
        return np.degrees(np.arctan2(y, x))

    def turn_deg(self, quat: np.ndarray, quat_ref: np.ndarray) -> np.ndarray:
        """Turn (deg, -180..180) about the movement axis from the orientation ``quat_ref``
        to each of ``quat`` (N, 4): the angle of an ``about_vertical`` mounting."""
        return twist_deg(quat_ref, quat, self.axis)


def rotation_about(axis: np.ndarray, vector: np.ndarray, angle_rad: float) -> np.ndarray:
    """Rodrigues rotation of one vector about a unit axis."""
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    return vector * c + np.cross(axis, vector) * s + axis * (axis @ vector) * (1 - c)
