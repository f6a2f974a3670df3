"""The corpus generator fills an empty database in bulk and refuses one with content."""

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Byline
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db
SMALL = ["--articles", "60", "--authors", "8", "--dossiers", "3", "--tags", "15"]


def test_small_corpus_has_the_shape_asked_for():
    call_command("generate_corpus", *SMALL, verbosity=0)
    assert Article.objects.count() == 60
    assert not Article.objects.filter(word_count__lt=50).exists()
    assert Byline.objects.values("article").distinct().count() == 60
    assert Dossier.objects.count() == 3
    assert all(d.entries.count() == 30 for d in Dossier.objects.all())


def test_refuses_a_database_with_content(seed):
    with pytest.raises(CommandError, match="already holds articles"):
        call_command("generate_corpus", *SMALL, verbosity=0)
    call_command("generate_corpus", *SMALL, "--force", verbosity=0)
    assert Article.objects.count() == 61
