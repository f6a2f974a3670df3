"""Give a staff member a time-based one-time-password device for two-factor sign-in.

Why: with STAFF_TWO_FACTOR on, nobody reaches the admin without a device, so the first
one has to be made outside it. Prints the secret and the otpauth:// address once; add
either to an authenticator app. Running it again for the same person replaces the device.
"""

from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Create (or replace) a staff member's authenticator-app device; print its secret once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the account, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, username, dry_run, verbosity, **options):
        try:
            user = get_user_model().objects.get(username=username, is_staff=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No staff account named “{username}”.") from None
        if dry_run:
            self.stdout.write(f"Would give {username} a new authenticator device.")
            return
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
        secret = b32encode(device.bin_key).decode()
        self.stdout.write(f"Secret for {username} (shown once): {secret}")
        self.stdout.write(f"Or scan/open: {device.config_url}")
