from django.urls import path, re_path

from . import views

article_patterns = [
    path("", views.ArticleArchiveView.as_view(), name="archive"),
    path("<slug:slug>/", views.article_detail, name="detail"),
    # A signed share-preview link; the token holds ":" and "." but never "/".
    path("preview/<str:token>/", views.shared_preview, name="preview"),
    path("<slug:slug>/cite.bib", views.cite_bibtex, name="cite_bibtex"),
    path("<slug:slug>/cite.ris", views.cite_ris, name="cite_ris"),
]

author_patterns = [
    path("", views.AuthorListView.as_view(), name="list"),
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
]

tag_patterns = [
    # taggit makes Unicode slugs ("türkiye"), which the `slug` converter refuses.
    re_path(r"^(?P<slug>[-\w]+)/$", views.TagView.as_view(), name="detail"),
]

correction_patterns = [
    path("", views.CorrectionListView.as_view(), name="list"),
]
