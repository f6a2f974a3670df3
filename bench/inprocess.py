"""What one request costs in process: addresses through Django's WSGI handler, no server,
no network, beside the templated floor measured the same way. The page cache is off, so
every page is computed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outlet_bench \\
        .venv/bin/python bench/inprocess.py /dossiers/ / /search/?q=sanctions

Prints, for each address, the fastest of `--runs` runs of `--requests` requests, in
milliseconds a request, and the status line of the answer. `ARTICLE` stands for an
article fifty places down the archive (the oldest, in a smaller one). Meant for a
database filled by `generate_corpus` (bench/scale.py makes one).
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DEBUG", "1")  # plain static storage: no collectstatic needed
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

FLOOR = "/_bench/templated"


def environ(address: str) -> dict:
    path, _, query = address.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def milliseconds(handler, address: str, *, runs: int, requests: int) -> tuple[float, str]:
    """The fastest run's time a request, and the status line of the last response."""
    status = []

    def request():
        body = handler(environ(address), lambda line, headers: status.append(line))
        b"".join(body)
        body.close()

    for _ in range(max(requests // 10, 3)):  # warm: connections, templates, plans
        request()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(requests):
            request()
        best = min(best, (time.perf_counter() - start) * 1000 / requests)
    return best, status[-1]


def article_address() -> str:
    from articles.models import Article

    live = Article.objects.live().order_by("-published_at")
    article = live[50:51].first() or live.last()  # a small database: its oldest
    if article is None:
        sys.exit("ARTICLE: the database holds no live article")
    return article.get_absolute_url()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addresses", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    handler = WSGIHandler()
    addresses = [article_address() if a == "ARTICLE" else a for a in args.addresses]
    for address in [FLOOR, *addresses]:
        ms, status = milliseconds(handler, address, runs=args.runs, requests=args.requests)
        print(f"{ms:9.3f} ms  {status:<24}  {address}")


if __name__ == "__main__":
    main()
