"""Every query of every public page, EXPLAINed on the large corpus: no page may scan the
whole articles table.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/outlet_bench .venv/bin/python bench/explain.py

Runs against a database filled by `generate_corpus` (bench/scale.py makes one). Prints,
for each page, its queries with the plan's scans, and exits non-zero if any plan holds a
sequential scan of articles_article. A prepared statement (outlet/postgresql/base.py) is
shown with the plan it runs by, the one made for any values.
"""

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outlet.settings")
os.environ.setdefault("DEBUG", "1")  # plain static storage: no collectstatic needed
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # every page computed, every query seen

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.backends.postgresql.base import ServerBindingCursor  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

SCAN = re.compile(r"(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)(?: using \S+)? on (\w+)")


def pages():
    from taggit.models import Tag

    from articles.models import Article, Author
    from dossiers.models import Dossier

    article = Article.objects.live().order_by("-published_at")[50]
    author = Author.objects.with_live_articles().order_by("pk").first()
    dossier = Dossier.objects.public().order_by("pk").first()
    tag = Tag.objects.order_by("pk").first()
    return [
        "/", "/articles/", "/articles/?page=2000", article.get_absolute_url(),
        f"/a/{article.pk}/", "/authors/", author.get_absolute_url(), "/dossiers/",
        dossier.get_absolute_url(), f"/tags/{tag.slug}/", "/corrections/",
        "/search/?q=Minsk", "/search/?q=sanctions", "/search/?q=%22price+cap%22",
        "/search/?q=lithium+or+%22rare+earths%22+-China", "/search/?q=sanctions&kind=analysis",
        "/search/?q=policy",  # a word in most articles
        "/feed/", "/feed/atom/", f"{author.get_absolute_url()}feed/", f"/tags/{tag.slug}/feed/",
        f"{dossier.get_absolute_url()}feed/json/", "/corrections/feed/", "/sitemap.xml",
        "/sitemap-articles.xml?p=1", "/sitemap-news.xml",
    ]  # fmt: skip


def plan(sql, params):
    """The plan of the last statement in `sql`, made after those before it: a search's
    ranking query comes after the planner settings it is run under."""
    *before, last = sql.split(";\n")
    with connection.cursor() as cursor:
        cursor.execute(";\n".join([*before, f"EXPLAIN {last}"]), params)
        for _ in before:
            cursor.nextset()
        return "\n".join(row[0] for row in cursor.fetchall())


def generic_plan(sql, params):
    """The plan PostgreSQL keeps for the prepared statement `sql`, whatever its values."""
    numbers = iter(range(1, len(params) + 1))
    numbered = re.sub(r"%s", lambda _: f"${next(numbers)}", sql)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute(f"PREPARE outlet_explained AS {numbered}")
        values = ", ".join(["%s"] * len(params))
        cursor.execute(f"EXPLAIN EXECUTE outlet_explained({values})", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("DEALLOCATE outlet_explained")
    return text


def queries_of(client, path):
    """The status of `path` and each query it ran: (sql, params, prepared)."""
    ran = []

    def note(execute, sql, params, many, context):
        ran.append((sql, params, isinstance(context["cursor"].cursor, ServerBindingCursor)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        status = client.get(path).status_code
    return status, ran


def main():
    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN checks need the PostgreSQL corpus: set DATABASE_URL.")
    client = Client(HTTP_HOST=os.environ.get("EXPLAIN_HOST", "127.0.0.1"))
    failures = []
    for path in pages():
        status, ran = queries_of(client, path)
        print(f"\n{path}  [{status}, {len(ran)} queries]")
        for sql, params, prepared in ran:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            text = generic_plan(sql, params) if prepared else plan(sql, params)
            scans = sorted({f"{kind} on {table}" for kind, table in SCAN.findall(text)})
            print(f"  {'prepared  ' if prepared else ''}{', '.join(scans)}")
            if "Seq Scan on articles_article" in text:
                failures.append((path, sql[:200]))
    print(f"\n{len(failures)} sequential scans of articles_article ({timezone.now():%Y-%m-%d}).")
    for path, sql in failures:
        print(f"  {path}: {sql}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
