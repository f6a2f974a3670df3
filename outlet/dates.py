"""Times as the public pages print them: in the site's time zone, in the site's language.

Django's date formatter costs 20-40 µs a date; the formats of days, months and years
alone, which every card prints, are written here. Reading the current time zone (an
asgiref Local) costs several microseconds more, so a page that prints one time several
ways converts it once (`moment`).
"""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.dates import MONTHS
from django.utils.timezone import localtime


def formatted(value: datetime.date, format_string: str) -> str | None:
    """What Django's formatter writes for `value` (already in the zone to print) in this
    format, for "c" and the formats of days, months and years alone; None for any other
    format, which Django's own filter is for."""
    if format_string == "c":
        return value.isoformat()
    if codes := _day_codes(format_string):
        return "".join(_DAY_CODES[code](value) if code in _DAY_CODES else code for code in codes)
    return None


# Codes of the day, the month and the year, and separators Django prints as they are.
_DAY_FORMAT = re.compile(r"[YmdjF /.,-]+")
_DAY_CODES = {
    "Y": lambda value: f"{value.year:04d}",
    "m": lambda value: f"{value.month:02d}",
    "d": lambda value: f"{value.day:02d}",
    "j": lambda value: str(value.day),
    "F": lambda value: str(MONTHS[value.month]),  # translated when it is printed
}


@lru_cache(maxsize=64)
def _day_codes(format_string: str) -> str:
    """The format, if it has only day, month and year codes and separators; else ""."""
    return format_string if _DAY_FORMAT.fullmatch(format_string) else ""


@dataclass(frozen=True)
class Moment:
    """One time, as a page prints it."""

    iso: str  # for machines: <time datetime>, meta tags ("2024-03-31T02:30:00+05:00")
    day: str  # for readers ("31 March 2024")
    numeric: str  # for citation managers ("2024/03/31")


def moment(value: datetime.datetime | None) -> Moment | None:
    if value is None:
        return None
    local = localtime(value)
    return Moment(machine_time(local), formatted(local, "j F Y"), formatted(local, "Y/m/d"))


def machine_time(value: datetime.datetime) -> str:
    """A time for <time datetime>, to the second: HTML allows at most three digits of a
    second's fractions, and a time saved by the admin has six."""
    return value.isoformat(timespec="seconds")
