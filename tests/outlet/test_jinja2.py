"""The public templates' filters say what Django's own say."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.template import defaultfilters
from django.utils.timezone import template_localtime
from django.utils.translation import override

from outlet.dates import moment
from outlet.jinja2 import date as date_filter

MOMENTS = [
    datetime(2025, 5, 10, 20, 30, tzinfo=UTC),
    datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=-3))),
    date(2024, 2, 29),
    None,
    "",
]


FORMATS = ["c", "j F Y", "Y-m", "Y/m/d", "d.m.Y", "j F Y, H:i T", "D j M"]
CASES = [
    (moment, format_string)
    for moment in MOMENTS
    for format_string in FORMATS
    # a day has no hours to print
    if isinstance(moment, datetime) or not isinstance(moment, date) or "H" not in format_string
]


@pytest.mark.parametrize(("moment", "format_string"), CASES)
@pytest.mark.parametrize("time_zone", ["UTC", "Asia/Tokyo"])
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_dates_as_django_writes_them(settings, moment, format_string, time_zone, language):
    settings.TIME_ZONE = time_zone
    with override(language):
        expected = defaultfilters.date(template_localtime(moment), format_string)
        assert date_filter(moment, format_string) == expected


@pytest.mark.parametrize("time_zone", ["UTC", "Asia/Tokyo", "America/Sao_Paulo"])
@pytest.mark.parametrize("language", ["en-gb", "de"])
def test_a_pages_moment_says_what_the_filter_says(settings, time_zone, language):
    settings.TIME_ZONE = time_zone
    when = datetime(2025, 5, 10, 20, 30, tzinfo=UTC)
    with override(language):
        printed = moment(when)
        assert printed.iso == date_filter(when, "c")
        assert printed.day == date_filter(when, "j F Y")
        assert printed.numeric == date_filter(when, "Y/m/d")
    assert moment(None) is None
