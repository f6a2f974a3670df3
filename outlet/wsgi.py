"""The WSGI application: `gunicorn outlet.wsgi`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outlet.settings")

application = get_wsgi_application()

from outlet.release import release  # noqa: E402 (needs the settings above)

release()  # the code's digest, read from disk once here rather than by a first reader

# What is loaded by now (Django, the apps, their models) lives as long as the worker: the
# collector's full passes need not walk it again and again.
gc.freeze()
