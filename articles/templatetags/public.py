"""Template helpers for the public site."""

import json
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import BylineRole
from outlet import pagemeta

register = template.Library()

# What json_script escapes: no "</script>", no "<!--", no entity, whatever the data holds.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# What a byline says before the name (articles.views: "By", "Translated by").
ROLE_PHRASES = {
    BylineRole.AUTHOR: "By",
    BylineRole.TRANSLATOR: "Translated by",
    BylineRole.EDITOR: "Edited by",
}


@register.filter
def jsonld(data):
    """`data` as a JSON-LD script element, escaped the way json_script escapes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def names(people):
    """'A', 'A and B', 'A, B and C': the house style has no serial comma."""
    people = [str(person) for person in people]
    if len(people) <= 2:
        return " and ".join(people)
    return f"{', '.join(people[:-1])} and {people[-1]}"


@register.filter
def host(url):
    """'astanatimes.com' for 'https://www.astanatimes.com/?p=1': an address, as readers say it."""
    name = urlsplit(str(url)).hostname or ""
    return name.removeprefix("www.")


@register.simple_tag
def outlet_language():
    return settings.OUTLET_LANGUAGE


@register.simple_tag
def site_addresses():
    """{% site_addresses as addresses %}: the paths of outlet.pagemeta.SITE_PAGES."""
    return pagemeta.site_addresses()


@register.filter(is_safe=True)
def summary(value):
    """`truncatechars:300` for descriptions (outlet.pagemeta.summary)."""
    return pagemeta.summary(value)
