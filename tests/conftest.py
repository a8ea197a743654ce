import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch, tmp_path_factory):
    """Every test with settings, data and cache folders of its own (the command line reads the
    app's remembered language from the settings; the sounds are written to the cache) and
    without a Dutch system locale, unless it sets one. Nothing is written to the home folder,
    and tests running side by side (pytest -n) share nothing."""
    home = tmp_path_factory.mktemp("xdg")
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(key, str(home / key.lower()))
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(key, "").lower().startswith("nl"):
            monkeypatch.delenv(key)


# -- the two backends of the store ---------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server(_clean_after_the_suite):
    """A real PostgreSQL server for the whole test session (see pg_server.py), stopped and
    removed at the end (before the suite checks that nothing is left: it depends on that
    check, so it ends first with every pytest version); the tests that need it are skipped
    only where it cannot be installed."""
    from pg_server import PgServer, bin_dir

    if bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (make test installs the Debian package "
                    "postgresql when run as root)")
    server = PgServer()
    previous = signal.getsignal(signal.SIGTERM)
    if previous is signal.SIG_DFL:
        # A test run ended by SIGTERM (a CI timeout) still stops the server: as Ctrl-C.
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield server
    finally:
        server.close()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


@pytest.fixture
def pg_url(pg_server, monkeypatch, tmp_path) -> str:
    """The URL of a new, empty database on the test server (and an offline spool of the
    test's own, in its data folder)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return pg_server.url(pg_server.new_database())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_target(request, tmp_path) -> str:
    """What ``--db`` is given for each backend: an SQLite file, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "m.db")
    return request.getfixturevalue("pg_url")


def _processes_naming(folder: str) -> list[str]:
    """Processes (other than this one and the process that started it) whose command line
    names a path inside ``folder``: a server or daemon a test started and left running."""
    found = []
    skip = {os.getpid(), os.getppid()}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit() or int(entry.name) in skip:
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        line = b" ".join(args).decode(errors="replace")
        if folder in line:
            found.append(f"{entry.name}: {line.strip()}")
    return found


@pytest.fixture(scope="session", autouse=True)
def _clean_after_the_suite(tmp_path_factory):
    """The suite leaves nothing behind. Temporary files that a test (or a program it starts)
    makes outside pytest's tmp_path go to a folder of this test process, which must be empty
    at the end; a process still running from a temporary folder of this run (a dbus-daemon,
    a database server) is an error. Each pytest -n worker checks its own."""
    base = str(tmp_path_factory.getbasetemp())   # pytest's own folder, where it always is
    private = tempfile.mkdtemp(prefix="legimu-tests-")
    # Passable (not readable) by other users: the PostgreSQL test server runs as a user of
    # its own and must reach its folder in here.
    os.chmod(private, 0o711)
    old_env, old_tempdir = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = private
    try:
        yield
    finally:
        if old_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = old_env
        tempfile.tempdir = old_tempdir
        left = sorted(p.name for p in Path(private).iterdir())
        running = _processes_naming(private + os.sep) + _processes_naming(base + os.sep)
        shutil.rmtree(private, ignore_errors=True)
        problems = ([f"temporary files left behind: {left}"] if left else []) + (
            [f"processes left running: {running}"] if running else [])
        if problems:
            pytest.fail("; ".join(problems), pytrace=False)
