from django.urls import path

from . import views

article_patterns = [
    path("", views.ArticleArchiveView.as_view(), name="archive"),
    path("<slug:slug>/", views.article_detail, name="detail"),
]

author_patterns = [
    path("", views.AuthorListView.as_view(), name="list"),
    path("<slug:slug>/", views.AuthorDetailView.as_view(), name="detail"),
]

tag_patterns = [
    path("<slug:slug>/", views.TagView.as_view(), name="detail"),
]

correction_patterns = [
    path("", views.CorrectionListView.as_view(), name="list"),
]
