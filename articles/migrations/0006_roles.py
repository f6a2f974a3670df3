"""The editorial roles as groups with their permissions: Contributor, Editor, Managing editor.

Each role holds everything the one before it holds. The admin and articles.workflow ask for
permissions, never for group names, so an outlet may adjust a group's permissions or make
other groups; running this migration again (or backwards, then forwards) restores these.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_byline",
        "change_byline",
        "delete_byline",
        "view_byline",
        "view_author",
        "view_affiliation",
        "view_authorlink",
        "view_disclaimer",
        "view_articleslug",
    ],
    "taggit": ["view_tag"],
    "dossiers": ["view_dossier", "view_dossierentry", "view_timelineevent", "view_keyterm"],
}

EDITOR = {
    "articles": [
        "edit_any_article",
        "review_article",
        "add_author",
        "change_author",
        "delete_author",
        "add_affiliation",
        "change_affiliation",
        "delete_affiliation",
        "add_authorlink",
        "change_authorlink",
        "delete_authorlink",
        "view_correction",
    ],
    "taggit": ["add_tag", "change_tag", "delete_tag"],
}

MANAGING_EDITOR = {
    "articles": [
        "publish_article",
        "add_correction",
        "change_correction",
        "add_disclaimer",
        "change_disclaimer",
        "delete_disclaimer",
    ],
    "dossiers": [
        f"{action}_{model}"
        for model in ("dossier", "dossierentry", "timelineevent", "keyterm")
        for action in ("add", "change", "delete")
    ],
}

# Each role with what it adds to the one before it.
ROLES = [
    ("Contributor", CONTRIBUTOR),
    ("Editor", EDITOR),
    ("Managing editor", MANAGING_EDITOR),
]


def make_permissions(apps, schema_editor):
    """Permissions are normally made after all migrations; the groups need them now."""
    for label in ("articles", "dossiers", "taggit"):
        config = apps.get_app_config(label)
        stub = getattr(config, "models_module", None) is None  # the migration state's stand-in
        if stub:
            config.models_module = True  # create_permissions skips apps without models
        create_permissions(config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        if stub:
            config.models_module = None


def create_roles(apps, schema_editor):
    make_permissions(apps, schema_editor)
    db = schema_editor.connection.alias  # named throughout: a router may send reads elsewhere
    groups = apps.get_model("auth", "Group").objects.using(db)
    permissions = apps.get_model("auth", "Permission").objects.using(db)
    held = []
    for name, additions in ROLES:
        for app_label, codenames in additions.items():
            found = list(
                permissions.filter(content_type__app_label=app_label, codename__in=codenames)
            )
            missing = set(codenames) - {p.codename for p in found}
            if missing:
                raise LookupError(f"{name}: no permission {', '.join(sorted(missing))}")
            held += found
        group, _ = groups.get_or_create(name=name)
        group.permissions.set(held)


def remove_roles(apps, schema_editor):
    names = [name for name, _ in ROLES]
    groups = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias)
    groups.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_editorial_roles"),
        ("dossiers", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
