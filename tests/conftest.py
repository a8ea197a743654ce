import os
import signal
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def _own_settings(monkeypatch, tmp_path_factory):
    """Every test with settings of its own (the command line reads the app's remembered
    language from them), its own data, log and cache folders (never the user's), and
    without a Dutch system locale, unless it sets one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    for key, name in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state"),
                      ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(key, str(tmp_path_factory.mktemp(name)))
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(key, "").lower().startswith("nl"):
            monkeypatch.delenv(key)


# -- the two backends of the store ---------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the whole test session (see pg_server.py), stopped and
    removed at the end; the tests that need it are skipped only where it cannot be
    installed."""
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

