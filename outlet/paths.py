"""Addresses of the pages every page prints by the dozen, without a reverse() each time.

reverse() costs 30-45 µs a call: it walks the namespaces and checks its result against
the pattern. A results page prints twenty article addresses and an article page a dozen
more (its people, tags, feeds, citation). Here each URL name is reversed once per URLconf
and script prefix with a marker for its slug; an address is then the two halves around
the marker with the slug between them. A slug that is not plain ASCII letters, digits,
hyphens and underscores (nothing to quote, and every slug converter takes it) goes to
reverse() itself, so it is quoted, or refused, exactly as reverse() would.
"""

import re
from contextvars import ContextVar
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse

_PLAIN = re.compile(r"[-a-zA-Z0-9_]+")
_MARKER = "outlet0marker0"  # what no slug in a pattern's fixed text contains


def path_to(name: str, slug: str | int | None = None, **fixed) -> str:
    """reverse(name, kwargs={"slug": slug, **fixed}); without `slug`, reverse(name,
    kwargs=fixed). `fixed` holds values from small sets (a feed's format, an article's
    kind), each pair remembered with the name."""
    if slug is None:
        return _halves(*urls_in_use(), name, None, tuple(sorted(fixed.items())))[0]
    slug = str(slug)
    if not _PLAIN.fullmatch(slug):
        return reverse(name, kwargs={"slug": slug, **fixed})
    before, after = _halves(*urls_in_use(), name, "slug", tuple(sorted(fixed.items())))
    return f"{before}{slug}{after}"


def short_path(pk: int) -> str:
    """reverse("short_link", kwargs={"pk": pk})."""
    before, after = _halves(*urls_in_use(), "short_link", "pk", ())
    return f"{before}{int(pk)}{after}"


def urls_in_use() -> tuple[str, str]:
    """The URLconf and script prefix addresses are made with: what a remembered address
    depends on. (Outlet sets no per-request URLconf, so reading ROOT_URLCONF spares a
    context-local lookup: several microseconds, a dozen times a page.)"""
    return _serving.get() or (settings.ROOT_URLCONF, get_script_prefix())


# urls_in_use() of the request being served, read once by UrlsInUseMiddleware. Django
# keeps the script prefix in an asgiref Local, each read of which costs 1-2 µs: a page
# asks a dozen times or more (its people, tags, feeds, cards).
_serving: ContextVar[tuple[str, str] | None] = ContextVar("outlet_urls_in_use", default=None)


class UrlsInUseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _serving.set((settings.ROOT_URLCONF, get_script_prefix()))
        try:
            return self.get_response(request)
        finally:
            _serving.reset(token)


@lru_cache(maxsize=512)
def _halves(urlconf, prefix, name, variable, fixed) -> tuple[str, str]:
    """The address of `name` before and after its `variable` argument's marker. (`prefix`
    is in the key because reverse() reads the current script prefix itself.)"""
    kwargs = dict(fixed)
    if variable == "pk":
        kwargs["pk"] = 1234567890123  # digits: an int converter takes nothing else
    elif variable:
        kwargs[variable] = _MARKER
    path = reverse(name, kwargs=kwargs or None, urlconf=urlconf)
    if variable is None:
        return path, ""
    before, _, after = path.partition(str(kwargs[variable]))
    return before, after
