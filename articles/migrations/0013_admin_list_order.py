from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_byline_article_index_is_the_constraints")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-published_at", "-id"], name="article_by_time"),
        ),
    ]
