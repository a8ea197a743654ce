"""Patient data stays private: crash reports without it, user-only files and folders, and a
word when a patient code looks like a name or a date of birth."""

import json
import os
import stat
import subprocess
import sys
import tempfile

import pytest
from cli_helpers import add_patients
from cli_helpers import run_in_process as run

import monitor.cli as cli
from monitor.core import places
from recordings.privacy import patient_code_concern
from recordings.store import Store, default_db_path


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def run_process(*args, env=None, timeout=180):
    """The command in a process of its own (the report: Qt started without a display)."""
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return home


def _crash(monkeypatch, argv):
    """Run the command line in this process with a defect planted where a set is recorded;
    the defect's message carries the patient code, as an unexpected error's text may."""
    import monitor.live  # noqa: F401  (imported before the patch: it keeps its own name)
    import recordings.recorder as recorder

    patient = argv[argv.index("--patient") + 1]

    def broken(store, session_id, *args, **kwargs):
        raise RuntimeError(f"planted defect while recording for {patient}")

    monkeypatch.setattr(recorder, "open_live_set", broken)
    add_patients(argv[argv.index("--db") + 1], patient)
    monkeypatch.setattr(sys, "argv", argv)
    return cli.main(argv[1:])


def test_crash_reports_carry_no_patient_data_and_are_the_users_only(tmp_path, data_home,
                                                                   monkeypatch, capsys):
    # Before: the full command line (patient code, moment label, file names) in a report
    # readable by everyone (0644).
    db = tmp_path / "Jansen_knee.db"
    argv = ["monitor", "record", "--demo", "--exercise", "knee_extension_seated",
            "--patient", "Jan de Vries", "--label", "week 6 after surgery", "--db", str(db)]
    assert _crash(monkeypatch, argv) == cli.EXIT_DEFECT
    err = [line for line in capsys.readouterr().err.splitlines()
           if not line.startswith("monitor: warning")]          # the code looks like a name
    assert len(err) == 1 and "planted defect" in err[0]
    (report,) = places.crash_dir().iterdir()
    text = report.read_text()
    assert "planted defect" in text and "Traceback" in text
    for private in ("Jan de Vries", "week 6", "Jansen_knee"):
        assert private not in text
    assert "--patient <hidden>" in text and "--exercise knee_extension_seated" in text
    assert mode(report) == 0o600 and mode(report.parent) == 0o700
    assert mode(places.log_dir()) == 0o700
    # The log beside it says what happened, and nothing of the patient either.
    log_text = (places.log_dir() / "monitor.log").read_text()
    assert "started (record)" in log_text and "RuntimeError" in log_text
    for private in ("Jan de Vries", "week 6", "Jansen_knee"):
        assert private not in log_text
    assert mode(places.log_dir() / "monitor.log") == 0o600


def test_no_crash_report_goes_to_a_shared_folder(tmp_path, monkeypatch, capsys):
    # Before: when the data folder could not be written, the report went to /tmp, readable
    # by every user of the computer. Now it is not written at all, and the message says so.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log folder should be")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    shared = set(os.listdir(tempfile.gettempdir()))
    argv = ["monitor", "record", "--demo", "--exercise", "knee_extension_seated",
            "--patient", "P0012", "--db", str(tmp_path / "m.db")]
    assert _crash(monkeypatch, argv) == cli.EXIT_DEFECT
    assert "could not be saved" in capsys.readouterr().err
    assert not [f for f in set(os.listdir(tempfile.gettempdir())) - shared
                if f.startswith("monitor-crash")]


def test_the_data_folder_and_database_are_the_users_only(data_home):
    Store(default_db_path()).close()
    assert mode(data_home / "legimu-monitor") == 0o700
    assert mode(default_db_path()) == 0o600
    # A data folder from before (0755) is made the user's only when opened.
    os.chmod(data_home / "legimu-monitor", 0o755)
    Store(default_db_path()).close()
    assert mode(data_home / "legimu-monitor") == 0o700


@pytest.mark.slow
def test_exports_and_reports_are_the_users_only(tmp_path, data_home):
    db = add_patients(tmp_path / "m.db", "P1")
    assert run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "2",
               "--fast", "--patient", "P1", "--db", str(db)).returncode == 0
    for fmt in ("csv", "bids"):
        out = tmp_path / f"export-{fmt}" / "inner"
        r = run("export", "1", "--format", fmt, "--out", str(out), "--db", str(db))
        assert r.returncode == 0, r.stderr
        files = [p for p in out.rglob("*") if p.is_file()]
        folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
        assert files and all(mode(p) == 0o600 for p in files), fmt
        assert all(mode(p) == 0o700 for p in folders), fmt
        assert mode(out.parent) == 0o700          # created by the export as well
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = run_process("report", "P1", "--db", str(db), "--out", str(tmp_path / "r.pdf"),
                    env=env)
    assert r.returncode == 0, r.stderr
    assert mode(tmp_path / "r.pdf") == 0o600


@pytest.mark.parametrize("code, what", [
    ("Jan de Vries, born 1950-03-02", "a name and a date of birth"),
    ("Jan de Vries", "a name"), ("jan jansen", "a name"), ("Jansen", "a name"),
    ("van den Berg", "a name"), ("P-12 Anna Smit", "a name"),
    ("02-03-1950", "a date of birth"), ("1950/03/02", "a date of birth"),
    ("19500302", "a date of birth"), ("P12 geb. 2.3.50", "a date of birth"),
])
def test_a_code_like_a_name_or_a_date_of_birth_is_said(code, what):
    concern = patient_code_concern(code)
    assert concern is not None and f"looks like {what}:" in concern


@pytest.mark.parametrize("code", ["P0012", "DEMO", "P01", "KNEE-012", "2024-017", "AB12CD",
                                  "pt12", "P150350", "OA-knee-07", "K12L", "intake"])
def test_a_pseudonymous_code_is_not(code):
    assert patient_code_concern(code) is None


def test_the_command_line_warns_and_records_all_the_same(tmp_path, data_home):
    add_patients(tmp_path / "m.db", "Jan de Vries, born 1950-03-02", "P0012")
    r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "1",
            "--fast", "--patient", "Jan de Vries, born 1950-03-02", "--db",
            str(tmp_path / "m.db"))
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("monitor: warning")]
    assert len(warnings) == 1 and "looks like a name and a date of birth" in warnings[0]
    assert json.loads(r.stdout)["rep_count"] == 1
    r = run("record", "--demo", "--exercise", "knee_extension_seated", "--reps", "1",
            "--fast", "--patient", "P0012", "--db", str(tmp_path / "m.db"))
    assert "warning" not in r.stderr
