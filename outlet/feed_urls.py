"""Feed addresses (RSS 2.0, Atom 1.0, JSON Feed 1.1), namespaced `feeds`.

Each feed answers at its address and at `atom/` and `json/` below it; one URL name
serves all three: `{% url 'feeds:author' slug=… format='atom' %}`, no format for RSS.
"""

from django.urls import path, register_converter

from articles.feeds import AuthorFeed, CorrectionFeed, KindFeed, SiteFeed, TagFeed
from articles.models import Kind
from dossiers.feeds import DossierFeed


class FeedFormatConverter:
    regex = "atom|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ArticleKindConverter(FeedFormatConverter):
    regex = "|".join(Kind.values)


class TagSlugConverter(FeedFormatConverter):
    # taggit writes Unicode slugs ("türkiye"), which the `slug` converter refuses.
    regex = r"[-\w]+"


register_converter(FeedFormatConverter, "feed_format")
register_converter(ArticleKindConverter, "article_kind")
register_converter(TagSlugConverter, "tag_slug")


def feed(route, feed_class, name):
    view = feed_class.as_view()
    return [
        path(route, view, name=name),
        path(f"{route}<feed_format:format>/", view, name=name),
    ]


app_name = "feeds"
urlpatterns = [
    *feed("feed/", SiteFeed, "site"),
    *feed("feed/<article_kind:kind>/", KindFeed, "kind"),
    *feed("authors/<slug:slug>/feed/", AuthorFeed, "author"),
    *feed("dossiers/<slug:slug>/feed/", DossierFeed, "dossier"),
    *feed("tags/<tag_slug:slug>/feed/", TagFeed, "tag"),
    *feed("corrections/feed/", CorrectionFeed, "corrections"),
]
