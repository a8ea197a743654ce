# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test quick lint contracts pytest bench clean sysdeps translations

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The Bluetooth tests start a private dbus-daemon (Debian package dbus).
sysdeps:
	@command -v dbus-daemon >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q dbus; \
	  else echo "please install dbus-daemon (Debian/Ubuntu: sudo apt-get install dbus)"; \
	  exit 1; fi; }

demo: $(STAMP)
	@bash scripts/qt_system_deps.sh $(VENV)
	$(BIN)/monitor --demo

lint: $(STAMP)
	$(BIN)/ruff check .

contracts: $(STAMP)
	$(BIN)/lint-imports

# The tests run side by side in JOBS processes (pytest-xdist); JOBS=0 runs them in this one.
# Many wait on emulated sensors or on programs they start, so more processes than cores pay.
# Python's compiled files are kept (the suite starts Python about 150 times).
JOBS ?= 4
unexport PYTHONDONTWRITEBYTECODE
PYTEST := QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(JOBS) --dist worksteal

pytest: $(STAMP) sysdeps
	$(PYTEST)

test: lint contracts pytest

# While developing: everything but the slow, Bluetooth and window tests (521 of 606).
quick: $(STAMP)
	$(PYTEST) -m "not slow and not ble and not gui"

# The Dutch of the app and the command line: find the words, fill in the Dutch, compile.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete monitor/ui/*.py monitor/cli.py \
	  monitor/treatment_commands.py -ts monitor/ui/translations/monitor_nl.ts
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
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/gui.py

clean:
	rm -rf $(VENV) build *.egg-info
