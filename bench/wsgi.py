"""The product's WSGI application with the benchmark's settings (the floors' URLconf)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from outlet.wsgi import application  # noqa: F401
