"""What a feed costs: requests per second for the site feed under gunicorn, beside a
trivial Django view measured in the same run.

One command. It makes a throwaway database (SQLite in a temporary directory, or a fresh
PostgreSQL database named after DATABASE_URL's with `_feedbench` added, dropped at the
end), loads the seed and ARTICLES more articles (two authors, three tags, the seed's
body; every fifth with a correction), serves it with gunicorn (2 sync workers) on a free
loopback port, and loads three addresses: a trivial view (`_bench/trivial`, from the
bench-only URLconf bench/feeds_urls.py), the full `/feed/`, and `/feed/` answered 304
for a reader that sends back its ETag. It does so with the page cache off (what the feed
itself costs) and on (as in production), prints a table with each rate as a ratio to
the trivial view's in the same configuration, and stops the server.

    .venv/bin/python bench/feeds.py                       # wrk when installed, else threads
    .venv/bin/python bench/feeds.py --client threads --requests 3000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outlet .venv/bin/python bench/feeds.py
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, it still finds the project

from bench.server import Gunicorn  # noqa: E402

PYTHON = sys.executable
HOST = "127.0.0.1"
TRIVIAL = "/_bench/trivial"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(database_url, port, static_root, cache_seconds):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.feeds_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}:{port}",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "STATIC_ROOT": static_root,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("TESTING", None)
    return env


class Database:
    """A throwaway database: SQLite in `directory`, or a new PostgreSQL database."""

    def __init__(self, directory):
        self.server_url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.server_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            base, name = self.server_url.rsplit("/", 1)
            self.name = f"{name or 'outlet'}_feedbench"
            self.url, self.admin_url = f"{base}/{self.name}", f"{base}/postgres"
        else:
            self.url = f"sqlite:///{directory}/feeds.sqlite3"

    def __enter__(self):
        self._postgres('DROP DATABASE IF EXISTS "{name}"', 'CREATE DATABASE "{name}"')
        return self

    def __exit__(self, *exc):
        self._postgres('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _postgres(self, *statements):
        if not self.postgres:
            return
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement.format(name=self.name))


def populate(count: int) -> None:
    """Run inside the bench environment: migrate, load the seed, add `count` articles."""
    from datetime import timedelta

    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Article, Author, Byline, Kind
    from articles.services import add_correction, publish

    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
    seed = Article.objects.get()
    authors = [
        Author.objects.create(name=f"Bench Author {n}", slug=f"bench-{n}") for n in range(10)
    ]
    kinds = list(Kind)
    for n in range(count):
        article = Article.objects.create(
            headline=f"Benchmark article {n}",
            slug=f"benchmark-article-{n}",
            standfirst=seed.standfirst,
            body=seed.body,
            kind=kinds[n % len(kinds)],
        )
        for position, author in enumerate((authors[n % 10], authors[(n + 3) % 10])):
            Byline.objects.create(article=article, author=author, position=position)
        article.tags.set([f"Topic {n % 7}", f"Region {n % 5}", "Benchmark"])
        publish(article=article, at=timezone.now() - timedelta(hours=n + 1))
        if n % 5 == 0:
            add_correction(article=article, text="A figure in the third paragraph was wrong.")


def get(port, path, headers=None):
    """(status, headers, body length) of one request on a fresh connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), len(response.read())
    finally:
        connection.close()


def load_with_threads(port, path, headers, requests, concurrency):
    """A bounded loop: `requests` requests shared by `concurrency` threads."""
    failures, shares = [], [requests // concurrency] * concurrency

    def worker(share):
        for _ in range(share):
            if get(port, path, headers)[0] >= 400:
                failures.append(path)

    threads = [threading.Thread(target=worker, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(shares) / (time.perf_counter() - started), len(failures)


def load_with_wrk(port, path, headers, duration, concurrency):
    args = ["wrk", "-t2", f"-c{concurrency}", f"-d{duration}s"]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(
        [*args, f"http://{HOST}:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, int(errors.group(1)) if errors else 0


def measure(port, label, path, args, headers=None):
    headers = headers or {}
    for _ in range(20):  # warm both workers and any cache
        status, _, size = get(port, path, headers)
    if args.client == "wrk":
        rps, errors = load_with_wrk(port, path, headers, args.duration, args.concurrency)
    else:
        rps, errors = load_with_threads(port, path, headers, args.requests, args.concurrency)
    return {"label": label, "status": status, "bytes": size, "rps": rps, "errors": errors}


def run_configuration(database, port, static_root, cache_seconds, args):
    env = environment(database.url, port, static_root, cache_seconds)
    with Gunicorn(env, f"{HOST}:{port}", TRIVIAL, app="outlet.wsgi:application"):
        rows = [measure(port, "trivial view", TRIVIAL, args)]
        rows.append(measure(port, "/feed/ (full)", "/feed/", args))
        etag = get(port, "/feed/")[1]["ETag"]
        rows.append(measure(port, "/feed/ (304)", "/feed/", args, {"If-None-Match": etag}))
    for row in rows:
        row["cache"] = "on" if cache_seconds else "off"
        row["ratio"] = row["rps"] / rows[0]["rps"]
    return rows


def table(rows):
    lines = [
        "| address | page cache | status | bytes | req/s | × trivial | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r['label']} | {r['cache']} | {r['status']} | {r['bytes']} | {r['rps']:.0f} | "
        f"{r['ratio']:.2f} | {r['errors']} |"
        for r in rows
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--client", choices=["wrk", "threads"], default=None)
    parser.add_argument("--requests", type=int, default=2000, help="per address (threads)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per address (wrk)")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    args.client = args.client or ("wrk" if shutil.which("wrk") else "threads")
    directory = tempfile.mkdtemp(prefix="outlet-feedbench-")
    try:
        with Database(directory) as database:
            port = free_port()
            env = environment(database.url, port, directory, 0)
            subprocess.run(
                [PYTHON, "-c", f"from bench.feeds import populate; populate({args.articles})"],
                cwd=ROOT, env=env, check=True,
            )  # fmt: skip
            rows = []
            for cache_seconds in (0, 600):
                rows += run_configuration(database, port, directory, cache_seconds, args)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    engine = "PostgreSQL" if database.postgres else "SQLite"
    print(
        f"\n{args.articles + 1} articles on {engine}; gunicorn, 2 sync workers; {args.client}, "
        f"{args.concurrency} connections"
        + (f", {args.duration} s per address" if args.client == "wrk" else "")
        + (f", {args.requests} requests per address" if args.client == "threads" else "")
        + "\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
