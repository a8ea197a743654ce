"""Platform conventions: the data, settings, log and crash reports in the platform's places
(an earlier version's data found and moved), the log and the native-crash trace, the
version, ``--db`` before or after every command, and the help of export and import."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from cli_helpers import add_patients, cli, run_in_process

import monitor
import monitor.cli as monitor_cli
import monitor.crashlog as crashlog
from monitor.core import i18n, places
from monitor.core.version import DISTRIBUTION, UNKNOWN, source_tree_version
from recordings.store import Store, default_db_path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, env=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "monitor", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=env or os.environ.copy())


# -- where the files are ----------------------------------------------------------------
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders of Linux")
def test_linux_places_follow_the_xdg_variables_and_keep_earlier_paths(tmp_path, monkeypatch):
    for key, name in (("XDG_DATA_HOME", "d"), ("XDG_CONFIG_HOME", "c"),
                      ("XDG_STATE_HOME", "s"), ("XDG_CACHE_HOME", "k")):
        monkeypatch.setenv(key, str(tmp_path / name))
    assert default_db_path() == tmp_path / "d" / "legimu-monitor" / "monitor.db"
    assert i18n.settings_path() == tmp_path / "c" / "legimu-monitor" / "monitor.conf"
    assert places.crash_dir() == tmp_path / "s" / "legimu-monitor" / "log" / "crash-reports"
    assert places.cache_dir() == tmp_path / "k" / "legimu-monitor"
    # Without the variables: the user's home, where earlier versions kept the data too (an
    # existing Linux user's database is where it always was).
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home = tmp_path / "home"
    assert default_db_path() == home / ".local" / "share" / "legimu-monitor" / "monitor.db"
    assert places.log_dir() == home / ".local" / "state" / "legimu-monitor" / "log"
    assert places.legacy_data_dir() == places.platform_data_dir()


def _old_store(folder: Path) -> None:
    """A database as an earlier version left it: two sessions, the last writes still in the
    write-ahead log (the connection is left open while the folder moves, as a crash would)."""
    store = Store(folder / "monitor.db")
    store.save_patient("P1")
    store.new_session("P1", "intake")
    store.new_session("P1", "week 6")
    return store


def test_an_earlier_versions_data_is_moved_to_the_new_place_whole(tmp_path):
    old, new = tmp_path / "old" / "legimu-monitor", tmp_path / "new" / "legimu-monitor"
    store = _old_store(old)
    try:
        assert (old / "monitor.db-wal").exists()           # the log travels with the file
        places.take_notes()
        assert places.adopt_legacy_folder(old, new, "monitor.db") == new
    finally:
        store.close()
    assert not old.exists()
    moved = Store(new / "monitor.db", create=False)
    try:
        assert sorted(s.label for s in moved.sessions("P1")) == ["intake", "week 6"]
    finally:
        moved.close()
    (note,) = places.take_notes()
    assert str(old) in note and str(new) in note and "moved" in note
    # Once moved, nothing more happens or is said.
    assert places.adopt_legacy_folder(old, new, "monitor.db") == new
    assert places.take_notes() == []


def test_the_new_place_is_never_overwritten_and_a_blocked_move_keeps_the_old(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _old_store(old).close()
    # The new place has a database of its own: it is the one used; the old stays as it is.
    Store(new / "monitor.db").close()
    assert places.adopt_legacy_folder(old, new, "monitor.db") == new
    assert (old / "monitor.db").exists()
    # The new place holds something else (the settings, say): the old folder is used where
    # it is, and the user is told why and what to do.
    other = tmp_path / "other"
    other.mkdir()
    (other / "monitor.conf").write_text("[ui]\nlanguage=nl\n")
    places.take_notes()
    assert places.adopt_legacy_folder(old, other, "monitor.db") == old
    (note,) = places.take_notes()
    assert "stays in" in note and str(other) in note
    assert (other / "monitor.conf").exists() and not (other / "monitor.db").exists()


def test_the_command_line_finds_the_earlier_data_and_says_it_moved_once(
        tmp_path, monkeypatch, capsys):
    """As on macOS or Windows, where the platform's data folder is not where earlier
    versions kept the data."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "legacy"))
    platform_dir = tmp_path / "Application Support" / "legimu-monitor"
    monkeypatch.setattr(places, "platform_data_dir", lambda: platform_dir)
    # Opening a database in the old folder does not move it from under itself.
    _old_store(tmp_path / "legacy" / "legimu-monitor").close()
    assert not platform_dir.exists()
    code, out, err = cli(capsys, "sessions", "--json")
    assert code == 0 and len(out["sessions"]) == 2
    assert err.count("monitor: note:") == 1 and str(platform_dir) in err
    assert (platform_dir / "monitor.db").exists()
    code, out, err = cli(capsys, "sessions", "--json", "--lang", "nl")
    assert code == 0 and len(out["sessions"]) == 2 and err == ""


def test_an_earlier_versions_settings_are_taken_over(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    old = tmp_path / "config" / "legimu" / "monitor.conf"
    old.parent.mkdir(parents=True)
    old.write_text("[ui]\nlanguage=nl\n", encoding="utf-8")
    assert i18n.remembered_language() == "nl"
    assert (tmp_path / "config" / "legimu-monitor" / "monitor.conf").exists()
    assert old.exists()                 # an earlier version still installed keeps its own


def test_sound_cues_without_user_ids_or_a_writable_cache(tmp_path, monkeypatch):
    """Windows has no os.getuid; the cues still find a folder of the user's own."""
    pytest.importorskip("PySide6")
    from monitor.ui import sound

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delattr(os, "getuid", raising=False)
    monkeypatch.setattr(sound.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    folder = sound._sound_dir()
    assert folder.parent == tmp_path / "tmp" and folder.name.startswith(
        "legimu-monitor-sounds-") and folder.is_dir()


# -- the log and native crashes ----------------------------------------------------------
def test_the_log_says_what_happened_and_rotates(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr(crashlog, "LOG_MAX_BYTES", 600)
    db = add_patients(tmp_path / "m.db", "P0012")
    for _ in range(3):
        code, out, _err = cli(capsys, "record", "--demo", "--fast", "--reps", "2",
                              "--exercise", "knee_extension_seated", "--patient", "P0012",
                              "--label", "week 6", "--db", str(db))
        assert code == 0
    code, _out, _err = cli(capsys, "analyze", str(tmp_path / "Jansen.csv"))
    assert code == 3                                     # an error: logged by its kind
    folder = tmp_path / "state" / "legimu-monitor" / "log"
    texts = [p.read_text() for p in sorted(folder.glob("monitor.log*"))]
    assert len(texts) >= 2                               # rotated at the (lowered) size
    text = "".join(texts)
    assert text.count("started (record)") == 3
    assert f"set {out['set']} saved" in text and "2 repetitions" in text
    assert "InputFileError" in text
    assert "week 6" not in text and "Jansen" not in text and str(tmp_path) not in text
    for h in logging.getLogger("monitor").handlers:
        if h.get_name() == "monitor-log":
            h.close()


def test_a_native_crash_leaves_the_stack_in_the_log_folder(tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    code = ("from monitor.crashlog import start_log; start_log('test'); "
            "import faulthandler\n"
            "def inside_qt_say():\n"
            "    faulthandler._sigsegv()\n"
            "inside_qt_say()")
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode != 0
    trace = (tmp_path / "state" / "legimu-monitor" / "log" / "native-crash.log").read_text()
    assert "Segmentation fault" in trace and "inside_qt_say" in trace


# -- the version -------------------------------------------------------------------------
def test_version_has_one_source():
    with open(ROOT / "pyproject.toml", "rb") as fh:
        declared = tomllib.load(fh)["project"]["version"]
    assert monitor.__version__ == declared == metadata.version(DISTRIBUTION)
    r = run("--version")
    assert r.returncode == 0 and r.stdout == f"monitor {declared}\n"
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f"version: {declared}\n" in citation or f'version: "{declared}"\n' in citation


def test_licence_metadata_is_an_spdx_expression_with_its_file():
    meta = metadata.metadata(DISTRIBUTION)
    assert meta["License-Expression"] == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])
    assert not [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "the Leg-IMU exercise monitor contributors" in text


def test_version_from_a_source_tree_that_was_never_installed(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "legimu-monitor"\nversion = "9.8.7"\n', encoding="utf-8")
    assert source_tree_version(tmp_path / "pyproject.toml") == "9.8.7"
    assert source_tree_version(tmp_path / "missing.toml") == UNKNOWN
    (tmp_path / "other.toml").write_text('[project]\nname = "x"\nversion = "1"\n')
    assert source_tree_version(tmp_path / "other.toml") == UNKNOWN


def test_the_four_package_names_come_from_this_distribution_only():
    from monitor.core.version import PACKAGES, other_providers

    provided = metadata.packages_distributions()
    for name in PACKAGES:
        assert DISTRIBUTION in provided.get(name, []), name
    assert other_providers() == {}


def test_version_warns_when_another_distribution_provides_a_package_name(tmp_path):
    """An installed distribution whose files include ``recordings/``: said, with what to
    do; the version is still printed and the exit code 0."""
    site = tmp_path / "site"
    info = site / "gait_recordings-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gait-recordings\n"
                                   "Version: 1.0\n", encoding="utf-8")
    (info / "RECORD").write_text("recordings/__init__.py,,\n"
                                 "gait_recordings-1.0.dist-info/RECORD,,\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    r = run("--version", env=env)
    assert r.returncode == 0 and r.stdout.startswith("monitor ")
    assert "recordings" in r.stderr and "gait-recordings" in r.stderr
    assert "virtual environment" in r.stderr and r.stderr.count("\n") == 1
    r = run("--version", "--lang", "nl", env=env)
    assert "eigen virtuele omgeving" in r.stderr


# -- the command line's options ----------------------------------------------------------
def _subcommands(parser: argparse.ArgumentParser, prefix=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, (*prefix, name))
            return
    yield prefix, parser


def test_db_is_declared_once_and_taken_before_or_after_every_command():
    parser = monitor_cli.build_parser()
    commands = [(words, sub) for words, sub in _subcommands(parser) if words]
    assert len(commands) >= 15
    for words, sub in commands:
        options = [a for a in sub._actions if "--db" in a.option_strings]
        if words[0] == "db":                 # maintenance: its files are its arguments
            assert options == [], words
            continue
        assert len(options) == 1 and options[0].help, words
        positional = [a for a in sub._actions if not a.option_strings and a.required]
        required = [a for a in sub._actions if a.option_strings and a.required]
        args = [*words, *(["X"] * len(positional))]
        for a in required:
            args += [a.option_strings[0], a.choices[0] if a.choices else "1"]
        after = parser.parse_args([*args, "--db", "after.db"])
        before = parser.parse_args(["--db", "before.db", *args])
        both = parser.parse_args(["--db", "before.db", *args, "--db", "after.db"])
        neither = parser.parse_args(args)
        assert (after.db, before.db, both.db, neither.db) == (
            "after.db", "before.db", "after.db", None), words


def test_every_option_of_export_and_import_has_help():
    parser = monitor_cli.build_parser()
    subs = dict(_subcommands(parser))
    for name in ("export", "import"):
        for action in subs[(name,)]._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)
    r = run("import", "--help")
    assert "--patient CODE" in r.stdout and "measurement moment" in r.stdout


def test_report_in_dutch_leaves_the_apps_language_alone(tmp_path, monkeypatch):
    pytest.importorskip("PySide6")
    db = add_patients(tmp_path / "m.db", "P1")
    # The set recorded in this process; the reports (Qt started, the app's settings read
    # and written) each in a process of its own.
    monkeypatch.chdir(ROOT)
    assert run_in_process("record", "--demo", "--exercise", "knee_extension_seated",
                          "--reps", "2", "--fast", "--patient", "P1", "--db",
                          str(db)).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # None remembered yet: none afterwards.
    for args in (("report", "P1", "--lang", "nl"), ("--lang", "nl", "report", "P1")):
        r = run(*args, "--out", str(tmp_path / "r.pdf"), "--db", str(db), env=env)
        assert r.returncode == 0, r.stderr
        assert i18n.remembered_language() is None
    # English remembered (the app's choice): still English after a Dutch report.
    r = subprocess.run([sys.executable, "-c",
                        "from monitor.ui.app import make_app; make_app(lang='en')"],
                       env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0 and i18n.remembered_language() == "en"
    r = run("report", "P1", "--lang", "nl", "--out", str(tmp_path / "nl.pdf"), "--db",
            str(db), env=env)
    assert r.returncode == 0, r.stderr
    assert i18n.remembered_language() == "en"
    assert (tmp_path / "nl.pdf").read_bytes().startswith(b"%PDF")


# -- Bluetooth failures by type ------------------------------------------------------------
def test_bluetooth_failures_are_told_apart_by_type_never_by_words():
    """bleak's own exception objects (its words differ from version to version: 0.22 said
    "No powered Bluetooth adapters found." in a plain BleakError). The end-to-end tests in
    test_ble.py and test_ble_faults.py raise them through bleak's BlueZ backend."""
    from bleak.exc import BleakBluetoothNotAvailableError as NotAvailable
    from bleak.exc import BleakBluetoothNotAvailableReason as Reason
    from bleak.exc import BleakDBusError, BleakDeviceNotFoundError, BleakError

    from devices.ble import BluetoothDeniedError, _classify, _raise_for

    cases = [
        (NotAvailable("anything", Reason.POWERED_OFF), "off"),
        (NotAvailable("No powered Bluetooth adapters found.", Reason.NO_BLUETOOTH), "adapter"),
        (NotAvailable("x", Reason.NO_BLE_CENTRAL_ROLE), "adapter"),
        (NotAvailable("x", Reason.DENIED_BY_SYSTEM), "denied"),
        (BleakDBusError("org.bluez.Error.NotReady", ["Resource Not Ready"]), "off"),
        (BleakDBusError("org.freedesktop.DBus.Error.ServiceUnknown", ["no org.bluez"]),
         "service"),
        (BleakDBusError("org.freedesktop.DBus.Error.UnknownObject", []), "not_found"),
        (BleakDBusError("org.bluez.Error.Failed", ["adapter powered off, not found"]),
         "transient"),
        (BleakDeviceNotFoundError("C1:00:00:00:00:01", "gone"), "not_found"),
        (FileNotFoundError(2, "No such file or directory"), "service"),
        # Only words: asked again by a scan, whose answer is typed.
        (BleakError("No powered Bluetooth adapters found."), "untyped"),
        (BleakError("adapter 'hci0' not found"), "untyped"),
        (TimeoutError(), "transient"),
    ]
    for exc, kind in cases:
        assert _classify(exc) == kind, (exc, kind)
    with pytest.raises(BluetoothDeniedError, match="does not allow the monitor"):
        _raise_for("denied", cases[3][0])
    _raise_for("transient", TimeoutError())            # nothing to say: try again


@pytest.mark.ble
def test_the_log_says_when_a_sensor_is_connected_lost_and_back(caplog):
    """Through bleak's real BlueZ backend against the emulated BlueZ (tests/ble_env.py)."""
    import time

    from ble_env import emulated_bluez

    from devices.ble import BleHub

    caplog.set_level(logging.INFO, logger="devices")
    hub = BleHub()
    open_hubs = [hub]
    try:
        with emulated_bluez([{"family": "witmotion", "address": "C1:00:00:00:00:01",
                              "name": "WT901BLE68"}]) as env:
            (found,) = hub.scan(1.0)
            link = hub.connect(found, "right_shank")
            env.control("DropLink", found.address)
            end = time.monotonic() + 30
            while (link.reconnects == 0 or link.status != "connected") and \
                    time.monotonic() < end:
                time.sleep(0.05)
            assert link.status == "connected" and link.reconnects == 1
            said = [(r.levelname, r.getMessage()) for r in caplog.records
                    if r.name == "devices.ble"]
            open_hubs.pop().close()      # before the emulated BlueZ goes away
    finally:
        for h in open_hubs:
            h.close()
    sensor = "sensor witmotion C1:00:00:00:00:01 (right_shank)"
    assert said[0] == ("INFO", f"{sensor}: connected")
    assert ("WARNING", f"{sensor}: reconnecting") in said
    assert said[-1] == ("INFO", f"{sensor}: connected")
