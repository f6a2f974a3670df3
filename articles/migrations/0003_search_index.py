from django.db import migrations

INDEX = "article_search_vector_gin"


def create_index(apps, schema_editor):
    # GIN indexes exist only on PostgreSQL; SQLite's search does not use the vector.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_workflow_and_search")]
    operations = [migrations.RunPython(create_index, drop_index)]
