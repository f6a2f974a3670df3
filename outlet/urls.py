from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from articles import urls as article_urls
from articles.views import SearchView, short_link
from outlet import sitemaps, views

urlpatterns = [
    path("", views.home, name="home"),
    # Before the feeds' patterns, which would otherwise be tried first for every article.
    path("articles/", include((article_urls.article_patterns, "articles"))),
    path("", include("outlet.feed_urls")),
    path("authors/", include((article_urls.author_patterns, "authors"))),
    path("tags/", include((article_urls.tag_patterns, "tags"))),
    path("corrections/", include((article_urls.correction_patterns, "corrections"))),
    path("dossiers/", include("dossiers.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("a/<int:pk>/", short_link, name="short_link"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

handler500 = "outlet.views.server_error"

if settings.DEBUG:
    # Uploaded images in development; in production the web server or a bucket serves them.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
