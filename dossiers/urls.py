from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.DossierListView.as_view(), name="list"),
    path("<slug:slug>/", views.DossierDetailView.as_view(), name="detail"),
]
