"""The editors' admin for dossiers: curated articles in order, a timeline, key terms."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count

from articles.admin import EditorInline, Numbered, RichTextAdmin, articles_link

from .forms import KeyTermForm
from .models import Dossier, DossierEntry, KeyTerm, TimelineEvent

SHORT_TEXT = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}


class DossierEntryInline(Numbered, EditorInline, admin.TabularInline):
    model = DossierEntry
    fields = ["position", "article", "note"]
    autocomplete_fields = ["article"]
    formfield_overrides = SHORT_TEXT


class TimelineEventInline(EditorInline, admin.StackedInline):
    model = TimelineEvent
    fields = [("date", "end_date", "precision"), "title", "description", "article"]
    autocomplete_fields = ["article"]
    formfield_overrides = SHORT_TEXT


class KeyTermInline(Numbered, EditorInline, admin.StackedInline):
    model = KeyTerm
    form = KeyTermForm
    fields = [("term", "slug", "position"), "other_names", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    formfield_overrides = SHORT_TEXT


@admin.register(Dossier)
class DossierAdmin(RichTextAdmin):
    list_display = ["title", "article_count", "is_public", "is_featured"]
    list_filter = ["is_public", "is_featured"]
    search_fields = ["title", "standfirst"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "introduction"]}),
        ("On the site", {"fields": ["is_public", "is_featured"]}),
    ]
    inlines = [DossierEntryInline, TimelineEventInline, KeyTermInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("entries"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, dossier):
        return articles_link(dossier.article_count, f"dossiers__id__exact={dossier.pk}")
