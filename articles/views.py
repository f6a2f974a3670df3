"""Placeholder views: the public site is built in its own change."""

from django.http import Http404
from django.views import View


class _NotYet(View):
    def get(self, request, *args, **kwargs):
        raise Http404


ArticleArchiveView = AuthorListView = AuthorDetailView = TagView = CorrectionListView = _NotYet


def article_detail(request, slug):
    raise Http404


def short_link(request, pk):
    raise Http404
