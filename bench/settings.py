"""Settings for benchmarks: the product's settings plus the floor views' URLconf."""

from outlet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
for _engine in TEMPLATES:  # noqa: F405 (the floors' templates read the same in both engines)
    _engine["DIRS"] = [*_engine["DIRS"], BASE_DIR / "bench" / "templates"]  # noqa: F405
