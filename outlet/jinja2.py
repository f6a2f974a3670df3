"""The Jinja2 environment of everything readers and feed readers get (templates/).

Why Jinja2 rather than Django's engine for these: Jinja2 compiles a template to Python
once, where Django's engine walks a tree of nodes at every render and resolves each
variable through a chain of lookups. An article page prints about ninety values; Django's
engine took 2.5 ms to place them, half of all the page cost, Jinja2 a fifth of that (see
bench/RESULTS.md). The admin keeps Django's engine and its templates (outlet/templates).

Autoescaping is on, as in Django: a value is escaped unless it is marked safe (Django's
mark_safe and format_html mark it in a way Jinja2 honours too).
"""

import datetime
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment

from articles.follow import page_feeds, site_feeds
from outlet import pagemeta
from outlet.dates import formatted, machine_time
from outlet.paths import path_to

# What json_script escapes: no "</script>", no "<!--", no entity, whatever the data holds.
# Replaced in turn rather than by str.translate(), which is fifty times slower on text
# with a character past Latin-1 (a curly quote in a headline).
_SCRIPT_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))
# One encoder for every call: json.dumps(cls=...) makes a new one each time, as dear as
# the encoding of a page's data itself.
_JSON = DjangoJSONEncoder(ensure_ascii=False)


def jsonld(data):
    """`data` as a JSON-LD script element, escaped the way json_script escapes (so the
    text is safe inside the element as it stands)."""
    text = _JSON.encode(data)
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def host(url):
    """'astanatimes.com' for 'https://www.astanatimes.com/?p=1': an address, as readers say it."""
    name = urlsplit(str(url)).hostname or ""
    return name.removeprefix("www.")


def date(value, format_string=None):
    """Django's `date` filter: the same formats and the same language, in the site's time
    zone (Django's engine converts a time to it before the filter); the common formats
    written by outlet.dates."""
    value = template_localtime(value)
    if isinstance(value, datetime.date) and format_string:
        text = formatted(value, format_string)
        if text is not None:
            return text
    return defaultfilters.date(value, format_string)


def iso(value):
    """A time in the site's time zone as <time datetime> wants it (outlet.dates)."""
    return machine_time(template_localtime(value)) if value is not None else ""


def static(path):
    """Django's `static`: a file's address (hashed, from the manifest, in production). Looked
    up once per file and storage: 20 µs a time, and the manifest is fixed while the process
    runs."""
    return _static(path, storages["staticfiles"])


@lru_cache(maxsize=64)
def _static(path, storage):
    return storage.url(path)


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        static=static,
        url=path_to,
        site_addresses=pagemeta.site_addresses,
        site_feeds=site_feeds,
        page_feeds=page_feeds,
        outlet_language=lambda: settings.OUTLET_LANGUAGE,
    )
    env.filters.update(
        date=date,
        iso=iso,
        jsonld=jsonld,
        host=host,
        summary=pagemeta.summary,
        capfirst=defaultfilters.capfirst,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
    )
    return env
