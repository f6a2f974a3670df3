from django.contrib import admin
from django.urls import include, path

from articles import urls as article_urls
from articles.views import short_link
from outlet import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("outlet.feed_urls")),
    path("articles/", include((article_urls.article_patterns, "articles"))),
    path("authors/", include((article_urls.author_patterns, "authors"))),
    path("tags/", include((article_urls.tag_patterns, "tags"))),
    path("corrections/", include((article_urls.correction_patterns, "corrections"))),
    path("dossiers/", include("dossiers.urls")),
    path("a/<int:pk>/", short_link, name="short_link"),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
