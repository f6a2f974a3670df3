"""Who a request comes from, as far as caching and routing need to know."""

from django.conf import settings


def has_session(request) -> bool:
    """Whether the request carries a session cookie. Only staff are ever given one (readers
    get no cookies), so without it the request is a reader's: its page may be shared by a
    cache and read from a replica, and it needs no sign-in check."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES
