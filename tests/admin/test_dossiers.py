"""The dossier form: curated articles in order, a timeline, key terms."""

import pytest

from dossiers.models import Dossier
from tests.admin.builders import change_url
from tests.admin.forms import form_data, form_errors
from tests.builders import make_article, make_dossier

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/dossiers/dossier/"
LIST_QUERIES = 5  # session, user, count, full count, page: none per dossier


def edited(client, dossier, **fields):
    return form_data(client.get(change_url(dossier))) | fields


def test_an_article_added_without_a_number_goes_last(editor_client):
    dossier = make_dossier(articles=[make_article(), make_article()])
    newcomer = make_article(headline="Newcomer")
    data = edited(
        editor_client,
        dossier,
        **{
            "entries-TOTAL_FORMS": "3",
            "entries-2-article": str(newcomer.pk),
            "entries-2-note": "Read this one last.",
        },
    )

    editor_client.post(change_url(dossier), data)

    last = dossier.entries.last()
    assert (last.article, last.position, last.note) == (newcomer, 2, "Read this one last.")


def test_an_article_twice_in_a_dossier_is_a_form_error(editor_client):
    article = make_article()
    dossier = make_dossier(articles=[article])
    data = edited(editor_client, dossier, **{
        "entries-TOTAL_FORMS": "2", "entries-1-article": str(article.pk)})  # fmt: skip

    response = editor_client.post(change_url(dossier), data)

    assert response.status_code == 200
    assert "Two rows have the same article: keep one." in response.text
    assert dossier.entries.count() == 1


def timeline_row(**fields):
    row = {"date": "2024-05-10", "precision": "day", "title": "Ministers meet in Almaty"}
    return {"timeline-TOTAL_FORMS": "1"} | {f"timeline-0-{k}": v for k, v in (row | fields).items()}


def test_a_timeline_event_keeps_its_precision(editor_client):
    dossier = make_dossier()
    data = edited(editor_client, dossier) | timeline_row(date="2024-05-01", precision="month")

    editor_client.post(change_url(dossier), data)

    assert dossier.timeline.get().display_date == "May 2024"


def test_an_event_ending_before_it_starts_is_a_form_error(editor_client):
    dossier = make_dossier()
    data = edited(editor_client, dossier) | timeline_row(end_date="2024-05-01")

    response = editor_client.post(change_url(dossier), data)

    assert "cannot come before the first" in response.text
    assert not dossier.timeline.exists()


@pytest.mark.parametrize("date", ["2024-02-30", "99999-01-01", "someday"])
def test_an_impossible_date_is_a_form_error(editor_client, date):
    dossier = make_dossier()
    response = editor_client.post(
        change_url(dossier), edited(editor_client, dossier) | timeline_row(date=date)
    )
    assert response.status_code == 200
    assert "timeline-0" in form_errors(response)


def key_terms(*terms):
    data = {"key_terms-TOTAL_FORMS": str(len(terms))}
    for i, term in enumerate(terms):
        data |= {f"key_terms-{i}-term": term, f"key_terms-{i}-definition": f"What {term} is."}
    return data


def test_a_key_term_gets_its_anchor_from_the_term(editor_client):
    dossier = make_dossier()
    editor_client.post(
        change_url(dossier), edited(editor_client, dossier) | key_terms("Middle Corridor")
    )
    assert dossier.key_terms.get().slug == "middle-corridor"


def test_two_terms_with_one_anchor_are_a_form_error(editor_client):
    dossier = make_dossier()
    data = edited(editor_client, dossier) | key_terms("OSCE", "osce")

    response = editor_client.post(change_url(dossier), data)

    assert "Two rows have the same slug: keep one." in response.text
    assert not dossier.key_terms.exists()


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_takes_the_same_queries_for_1_or_30_dossiers(
    editor_client, django_assert_num_queries, count
):
    for _ in range(count):
        make_dossier(articles=[make_article()])
    editor_client.get(CHANGELIST)
    with django_assert_num_queries(LIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert [d.article_count for d in response.context["cl"].result_list] == [1] * count


def test_the_list_shows_public_and_featured(editor_client):
    make_dossier(title="Open and featured", is_public=True, is_featured=True)
    response = editor_client.get(CHANGELIST)
    assert response.status_code == 200
    assert "field-is_featured" in response.text
    assert Dossier.objects.get().is_featured
