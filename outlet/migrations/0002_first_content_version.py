from django.db import migrations


def create_row(apps, schema_editor):
    versions = apps.get_model("outlet", "ContentVersion").objects
    versions.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("outlet", "0001_initial")]
    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
