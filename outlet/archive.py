"""A JSON archive of all content: what `export_content` writes and `import_content` reads.

The archive holds every content model in dependency order, with primary keys, so links
between objects survive; uploaded files are referenced by their storage path (copy the
media folder beside the archive). User accounts are not content and are not exported:
references to people who do not exist in the target database become empty.
"""

import datetime
import decimal
import json
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import transaction

FORMAT = "outlet-archive"
VERSION = 1

CONTENT_MODELS = [
    "taggit.Tag",
    "articles.Disclaimer",
    "articles.Author",
    "articles.Affiliation",
    "articles.AuthorLink",
    "articles.Article",
    "articles.TaggedArticle",
    "articles.Byline",
    "articles.ArticleSlug",
    "articles.Correction",
    "articles.ArticleEvent",
    "dossiers.Dossier",
    "dossiers.DossierEntry",
    "dossiers.TimelineEvent",
    "dossiers.KeyTerm",
    "reversion.Revision",
    "reversion.Version",
]


def content_models():
    return [
        apps.get_model(label) for label in CONTENT_MODELS if apps.is_installed(label.split(".")[0])
    ]


def export_archive(stream) -> dict:
    """Write the archive to `stream`; return the number of objects of each model."""
    counts, sections = {}, {}
    for model in content_models():
        objects = model._default_manager.order_by("pk")
        sections[model._meta.label] = serializers.serialize("python", objects)
        counts[model._meta.label] = len(sections[model._meta.label])
    document = {"format": FORMAT, "version": VERSION, "content": sections}
    json.dump(document, stream, ensure_ascii=False, indent=1, default=_encode)
    return counts


def _encode(value):
    """Full-precision JSON for what the JSON module cannot write itself (Django's own
    encoder cuts times to milliseconds, which a round trip must not lose)."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"Cannot archive {type(value).__name__}")


def _user_fields(model):
    user_model = get_user_model()
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


@transaction.atomic
def import_archive(data: dict) -> dict:
    """Load an archive into an empty database; return the counts loaded."""
    if data.get("format") != FORMAT:
        raise ValueError("This is not an Outlet content archive.")
    existing_users = set(get_user_model().objects.values_list("pk", flat=True))
    counts = {}
    for model in content_models():
        rows = data["content"].get(model._meta.label, [])
        user_fields = _user_fields(model)
        for row in rows:
            for name in user_fields:
                if row["fields"].get(name) not in existing_users:
                    row["fields"][name] = None
        for obj in serializers.deserialize("python", rows):
            obj.save()
        counts[model._meta.label] = len(rows)
    _reset_sequences()
    return counts


def _reset_sequences():
    """After inserting with explicit keys, PostgreSQL's id sequences must move past them."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), content_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
