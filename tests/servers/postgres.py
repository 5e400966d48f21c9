"""A real PostgreSQL server (Debian's package) for tests: its own data folder, 127.0.0.1 only, a free port, stopped after.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user, in a temporary folder it owns.
Tests reach it with JDBC as user `postgres` and the password PASSWORD, and check rows with `psql` here.

    with PostgresServer() as pg:
        pg.sql("CREATE TABLE t (id int)")
        print(pg.jdbc_url, pg.rows("SELECT count(*) FROM t"))
"""
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

PASSWORD = "sparkbook"


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed: run install/system-deps.sh (Debian package postgresql)")
    return found[-1]


def _free_port():
    # PostgreSQL cannot listen on port 0 and report the port: take one the kernel just handed out.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self, database="sparkbook"):
        self.database = database
        self.dir = tempfile.mkdtemp(prefix="sparkbook-pg-")
        self.data = os.path.join(self.dir, "data")
        self.port = None
        self._as_user = []
        if os.geteuid() == 0:
            pg = pwd.getpwnam("postgres")
            os.chown(self.dir, pg.pw_uid, pg.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/{self.database}"

    def _run(self, args, **kw):
        return subprocess.run(self._as_user + args, check=True, capture_output=True, text=True, cwd=self.dir, **kw)

    def start(self):
        pwfile = os.path.join(self.dir, "pw")
        with open(pwfile, "w") as f:
            f.write(PASSWORD + "\n")
        if self._as_user:
            shutil.chown(pwfile, "postgres", "postgres")
        self._run([_bin("initdb"), "-D", self.data, "-U", "postgres", f"--pwfile={pwfile}", "--auth-local=trust",
                   "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"])
        for attempt in range(5):
            self.port = _free_port()
            opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            try:
                self._run([_bin("pg_ctl"), "-D", self.data, "-o", opts, "-l", os.path.join(self.dir, "log"), "-w", "start"])
                break
            except subprocess.CalledProcessError:
                if attempt == 4:
                    raise RuntimeError("PostgreSQL did not start:\n" + self.log())
        self._run([_bin("createdb"), "-h", self.dir, "-p", str(self.port), "-U", "postgres", self.database])
        return self

    def log(self):
        try:
            with open(os.path.join(self.dir, "log")) as f:
                return f.read()
        except OSError:
            return ""

    def sql(self, statement):
        """Runs SQL with psql over the server's own socket; returns psql's output (unaligned, fields split by US)."""
        out = self._run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-h", self.dir, "-p", str(self.port),
                         "-U", "postgres", "-d", self.database, "-c", statement])
        return out.stdout

    def rows(self, query):
        """The rows of a query, each a list of strings."""
        return [line.split("\x1f") for line in self.sql(query).splitlines() if line]

    def stop(self):
        if self.port is not None and os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self._run([_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"])
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
