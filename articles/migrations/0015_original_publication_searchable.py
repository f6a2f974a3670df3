"""The publication a piece first appeared in joins both search vectors (weight B), so a
reader finds a republished piece by its source ("Astana Times"). Articles that name one
get their vectors computed again here (the SQL is articles.search's, frozen as of this
migration); the others' vectors do not change.
"""

from django.db import migrations

REFRESH = """
WITH head AS MATERIALIZED (
  SELECT s.id,
         setweight(to_tsvector('english', coalesce(s.headline, '')), 'A')
      || setweight(to_tsvector('english', coalesce(s.standfirst, '')), 'B')
      || setweight(to_tsvector('english', coalesce((
             SELECT string_agg(au.name, ' ') FROM articles_byline AS b JOIN articles_author AS au
                 ON au.id = b.author_id WHERE b.article_id = s.id), '')), 'B')
      || setweight(to_tsvector('english', coalesce((
             SELECT string_agg(t.name, ' ') FROM articles_taggedarticle AS ta JOIN taggit_tag AS t
                 ON t.id = ta.tag_id WHERE ta.content_object_id = s.id), '')), 'B')
      || setweight(to_tsvector('english', s.original_publication), 'B')
         AS vector
    FROM articles_article AS s
   WHERE s.original_publication <> '')
UPDATE articles_article AS a
   SET ranking_vector = head.vector,
       search_vector = head.vector || setweight(to_tsvector('english', coalesce(a.body, '')), 'C')
  FROM head
 WHERE a.id = head.id
"""


def refresh(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFRESH)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_admin_search_trigram_indexes")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
