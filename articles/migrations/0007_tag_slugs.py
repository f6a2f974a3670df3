from django.db import migrations


def give_every_tag_an_address(apps, schema_editor):
    """Tags named without a letter or digit got an empty slug, which no page can link to."""
    tags = apps.get_model("taggit", "Tag").objects.using(schema_editor.connection.alias)
    for tag in tags.filter(slug=""):
        tag.slug = f"tag-{tag.pk}"
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_roles"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]
    operations = [migrations.RunPython(give_every_tag_an_address, migrations.RunPython.noop)]
