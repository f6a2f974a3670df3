"""Search folds accents (PostgreSQL): "Orban" finds "Orbán", "Turkiye" finds "Türkiye", and
"Erdoğan" typed with its accent finds the name written without.

A text search configuration of Outlet's own, `outlet_english`: PostgreSQL's `english` with
the `unaccent` dictionary before the stemmer for words holding a letter beyond ASCII
(words of ASCII letters only have nothing to fold and keep `english`'s mapping). unaccent
comes with PostgreSQL (Debian's postgresql package; elsewhere perhaps postgresql-contrib)
and is trusted: a role with the CREATE privilege on the database may add it, or an
administrator adds it beforehand, as for pg_trgm (migration 0014).

Every article's vectors are then written again with it (the SQL is articles.search's,
frozen as of this migration), a batch of ids at a time, each in its own transaction: its
rows locked first, so that a save committed meanwhile is read, not overwritten with what
it replaced; only the rows whose vectors change (those with a letter to fold) written;
their index entries merged into the GIN indexes at the batch's end (as
articles.search.refresh_search_vectors does). An interrupted run resumes with what is
left, and the articles added while it runs are written too. Until an article's turn, it
is found by its words without accents, but not by a word typed with an accent it is
written with. Reversing writes the vectors with `english` again and drops the
configuration; the extension stays, as other things may use it.
"""

from django.db import migrations, transaction

CONFIG = "outlet_english"
BATCH = 2_000

REFRESH = """
WITH head AS MATERIALIZED (
  SELECT s.id,
         setweight(to_tsvector('{config}', coalesce(s.headline, '')), 'A')
      || setweight(to_tsvector('{config}', coalesce(s.standfirst, '')), 'B')
      || setweight(to_tsvector('{config}', coalesce((
             SELECT string_agg(au.name, ' ') FROM articles_byline AS b JOIN articles_author AS au
                 ON au.id = b.author_id WHERE b.article_id = s.id), '')), 'B')
      || setweight(to_tsvector('{config}', coalesce((
             SELECT string_agg(t.name, ' ') FROM articles_taggedarticle AS ta JOIN taggit_tag AS t
                 ON t.id = ta.tag_id WHERE ta.content_object_id = s.id), '')), 'B')
      || setweight(to_tsvector('{config}', s.original_publication), 'B')
         AS vector
    FROM articles_article AS s
   WHERE s.id >= %s AND s.id < %s),
body AS MATERIALIZED (
  SELECT s.id, setweight(to_tsvector('{config}', coalesce(s.body, '')), 'C') AS vector
    FROM articles_article AS s
   WHERE s.id >= %s AND s.id < %s),
fresh AS MATERIALIZED (
  SELECT head.id, head.vector AS ranking, head.vector || body.vector AS search
    FROM head JOIN body ON body.id = head.id)
UPDATE articles_article AS a
   SET ranking_vector = fresh.ranking, search_vector = fresh.search
  FROM fresh
 WHERE a.id = fresh.id
   AND (a.search_vector, a.ranking_vector) IS DISTINCT FROM (fresh.search, fresh.ranking)
"""


GIN_INDEXES = """
SELECT c.oid, pg_has_role(c.relowner, 'USAGE') AS owned FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indexrelid
  JOIN pg_am ON pg_am.oid = c.relam
 WHERE i.indrelid = 'articles_article'::regclass AND pg_am.amname = 'gin'
"""


def refresh_all(connection, config):
    """Every article's vectors with `config`, BATCH ids at a time; rows already written so
    (by an interrupted run) are not written again."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT bool_and(owned) FROM ({GIN_INDEXES}) AS gin")
        in_bulk = cursor.fetchone()[0]
        start = 0
        while True:  # to the last id, then again for the articles added meanwhile
            cursor.execute("SELECT min(id), max(id) FROM articles_article WHERE id >= %s", [start])
            first, last = cursor.fetchone()
            if first is None:
                return
            for start in range(first, last + 1, BATCH):
                with transaction.atomic(using=connection.alias):
                    cursor.execute(
                        "SELECT FROM articles_article WHERE id >= %s AND id < %s"
                        " ORDER BY id FOR UPDATE",
                        [start, start + BATCH],
                    )
                    if in_bulk:
                        cursor.execute("SET LOCAL gin_pending_list_limit = '2GB'")
                    cursor.execute(REFRESH.format(config=config), [start, start + BATCH] * 2)
                    if in_bulk:
                        cursor.execute(
                            f"SELECT gin_clean_pending_list(oid) FROM ({GIN_INDEXES}) AS g"
                        )
            start = last + 1


def fold_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # Kept if an interrupted run made it: the new code may already search with it.
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT NOT EXISTS (SELECT FROM pg_ts_config"
            " WHERE cfgname = %s AND pg_ts_config_is_visible(oid))",
            [CONFIG],
        )
        missing = cursor.fetchone()[0]
    if missing:
        schema_editor.execute(
            f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)"
        )
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG}"
        " ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem"
    )
    # Words of letters and digits ("Škoda2", "1ère"), which english reads as they are.
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG}"
        " ALTER MAPPING FOR numword, numhword, hword_numpart WITH unaccent, simple"
    )
    refresh_all(schema_editor.connection, CONFIG)


def keep_accents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    refresh_all(schema_editor.connection, "english")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("articles", "0015_original_publication_searchable")]

    operations = [migrations.RunPython(fold_accents, keep_accents)]
