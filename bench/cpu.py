"""What a request costs in CPU time under load, and whose: gunicorn's workers or
PostgreSQL's backends. A ratio of requests per second says how far a page is from the
floors; this says where its time goes, which the ratio hides (a search that waits on
PostgreSQL and one that computes in Python can serve at the same rate).

    .venv/bin/python bench/cpu.py /search/?q=Minsk ARTICLE /_bench/templated

Serves the corpus in DATABASE_URL (default: the one bench/scale.py builds) with gunicorn,
2 sync workers, the page cache off; loads each address with wrk for `--duration` seconds
after a short warm-up, and reads the CPU time (user and system) the workers and the
database's backends used meanwhile from /proc. `ARTICLE` stands for an article fifty
places down the archive. Linux only; needs wrk.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import PYTHON, SERVER, environment, targets, wrk  # noqa: E402
from bench.server import Gunicorn  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pattern: re.Pattern) -> float:
    """User and system CPU time of every process whose command line matches `pattern`."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if pattern.search(command):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("addresses", nargs="+")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/outlet_bench")
    parser.add_argument("--duration", type=int, default=8)
    args = parser.parse_args()
    database = args.database_url.rsplit("/", 1)[-1]
    workers = re.compile(r"gunicorn bench\.wsgi")
    backends = re.compile(rf"^postgres: .*\b{re.escape(database)} ")
    env = environment(args.database_url, 0, tempfile.mkdtemp(prefix="outlet-cpu-"), "")
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env, check=True)  # fmt: skip
    if "ARTICLE" in args.addresses:
        article = dict(targets(env))["article"]
    addresses = [article if a == "ARTICLE" else a for a in args.addresses]
    print("| address | req/s | app CPU ms/request | PostgreSQL CPU ms/request |")
    print("| --- | ---: | ---: | ---: |")
    with Gunicorn(env, SERVER, "/_bench/constant"):
        for address in addresses:
            wrk(SERVER, address, 2, 4)  # warm: connections, plans, caches
            app, database_cpu = cpu_seconds(workers), cpu_seconds(backends)
            rps, *_ = wrk(SERVER, address, args.duration, 4)
            requests = rps * args.duration
            app = (cpu_seconds(workers) - app) * 1000 / requests
            database_cpu = (cpu_seconds(backends) - database_cpu) * 1000 / requests
            print(f"| {address} | {rps:.0f} | {app:.2f} | {database_cpu:.2f} |", flush=True)


if __name__ == "__main__":
    main()
