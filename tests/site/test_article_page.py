"""The article page, as a reader sees it, in the order LOOK.md gives."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article, Byline, BylineRole, Kind
from tests.builders import make_article, make_author, make_dossier, make_staff

from . import reading
from .builders import make_correction, make_key_term

pytestmark = pytest.mark.django_db

SEED = "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"


@pytest.fixture
def seed_page(seed, client):
    return client.get(reverse("articles:detail", kwargs={"slug": SEED}))


def test_seed_article_shows_headline_kind_and_standfirst(seed_page):
    text = reading.text(seed_page)
    assert "Opinion Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process" in text
    assert "Almaty hosted the foreign ministers’ talks" in text


def test_seed_article_shows_byline_with_affiliation_and_link(seed_page):
    text = reading.text(seed_page)
    assert "By Ibrahim Mammadov Visiting research fellow, Danube Institute" in text
    assert 'href="/authors/ibrahim-mammadov/"' in seed_page.content.decode()


def test_seed_article_shows_date_and_reading_time(seed_page):
    assert "15 August 2025 · 3 min read" in reading.text(seed_page)


def test_seed_article_shows_its_authors_bio(seed_page):
    text = reading.text(seed_page)
    assert "About the author" in text
    assert (
        "Ibrahim Mammadov is a visiting research fellow at the Danube Institute, Budapest, "
        "Hungary. Previously, he served as a research fellow at" in text
    )


def test_seed_article_keeps_the_disclaimer_naming_the_astana_times(seed_page):
    assert "do not necessarily reflect the position of The Astana Times." in reading.text(seed_page)


def test_seed_article_says_where_it_was_first_published(seed_page):
    assert "Originally published in The Astana Times" in reading.text(seed_page)
    assert reading.canonical(seed_page) == "https://astanatimes.com/?p=104629"


def test_seed_article_links_its_dossier(seed_page):
    text = reading.text(seed_page)
    assert "Part of the dossier Caucasus connectivity" in text
    assert 'href="/dossiers/caucasus-connectivity/"' in seed_page.content.decode()


def test_seed_article_links_key_terms_once_each_to_the_dossier(seed_page):
    html = seed_page.content.decode()
    anchor = "/dossiers/caucasus-connectivity/#term-caspian-pipeline-consortium"
    assert html.count(f'href="{anchor}"') == 1
    assert (
        'href="/dossiers/caucasus-connectivity/#term-osce-minsk-process">Minsk Process</a>' in html
    )


def test_sections_come_in_the_reading_order(seed_page):
    text = reading.text(seed_page)
    order = [
        "Opinion",
        "Kazakhstan’s Role",
        "By Ibrahim Mammadov",
        "15 August 2025",
        "From the beginning of the peace process",
        "Originally published in",
        "The views and opinions",
        "About the author",
        "Part of the dossier",
        "Cite this article",
        "Topics",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)


def test_tags_link_to_their_pages(seed_page):
    assert 'href="/tags/south-caucasus/">South Caucasus</a>' in seed_page.content.decode()


def test_citation_meta_tags_for_scholarly_indexers(seed_page, settings):
    assert reading.meta(seed_page, "citation_title") == [
        "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process"
    ]
    assert reading.meta(seed_page, "citation_author") == ["Ibrahim Mammadov"]
    assert reading.meta(seed_page, "citation_publication_date") == ["2025/08/15"]
    assert reading.meta(seed_page, "citation_journal_title") == [settings.OUTLET_NAME]
    assert reading.meta(seed_page, "citation_public_url") == [
        f"{settings.SITE_URL}/articles/{SEED}/"
    ]


def test_cite_block_is_a_details_element_with_chicago_text(seed_page, settings):
    html = seed_page.content.decode()
    assert "<summary>Cite this article</summary>" in html
    assert (
        f"Mammadov, Ibrahim. “Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process.” "
        f"{settings.OUTLET_NAME}, 15 August 2025." in reading.text(seed_page)
    )


def test_translator_is_credited_in_their_role(client):
    translator = make_author(name="Ann Translator")
    article = make_article()
    Byline.objects.create(
        article=article, author=translator, role=BylineRole.TRANSLATOR, position=5
    )
    text = reading.text(client.get(article.get_absolute_url()))
    assert "Translated by Ann Translator" in text


def test_someone_credited_twice_has_one_bio_from_all_their_posts(client):
    author = make_author(
        name="Ann Both",
        affiliations=[
            {"role": "professor", "organisation": "Old Place", "is_current": False},
            {"role": "fellow", "organisation": "New Place", "is_current": True},
        ],
    )
    article = make_article(authors=[author])
    Byline.objects.create(article=article, author=author, role=BylineRole.TRANSLATOR, position=5)
    text = reading.text(client.get(article.get_absolute_url()))
    assert "By Ann Both Fellow, New Place" in text
    assert "Translated by Ann Both Fellow, New Place" in text
    assert "About the author " in text  # one person
    assert text.count("Ann Both is a fellow at the New Place") == 1
    assert "Previously, she served as a professor at the Old Place." in text


def test_byline_shows_the_line_frozen_at_publication(client):
    author = make_author(
        affiliations=[{"role": "professor", "organisation": "New Place", "is_current": True}]
    )
    article = make_article(authors=[author])
    article.bylines.update(affiliation="Fellow, Old Place")
    text = reading.text(client.get(article.get_absolute_url()))
    assert "Fellow, Old Place" in text
    assert "Professor, New Place" not in text


def test_corrections_are_dated_typed_and_anchored(client):
    article = make_article()
    correction = make_correction(article, text="The meeting was in May, not June.")
    response = client.get(article.get_absolute_url())
    day = f"{correction.published_at.day} {correction.published_at:%B %Y}"
    assert f"Correction, {day}: The meeting was in May, not June." in reading.text(response)
    assert f'id="correction-{correction.pk}"' in response.content.decode()


def test_a_correction_shows_as_the_updated_date(client):
    article = make_article()
    correction = make_correction(article, kind="clarification")
    text = reading.text(client.get(article.get_absolute_url()))
    assert f"Updated {correction.published_at.day} {correction.published_at:%B %Y}" in text
    assert "Clarification," in text


def test_dates_are_in_the_sites_time_zone(client, settings):
    settings.TIME_ZONE = "Asia/Tokyo"  # nine hours ahead of UTC
    published = datetime(2025, 5, 10, 20, 30, tzinfo=UTC)  # 11 May, 05:30 in Tokyo
    html = client.get(make_article(published_at=published).get_absolute_url()).content.decode()
    assert '<time datetime="2025-05-11T05:30:00+09:00">11 May 2025</time>' in html


def test_own_article_is_its_own_canonical_address(client, settings):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert reading.canonical(response) == f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert "Originally published" not in reading.text(response)


def test_dossier_box_links_live_neighbours_in_dossier_order(client):
    first, hidden, here, last = (
        make_article(headline="First piece"),
        make_article(headline="Draft piece", live=False),
        make_article(headline="This piece"),
        make_article(headline="Last piece"),
    )
    make_dossier(articles=[first, hidden, here, last], title="The question")
    response = client.get(here.get_absolute_url())
    text = reading.text(response)
    assert "Part of the dossier The question" in text
    assert "Previous First piece" in text
    assert "Next Last piece" in text
    assert "Draft piece" not in text


def test_dossier_boxes_come_by_title_and_count_live_pieces_only(client):
    here = make_article(headline="This piece")
    make_dossier(articles=[make_article(), here], title="Baltic energy")
    make_dossier(articles=[here, make_article(live=False), make_article()], title="Arctic shipping")
    make_dossier(articles=[here], title="Aaa, not yet open", is_public=False)
    text = reading.text(client.get(here.get_absolute_url()))
    boxes = [
        "Part of the dossier Arctic shipping",
        "Article 1 of 2",  # the draft between is not counted
        "Part of the dossier Baltic energy",
        "Article 2 of 2",
    ]
    positions = [text.index(box) for box in boxes]
    assert positions == sorted(positions)
    assert "not yet open" not in text


def test_staff_preview_of_a_draft_shows_its_place_in_the_dossier(client):
    first, draft = make_article(headline="First piece"), make_article(live=False)
    make_dossier(articles=[first, draft, make_article(live=False)], title="The question")
    client.force_login(make_staff())
    text = reading.text(client.get(draft.get_absolute_url()))
    assert "Part of the dossier The question" in text
    assert "Article 2 of 2" in text  # the live piece and this one; not the other draft
    assert "Previous First piece" in text


def test_private_dossier_is_not_named(client):
    article = make_article()
    make_dossier(articles=[article], title="Not yet open", is_public=False)
    assert "Not yet open" not in reading.text(client.get(article.get_absolute_url()))


def test_key_term_is_not_linked_from_a_private_dossier(client):
    article = make_article(body="<p>The Middle Corridor matters.</p>")
    dossier = make_dossier(articles=[article], is_public=False)
    make_key_term(dossier, term="Middle Corridor")
    assert 'class="term"' not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        (Kind.OPINION, "OpinionNewsArticle"),
        (Kind.ANALYSIS, "AnalysisNewsArticle"),
        (Kind.COMMENTARY, "OpinionNewsArticle"),
        (Kind.REPORT, "Report"),
        (Kind.NEWS, "NewsArticle"),
    ],
)
def test_structured_data_type_follows_the_kind(client, kind, schema_type):
    article = make_article(kind=kind)
    types = reading.jsonld_types(client.get(article.get_absolute_url()))
    assert types == [schema_type, "BreadcrumbList"]


def test_structured_data_names_every_byline_in_its_role(seed, client):
    article = Article.objects.get(slug=SEED)
    editor = make_author(name="Ed Itor")
    Byline.objects.create(
        article=article, author=editor, role=BylineRole.EDITOR, affiliation="Editor, Outlet"
    )
    data = reading.jsonld(client.get(article.get_absolute_url()))[0]
    (author,) = data["author"]
    assert author["@type"] == "Person"
    assert author["name"] == "Ibrahim Mammadov"
    assert author["affiliation"] == [{"@type": "Organization", "name": "Danube Institute"}]
    assert author["jobTitle"] == "Visiting research fellow"
    assert data["editor"][0]["name"] == "Ed Itor"


def test_structured_data_cannot_close_its_script(client):
    article = make_article(headline="</script><script>alert(1)</script> & more")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html
    data = reading.jsonld(client.get(article.get_absolute_url()))[0]
    assert data["headline"] == "</script><script>alert(1)</script> & more"


def test_share_card_tags(client, settings):
    article = make_article(headline="A headline", standfirst="A standfirst.")
    response = client.get(article.get_absolute_url())
    assert reading.meta(response, "og:title") == ["A headline"]
    assert reading.meta(response, "og:description") == ["A standfirst."]
    assert reading.meta(response, "og:type") == ["article"]
    assert reading.meta(response, "og:url") == [f"{settings.SITE_URL}{article.get_absolute_url()}"]
    assert reading.meta(response, "twitter:card") == ["summary"]
    assert reading.meta(response, "description") == ["A standfirst."]


def _article_with(n: int) -> Article:
    """A live article with `n` authors, tags and public dossiers, each dossier with a term."""
    article = make_article(
        authors=[make_author() for _ in range(n)],
        tags=[f"tag {i}" for i in range(n)],
        body="<p>" + " ".join(f"term{i}" for i in range(n)) + "</p>",
    )
    for i in range(n):
        dossier = make_dossier(articles=[make_article(), article, make_article()])
        make_key_term(dossier, term=f"term{i}")
        make_correction(article)
    return article


@pytest.mark.parametrize("n", [1, 30])
def test_article_page_query_count_is_fixed(client, django_assert_num_queries, n):
    article = _article_with(n)
    # The article with its disclaimer, people, tags and the public dossiers holding it
    # (each with its live entries and its key terms), and whether it has corrections; its
    # corrections.
    with django_assert_num_queries(2):
        assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("n", [1, 30])
def test_article_without_corrections_or_dossiers_needs_one_query(
    client, django_assert_num_queries, n
):
    """Most articles: the article with its bylines, their authors and affiliations, its
    disclaimer and its tags, in one query."""
    article = make_article(
        authors=[make_author() for _ in range(n)], tags=[f"tag {i}" for i in range(n)]
    )
    with django_assert_num_queries(1):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_an_authors_photo_is_shown_without_opening_the_image(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # empty: the image is not on this server (yet)
    author = make_author(photo="authors/amina.jpg", photo_width=400, photo_height=400)
    response = client.get(make_article(authors=[author]).get_absolute_url())
    assert response.status_code == 200
    assert 'src="/media/authors/amina.jpg"' in response.content.decode()


def test_the_follow_list_names_an_author_as_they_are_now(client):
    author = make_author(name="Dana Old")
    article = make_article(authors=[author])
    assert "Articles by Dana Old:" in reading.text(client.get(article.get_absolute_url()))
    author.name, author.slug = "Dana New", "dana-new"
    author.save()
    text = reading.text(client.get(article.get_absolute_url()))
    assert "Articles by Dana New:" in text and "Dana Old" not in text
    assert "/authors/dana-new/feed/" in client.get(article.get_absolute_url()).content.decode()
