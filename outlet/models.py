from django.db import models
from django.utils import timezone


class ContentVersion(models.Model):
    """One row whose number goes up whenever editors change anything.

    Public pages are cached under this number (see outlet.pagecache), so a change made on
    any app server shows on every server's next request without clearing any cache.
    """

    number = models.BigIntegerField(default=0)
    # When the next scheduled article goes live: the first request after it bumps `number`.
    next_due = models.DateTimeField(null=True, blank=True)
    # When `number` last went up: the Last-Modified of what has no time of its own (a
    # feed's authors' names, its tags).
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number}"
