"""`monitor analyze` as a whole process against the bare minimum, time and memory.

Usage: python benchmarks/analyze_process.py [--minutes 78] [--rate 100] [--repeat 3]
                                            [--compare OTHER_CHECKOUT] [--file CSV]
                                            [--instructions]

A two-sensor recording of MINUTES at RATE Hz (a simulated 5-minute set of seated knee
extensions tiled, thigh and shank, as `benchmarks/speed.py` makes it) is written once, then
each of these runs as its own process, REPEAT times, in turns:

- bare minimum: start Python, import numpy and vqf, parse the CSV with numpy.loadtxt and run
  VQF on each sensor (nothing else: no validation, no angles, no repetitions);
- `monitor analyze FILE --json` of this checkout (and of OTHER_CHECKOUT with --compare, run
  with this checkout's Python environment, so that before and after share one run and one
  machine load).

Printed per command: the best wall-clock time, the CPU time (user + system) of that run, the
peak resident memory (ru_maxrss) and the ratio to the bare minimum; on a machine shared
with other work the CPU time is the steadier figure. The repetition counts must agree.

With ``--instructions`` each command also runs once under valgrind's callgrind, which
counts the instructions the process executes: a figure that does not depend on the
machine's load, for comparisons on a shared machine. (The ratio of instructions is not the
ratio of time: numpy's C loops and the interpreter run different numbers of instructions
per cycle.)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE = r"""
import io, sys
import numpy as np
from vqf import VQF
text = open(sys.argv[1]).read()
num = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1, usecols=(0, 2, 3, 4, 5, 6, 7),
                 comments=None)
labels = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1, usecols=1, dtype=str,
                    comments=None)
for lab in np.unique(labels):
    block = num[labels == lab]
    rate = 1.0 / np.median(np.diff(block[:, 0]))
    VQF(1.0 / rate).updateBatch(np.ascontiguousarray(block[:, 4:7]),
                                np.ascontiguousarray(block[:, 1:4]))
print("{}")
"""

ANALYZE = "import sys; from monitor.cli import main; sys.exit(main())"


def measured(code: str, args: list[str], tree: Path | None) -> tuple[float, float, float, str]:
    """Run in a wrapper that reports its one child's peak memory."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "t0 = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t0\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "if p.returncode: sys.exit(p.stderr)\n"
        "print(json.dumps({'wall': wall, 'cpu': r.ru_utime + r.ru_stime,"
        " 'peak_mb': r.ru_maxrss / 1024, 'out': p.stdout}))\n")
    # Compiled modules kept, as an installed app keeps them after its first run.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree or ROOT)
    out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-c", code, *args],
                         env=env, cwd=tree or ROOT, capture_output=True, text=True,
                         check=True)
    r = json.loads(out.stdout)
    return r["wall"], r["cpu"], r["peak_mb"], r["out"]


def instructions(code: str, args: list[str], tree: Path | None, tmp: str) -> int:
    """Instructions executed by the command, counted by callgrind."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tree or ROOT)
    out = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=no",
                          f"--callgrind-out-file={tmp}/callgrind.out",
                          sys.executable, "-c", code, *args],
                         env=env, cwd=tree or ROOT, capture_output=True, text=True, check=True)
    found = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if found is None:
        raise RuntimeError("callgrind gave no instruction count:\n" + out.stderr[-2000:])
    return int(found.group(1))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=78.0)
    ap.add_argument("--rate", type=float, default=100.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--compare", type=Path, help="another checkout to run alongside")
    ap.add_argument("--file", type=Path, help="an existing IMU CSV instead of a new one")
    ap.add_argument("--instructions", action="store_true",
                    help="also count each command's instructions (valgrind, slow)")
    args = ap.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file
        if path is None:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            sys.path.insert(0, str(ROOT))
            from speed import long_recording

            from recordings.imu_csv import write_imu_csv
            path = Path(tmp) / "long.csv"
            write_imu_csv(path, long_recording(args.minutes, args.rate))
        path = path.resolve()
        commands = [("bare minimum (numpy.loadtxt + VQF)", BARE, None)]
        if args.compare is not None:
            commands.append((f"monitor analyze, {args.compare}", ANALYZE,
                             args.compare.resolve()))
        commands.append((f"monitor analyze, {ROOT}", ANALYZE, ROOT))
        best: dict[str, tuple[float, float, float]] = {}
        counts = {}
        for k in range(args.repeat + 1):
            for name, code, tree in commands:
                argv = [str(path)] if code is BARE else ["analyze", str(path), "--json"]
                wall, cpu, peak, out = measured(code, argv, tree)
                if k == 0:
                    continue               # the first run compiles modules, fills caches
                if code is ANALYZE:
                    counts[name] = json.loads(out)["rep_count"]
                if name not in best or wall < best[name][0]:
                    best[name] = (wall, cpu, max(peak, best.get(name, (0, 0, 0))[2]))
        print(f"{path.stat().st_size / 1e6:.0f} MB CSV, best of {args.repeat} "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        bare_wall, bare_cpu, _ = best[commands[0][0]]
        for name, _, _ in commands:
            wall, cpu, peak = best[name]
            reps = f", {counts[name]} repetitions" if name in counts else ""
            print(f"  {name}: {wall:.2f} s wall ({wall / bare_wall:.2f}x), {cpu:.2f} s CPU "
                  f"({cpu / bare_cpu:.2f}x), peak {peak:.0f} MB{reps}")
        if args.instructions:
            print("instructions (callgrind, one run each):")
            bare = None
            for name, code, tree in commands:
                argv = [str(path)] if code is BARE else ["analyze", str(path), "--json"]
                n = instructions(code, argv, tree, tmp)
                bare = bare or n
                print(f"  {name}: {n / 1e9:.2f} G ({n / bare:.2f}x)")
        if len(set(counts.values())) > 1:
            print("  the repetition counts differ")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
