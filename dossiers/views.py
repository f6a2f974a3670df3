"""The reader's pages for dossiers: the index of public dossiers and one dossier."""

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from articles.views import PublicPageMixin
from outlet.pagemeta import PageMeta, breadcrumbs, collection_page

from .models import Dossier, TimelineEvent
from .reading import live_entries, related_articles, with_live_counts


class DossierListView(PublicPageMixin, ListView):
    template_name = "dossiers/list.html"
    context_object_name = "dossiers"
    paginate_by = 30

    def get_queryset(self):
        return with_live_counts(Dossier.objects.public())

    def get_meta(self, context):
        return self.list_meta(
            context,
            title="Dossiers",
            description=f"{settings.OUTLET_NAME}’s dossiers: each follows one question.",
        )


class DossierDetailView(PublicPageMixin, DetailView):
    template_name = "dossiers/detail.html"
    context_object_name = "dossier"

    def get_queryset(self):
        timeline = TimelineEvent.objects.select_related("article").defer(
            "article__body", "article__search_vector"
        )
        return Dossier.objects.public().prefetch_related(
            "key_terms", Prefetch("timeline", queryset=timeline)
        )

    def get_context_data(self, **kwargs):
        entries = live_entries(self.object)
        return super().get_context_data(
            entries=entries,
            related=related_articles(self.object, entries),
            feed_subject=self.object,
            **kwargs,
        )

    def get_meta(self, context):
        dossier, path = self.object, self.request.path
        articles = [entry.article for entry in context["entries"]]
        return PageMeta(
            title=dossier.title,
            description=dossier.standfirst,
            path=path,
            structured=[
                collection_page(
                    name=dossier.title, description=dossier.standfirst, path=path, items=articles
                ),
                breadcrumbs(("Dossiers", reverse("dossiers:list")), (dossier.title, path)),
            ],
        )
