"""Real PostgreSQL and Redis servers for the tests (and benchmarks): Debian's binaries, started on a free
loopback port in a temporary folder and stopped afterwards. PostgreSQL refuses to run as root, so as
root its commands run as the ``postgres`` system user the Debian package creates."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "apt-get install postgresql redis-server (make test does it as root)"


class Unavailable(RuntimeError):
    """The server's binaries are not installed here."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name) or ""]
    if not found[-1]:
        raise Unavailable(f"PostgreSQL's {name} is not installed ({INSTALL_HINT})")
    return found[-1]


@dataclass
class PostgresServer:
    root: Path
    port: int
    as_user: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"postgresql://advisor@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql://advisor@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, _pg_bin("pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> PostgresServer:
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    root = Path(tempfile.mkdtemp(prefix="advisor-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # postgres will not run as root: use the package's system user
        try:
            user = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise Unavailable(f"no 'postgres' system user to run PostgreSQL as ({INSTALL_HINT})") from exc
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    server = PostgresServer(root, free_port(), as_user)
    try:
        subprocess.run(
            [*as_user, initdb, "-D", str(root / "data"), "-U", "advisor", "--auth=trust", "-E", "UTF8", "--no-sync"],
            capture_output=True, check=True,
        )  # fmt: skip
        options = (
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(root / "data"), "-l", str(root / "log"), "-w", "-t", "60", "-o", options, "start"],
            capture_output=True, check=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text(errors="replace")[-2000:] if (root / "log").exists() else ""
        server.stop()
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}\n{log}") from exc
    return server


@dataclass
class RedisServer:
    root: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def start_redis() -> RedisServer:
    binary = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else ""
    )
    if not binary:
        raise Unavailable(f"redis-server is not installed ({INSTALL_HINT})")
    root = Path(tempfile.mkdtemp(prefix="advisor-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    server = RedisServer(root, port, process)
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                if conn.recv(16).startswith(b"+PONG"):
                    return server
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
