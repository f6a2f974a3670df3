"""The seed content loads as the seed describes it, and loading twice changes nothing."""

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Affiliation, Article, Author, Byline, Disclaimer, Kind
from dossiers.models import Dossier, DossierEntry, KeyTerm, TimelineEvent

pytestmark = pytest.mark.django_db
SEED_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "seed"
SLUG = "kazakhstans-role-in-the-armenia-azerbaijan-peace-process"

MODELS = [Article, Author, Affiliation, Byline, Disclaimer, Dossier, DossierEntry, TimelineEvent,
          KeyTerm]  # fmt: skip


def test_seed_article_is_live_with_its_facts(seed):
    article = Article.objects.live().get(slug=SLUG)
    assert article.headline == "Kazakhstan’s Role in the Armenia–Azerbaijan Peace Process"
    assert article.kind == Kind.OPINION
    assert article.published_at.date().isoformat() == "2025-08-15"
    assert article.original_publication == "The Astana Times"
    assert article.original_url == "https://astanatimes.com/?p=104629"
    assert article.body.count("<p>") == 5
    assert "The author is" not in article.body and "Disclaimer" not in article.body
    assert [b.author.name for b in article.bylines.all()] == ["Ibrahim Mammadov"]
    assert set(article.tags.names()) >= {"Armenia", "Azerbaijan", "Kazakhstan"}


@pytest.mark.skipif(not SEED_SOURCE.exists(), reason="the shared seed text is not beside the repo")
def test_seed_body_is_the_source_word_for_word(seed):
    lines = [line.strip() for line in (SEED_SOURCE / "mammadov-kazakhstan-peace-process.txt")
             .read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip
    from outlet.richtext import plain_text

    paragraphs = Article.objects.get(slug=SLUG).body.split("</p>")
    assert [plain_text(p) for p in paragraphs if p.strip()] == lines[:5]


def test_seed_disclaimer_names_the_original_publisher_whatever_the_outlet(seed, settings):
    settings.OUTLET_NAME = "Policy Review"
    article = Article.objects.get(slug=SLUG)
    assert article.disclaimer_for_display().endswith("the position of The Astana Times.")
    house = Disclaimer.objects.get(default_for=Kind.OPINION)
    assert house.render().endswith("the position of Policy Review.")


def test_seed_dossier_holds_the_article_timeline_and_terms(seed):
    dossier = Dossier.objects.get(slug="caucasus-connectivity")
    assert dossier.is_public
    assert [e.article.slug for e in dossier.entries.all()] == [SLUG]
    dates = [event.display_date for event in dossier.timeline.all()]
    assert dates == ["10–11 May 2024", "2024", "10 July 2025", "8 August 2025"]
    terms = {term.term for term in dossier.key_terms.all()}
    assert {"OSCE Minsk Process", "Caspian Pipeline Consortium",
            "Nakhchivan Autonomous Republic"} <= terms  # fmt: skip
    assert all(term.definition for term in dossier.key_terms.all())


def test_loading_twice_changes_nothing(seed):
    before = {model: list(model.objects.values()) for model in MODELS}
    call_command("load_seed", verbosity=0)
    assert {model: list(model.objects.values()) for model in MODELS} == before


def test_dry_run_creates_nothing(db):
    call_command("load_seed", "--dry-run", verbosity=0)
    assert not Article.objects.exists()
