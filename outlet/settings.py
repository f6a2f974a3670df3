"""Outlet's one settings module, read from the environment (see .env.example)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
# A real deployment: neither a developer's machine nor the test suite.
PRODUCTION = not DEBUG and not env_bool("TESTING")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

# The public address links in feeds, sitemaps and share metadata are built from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
OUTLET_NAME = os.environ.get("OUTLET_NAME", "Outlet")
OUTLET_DESCRIPTION = os.environ.get(
    "OUTLET_DESCRIPTION", "Analysis and opinion on policy and public affairs."
)
OUTLET_LANGUAGE = "en"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Ahead of staticfiles so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_prose_editor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "outlet",
    "taggit",
    "reversion",  # django-reversion: a version of an article at every save (articles.revisions)
    "articles",
    "dossiers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "outlet.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "outlet.db_routers.PrimaryForWritesMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "outlet.paths.UrlsInUseMiddleware",
    # Early, so a cached page skips sessions, sign-in and CSRF: it needs none of them.
    "outlet.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into a clear 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "outlet.urls"

TEMPLATES = [
    {
        # What readers and feed readers get, in templates/: Jinja2 (outlet/jinja2.py says why).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "outlet.jinja2.environment",
            "context_processors": ["outlet.context_processors.outlet"],
        },
    },
    {
        # The admin: Django's templates, and ours in outlet/templates (listed, so that its
        # admin/index.html comes before the admin's own).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "outlet" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outlet.context_processors.outlet",
            ],
        },
    },
]

WSGI_APPLICATION = "outlet.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections, checked before reuse so a restarted PostgreSQL is survived.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

# Read replicas: reads go to them, writes (and the admin's reads) to the primary.
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica_{_number}"] = dj_database_url.parse(
        _url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    ) | {"TEST": {"MIRROR": "default"}}
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        # Django's, with a health check that costs no round trip and prepared statements
        # for the busiest pages' queries (outlet/postgresql/base.py).
        _database["ENGINE"] = "outlet.postgresql"
# Off behind a connection pooler that does not carry prepared statements (PgBouncer in
# transaction mode, unless 1.22 or later with max_prepared_statements set).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DATABASE_ROUTERS = ["outlet.db_routers.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Fail fast when Redis is away: pages are then served uncached, not late.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds an anonymous public page stays in the cache; 0 turns the page cache off (the
# test suite's default, so query counts measure the views; cache tests turn it on).
PAGE_CACHE_SECONDS = int(
    os.environ.get("PAGE_CACHE_SECONDS", "0" if env_bool("TESTING") else "600")
)
# Answer a browser's or CDN's If-None-Match with a 304 from the content version alone, even
# with the page cache off. Off in tests, so query counts measure the views.
PAGE_REVALIDATION = env_bool("PAGE_REVALIDATION", not env_bool("TESTING"))
# On PostgreSQL, hear of content changes through LISTEN/NOTIFY rather than asking on every
# request (outlet.versionwatch). Off in tests, whose transactions never commit.
PAGE_CACHE_WATCH = env_bool("PAGE_CACHE_WATCH", not env_bool("TESTING"))
# Seconds a CDN may serve a page without asking again (s-maxage); browsers always revalidate.
CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "60"))

# Seconds a "share preview" link works after it is made (signed; revoked by making a new one).
PREVIEW_LINK_MAX_AGE = int(os.environ.get("PREVIEW_LINK_MAX_AGE", 7 * 24 * 60 * 60))

# Sign-in: django-axes locks an account and address out after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", not env_bool("TESTING"))  # tests turn it on where needed
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("BEHIND_PROXY") else None
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Two-factor sign-in: with STAFF_TWO_FACTOR on, the admin asks every staff member for a
# time-based one-time password (django-otp); enrol one with `manage.py enrol_totp`.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", PRODUCTION)
OTP_TOTP_ISSUER = OUTLET_NAME

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

if env_bool("TESTING"):
    # Hashing strength is not under test; a fast hasher keeps the suite quick.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names let whitenoise serve static files with far-future caching.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
if DEBUG or env_bool("TESTING"):
    # No collectstatic step needed for development and the test suite.
    STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"

TAGGIT_CASE_INSENSITIVE = True

# Security. Behind a TLS-terminating load balancer set BEHIND_PROXY=1; every default below
# is the safe one, and `manage.py check --deploy` passes with the production variables set.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Where uploaded images are served from, when it is not the site itself (a media CDN).
MEDIA_HOST = os.environ.get("MEDIA_HOST", "")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Uploads: images only, checked by content (outlet.uploads), within these limits.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
UPLOAD_MAX_PIXELS = int(os.environ.get("UPLOAD_MAX_PIXELS", 40_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A dossier's form posts six fields an entry, seven an event, eight a key term: Django's
# 1,000 refused a dossier of some 120 entries and lost what the editor typed (400). Still
# a bound, and the memory limit above still holds.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
