"""Export all content to one JSON archive (see outlet/archive.py for what it holds).

Why: an outlet's archive is its capital. This gives a portable, readable copy that
`import_content` restores into an empty database, independent of PostgreSQL's own dumps.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from outlet.archive import export_archive


class Command(BaseCommand):
    help = "Export all content to a JSON archive (a file, or - for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the archive; - for standard output.")

    def handle(self, *args, path, verbosity, **options):
        # One snapshot: a repeatable-read transaction on PostgreSQL sees one moment.
        with transaction.atomic():
            if path == "-":
                counts = export_archive(sys.stdout)
            else:
                with Path(path).open("w", encoding="utf-8") as stream:
                    counts = export_archive(stream)
        if verbosity and path != "-":
            total = sum(counts.values())
            self.stderr.write(f"Exported {total} objects to {path}.")
            if verbosity > 1:
                for label, count in counts.items():
                    self.stderr.write(f"  {label}: {count}")
