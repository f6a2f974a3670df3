"""The small search vector that ranks results (headline, standfirst, authors, tags).

On PostgreSQL its storage is MAIN: compressed if need be, but kept in the row rather than
moved out to TOAST, so the ranking query reads it with the row; and it has a GIN index of
its own, for phrases (see articles.search.matching). Existing articles get it computed here
(the SQL is articles.search's, frozen as of this migration), so search ranks them at once;
the full vector does not change.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "article_ranking_vector_gin"  # lets a phrase be matched without the body's vector

FILL = """
UPDATE articles_article AS a SET ranking_vector =
    setweight(to_tsvector('english', coalesce(a.headline, '')), 'A')
 || setweight(to_tsvector('english', coalesce(a.standfirst, '')), 'B')
 || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(au.name, ' ') FROM articles_byline AS b
        JOIN articles_author AS au ON au.id = b.author_id WHERE b.article_id = a.id), '')), 'B')
 || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(t.name, ' ') FROM articles_taggedarticle AS ta
        JOIN taggit_tag AS t ON t.id = ta.tag_id WHERE ta.content_object_id = a.id), '')), 'B')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_article ALTER COLUMN ranking_vector SET STORAGE MAIN"
        )
        schema_editor.execute(FILL)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin (ranking_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_tag_slugs")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="ranking_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, drop_index),
    ]
