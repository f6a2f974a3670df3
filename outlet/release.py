"""What the running release is, for the page cache's keys and ETags (outlet.pagecache).

A page is the content version rendered by this code, these templates and stylesheets,
under these settings. Keyed by the version alone, a page cached before a deploy (in
Redis, for up to PAGE_CACHE_SECONDS) or held by a browser or CDN outlived the deploy
until the next edit. The code's part is a digest of the files' contents, not their
times, so every app server running the same release agrees on it.
"""

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import django
import jinja2
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SOURCES = ("outlet", "articles", "dossiers", "templates", "static")
# Settings a page prints or links by.
PAGE_SETTINGS = (
    "OUTLET_NAME",
    "OUTLET_DESCRIPTION",
    "SITE_URL",
    "STATIC_URL",
    "MEDIA_URL",
    "MEDIA_HOST",
    "TIME_ZONE",
    "LANGUAGE_CODE",
)


@lru_cache(maxsize=1)
def release() -> str:
    """The code's digest with the renderers' versions and the settings pages depend on;
    worked out once (every cached page and 304 asks), again when a setting changes."""
    values = (str(getattr(settings, name, "")) for name in PAGE_SETTINGS)
    return "|".join((code_digest(), django.get_version(), jinja2.__version__, *values))


@receiver(setting_changed)
def _setting_changed(*, setting, **kwargs):
    if setting in PAGE_SETTINGS:
        release.cache_clear()


@lru_cache(maxsize=1)
def code_digest() -> str:
    base = Path(settings.BASE_DIR)
    return digest_of(base, (path for source in SOURCES for path in (base / source).rglob("*")))


def digest_of(base: Path, paths: Iterable[Path]) -> str:
    """A digest of the files among `paths`: their places under `base` and their contents."""
    digest = hashlib.blake2b(digest_size=12)
    files = (path for path in paths if path.is_file() and "__pycache__" not in path.parts)
    for path in sorted(files):
        digest.update(str(path.relative_to(base)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
