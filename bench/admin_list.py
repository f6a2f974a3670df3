"""What the admin's article list costs, searched: each search through Django's test
client, signed in as an editor, the fastest of `--runs`, with its number of queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outlet_bench \\
        .venv/bin/python bench/admin_list.py sanctions "price cap" EU Russia policy

Meant for a database filled by `generate_corpus` (bench/scale.py makes one). It adds a
superuser, `bench-editor`, to that database the first time. An empty search ("") is the
plain list.
"""

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret")
os.environ.setdefault("DEBUG", "1")  # plain static storage: no collectstatic needed
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["STAFF_TWO_FACTOR"] = "0"  # the client signs in without a one-time password
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LIST = "/admin/articles/article/"
FOUND = re.compile(r"(\d+) (?:results?|articles?)\b")


def editor_client() -> Client:
    users = get_user_model()
    editor = users.objects.filter(username="bench-editor").first()
    if editor is None:
        editor = users.objects.create_superuser("bench-editor", password=None)
    client = Client()
    client.force_login(editor)
    client.get(LIST)  # warm: session, templates, plans
    return client


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("searches", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    client = editor_client()
    for term in args.searches:
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST, {"q": term} if term else {})
            best = min(best, time.perf_counter() - start)
        count = FOUND.search(response.text)  # "5049 results (100001 total)", "100001 articles"
        found = count.group(1) if count else "-"
        print(f"{best * 1000:8.1f} ms  {len(queries):3} queries  {found:>7} found  {term!r}")


if __name__ == "__main__":
    main()
