"""Builders for admin tests: what an editor types into the article form."""

from tests.admin.forms import form_data

ADD_ARTICLE = "/admin/articles/article/add/"


def change_url(obj):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def new_article_data(client, *, author=None, **fields):
    """The add form as an editor fills it in: text, kind and, if given, one author byline."""
    data = form_data(client.get(ADD_ARTICLE))
    data |= {
        "headline": "Water rights on the Syr Darya",
        "slug": "water-rights-syr-darya",
        "kind": "analysis",
        "standfirst": "Who gets the river in a dry year.",
        "body": "<p>Upstream dams and downstream fields.</p>",
    }
    if author is not None:
        data |= {"bylines-0-author": str(author.pk), "bylines-0-role": "author"}
    return data | fields


def edited_data(client, obj, **fields):
    """The change form of `obj` as it stands, with `fields` typed over it."""
    return form_data(client.get(change_url(obj))) | fields
