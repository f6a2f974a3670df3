"""Fill a database with a realistic synthetic corpus, for benchmarks and index checks.

Why: Outlet must stay fast at 100,000 articles, and that can only be measured against a
database of that size with a realistic shape (multi-paragraph bodies, several bylines,
tags, dossiers, corrections, a spread of dates and statuses). Everything is inserted in
bulk; the text is generated from a fixed vocabulary with a seeded random generator, so two
runs with the same --seed make the same corpus. It refuses to touch a database that
already holds articles unless --force is given.
"""

import random
import sys
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Affiliation,
    Article,
    Author,
    Byline,
    BylineRole,
    Correction,
    CorrectionKind,
    Kind,
    Status,
    TaggedArticle,
)
from articles.search import refresh_search_vectors
from dossiers.models import Dossier, DossierEntry, KeyTerm, Precision, TimelineEvent
from outlet import pagecache
from outlet.richtext import count_words

PLACES = [
    "Armenia", "Azerbaijan", "Georgia", "Kazakhstan", "Uzbekistan", "Türkiye", "Iran", "Ukraine",
    "Moldova", "Poland", "Hungary", "Serbia", "Egypt", "Kenya", "Nigeria", "India", "Pakistan",
    "Indonesia", "Brazil", "Mexico", "Chile", "Canada", "Norway", "the Baltic", "the Sahel",
    "Central Asia", "the South Caucasus", "the Black Sea", "the Caspian", "the Arctic",
]  # fmt: skip
TOPICS = [
    "energy security", "trade corridors", "border delimitation", "water rights", "elections",
    "sanctions", "migration", "public debt", "grain exports", "pipeline politics", "rail freight",
    "climate adaptation", "minority rights", "press freedom", "defence spending", "mediation",
    "critical minerals", "port investment", "digital governance", "refugee policy",
]  # fmt: skip
VERBS = [
    "reshapes", "tests", "complicates", "opens", "reframes", "undermines", "strengthens",
    "exposes", "redraws", "delays", "accelerates", "unsettles",
]  # fmt: skip
NOUNS = [
    "negotiations", "ministers", "governments", "investors", "parliaments", "observers",
    "the corridor", "the treaty", "the summit", "regional partners", "the opposition",
    "the central bank", "the mediators", "local officials", "exporters", "civil society",
]  # fmt: skip
CONNECTORS = [
    "Nevertheless,", "At the same time,", "In practice,", "For now,", "Crucially,", "Meanwhile,",
    "Above all,", "Even so,", "In this light,", "By contrast,",
]  # fmt: skip
FIRST = [
    "Ana", "Ibrahim", "Nino", "Aliya", "Jonas", "Maria", "Tomasz", "Leyla", "Daniel", "Sofia",
    "Arman", "Elif", "Oleksandr", "Mei", "Kwame", "Priya", "Lucas", "Ingrid", "Omar", "Zara",
]  # fmt: skip
LAST = ["Mammadov", "Beridze", "Nurlanova", "Keller", "Rossi", "Nowak", "Aliyeva", "Cohen",
        "Petrova", "Grigoryan", "Yilmaz", "Shevchenko", "Chen", "Mensah", "Sharma", "Silva",
        "Larsen", "Haddad", "Okafor", "Dubois"]  # fmt: skip
ORGS = ["Institute for Regional Studies", "Centre for Policy Research", "Danube Institute",
        "Caspian Policy Forum", "University of Vienna", "Council on Connectivity",
        "Black Sea Observatory", "Eurasia Analysis Group", "Steppe Economic Forum"]  # fmt: skip
CITIES = [
    "Baku, Azerbaijan", "Tbilisi, Georgia", "Yerevan, Armenia", "Astana, Kazakhstan",
    "Budapest, Hungary", "Vienna, Austria", "Berlin, Germany", "London, United Kingdom",
]  # fmt: skip
ROLES = ["research fellow", "senior analyst", "professor", "visiting scholar", "director",
         "economist", "correspondent", "associate fellow"]  # fmt: skip
KIND_WEIGHTS = [
    (Kind.ANALYSIS, 40), (Kind.OPINION, 25), (Kind.COMMENTARY, 15), (Kind.NEWS, 15),
    (Kind.REPORT, 5),
]  # fmt: skip


class Progress:
    """A one-line progress bar on stderr, quiet at verbosity 0."""

    def __init__(self, label, total, verbosity):
        self.label, self.total, self.done, self.quiet = label, max(total, 1), 0, verbosity == 0
        self.started = time.monotonic()

    def advance(self, n):
        self.done += n
        if self.quiet:
            return
        filled = int(30 * self.done / self.total)
        elapsed = time.monotonic() - self.started
        sys.stderr.write(
            f"\r{self.label:<12} [{'#' * filled}{'.' * (30 - filled)}] "
            f"{self.done:>7}/{self.total} {elapsed:6.1f}s"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


class Command(BaseCommand):
    help = "Generate a synthetic corpus (default 100,000 articles) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--authors", type=int, default=2_000)
        parser.add_argument("--dossiers", type=int, default=200)
        parser.add_argument("--tags", type=int, default=1_000)
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: same seed, same corpus."
        )
        parser.add_argument("--batch", type=int, default=2_000, help="Rows per bulk insert.")
        parser.add_argument(
            "--force", action="store_true", help="Add to a database that already holds articles."
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be made, stop.")

    def handle(self, *args, **options):
        if Article.objects.exists() and not options["force"]:
            raise CommandError(
                "This database already holds articles; refusing to add a corpus to it. "
                "Use --force to add one anyway."
            )
        counts = {k: options[k] for k in ("articles", "authors", "dossiers", "tags")}
        if options["dry_run"]:
            self.stdout.write("Would generate " + ", ".join(f"{v} {k}" for k, v in counts.items()))
            return
        self.rng = random.Random(options["seed"])
        self.batch = options["batch"]
        self.verbosity = options["verbosity"]
        self.now = timezone.now()
        started = time.monotonic()
        with transaction.atomic():
            tags = self.make_tags(counts["tags"])
            authors = self.make_authors(counts["authors"])
            article_ids = self.make_articles(counts["articles"], authors, tags)
            self.make_dossiers(counts["dossiers"], article_ids, tags)
            self.make_search_vectors(article_ids)
            pagecache.bump()
        if self.verbosity:
            self.stdout.write(
                f"Generated {len(article_ids)} articles, {len(authors)} authors, "
                f"{counts['dossiers']} dossiers and {len(tags)} tags in "
                f"{time.monotonic() - started:.0f}s."
            )

    # Text -----------------------------------------------------------------------------

    def sentence(self):
        rng = self.rng
        words = [
            rng.choice(NOUNS).capitalize(),
            "in",
            rng.choice(PLACES),
            rng.choice(VERBS),
            "the debate on",
            rng.choice(TOPICS),
        ]
        if rng.random() < 0.5:
            words += ["as", rng.choice(NOUNS), rng.choice(VERBS), rng.choice(TOPICS)]
        text = " ".join(words) + "."
        return (
            f"{rng.choice(CONNECTORS)} {text[0].lower()}{text[1:]}" if rng.random() < 0.3 else text
        )

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(4, 8)))

    def headline(self):
        rng = self.rng
        return f"How {rng.choice(TOPICS)} {rng.choice(VERBS)} {rng.choice(PLACES)}".capitalize()

    # Objects --------------------------------------------------------------------------

    def bulk(self, model, rows, label=None):
        progress = Progress(label or model._meta.verbose_name_plural, len(rows), self.verbosity)
        created = []
        for start in range(0, len(rows), self.batch):
            chunk = model.objects.bulk_create(rows[start : start + self.batch])
            created.extend(chunk)
            progress.advance(len(chunk))
        return created

    def make_tags(self, n):
        names = [f"{topic} {place}".capitalize() for topic in TOPICS for place in PLACES]
        names += [f"Theme {i}" for i in range(max(0, n - len(names)))]
        rows = [Tag(name=name, slug=f"t{i}-{name.lower().replace(' ', '-')}"[:100])
                for i, name in enumerate(names[:n])]  # fmt: skip
        return self.bulk(Tag, rows, "tags")

    def make_authors(self, n):
        rng = self.rng
        rows = []
        for i in range(n):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            rows.append(
                Author(
                    name=name,
                    slug=f"{name.lower().replace(' ', '-')}-{i}",
                    pronoun=rng.choice(["he", "she", "they", ""]),
                )
            )
        authors = self.bulk(Author, rows, "authors")
        affiliations = []
        for author in authors:
            for position in range(rng.randint(1, 4)):
                affiliations.append(
                    Affiliation(
                        author=author,
                        role=rng.choice(ROLES),
                        organisation=rng.choice(ORGS),
                        place=rng.choice(CITIES),
                        is_current=position == 0,
                        position=position,
                    )
                )
        self.bulk(Affiliation, affiliations, "affiliations")
        return authors

    def article_state(self, i, n):
        """Mostly live, spread over twenty years; a few drafts, in review, scheduled, withdrawn."""
        rng = self.rng
        published_at = self.now - timedelta(days=7300 * (i + 1) / n, minutes=rng.randint(0, 600))
        roll = rng.random()
        if roll < 0.01:
            return Status.PUBLISHED, self.now + timedelta(hours=rng.randint(1, 240))
        if roll < 0.02:
            return Status.DRAFT, None
        if roll < 0.03:
            return Status.REVIEW, None
        if roll < 0.035:
            return Status.WITHDRAWN, published_at
        return Status.PUBLISHED, published_at

    def make_articles(self, n, authors, tags):
        rng = self.rng
        kinds, weights = zip(*KIND_WEIGHTS, strict=True)
        rows = []
        for i in range(n):
            status, published_at = self.article_state(i, n)
            body = "\n".join(f"<p>{self.paragraph()}</p>" for _ in range(rng.randint(4, 9)))
            rows.append(
                Article(
                    headline=self.headline(),
                    slug=f"article-{i}",
                    standfirst=self.paragraph(),
                    body=body,
                    word_count=count_words(body),
                    kind=rng.choices(kinds, weights)[0],
                    status=status,
                    published_at=published_at,
                )
            )
        articles = self.bulk(Article, rows, "articles")
        bylines, tagged, corrections = [], [], []
        for article in articles:
            for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2, 2, 3]))):
                bylines.append(
                    Byline(
                        article=article, author=author, position=position, role=BylineRole.AUTHOR
                    )
                )
            for tag in rng.sample(tags, rng.randint(0, 5)):
                tagged.append(TaggedArticle(content_object=article, tag=tag))
            if article.published_at and rng.random() < 0.02:
                corrections.append(
                    Correction(
                        article=article,
                        kind=rng.choice(CorrectionKind.values),
                        text=f"An earlier version misstated a figure on {rng.choice(TOPICS)}.",
                        published_at=article.published_at + timedelta(days=rng.randint(1, 30)),
                    )
                )
        self.bulk(Byline, bylines, "bylines")
        self.bulk(TaggedArticle, tagged, "tag links")
        self.bulk(Correction, corrections, "corrections")
        return [article.pk for article in articles]

    def make_dossiers(self, n, article_ids, tags):
        rng = self.rng
        rows = [
            Dossier(
                title=f"{rng.choice(TOPICS).capitalize()} in {rng.choice(PLACES)} ({i + 1})",
                slug=f"dossier-{i}",
                standfirst=self.paragraph(),
                introduction=f"<p>{self.paragraph()}</p><p>{self.paragraph()}</p>",
                is_public=True,
                is_featured=i < 4,
            )
            for i in range(n)
        ]
        dossiers = self.bulk(Dossier, rows, "dossiers")
        entries, events, terms = [], [], []
        for dossier in dossiers:
            for position, pk in enumerate(rng.sample(article_ids, min(len(article_ids), 30))):
                entries.append(
                    DossierEntry(
                        dossier=dossier, article_id=pk, position=position, note=self.sentence()
                    )
                )
            for _ in range(10):
                day = date(2005, 1, 1) + timedelta(days=rng.randint(0, 7300))
                events.append(
                    TimelineEvent(
                        dossier=dossier,
                        date=day,
                        title=self.sentence(),
                        precision=rng.choice(Precision.values),
                    )
                )
            for position, topic in enumerate(rng.sample(TOPICS, 6)):
                terms.append(
                    KeyTerm(
                        dossier=dossier,
                        term=topic.capitalize(),
                        slug=topic.replace(" ", "-"),
                        definition=self.sentence(),
                        position=position,
                    )
                )
        self.bulk(DossierEntry, entries, "entries")
        self.bulk(TimelineEvent, events, "timeline")
        self.bulk(KeyTerm, terms, "key terms")

    def make_search_vectors(self, article_ids):
        if not article_ids:
            return
        progress = Progress("search", len(article_ids), self.verbosity)
        step = 5_000
        for start in range(0, len(article_ids), step):
            chunk = article_ids[start : start + step]
            refresh_search_vectors(id_range=(chunk[0], chunk[-1]))
            progress.advance(len(chunk))
