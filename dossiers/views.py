"""Placeholder views: the public site is built in its own change."""

from articles.views import _NotYet

DossierListView = DossierDetailView = _NotYet
