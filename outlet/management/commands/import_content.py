"""Import a JSON archive made by `export_content` into an empty database.

Why: restoring from the portable archive (a move between hosts, a disaster). It refuses
a database that already holds articles, authors or dossiers, and loads everything in one
transaction: on any error nothing is imported.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article, Author
from dossiers.models import Dossier
from outlet import pagecache
from outlet.archive import import_archive


class Command(BaseCommand):
    help = "Import a content archive into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file, load nothing.")

    def handle(self, *args, path, dry_run, verbosity, **options):
        if Article.objects.exists() or Author.objects.exists() or Dossier.objects.exists():
            raise CommandError("This database already holds content; import needs an empty one.")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        if dry_run:
            total = sum(len(rows) for rows in data.get("content", {}).values())
            self.stdout.write(f"{path} holds {total} objects; nothing imported (dry run).")
            return
        try:
            counts = import_archive(data)
        except ValueError as error:
            raise CommandError(str(error)) from error
        pagecache.bump()
        if verbosity:
            self.stdout.write(f"Imported {sum(counts.values())} objects from {path}.")
