# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test quick lint contracts typecheck pytest bench clean sysdeps translations test-lowest

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The Bluetooth tests start a private dbus-daemon (Debian package dbus); the store's tests
# start a PostgreSQL server of their own (Debian package postgresql; its binaries live in
# /usr/lib/postgresql/VERSION/bin).
sysdeps:
	@command -v dbus-daemon >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q dbus; \
	  else echo "please install dbus-daemon (Debian/Ubuntu: sudo apt-get install dbus)"; \
	  exit 1; fi; }
	@{ [ -x "$$(pg_config --bindir 2>/dev/null)/initdb" ] || ls /usr/lib/postgresql/*/bin/initdb \
	  >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = 0 ]; then { apt-get update -q && apt-get install -y -q postgresql; } \
	  || echo "PostgreSQL could not be installed: the PostgreSQL tests are skipped"; \
	  else echo "please install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql);" \
	  "without it the PostgreSQL tests are skipped"; fi; }

demo: $(STAMP)
	@bash scripts/qt_system_deps.sh $(VENV)
	$(BIN)/monitor --demo

lint: $(STAMP)
	$(BIN)/ruff check .

contracts: $(STAMP)
	$(BIN)/lint-imports

# mypy against a baseline of errors per part of the code that may only shrink.
typecheck: $(STAMP)
	$(BIN)/python scripts/mypy_baseline.py

# The tests run side by side in JOBS processes (pytest-xdist); JOBS=0 runs them in this one.
# Many wait on emulated sensors or on programs they start, so more processes than cores pay.
# Four on two cores: six were not surely faster (side by side on an idle machine 6 min 11 s
# against 5 min 30 s with four, 14 % more processor time; 4 min 52 s against 7 min 01 s
# with another program busy on the machine).
# Python's compiled files are kept (the suite starts Python about 150 times).
JOBS ?= 4
unexport PYTHONDONTWRITEBYTECODE
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal

pytest: $(STAMP) sysdeps
	$(PYTEST)

test: lint contracts typecheck pytest

# The lowest versions pyproject.toml allows (uv's --resolution lowest-direct: every direct
# dependency at its declared minimum) in a venv of their own, with the tests that exercise
# those libraries most: Bluetooth (bleak), the app (PySide6, pyqtgraph), the signal core
# (numpy, scipy, vqf), the store and the places (platformdirs). Not part of `make test`
# (about three minutes more); CI (.ci/run) runs it after make test.
# LOWEST_TESTS=tests: everything.
LOWEST := .venv-lowest
LOWEST_TESTS ?= tests/test_platform.py tests/test_ble.py tests/test_ble_faults.py \
  tests/test_gui.py tests/test_cli.py tests/test_store.py tests/test_orientation_angles.py \
  tests/test_chunk_invariance.py tests/test_report.py

$(LOWEST)/.installed: pyproject.toml
	$(PY) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install -q --upgrade pip uv
	$(LOWEST)/bin/uv pip install -q --python $(LOWEST)/bin/python --resolution lowest-direct \
	  -e '.[test]'
	$(LOWEST)/bin/uv pip list --python $(LOWEST)/bin/python > $(LOWEST)/versions.txt
	touch $@

test-lowest: $(LOWEST)/.installed sysdeps
	@grep -iE '^(bleak|numpy|scipy|vqf|pyside6-essentials|pyqtgraph|platformdirs) ' \
	  $(LOWEST)/versions.txt
	QT_QPA_PLATFORM=offscreen $(LOWEST)/bin/python -m pytest -q -p no:cacheprovider \
	  -n $(JOBS) --dist worksteal --durations=5 $(LOWEST_TESTS)

# While developing: everything but the slow, Bluetooth and window tests (678 of 778).
quick: $(STAMP)
	$(PYTEST) -m "not slow and not ble and not gui"

# The Dutch of the app and the command line: find the words, fill in the Dutch, compile.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete monitor/ui/*.py monitor/cli.py \
	  monitor/treatment_commands.py monitor/group_commands.py \
	  -ts monitor/ui/translations/monitor_nl.ts
	$(BIN)/python monitor/ui/translations/fill_nl.py
	$(BIN)/pyside6-lrelease monitor/ui/translations/monitor_nl.ts

DATA ?= ../shared/data

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy_uci.py $(DATA)/uci_pt
	$(BIN)/python benchmarks/accuracy_sim.py
	$(BIN)/python benchmarks/stress_sim.py
	$(BIN)/python benchmarks/calibration_accuracy.py $(DATA)/uci_pt
	$(BIN)/python benchmarks/orientation_broad.py $(DATA)/broad
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/store_pg.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/gui.py

clean:
	rm -rf $(VENV) $(LOWEST) build *.egg-info
