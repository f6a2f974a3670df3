"""How search orders, caps, counts and quotes its results: ranked by the small vector,
capped, facets counted over every match, snippets from the start of the body."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import search, services
from articles.models import Article, Kind
from tests.articles.searching import current_settings, facet_counts, page_of_results
from tests.builders import make_article, make_author, make_dossier

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="ranking by field weight needs PostgreSQL full-text search",
)
planner_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="planner settings and statement time limits are PostgreSQL's",
)


def ranked(query, **filters):
    search.refresh_search_vectors()
    results = search.best(query, search.Filters(**filters))
    slugs = dict(Article.objects.filter(pk__in=results.ids).values_list("pk", "slug"))
    return [slugs[pk] for pk in results.ids]


def ago(days):
    return timezone.now() - timedelta(days=days)


@postgres_only
def test_a_headline_match_outranks_a_body_that_repeats_the_word():
    make_article(slug="body", body="<p>" + "Lithium mines. " * 40 + "</p>", published_at=ago(1))
    make_article(slug="headline", headline="The lithium question", published_at=ago(300))
    assert ranked("lithium") == ["headline", "body"]


@postgres_only
def test_standfirst_tag_and_author_matches_outrank_body_matches():
    make_article(slug="body", body="<p>Notes on Rogun.</p>", published_at=ago(1))
    make_article(slug="tag", tags=["Rogun"], published_at=ago(50))
    make_article(slug="standfirst", standfirst="Rogun, again.", published_at=ago(60))
    make_article(slug="author", authors=[make_author(name="Ana Rogun")], published_at=ago(70))
    assert ranked("rogun")[-1] == "body"
    assert set(ranked("rogun")[:3]) == {"tag", "standfirst", "author"}


@postgres_only
def test_headlines_with_the_words_come_newest_first_whatever_else_mentions_them():
    """ts_rank's last decimals (one more mention in a tag) do not outrank recency."""
    make_article(slug="old", headline="Energy security for Europe", tags=["energy"],
                 published_at=ago(4000))  # fmt: skip
    make_article(slug="new", headline="Energy security in the Caspian", published_at=ago(3))
    make_article(slug="body", body="<p>Energy security.</p>", published_at=ago(1))
    assert ranked("energy security") == ["new", "old", "body"]


@postgres_only
def test_words_in_a_headline_and_a_byline_outrank_newer_ones_in_a_body_alone():
    writer = make_author(name="Ibrahim Mammadov")
    make_article(slug="fields", headline="Kazakhstan mediates", authors=[writer],
                 standfirst="Talks go on. " * 20, published_at=ago(300))  # fmt: skip
    make_article(slug="body", body="<p>Mammadov on Kazakhstan.</p>", published_at=ago(1))
    assert ranked("Mammadov Kazakhstan") == ["fields", "body"]


@postgres_only
def test_numbers_joined_by_a_hyphen_are_found_as_typed():
    make_article(slug="years", body="<p>The 2020-2021 winter.</p>")
    assert ranked("2020-2021") == ["years"]


@postgres_only
def test_among_body_matches_the_newest_comes_first():
    for days in (30, 2, 400):
        make_article(slug=f"d{days}", body="<p>The Caspian ferry.</p>", published_at=ago(days))
    assert ranked("ferry") == ["d2", "d30", "d400"]


@postgres_only
def test_an_edited_headline_ranks_at_once():
    """The one service that saves articles keeps both vectors current."""
    article = make_article(slug="edited", body="<p>Dams and canals.</p>", published_at=ago(9))
    make_article(slug="other", body="<p>Canals.</p>", published_at=ago(1))
    search.refresh_search_vectors()
    article.headline = "Canals of the steppe"
    services.save_article(article=article)
    results = search.best("canals", search.Filters())
    assert results.ids == [article.pk, Article.objects.get(slug="other").pk]


def test_the_list_is_capped_but_the_count_and_facets_cover_every_match(monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    writer = make_author(slug="writer")
    for n in range(5):
        make_article(kind=Kind.OPINION if n % 2 else Kind.NEWS, body="<p>Steppe rail.</p>",
                     authors=[writer])  # fmt: skip
    search.refresh_search_vectors()
    results = search.best("steppe", search.Filters())
    assert len(results.ids) == 3 and results.total == 5 and results.capped
    counts = facet_counts(results)
    assert {kind: n for kind, _, n in counts["kind"]} == {"news": 3, "opinion": 2}
    assert sum(n for *_, n in counts["year"]) == 5
    assert [(slug, n) for slug, _, n in counts["author"]] == [("writer", 5)]


def test_facets_count_kind_year_author_and_public_dossiers_only():
    writer = make_author(name="Leyla Aliyeva", slug="leyla")
    old = make_article(authors=[writer], body="<p>Canals.</p>", published_at=ago(800))
    new = make_article(authors=[writer], kind=Kind.NEWS, body="<p>Canals.</p>")
    make_dossier(articles=[old, new], slug="water", title="Water")
    make_dossier(articles=[new], slug="hidden", is_public=False)
    search.refresh_search_vectors()
    counts = facet_counts(search.best("canals", search.Filters()))
    assert counts["author"][0] == ("leyla", "Leyla Aliyeva", 2)
    assert counts["dossier"] == [("water", "Water", 2)]
    assert {kind: n for kind, _, n in counts["kind"]} == {"analysis": 1, "news": 1}
    years = {old.published_at.year, new.published_at.year}
    assert [year for year, *_ in counts["year"]] == sorted(years, reverse=True)


def test_snippets_mark_matches_near_the_start_of_the_body():
    article = make_article(body="<p>Opening words.</p><p>The <em>Rogun</em> dam rises.</p>")
    (found,) = page_of_results([article.pk], "rogun")
    assert "<mark>Rogun</mark> dam rises" in found.snippet


def test_a_match_deep_in_a_long_body_is_found_and_its_snippet_shows_the_opening():
    filler = "<p>" + "Words about other things entirely. " * 100 + "</p>"
    article = make_article(body=filler + "<p>The Rogun dam.</p>", slug="deep")
    assert ranked("rogun") == ["deep"]
    (found,) = page_of_results([article.pk], "rogun")
    assert found.snippet.startswith("Words about other things")
    assert "<" not in found.snippet.replace("<mark>", "").replace("</mark>", "")


@postgres_only
@pytest.mark.parametrize(
    ("query", "marked"),
    [("sanctions", "<mark>sanctioned</mark>"), ('"grain exports"', "<mark>grain exported</mark>"),
     ("energy", "<mark>energies</mark>"), ("pipelines or ports", "<mark>pipeline</mark>")],
)  # fmt: skip
def test_snippets_mark_other_forms_of_the_words(query, marked):
    article = make_article(body="<p>Firms sanctioned; energies; grain exported by pipeline.</p>")
    (found,) = page_of_results([article.pk], query)
    assert marked in found.snippet


BODY = (
    "<p>The <em>sanctions</em>, imposed by the United States, hit stations and police in "
    "Kazakhstan. Policies on the rule of law.</p><p>Another paragraph.</p>"
)


@postgres_only
@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("the sanctions", ["sanctions"]),  # "the" is too common to be searched
        ("sanctions in Russia", ["sanctions"]),
        ("states", ["States"]),  # not "stations"
        ("policy", ["Policies"]),  # not "police"
        ("Kazakhstan’s", ["Kazakhstan"]),  # not the next word with an "s"
        ('"rule of law"', ["rule of law"]),
        ("the", []),
    ],
)
def test_snippets_mark_the_words_the_index_matched_and_no_others(query, marked):
    article = make_article(body=BODY)
    (found,) = page_of_results([article.pk], query)
    assert re.findall(r"<mark>(.*?)</mark>", found.snippet) == marked


@postgres_only
def test_a_phrase_that_does_not_match_leaves_its_words_to_be_marked_alone():
    article = make_article(body="<p>A climate changer, they said, for the climate.</p>")
    (found,) = page_of_results([article.pk], '"climate change" climate')
    assert re.findall(r"<mark>(.*?)</mark>", found.snippet) == ["climate", "climate"]


@postgres_only
def test_a_capital_dotted_i_is_marked():
    article = make_article(body="<p>Talks in İstanbul and Izmir.</p>")
    (found,) = page_of_results([article.pk], "İstanbul")
    assert "<mark>İstanbul</mark>" in found.snippet


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite matches strings")
def test_on_sqlite_words_are_marked_as_they_were_matched_by_their_start():
    article = make_article(body="<p>A pipeline past the police station.</p>")
    (found,) = page_of_results([article.pk], "pipel police")
    assert re.findall(r"<mark>(.*?)</mark>", found.snippet) == ["pipeline", "police"]


def test_a_snippet_keeps_words_and_punctuation_together_across_inline_markup():
    article = make_article(body=BODY)
    (found,) = page_of_results([article.pk], "Minsk")
    assert found.snippet.startswith("The sanctions, imposed")
    assert "law. Another paragraph." in found.snippet


def test_a_snippet_starts_near_its_first_match_at_a_word():
    article = make_article(body="<p>" + "Opening words here. " * 40 + "The Rogun dam.</p>")
    (found,) = page_of_results([article.pk], "rogun")
    assert found.snippet.startswith("… ") and "<mark>Rogun</mark> dam." in found.snippet
    assert found.snippet.split()[1] in {"Opening", "words", "here."}


def test_a_phrase_in_a_headline_is_found_and_an_excluded_word_in_a_body_still_excludes():
    make_article(slug="head", headline="Pipeline politics in the Caspian", body="<p>Gas.</p>")
    make_article(slug="both", headline="Pipeline politics again", body="<p>Iran.</p>")
    make_article(slug="apart", headline="Politics of a pipeline", body="<p>Gas.</p>")
    assert set(ranked('"pipeline politics"')) == {"head", "both"}
    assert ranked('"pipeline politics" -Iran') == ["head"]


@planner_only
@pytest.mark.django_db(transaction=True)  # as a reader's request runs: in no transaction
def test_a_word_in_every_article_is_not_looked_for_by_reading_the_whole_table():
    """Which PostgreSQL prefers on a table this small, and preferred at 100,000 articles
    for a common word, decompressing every article's vector to test it (see best())."""
    for _ in range(30):
        make_article(body="<p>Policy, policy and more policy.</p>")
    search.refresh_search_vectors()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")

    plan = []

    def explain_the_ranking(execute, sql, params, many, context):
        if "ts_rank" in sql:
            settings, ranking = sql.split(";", 1)
            execute(f"{settings}; EXPLAIN {ranking}", params, many, context)
            context["cursor"].nextset()
            plan.extend(line for (line,) in context["cursor"].fetchall())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain_the_ranking):
        assert len(search.best("policy", search.Filters()).ids) == 30
    plan = "\n".join(plan)
    assert "Scan on articles_article" in plan
    assert "Seq Scan" not in plan


def settings_after_a_search():
    before = current_settings("statement_timeout")
    make_article(body="<p>Policy.</p>")
    search.refresh_search_vectors()
    assert search.best("policy", search.Filters()).ids
    return before, current_settings("statement_timeout")


@planner_only
def test_the_settings_end_with_the_search_inside_a_transaction():
    before, after = settings_after_a_search()
    assert after == before


@planner_only
@pytest.mark.django_db(transaction=True)
def test_the_settings_end_with_the_search_outside_one():
    before, after = settings_after_a_search()
    assert after == before


def search_past_the_time_limit(client, monkeypatch):
    make_article(headline="Pipeline politics")
    search.refresh_search_vectors()
    slow = search._RANKED_SQL.replace(
        "FROM articles_article,", "FROM pg_sleep(1), articles_article,"
    )
    monkeypatch.setattr(search, "_RANKED_SQL", slow)
    monkeypatch.setattr(search, "TIME_LIMIT_MS", 50)

    response = client.get("/search/", {"q": "pipeline"})

    assert response.status_code == 200
    assert "too broad to finish in time" in response.text
    assert "Pipeline politics" not in response.text
    assert "no-store" in response["Cache-Control"]
    later_page = client.get("/search/", {"q": "pipeline", "page": 2})
    assert later_page.status_code == 200 and "too broad" in later_page.text
    monkeypatch.undo()  # and the next search is answered as usual
    assert "Pipeline politics" in client.get("/search/", {"q": "pipeline"}).text


@planner_only
@pytest.mark.django_db(transaction=True)
def test_a_search_past_the_time_limit_asks_for_a_narrower_one_and_is_not_kept(client, monkeypatch):
    search_past_the_time_limit(client, monkeypatch)


@planner_only
def test_a_search_past_the_time_limit_inside_a_transaction_leaves_it_usable(client, monkeypatch):
    search_past_the_time_limit(client, monkeypatch)


def prepared_plans(fragment):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            [f"%{fragment}%"],
        )
        return cursor.fetchall()


@planner_only
@pytest.mark.django_db(transaction=True)  # outside a transaction, as a reader's search runs
def test_a_page_of_results_and_its_facets_are_planned_once_for_every_search():
    """Planned for each search's ids, that query took longer to plan than to run. (Inside a
    transaction, best() rolls its settings back, and psycopg forgets what it prepared.)"""
    writer = make_author(slug="writer")
    make_article(headline="Rare Khujand", authors=[writer])
    for _ in range(12):
        make_article(headline="Common steppe", authors=[writer])
    search.refresh_search_vectors()
    for query in ("khujand", "steppe", "khujand", "steppe", "khujand", "steppe", "khujand"):
        results = search.best(query, search.Filters())
        cards, counts = search.cards_and_facets(results, results.ids[:5], query)
        assert counts["author"] == [("writer", writer.name, results.total)]
        assert [card.pk for card in cards] == results.ids[:5]
    ((generic, custom),) = prepared_plans("facets.authors")
    assert (generic, custom) == (7, 0)
