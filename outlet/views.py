"""Site-wide pages: home, the health check, robots.txt and the error pages."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

from articles.models import Article
from dossiers.models import Dossier
from dossiers.reading import with_live_counts

from .pagemeta import PageMeta, absolute, website

LATEST = 13  # the lead piece and twelve cards


def home(request):
    latest = list(Article.objects.live().for_listing().newest_first()[:LATEST])
    featured = with_live_counts(Dossier.objects.public().filter(is_featured=True))
    context = {
        "lead": latest[0] if latest else None,
        "latest": latest[1:],
        "featured": featured,
        "meta": PageMeta(
            description=settings.OUTLET_DESCRIPTION,
            path=reverse("home"),
            structured=[{"@context": "https://schema.org", **website()}],
        ),
    }
    return render(request, "home.html", context)


def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Disallow: {reverse('search')}",  # endless result pages are a crawler trap
        "",
        f"Sitemap: {absolute(reverse('sitemap'))}",
        f"Sitemap: {absolute(reverse('sitemap_news'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def server_error(request):
    """The 500 page: a plain template with no request context and no database."""
    page = loader.get_template("500.html").render({"OUTLET_NAME": settings.OUTLET_NAME})
    return HttpResponseServerError(page)


def healthz(request):
    """For the load balancer: 200 while the app can serve (its database answers), 503 when
    it cannot; the body names each part's state, the cache included (pages are still
    served without it, uncached)."""
    parts = {"app": "ok", "database": _database_state(), "cache": _cache_state()}
    return JsonResponse(parts, status=200 if parts["database"] == "ok" else 503)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "down"
    return "ok"


def _cache_state() -> str:
    """'ok', 'down', or 'local' when each app server has its own memory cache."""
    if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
        return "local"
    try:
        cache.set("healthz", "ok", 5)
        return "ok" if cache.get("healthz") == "ok" else "down"
    except Exception:
        return "down"
