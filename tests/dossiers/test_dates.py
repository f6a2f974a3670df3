"""Timeline dates show at their precision."""

from datetime import date

import pytest

from dossiers.models import format_span


@pytest.mark.parametrize(
    ("start", "end", "precision", "shown"),
    [
        (date(2025, 7, 10), None, "day", "10 July 2025"),
        (date(2024, 5, 10), date(2024, 5, 11), "day", "10–11 May 2024"),
        (date(2024, 4, 30), date(2024, 5, 2), "day", "30 April – 2 May 2024"),
        (date(2024, 5, 17), None, "month", "May 2024"),
        (date(2024, 5, 17), None, "year", "2024"),
        (date(2023, 1, 1), date(2024, 1, 1), "year", "2023 – 2024"),
    ],
)
def test_display_date(start, end, precision, shown):
    assert format_span(start, end, precision) == shown
