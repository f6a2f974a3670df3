"""Outlet at 100,000 articles: requests per second and latency of every kind of page.

One command: builds the corpus on PostgreSQL (once; reused afterwards), serves it with
gunicorn (2 sync workers) with the page cache off (no pages kept; revalidation still
answered from the content version) and then on, loads each address with wrk from
loopback, and prints a table beside two floors measured in the same run on Django alone
(the page cache's middleware passing them through): a view returning a constant 30 KB
string and the same text rendered through a base template with a dozen blocks. Ratios
are to those floors.

    .venv/bin/python bench/scale.py                       # full run, ~25 minutes
    .venv/bin/python bench/scale.py --articles 5000 --duration 3   # quick look

Each page is measured between the two floors (the templated one just before it, the
constant one just after, from a server of their own that runs throughout), and its ratios
are to those: on a machine shared with other work rates drift by a fifth within minutes,
floors measured seconds apart drift far less. `--only article` measures the rows whose
label holds "article".

Needs PostgreSQL at 127.0.0.1:5432 and `wrk` (apt-get install wrk).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script, it still finds the project

from bench.server import Gunicorn  # noqa: E402

PYTHON = sys.executable
SERVER = "127.0.0.1:8765"
FLOORS = "127.0.0.1:8766"  # the floors' own server, beside the pages'


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def environment(database_url, cache_seconds, static_root, redis_url, revalidation=True):
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-secret",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://{SERVER}",
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "PAGE_REVALIDATION": "1" if revalidation else "0",
        "STATIC_ROOT": static_root,
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; TLS ends at a proxy in production
        "LOG_LEVEL": "ERROR",
    }
    env.pop("TESTING", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def prepare(env, articles):
    run(PYTHON, "manage.py", "migrate", "-v0", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0", env=env)
    count = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c",
         "from articles.models import Article; print(Article.objects.count())"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    if count == "0":
        run(PYTHON, "manage.py", "generate_corpus", "--articles", str(articles),
            "--authors", str(max(20, articles // 50)), env=env)  # fmt: skip
        run(PYTHON, "manage.py", "load_seed", "-v0", env=env)
    else:
        print(f"Reusing the corpus already in the database ({count} articles).")
    run(PYTHON, "manage.py", "shell", "-c", "from django.db import connection\n"
        "connection.cursor().execute('VACUUM ANALYZE')"
        " if connection.vendor == 'postgresql' else None", env=env)  # fmt: skip


def targets(env):
    """Addresses of each kind of page, picked from the corpus."""
    script = (
        "from articles.models import Article, Author\n"
        "from dossiers.models import Dossier\n"
        "from taggit.models import Tag\n"
        "from django.db.models import Count\n"
        "a = Article.objects.live().order_by('-published_at')[50]\n"
        "au = Author.objects.annotate(n=Count('bylines')).order_by('-n')[0]\n"
        "t = Tag.objects.annotate(n=Count('articles_taggedarticle_items')).order_by('-n')[0]\n"
        "d = Dossier.objects.public().order_by('pk')[0]\n"
        "ad = Article.objects.live().filter(dossier_entries__dossier=d)"
        ".order_by('-published_at')[0]\n"
        "print(a.get_absolute_url(), ad.get_absolute_url(), au.get_absolute_url(), t.slug,\n"
        "      d.get_absolute_url())"
    )
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True).stdout.split()  # fmt: skip
    article, in_dossier, author, tag, dossier = out[-5:]
    return [
        ("home", "/"),
        ("article", article),
        ("article in a dossier", in_dossier),  # its neighbours and key terms beside it
        ("archive p1", "/articles/"),
        ("archive p2000", "/articles/?page=2000"),
        ("author", author),
        ("dossier", dossier),
        ("tag", f"/tags/{tag}/"),
        # Match counts in the generated corpus: a place named once (in the seed), a word about
        # 4,900, a word in most articles about 59,000, a phrase about 3,800, an or/exclusion
        # query about 3,000.
        ("search: rare word", "/search/?q=Minsk"),
        ("search: word", "/search/?q=sanctions"),
        ("search: word in most", "/search/?q=policy"),
        ("search: phrase", "/search/?q=%22price+cap%22"),
        ("search: or/-", "/search/?q=lithium+or+%22rare+earths%22+-China"),
        ("feed", "/feed/"),
        ("sitemap section", "/sitemap-articles.xml?p=1"),
    ]


def fetch(server, path, headers=None):
    request = urllib.request.Request(f"http://{server}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def wrk(server, path, duration, connections, headers=None):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, f"http://{server}{path}"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return (
        rps,
        latency.get("50", "?"),
        latency.get("99", "?"),
        int(non_2xx.group(1)) if non_2xx else 0,
    )


def measure(server, path, args, headers=None):
    fetch(server, path, headers)  # warm the cache and the worker
    fetch(server, path, headers)
    status, _ = fetch(server, path, headers)
    rps, p50, p99, errors = wrk(server, path, args.duration, args.connections, headers)
    return {"path": path, "status": status, "rps": rps, "p50": p50, "p99": p99,
            "errors": errors}  # fmt: skip


def beside_floors(label, path, args, headers=None, server=SERVER):
    """A page measured between the two floors: the templated floor just before it, the
    constant one just after. On a machine shared with other work the rates drift by a
    fifth in a few minutes; a ratio to floors measured a few seconds apart does not."""
    templated = measure(FLOORS, "/_bench/templated", args)["rps"]
    row = measure(server, path, args, headers)
    constant = measure(FLOORS, "/_bench/constant", args)["rps"]
    return row | {"page": label, "templated": templated, "constant": constant}


def table(rows):
    lines = [
        "| page | cache | status | req/s | p50 | p99 | × constant | × templated |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['page']} | {row['cache']} | {row['status']} | {row['rps']:.0f} | "
            f"{row['p50']} | {row['p99']} | {row['rps'] / row['constant']:.2f} | "
            f"{row['rps'] / row['templated']:.2f} |"
        )
    floors = [(row["constant"], row["templated"]) for row in rows]
    constant, templated = (sorted(values)[len(values) // 2] for values in zip(*floors, strict=True))
    lines.append(
        f"\nFloors, measured beside each row: constant {min(c for c, _ in floors):.0f}-"
        f"{max(c for c, _ in floors):.0f} req/s (median {constant:.0f}), templated "
        f"{min(t for _, t in floors):.0f}-{max(t for _, t in floors):.0f} req/s "
        f"(median {templated:.0f}). Each ratio is to the floors measured beside its row."
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/outlet_bench")
    parser.add_argument(
        "--redis-url", default="", help="Cache pages in Redis (default: local memory)."
    )
    parser.add_argument("--duration", type=int, default=5, help="Seconds of load per address.")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument(
        "--results",
        type=Path,
        help="Also write the table to this file "
        "(bench/RESULTS.md is kept by hand: a run's table goes into it).",
    )
    parser.add_argument("--only", default="", help="Measure only pages whose label has this.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    static_root = tempfile.mkdtemp(prefix="outlet-bench-static-")
    base_env = environment(args.database_url, 0, static_root, args.redis_url)
    create_database(args.database_url)
    prepare(base_env, args.articles)
    every_page = targets(base_env)
    pages = [page for page in every_page if args.only in page[0]]
    # Revalidations: a browser or CDN holding the article, a feed reader holding the feed.
    revalidated = [
        (f"{label} 304", path)
        for label, path in every_page
        if label in ("article", "feed") and args.only in f"{label} 304"
    ]
    rows = []
    # The floors on Django alone, in a server of their own that runs throughout: the page
    # cache's middleware passes their requests straight through, so it neither slows nor
    # speeds them.
    floors_env = environment(args.database_url, 0, static_root, args.redis_url, revalidation=False)
    with Gunicorn(floors_env, FLOORS, "/_bench/constant"):
        # For comparison with results before the public templates moved to Jinja2: the
        # templated floor through Django's engine, beside the same floors.
        reference = beside_floors("floor: templated, Django's engine", "/_bench/templated-django",
                                  args, server=FLOORS)  # fmt: skip
        rows.append(reference | {"cache": "-"})
        report(rows[-1])
        for cache_seconds, cache_label in ((0, "off"), (600, "on")):
            env = environment(args.database_url, cache_seconds, static_root, args.redis_url)
            with Gunicorn(env, SERVER, "/_bench/constant"):
                for label, path in pages:
                    rows.append(beside_floors(label, path, args) | {"cache": cache_label})
                    report(rows[-1])
                for label, path in revalidated:
                    _, headers = fetch(SERVER, path)
                    etag = {"If-None-Match": headers.get("ETag", "")}
                    row = beside_floors(label, path, args, etag)
                    rows.append(row | {"cache": cache_label})
                    report(rows[-1])
    if not rows:
        sys.exit(f"No page's label holds {args.only!r}.")
    result = table(rows)
    print(result)
    if args.results:
        args.results.write_text(
            f"# Benchmark results\n\n`python bench/scale.py --articles {args.articles} --duration "
            f"{args.duration} --connections {args.connections}`"
            f"{' --redis-url ' + args.redis_url if args.redis_url else ''} on "
            f"{time.strftime('%Y-%m-%d')}, gunicorn 2 sync workers, wrk from loopback, "
            f"PostgreSQL.\n\n{result}\n",
            encoding="utf-8",
        )


def report(row):
    print(
        f"  {row['page']:<20} cache {row['cache']:<3} {row['rps']:7.0f} req/s "
        f"{row['rps'] / row['templated']:5.2f}x templated {row['rps'] / row['constant']:5.2f}x "
        f"constant",
        flush=True,
    )


def create_database(url, fresh=False):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
