"""A dossier's feed: its live articles, newest first (the dossier page keeps the curated
order; a feed reader wants what is new). See articles/feeds.py for the addresses."""

from articles.feeds import ArticleFeed

from .models import Dossier


class DossierFeed(ArticleFeed):
    url_name = "feeds:dossier"

    def get_object(self, request, slug):
        return Dossier.objects.public().get(slug=slug)

    def scope(self, dossier):
        return super().scope(dossier).filter(dossier_entries__dossier=dossier)

    def stamp(self, dossier):
        # The dossier's own edits (its title, going private and back) count too.
        return [(dossier.modified_at,), *super().stamp(dossier)]

    def printed_elsewhere(self, rows):
        return super().printed_elsewhere(rows[1:])  # the articles' rows, after the dossier's

    def url_kwargs(self, dossier):
        return {"slug": dossier.slug}

    def heading(self, dossier):
        return dossier.title

    def phrase(self, dossier):
        return f"articles in the dossier “{dossier.title}”"

    def description(self, dossier):
        return dossier.standfirst

    def page_url(self, dossier):
        return dossier.get_absolute_url()
