"""Settings for bench/feeds.py: the product's, with a trivial view to measure feeds against."""

from outlet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.feeds_urls"
