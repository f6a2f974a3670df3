"""Indexes for the admin's list of articles: its order, and trigram indexes for its search
of headlines and standfirsts (PostgreSQL only).

The admin finds the words an editor types anywhere in a headline or standfirst, half a word
included: `UPPER(column) LIKE UPPER('%word%')`, as Django writes `icontains`. Without an
index that reads every article (130 ms at 100,000 articles, for each of the four queries
the list runs). pg_trgm's GIN indexes on the same expressions answer it from the index, for
words of three letters or more. pg_trgm comes with PostgreSQL (Debian's postgresql
package; elsewhere perhaps postgresql-contrib) and is trusted: a role that may create
objects in the database may add it, or an administrator can add it beforehand. Reversing
this migration leaves the extension, which other things may use.

Built CONCURRENTLY, outside a transaction, so that saving articles goes on meanwhile.
"""

from django.db import migrations, models

INDEXES = {
    "article_headline_trgm": "headline",
    "article_standfirst_trgm": "standfirst",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON articles_article"
                f" USING gin (UPPER({column}::text) gin_trgm_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0012_byline_article_index_is_the_constraints")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-published_at", "-id"], name="article_by_time"),
        ),
        migrations.RunPython(create, drop),
    ]
