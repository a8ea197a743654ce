"""A real PostgreSQL server for the tests (and the benchmarks): the Debian package's binaries,
a cluster in a temporary folder owned by a user that is not root, a unix socket in that
folder and a free TCP port on 127.0.0.1. ``stop`` ends it and removes the folder.

Run as root (CI), the server runs as the ``postgres`` system user the package creates (or
``nobody``): PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SUPERUSER = "postgres"
# The password of the role the tests log in with over TCP (only in this throwaway cluster).
APP_PASSWORD = "app-secret"


def bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: ``pg_config --bindir``, else the newest
    /usr/lib/postgresql/*/bin, else the PATH."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                             timeout=10).stdout.strip()
        if out and (Path(out) / "initdb").exists():
            return Path(out)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _server_user() -> str | None:
    """Who runs the server: ourselves, or (as root) an unprivileged system user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run "
                       "the PostgreSQL server as")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, durable: bool = False) -> None:
        self.bin = bin_dir()
        if self.bin is None:
            raise FileNotFoundError("PostgreSQL is not installed (Debian/Ubuntu: apt-get "
                                    "install postgresql)")
        self.user = _server_user()
        self.root = Path(tempfile.mkdtemp(prefix="monitor-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = free_port()
        self.durable = durable
        self._counter = 0
        if self.user is not None:
            pw = pwd.getpwnam(self.user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o700 if self.user is None else 0o711)
        pwfile = self.root / "pw"
        pwfile.write_text("postgres-secret\n")
        if self.user is not None:
            os.chown(pwfile, pwd.getpwnam(self.user).pw_uid, -1)
        try:
            self._as_server(["initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                             "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                             "--locale=C"])
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)     # nothing left behind
            raise
        pwfile.unlink()
        # Stopped and removed however the tests end (also on Ctrl-C): no stray server.
        atexit.register(self.close)
        self.start()

    def _as_server(self, cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
        argv = [str(self.bin / cmd[0]), *cmd[1:]]
        if self.user is not None:
            argv = ["runuser", "-u", self.user, "--", *argv]
        r = subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=self.root)
        if check and r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {r.stdout}{r.stderr}")
        return r

    def start(self) -> None:
        opts = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 "
                "-c max_connections=60")
        if not self.durable:
            # The tests check the app's behaviour, not the server's disk: fast commits.
            opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._as_server(["pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"),
                         "-o", opts, "-w", "-t", "60", "start"])

    def stop(self, mode: str = "fast") -> None:
        self._as_server(["pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60",
                         "stop"], check=False)

    def running(self) -> bool:
        return self._as_server(["pg_ctl", "-D", str(self.data), "status"],
                               check=False).returncode == 0

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A URL over the unix socket (trusted: no password)."""
        return f"postgresql://{user}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, dbname: str, user: str, password: str | None = None) -> str:
        who = user if password is None else f"{user}:{password}"
        return f"postgresql://{who}@127.0.0.1:{self.port}/{dbname}"

    def sql(self, statement: str, dbname: str = "postgres") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description is not None else []

    def new_database(self) -> str:
        """A new empty database; its name."""
        self._counter += 1
        name = f"t{self._counter}"
        self.sql(f"CREATE DATABASE {name}")
        return name

    def terminate_backends(self, dbname: str) -> int:
        """Close every connection to ``dbname`` from the server's side (a network failure
        as the client sees it)."""
        rows = self.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        f"WHERE datname = '{dbname}' AND pid <> pg_backend_pid()")
        return rows[0][0]

    def close(self) -> None:
        if not self.root.exists():
            return
        with contextlib.suppress(Exception):
            self.stop("immediate" if not self.durable else "fast")
        shutil.rmtree(self.root, ignore_errors=True)
