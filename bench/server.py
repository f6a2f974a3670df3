"""gunicorn with 2 sync workers, started for one benchmark and stopped after it."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Gunicorn:
    """`with Gunicorn(env, "127.0.0.1:8765", "/_bench/constant"):` serves `app` until the
    block ends; it is ready once `ready_path` answers."""

    def __init__(self, env, bind, ready_path, app="bench.wsgi:application", timeout=30):
        self.env, self.bind, self.ready_path, self.app, self.timeout = (
            env, bind, ready_path, app, timeout,
        )  # fmt: skip

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", self.app, "--workers", "2",
             "--worker-class", "sync", "--bind", self.bind, "--log-level", "warning",
             "--timeout", str(self.timeout)],
            cwd=ROOT, env=self.env, start_new_session=True,
        )  # fmt: skip
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://{self.bind}{self.ready_path}", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
