"""Time alignment of sensor samples against what radios and sensors do to them: notifications
repeated, overtaken, lost, and a sensor that reboots and restarts its clock mid-set. Arrival
times are given explicitly (no wall clock)."""

import numpy as np
import pytest

from calibration.mounting import Mounting
from devices.timealign import REORDER_HOLD_S, Aligner
from monitor.signal.pipeline import Pipeline
from monitor.signal.simulate import simulate_session

RATE = 60.0


def packets(n, per=1, rate=RATE):
    """Sensor times of ``n`` packets of ``per`` samples."""
    return [(np.arange(per) + k * per) / rate for k in range(n)]


def feed(al, order, pk, delay=0.02, start=100.0):
    """Push the packets in the given order, each arriving one packet period after the one
    before it (plus a transport delay); returns times and sample indices released."""
    period = len(pk[0]) / al.rate_hz
    out = []
    for j, i in enumerate(order):
        arrival = start + 5.0 + (j + 1) * period + delay
        al.push(arrival, pk[i], (np.round(pk[i] * al.rate_hz),))
        r = al.pop(arrival)
        if r is not None:
            out.append(r)
    r = al.finish_set(start + 5.0 + (len(order) + 1) * period + delay)
    if r is not None:
        out.append(r)
    return np.concatenate([o[0] for o in out]), np.concatenate([o[1][0] for o in out])


@pytest.mark.parametrize(("seed", "reboot_s", "away_s", "uptime_s"),
                         [(2, 19.35, 0.8, 2.0), (2, 19.35, 0.8, 10.0), (0, 28.0, 2.0, 12.0)])
def test_a_sensor_that_reboots_mid_set_keeps_its_repetitions(seed, reboot_s, away_s, uptime_s):
    # Movesense-like: 8 samples per notification at 104 Hz with the sensor's clock (uptime);
    # it reboots in the rest between two repetitions, is away, and comes back with its clock
    # restarted from zero. Before: session time jumped back by its uptime, repetitions
    # merged (3-4 counted of 6) and the set's time went backwards.
    rate = 104.0
    sim = simulate_session("knee_extension_seated", reps=6, rate_hz=rate, seed=seed,
                           sensors=("shank",))
    b = sim.recording.sensors["shank"]
    pipe = Pipeline({"s": "shank"}, {"s": rate}, sim.exercise, "s",
                    {"s": Mounting.from_rotation(sim.mountings["shank"], sim.exercise.plane)})
    al = Aligner(rate, session_start=100.0)
    rng = np.random.default_rng(seed)
    reps, times = [], []
    for i in range(0, len(b), 8):
        t = b.time_s[i:i + 8]
        if reboot_s <= t[-1] and t[0] < reboot_s + away_s:
            continue                                     # away: nothing sent
        st = t + uptime_s if t[0] < reboot_s else t - reboot_s
        arrival = 100.0 + t[-1] + rng.uniform(0.01, 0.04)
        ts = al.align(len(t), arrival, st)
        times.append(ts)
        reps += pipe.feed("s", ts, b.acc_m_s2[i:i + 8], b.gyr_rad_s[i:i + 8])
    reps += pipe.finish()
    t = np.concatenate(times)
    assert np.all(np.diff(t) > 0)
    assert len(reps) == len(sim.reps) == 6
    for r, truth in zip(reps, sim.reps, strict=True):
        assert r.end_s - r.start_s == pytest.approx(truth.end_s - truth.start_s, abs=0.3)
    # The statistics: one restart, one gap as long as the sensor was away (plus the packet
    # cut by the reboot), its samples lost; the clock after it is the session's again.
    s = al.stats
    assert s.restarts == 1 and s.gaps == 1
    assert away_s <= s.longest_gap_s <= away_s + 2 * 8 / rate
    assert s.lost == pytest.approx(s.longest_gap_s * rate, abs=2)
    assert abs(t[-1] - b.time_s[-1]) < 0.05


def test_repeated_samples_are_taken_once():
    # A DOT notification delivered twice has the same sensor time: before, both were kept
    # (the exported file then had a time that repeats).
    al = Aligner(RATE, session_start=100.0)
    pk = packets(120)
    order = [i for i in range(120) for _ in range(2 if i % 7 == 0 else 1)]
    t = np.concatenate([al.align(1, 105.0 + (j + 1) / RATE + 0.02, pk[i])
                        for j, i in enumerate(order)])
    assert len(t) == 120 and np.all(np.diff(t) > 0)
    assert al.stats.duplicates == 18 and al.stats.lost == 0 and al.stats.gaps == 0


def test_out_of_order_packets_are_put_back_in_place_nothing_lost():
    # Packet k+1 overtakes packet k (every tenth): before, the stored times stepped back and
    # the statistics called each swap a loss and a gap.
    al = Aligner(RATE, session_start=100.0)
    pk = packets(300)
    order = list(range(300))
    for i in range(20, 290, 10):
        order[i], order[i + 1] = order[i + 1], order[i]
    t, idx = feed(al, order, pk)
    assert len(t) == 300 and np.all(np.diff(t) > 0)
    np.testing.assert_array_equal(idx, np.arange(300))           # every sample, in order
    s = al.stats
    assert s.lost == 0 and s.gaps == 0 and s.late == 0 and s.reordered == 27


def test_an_in_order_stream_waits_for_nothing():
    al = Aligner(104.0, session_start=100.0)
    for k, st in enumerate(packets(50, per=8, rate=104.0)):
        arrival = 105.0 + (k + 1) * 8 / 104.0 + 0.02
        al.push(arrival, st, (st,))
        _, (got,) = al.pop(arrival)
        np.testing.assert_array_equal(got, st)                   # released at once


def test_a_lost_packet_is_waited_for_briefly_then_counted_lost():
    al = Aligner(RATE, session_start=100.0)
    pk = packets(40)
    waited = []
    for j, i in enumerate([k for k in range(40) if k != 10]):
        arrival = 105.0 + (j + 1) / RATE + 0.02
        al.push(arrival, pk[i], (pk[i],))
        out = al.pop(arrival)
        waited.append(out is None)
    # Packet 10 never comes: packets 11 and 12 wait for it (two further packets at most),
    # then go; a hole is never waited for longer than REORDER_HOLD_S.
    assert waited[10:12] == [True, True] and not any(waited[12:])
    assert al.stats.lost == 1 and al.stats.gaps == 0 and al.stats.samples == 39
    al2 = Aligner(RATE, session_start=100.0)
    al2.push(105.0, pk[0], (pk[0],))
    al2.push(105.05, pk[2], (pk[2],))
    assert len(al2.pop(105.05)[0]) == 1
    assert al2.pop(105.05 + REORDER_HOLD_S) is not None          # the wait is over


def test_a_packet_later_than_the_bound_is_dropped_as_late():
    al = Aligner(RATE, session_start=100.0)
    pk = packets(30)
    order = [i for i in range(30) if i != 5]
    order.insert(12, 5)                      # overtaken by six packets: too late
    t, idx = feed(al, order, pk)
    assert np.all(np.diff(t) > 0) and 5 not in idx
    assert al.stats.late == 1 and al.stats.lost == 1


def test_set_statistics_count_a_silence_at_its_start_and_end():
    # The adapter was gone for the last 3 s of a 6-s set: before, the statistics said that
    # nothing was lost.
    al = Aligner(100.0, session_start=100.0)
    al.start_set(100.0)
    for k in range(300):                     # arrival-timed (WitMotion): 3 s of samples
        al.push(100.0 + (k + 1) / 100.0 + 0.01, None, (np.zeros((1, 3)),))
    al.pop(103.0)
    al.finish_set(106.0)
    s = al.stats
    assert s.samples == 300 and s.lost == pytest.approx(300, abs=2) and s.gaps == 1
    assert s.longest_gap_s == pytest.approx(3.0, abs=0.05)
    al = Aligner(100.0, session_start=100.0)
    al.start_set(100.0)                      # nothing for the first 2 s
    for k in range(100):
        al.push(102.0 + (k + 1) / 100.0, None, (np.zeros((1, 3)),))
    al.finish_set(103.0)
    assert al.stats.lost == pytest.approx(200, abs=2) and al.stats.gaps == 1


def test_a_clock_that_jumps_ahead_is_anchored_again():
    # A clock set forward by an hour (a wrong unwrap, a clock set by an app): the samples
    # stay on the session clock instead of an hour ahead.
    al = Aligner(RATE, session_start=100.0)
    t1 = np.concatenate([al.align(1, 105.0 + (k + 1) / RATE + 0.02, np.array([k / RATE]))
                         for k in range(60)])
    t2 = np.concatenate([al.align(1, 106.0 + (k + 1) / RATE + 0.02,
                                  np.array([3600.0 + (60 + k) / RATE])) for k in range(60)])
    assert np.all(np.diff(np.concatenate([t1, t2])) > 0)
    assert t2[-1] < 7.1 and al.stats.restarts == 1


def test_samples_known_lost_keep_their_place_in_time():
    # WitMotion (no clock): a frame cut short is a sample lost. Counted, and the samples
    # after it are not moved up into its place.
    al = Aligner(100.0, session_start=100.0)
    t = []
    for k in range(100):
        if k in (20, 50, 51):
            al.skip(1)
            continue
        t.append(al.align(1, 100.0 + (k + 1) / 100.0 + 0.005, None)[0])
    t = np.array(t)
    assert al.stats.lost == 3 and al.stats.gaps == 0 and al.stats.samples == 97
    steps = np.round(np.diff(t) * 100.0).astype(int)
    assert sorted(set(steps)) == [1, 2, 3] and list(steps).count(2) == 1
