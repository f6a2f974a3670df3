"""Create the local editor account that `make run` offers, and print its password once.

Why: a fresh checkout should open the admin without a detour through createsuperuser.
The password is random and shown only when the account is made; if the account exists,
nothing changes (reset it with `manage.py changepassword editor`).
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create a local editor account (superuser) and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen.")

    @transaction.atomic
    def handle(self, *args, username, dry_run, verbosity, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            if verbosity:
                self.stdout.write(
                    f"Editor account “{username}” exists; its password was printed when it was "
                    f"made (reset it: python manage.py changepassword {username})."
                )
            return
        if dry_run:
            self.stdout.write(f"Would create editor account “{username}”.")
            return
        password = secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor account created. Log in at http://127.0.0.1:8000/admin/ as "
                f"“{username}” with password: {password}  (shown only this once)"
            )
        )
