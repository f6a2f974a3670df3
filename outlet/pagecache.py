"""The public page cache: anonymous GET responses kept in Django's cache framework.

Why not Django's per-site cache middleware: it cannot be invalidated, only waited out.
Here every cached page is stored under the *content version*
(outlet.models.ContentVersion). On PostgreSQL each process hears of a new version through
LISTEN/NOTIFY (outlet.versionwatch), so a cached page costs no query; elsewhere, or with
replicas, each request reads the row with one small query. The version goes up

- with every successful write in the admin and every editorial service, so an edit shows
  on the next request, on every app server;
- when the next scheduled article's time has come: the row remembers that time, and the
  first request after it bumps the version, so a scheduled piece shows at its time with
  no cron job.

Staff, preview links and anything that sets a cookie or says private/no-store are never
cached. Responses carry an ETag derived from the version and the address, so browsers
and a CDN revalidate with a 304, answered from the version alone before anything is
rendered or looked up (also with the page store off: PAGE_REVALIDATION); Cache-Control
lets a CDN keep a page for CDN_MAX_AGE seconds (s-maxage).
"""

import hashlib
import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import F, Min
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import parse_etags

from articles.models import Article

from . import versionwatch
from .db_routers import read_alias, replica_aliases
from .models import ContentVersion
from .release import release
from .sessions import has_session

logger = logging.getLogger(__name__)
SAFE_METHODS = {"GET", "HEAD"}
REPORT_AGAIN_AFTER = 300  # seconds between log lines while the cache stays unreachable
NEVER_CACHED_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def bump() -> int:
    """Say that content changed: every cached page becomes stale at once. Returns the new
    number.

    Called inside the writer's transaction, so the new number is seen exactly when the
    change itself is. It also notes when the next scheduled article is due: read after the
    number is raised, which locks the row until the writer commits. So a second writer
    waits for the first, then reads its schedule too; reading first, it could write back
    a due time from before the other's scheduling, and that piece would not show at its
    time."""
    now = timezone.now()
    versions = ContentVersion.objects.using("default").filter(pk=1)
    with transaction.atomic(using="default"):  # a reader's bump (state_key) has none
        if not versions.update(number=F("number") + 1, changed_at=now):
            versions.update_or_create(pk=1, defaults={"number": 1, "changed_at": now})
        scheduled = Article.objects.using("default").scheduled()
        versions.update(next_due=scheduled.aggregate(due=Min("published_at"))["due"])
        number = versions.values_list("number", flat=True).get()
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, '')", [versionwatch.CHANNEL])
    transaction.on_commit(versionwatch.watch.announced, using="default")
    return number


# Raw SQL: this runs on public requests, where the ORM's own cost would show.
_STATE_SQL = "SELECT number, next_due FROM outlet_contentversion WHERE id = 1"


def _read_state(connection) -> tuple[int, datetime | None] | None:
    """(number, next_due) from a DB-API connection, or None if the row is missing."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL)
        row = cursor.fetchone()
    if row is None:
        return None
    number, next_due = row
    if isinstance(next_due, str):  # SQLite may hand raw datetimes back as text
        next_due = datetime.fromisoformat(next_due)
    if next_due is not None and timezone.is_naive(next_due):  # SQLite stores UTC, naive
        next_due = timezone.make_aware(next_due, UTC)
    return number, next_due


def _watching() -> bool:
    return (
        settings.PAGE_CACHE_WATCH
        and connections["default"].vendor == "postgresql"
        and not replica_aliases()
    )


def state_key() -> str | None:
    """The content version this request's page is cached under, bumped first when a
    scheduled article has come due. None when the request's copy of the data cannot say
    which version its page shows: a replica that has not replayed a bump yet. Its page is
    then served, but no cache may keep it."""
    alias = read_alias()
    state = versionwatch.watch.current(_read_state) if _watching() else None
    if state is None:
        # From the copy the page itself is read from (outlet.db_routers), so a lagging
        # replica cannot put an old page under a new version.
        state = _read_state(connections[alias])
    if state is not None and not _due(state):
        return str(state[0])
    if alias == "default":  # the page is read after the bump, from the same copy
        return str(bump())
    # Perhaps the primary has bumped already (the replica lags); a bump by every request
    # until the replica caught up would empty the page cache each time.
    primary = _read_state(connections["default"])
    if primary is None or _due(primary):
        bump()
    return None


def _due(state: tuple[int, datetime | None]) -> bool:
    next_due = state[1]
    return next_due is not None and next_due <= timezone.now()


def _page_etag(state: str, request) -> str:
    # The release too: a deploy's pages are new pages, even where no content changed.
    digest = hashlib.sha256(f"{release()}|{state}|{request.get_full_path()}".encode())
    return f'"{digest.hexdigest()[:32]}"'


# A view with validators of its own (a feed: it changes only when its articles do) keeps
# them, stamped with the page's version-and-address digest: W/"abc" goes out as
# W/"<stamp>.abc". While the stamp holds, it is answered with a 304 at once; after an edit
# the view (or, from the cache, the stored response) compares its own part, so an edit
# elsewhere costs a feed reader no download. The stamp names the address too, so an ETag
# earns a 304 only where it was given.
def _stamp(etag: str) -> str:
    return etag.strip('"')[:16]


def _parts(etag: str) -> tuple[str, str | None, str]:
    """An ETag as (its "W/" or "", its stamp or None, the rest of its opaque tag)."""
    weak = "W/" if etag.startswith("W/") else ""
    opaque = etag.removeprefix("W/").strip('"')
    stamp, dot, own = opaque.partition(".")
    return (weak, stamp, own) if dot and len(stamp) == 16 else (weak, None, opaque)


def _stamped(etag: str, stamp: str) -> str:
    weak, _, own = _parts(etag)
    return f'{weak}"{stamp}.{own}"'


def _stamp_of(etag: str) -> str | None:
    return _parts(etag)[1]


def _unstamped(etag: str) -> str:
    weak, stamp, own = _parts(etag)
    return f'{weak}"{own}"' if stamp else etag


def _public_cache_headers(response) -> None:
    # A view may say how long browsers keep its response (feed readers poll); where it
    # does not, browsers revalidate every time, which the ETag makes a cheap 304.
    ages = {} if "max-age" in response.get("Cache-Control", "") else {"max_age": 0}
    patch_cache_control(response, public=True, s_maxage=settings.CDN_MAX_AGE, **ages)


def _not_modified(etag: str) -> HttpResponseNotModified:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    _public_cache_headers(response)
    return response


def _is_cacheable_request(request) -> bool:
    if request.method not in SAFE_METHODS or request.path.startswith(NEVER_CACHED_PREFIXES):
        return False
    # A session cookie may mean staff, who see previews; they always get a fresh page.
    return not has_session(request) and "preview" not in request.GET


def _is_cacheable_response(response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(directive in control for directive in UNCACHEABLE_DIRECTIVES)
    )


class _QuietCache:
    """The cache, or nothing when it is unreachable: a failure is logged once, not per request."""

    failing_since = None

    def get(self, key):
        return self._call(cache.get, key)

    def set(self, key, value, timeout):
        self._call(cache.set, key, value, timeout)

    def _call(self, method, *args):
        try:
            result = method(*args)
        except Exception:  # any backend's connection error: serve the page uncached
            now = time.monotonic()
            if self.failing_since is None or now - self.failing_since > REPORT_AGAIN_AFTER:
                logger.exception("Page cache unreachable; serving pages uncached.")
                self.failing_since = now
            return None
        if self.failing_since is not None:
            logger.warning("Page cache reachable again.")
            self.failing_since = None
        return result


quiet_cache = _QuietCache()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        active = settings.PAGE_CACHE_SECONDS or settings.PAGE_REVALIDATION
        if not active or not _is_cacheable_request(request):
            response = self._private_for_staff(request, self.get_response(request))
            return self._after_write(request, response)
        request.get_host()  # refuse a forged Host (400) before answering from the cache
        state = state_key()
        if state is None:  # a moment's answer from a lagging copy: no cache keeps it
            response = self.get_response(request)
            add_never_cache_headers(response)
            return response
        etag = _page_etag(state, request)
        # The same version means the same page: a browser or CDN holding it is told so
        # before anything is rendered or even looked up.
        held = parse_etags(request.headers.get("If-None-Match", ""))
        stamp = _stamp(etag)
        # Compared weakly, as RFC 9110 asks for If-None-Match: a proxy that compresses a
        # page may hand its ETag on weakened, W/"…".
        current = next(
            (tag for tag in held if tag.removeprefix("W/") == etag or _stamp_of(tag) == stamp),
            None,
        )
        if current:
            return _not_modified(current)
        if any(_stamp_of(tag) for tag in held):  # a view's own ETags, from an older version:
            # the view compares its own part; a stored response, its ETag as stamped now
            own = [_unstamped(tag) for tag in held]
            now = [_stamped(tag, stamp) for tag in own if _stamp_of(tag) is None]
            request.META["HTTP_IF_NONE_MATCH"] = ", ".join(own + now)
        if not settings.PAGE_CACHE_SECONDS:
            return self._mark_public(self.get_response(request), etag)
        key = f"page:{request.method}:{etag}"  # the ETag digests version and address
        response = quiet_cache.get(key)
        if response is None:
            response = self._mark_public(self.get_response(request), etag)
            if _is_cacheable_response(response):
                quiet_cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    @staticmethod
    def _mark_public(response, etag):
        own = response.get("ETag")
        if own and response.status_code == 304:  # a view answered its own validators
            response["ETag"] = _stamped(own, _stamp(etag))
        if response.status_code == 404 and "Cache-Control" not in response:
            # Said, not left to a CDN's defaults (some keep a 404 for an hour): the address
            # of a piece scheduled for later must not stay missing past its time.
            _public_cache_headers(response)
        if not _is_cacheable_response(response):
            return response
        response["ETag"] = _stamped(own, _stamp(etag)) if own else etag
        _public_cache_headers(response)
        return response

    @staticmethod
    def _private_for_staff(request, response):
        # What staff are shown is theirs (a draft, a preview): no shared cache may keep it,
        # whether or not the CDN is told to pass their requests by.
        if has_session(request) and "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _after_write(request, response):
        # Only staff change content; a stranger's failed sign-in must not empty the cache.
        user = getattr(request, "user", None)
        is_staff = user is not None and user.is_authenticated and user.is_staff
        if request.method not in SAFE_METHODS and response.status_code < 400 and is_staff:
            bump()
        return response
