"""When did the leg start a repetition? The other segment's share of the answer.

The repetition detector follows one angle, so a repetition starts where the segment behind
that angle starts to move. When the other segment of the same leg takes part in the movement
(a straight-leg raise turns thigh and shank together), it can start first: in a straight-leg
raise the quadriceps lock the knee (the shank turns) before the thigh lifts, a few tenths of
a second earlier. The repetition begins with that: it is where the effort starts, and where an
observer sees the leg move. This module finds that earlier onset from the other segment's
bias-corrected angular rate, so it needs no calibration of that sensor.

The other segment only counts where it turns, in the repetition's first phase, by at least
``SHARE_OF_ROM`` of the repetition's range of motion: a thigh that shifts a little before a
seated knee extension is not the repetition starting, and the shank's smaller tilt in a squat
or a sit-to-stand is not taken either. The onset follows the same convention as
the detector's own boundaries (5 % of peak speed, widened by a smooth movement's slow
start; see ``monitor.signal.reps``), looked for at most ``LEAD_S`` before the detector's
start.
"""

from __future__ import annotations

import numpy as np

from monitor.core.lazy import load
from monitor.core.rotations import rowdot
from monitor.signal.reps import BOUNDARY_OF_PEAK_SPEED, TAIL_REFERENCE_SPEED, smooth_tails_s

SHARE_OF_ROM = 0.5      # the other segment turns by at least this share of the rep's ROM
LEAD_S = 0.8            # it may start moving at most this long before the measured joint
CUTOFF_HZ = 4.0         # low-pass of its angular rate, as for the detector's velocity


def other_segment_onset(t: np.ndarray, gyr: np.ndarray, start_s: float, turn_s: float,
                        rom_deg: float, rate_hz: float, earliest_s: float = -np.inf
                        ) -> float | None:
    """Time (s) the other segment began the repetition's first phase, if before ``start_s``.

    ``t``, ``gyr``: that segment's sample times and bias-corrected angular rate (rad/s) in
    its own frame, covering at least ``start_s - LEAD_S`` .. ``turn_s``; ``start_s`` and
    ``turn_s`` the repetition's start and turning point as the detector found them;
    ``earliest_s`` the end of the previous repetition (the window does not reach into it,
    and a segment still moving there started this repetition there). None when the
    segment does not take part in the movement or started no earlier.
    """
    bounded = earliest_s > start_s - LEAD_S
    sel = (t >= max(start_s - LEAD_S, earliest_s)) & (t <= turn_s)
    n = int(sel.sum())
    if n < 12 or rom_deg <= 0:
        return None
    ts, g = t[sel], gyr[sel]
    # The axis it turns about while the measured joint moves, whatever way the sensor sits
    # on the segment; only turning about that axis counts before then (a sensor being
    # turned on its strap just before the repetition turns it about another).
    main = g[ts >= start_s]
    axis = np.linalg.eigh(main.T @ main if len(main) >= 4 else g.T @ g)[1][:, -1]
    w = np.degrees(rowdot(g, axis))
    turned = float(np.sum(w)) / rate_hz
    if turned < 0:
        w, turned = -w, -turned
    if turned < SHARE_OF_ROM * rom_deg:
        return None
    signal = load("scipy.signal")  # here: a second to import, rarely needed

    b, a = signal.butter(2, min(CUTOFF_HZ, 0.45 * rate_hz) / (0.5 * rate_hz))
    v = signal.filtfilt(b, a, w)
    i = i_peak = int(np.argmax(v))
    lo = BOUNDARY_OF_PEAK_SPEED * v[i]
    while i > 0 and v[i - 1] >= lo:
        i -= 1
    if i == 0:
        # Moving since the previous repetition ended: it started there. Moving for all of
        # the lead window otherwise: no onset within it.
        return float(ts[0]) if bounded and ts[0] < start_s else None
    onset = float(ts[i - 1] + (ts[i] - ts[i - 1]) * (lo - v[i - 1]) / (v[i] - v[i - 1]))
    # Widened like the detector's own phases: the slow start of a smooth movement is part
    # of it.
    h = i
    while h < i_peak and v[h] < TAIL_REFERENCE_SPEED * v[i_peak]:
        h += 1
    onset = max(onset - smooth_tails_s(float(ts[h]) - onset), earliest_s)
    return onset if onset < start_s else None
