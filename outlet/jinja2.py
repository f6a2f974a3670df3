"""The Jinja2 environment of everything readers and feed readers get (templates/).

Why Jinja2 rather than Django's engine for these: Jinja2 compiles a template to Python
once, where Django's engine walks a tree of nodes at every render and resolves each
variable through a chain of lookups. An article page prints about ninety values; Django's
engine took 2.5 ms to place them, half of all the page cost, Jinja2 a fifth of that (see
bench/RESULTS.md). The admin keeps Django's engine and its templates (outlet/templates).

Autoescaping is on, as in Django: a value is escaped unless it is marked safe (Django's
mark_safe and format_html mark it in a way Jinja2 honours too).
"""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template import defaultfilters
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment

from articles.follow import page_feeds, site_feeds
from outlet import pagemeta
from outlet.paths import path_to

# What json_script escapes: no "</script>", no "<!--", no entity, whatever the data holds.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld(data):
    """`data` as a JSON-LD script element, escaped the way json_script escapes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def host(url):
    """'astanatimes.com' for 'https://www.astanatimes.com/?p=1': an address, as readers say it."""
    name = urlsplit(str(url)).hostname or ""
    return name.removeprefix("www.")


def date(value, format_string=None):
    """Django's `date` filter: the same formats ("j F Y", "c") and the same language, in
    the site's time zone (Django's engine converts a time to it before the filter)."""
    return defaultfilters.date(template_localtime(value), format_string)


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
        jsonld=jsonld,
        host=host,
        summary=pagemeta.summary,
        capfirst=defaultfilters.capfirst,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
    )
    return env
