"""Type checking with a baseline that may only shrink.

Usage: python scripts/mypy_baseline.py [--update]

Runs mypy as configured in pyproject.toml ([tool.mypy]; its cache in .mypy_cache keeps a
repeated run to a second or two) and counts the errors per part of the code. Fails when a
part has more errors than scripts/mypy_baseline.txt allows, naming the new ones; when a
part has fewer, says so and asks for the lower number to be recorded (``--update`` writes
it). A part at 0 stays at 0: its code is fully typed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scripts" / "mypy_baseline.txt"
# Most specific first: a file belongs to the first part its path starts with.
PARTS = ("monitor/core", "monitor/signal", "monitor/ui", "monitor", "calibration", "devices",
         "recordings")
ERROR = re.compile(r"^(?P<path>[^:]+):\d+(?::\d+)?: error: ")


def part_of(path: str) -> str:
    return next((p for p in PARTS if path == p or path.startswith(p + "/")), "other")


def read_baseline() -> dict[str, int]:
    counts = {}
    for line in BASELINE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            part, number = line.split()
            counts[part] = int(number)
    return counts


def write_baseline(counts: dict[str, int]) -> None:
    lines = ["# mypy errors allowed per part of the code (scripts/mypy_baseline.py);",
             "# numbers may only go down. 0 = fully typed."]
    lines += [f"{p} {counts.get(p, 0)}" for p in PARTS]
    BASELINE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--update", action="store_true",
                    help="record the current counts (only where they went down)")
    args = ap.parse_args()
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                         text=True)
    if run.returncode not in (0, 1) or ("error: " not in run.stdout and run.returncode):
        print(run.stdout + run.stderr, file=sys.stderr)
        print("mypy did not run", file=sys.stderr)
        return 2
    errors = [line for line in run.stdout.splitlines() if ERROR.match(line)]
    found = Counter(part_of(ERROR.match(line)["path"]) for line in errors)
    allowed = read_baseline()
    worse = [p for p in PARTS if found.get(p, 0) > allowed.get(p, 0)]
    better = [p for p in PARTS if found.get(p, 0) < allowed.get(p, 0)]
    for p in PARTS:
        print(f"  {p:15s} {found.get(p, 0):4d} errors (allowed {allowed.get(p, 0)})")
    print(f"mypy: {len(errors)} errors in all (baseline {sum(allowed.values())})")
    if worse:
        for line in errors:
            if part_of(ERROR.match(line)["path"]) in worse:
                print(line)
        print(f"more mypy errors than the baseline allows in: {', '.join(worse)}; "
              "fix them (the baseline may only shrink)", file=sys.stderr)
        return 1
    if better:
        if args.update:
            write_baseline({p: min(found.get(p, 0), allowed.get(p, 0)) for p in PARTS})
            print(f"baseline lowered for: {', '.join(better)}")
        else:
            print(f"fewer errors than the baseline in: {', '.join(better)}; record it with "
                  "python scripts/mypy_baseline.py --update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
