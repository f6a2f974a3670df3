"""Load the seed content that ships with Outlet (articles/seed/seed.json).

Why: a fresh install, a demo and the test suite all need one real article with its
author, disclaimer and dossier. The command is idempotent: it creates what is missing,
matched by slug or name, and never touches what already exists, so it is safe to run
on every `make run` and never overwrites an editor's changes.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from articles import services
from articles.models import Affiliation, Article, Author, Byline, Disclaimer
from dossiers.models import Dossier, KeyTerm, TimelineEvent
from dossiers.services import dossier_add
from outlet import pagecache

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "seed.json"


class DryRun(Exception):
    """Raised to roll back a --dry-run."""


class Command(BaseCommand):
    help = "Load the seed article, author, disclaimer and dossier (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="Seed file to load.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be created, change nothing."
        )

    def handle(self, *args, file, dry_run, verbosity, **options):
        self.verbosity = verbosity
        seed = json.loads(file.read_text(encoding="utf-8"))
        self.created = []
        try:
            with transaction.atomic():
                self.load(seed)
                pagecache.bump()
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        verb = "Would create" if dry_run else "Created"
        for line in self.created:
            self.log(2, f"{verb} {line}")
        summary = f"{verb} {len(self.created)} objects." if self.created else "Seed already loaded."
        self.log(1, summary)

    def log(self, level, message):
        if self.verbosity >= level:
            self.stdout.write(message)

    def note(self, obj, created):
        if created:
            self.created.append(f"{type(obj).__name__.lower()} “{obj}”")
        return obj

    def load(self, seed):
        for data in seed["disclaimers"]:
            self.note(*Disclaimer.objects.get_or_create(name=data["name"], defaults=data))
        for data in seed["authors"]:
            self.load_author(data)
        for data in seed["articles"]:
            self.load_article(data)
        for data in seed["dossiers"]:
            self.load_dossier(data)

    def load_author(self, data):
        affiliations = data.pop("affiliations")
        author, created = Author.objects.get_or_create(slug=data["slug"], defaults=data)
        self.note(author, created)
        if created:
            for position, affiliation in enumerate(affiliations):
                self.note(
                    Affiliation.objects.create(author=author, position=position, **affiliation),
                    True,
                )

    def load_article(self, data):
        bylines, tags = data.pop("bylines"), data.pop("tags")
        published_at = parse_datetime(data.pop("published_at"))
        data["disclaimer"] = Disclaimer.objects.get(name=data["disclaimer"])
        article, created = Article.objects.get_or_create(slug=data["slug"], defaults=data)
        self.note(article, created)
        if not created:
            return
        for position, byline in enumerate(bylines):
            author = Author.objects.get(slug=byline["author"])
            Byline.objects.create(
                article=article, author=author, role=byline["role"], position=position
            )
        article.tags.set(tags)
        services.publish(article=article, at=published_at)

    def load_dossier(self, data):
        entries, timeline, key_terms = (
            data.pop("entries"),
            data.pop("timeline"),
            data.pop("key_terms"),
        )
        dossier, created = Dossier.objects.get_or_create(slug=data["slug"], defaults=data)
        self.note(dossier, created)
        if not created:
            return
        for entry in entries:
            article = Article.objects.get(slug=entry["article"])
            self.note(dossier_add(dossier=dossier, article=article, note=entry["note"]), True)
        for event in timeline:
            event["date"] = parse_date(event["date"])
            event["end_date"] = parse_date(event["end_date"]) if event.get("end_date") else None
            if slug := event.pop("article", None):
                event["article"] = Article.objects.get(slug=slug)
            self.note(TimelineEvent.objects.create(dossier=dossier, **event), True)
        for position, term in enumerate(key_terms):
            self.note(KeyTerm.objects.create(dossier=dossier, position=position, **term), True)
