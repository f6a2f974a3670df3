"""Trigram indexes for the admin's search of headlines and standfirsts (PostgreSQL only).

The admin finds the words an editor types anywhere in a headline or standfirst, half a word
included: `UPPER(column) LIKE UPPER('%word%')`, as Django writes `icontains`. Without an
index that reads every article (130 ms at 100,000 articles, for each of the four queries
the list runs). pg_trgm's GIN indexes on the same expressions answer it from the index, for
words with three letters or digits in a row. pg_trgm comes with PostgreSQL (Debian's
postgresql package; elsewhere perhaps postgresql-contrib) and is trusted: a role with the
CREATE privilege on the database may add it, or an administrator adds it beforehand.
Reversing this migration leaves the extension, which other things may use.

Built CONCURRENTLY, so articles can be saved meanwhile; that cannot run in a transaction,
so this migration has none. Run again after an interruption, it first drops an index left
invalid, which PostgreSQL would keep updating but never use.
"""

from django.db import migrations

INDEXES = {
    "article_headline_trgm": "headline",
    "article_standfirst_trgm": "standfirst",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [name]
            )
            found = cursor.fetchone()
        if found and not found[0]:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY {name}")
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
    dependencies = [("articles", "0013_admin_list_order")]

    operations = [migrations.RunPython(create, drop)]
