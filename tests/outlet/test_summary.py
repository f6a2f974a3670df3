"""Descriptions in share cards and the meta tag are cut as Django's truncatechars cuts."""

import unicodedata

from django.utils.text import Truncator
from hypothesis import given
from hypothesis import strategies as st

from outlet.pagemeta import SUMMARY_LENGTH, summary

# Letters, spaces, and combining accents that do not count towards the length.
_TEXT = st.text(st.sampled_from("ab é\u0301\u0308’—Ωあ"), min_size=250, max_size=420)


@given(_TEXT)
def test_cut_like_truncatechars(text):
    expected = Truncator(unicodedata.normalize("NFC", text)).chars(SUMMARY_LENGTH)
    assert summary(text) == expected


@given(st.text(st.sampled_from("ab .,"), min_size=250, max_size=420))
def test_plain_text_too(text):
    assert summary(text) == Truncator(text).chars(SUMMARY_LENGTH)
