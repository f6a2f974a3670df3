"""The editors' admin for articles, authors, disclaimers and tags.

Saving an article goes through `articles.services`: a changed slug keeps the old address,
and publishing fixes the byline lines and the disclaimer text once the inlines are saved.
"""

import secrets

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, F
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from outlet.security import content_security_policy

from . import services
from .bios import bio_sentence
from .forms import (
    TAG_NAME_LENGTH,
    ArticleAdminForm,
    BylineFormSet,
    ForgivingAutocompleteSelect,
    NumberedForm,
    NumberedFormSet,
)
from .models import (
    Affiliation,
    Article,
    ArticleSlug,
    Author,
    AuthorLink,
    Byline,
    BylineRole,
    Correction,
    Disclaimer,
    Status,
    TaggedArticle,
)
from .search import refresh_search_vectors

admin.site.site_header = f"{settings.OUTLET_NAME} editors"
admin.site.site_title = f"{settings.OUTLET_NAME} editors"
admin.site.index_title = "Editorial desk"


def _has_nul(query):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


# An address typed without a scheme is read as https (Django 6's default, asked for now).
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class EditorFields:
    """Form fields for editors: help text shown as written (a model's "<slug>" is text, not
    a tag), and autocompletes that survive a mistyped id in a posted form."""

    formfield_overrides = HTTPS_URLS

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and field.help_text:
            field.help_text = escape(field.help_text)
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault(
                "widget",
                ForgivingAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")),
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EditorAdmin(EditorFields, admin.ModelAdmin):
    """Bad query strings get the plain list back, never a database error."""

    def changelist_view(self, request, extra_context=None):
        # PostgreSQL refuses NUL in text, so such a filter or search would crash the query.
        if _has_nul(request.GET):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))


class RichTextAdmin(EditorAdmin):
    """Lets the rich-text editor start under the admin's Content Security Policy.

    The editor's modules find each other through an import map, an inline script that
    `script-src 'self'` forbids; the page's assets carry a nonce that allows them.
    """

    def render_change_form(self, request, context, *args, **kwargs):
        media = context.get("media")
        if not hasattr(media, "with_nonce"):  # js_asset's Media, from the editor's widget
            return super().render_change_form(request, context, *args, **kwargs)
        nonce = secrets.token_urlsafe(16)
        context["media"] = media.with_nonce(nonce)
        response = super().render_change_form(request, context, *args, **kwargs)
        response["Content-Security-Policy"] = _allow_scripts(
            content_security_policy(admin=True), f"'nonce-{nonce}'"
        )
        return response


def _allow_scripts(policy, source):
    directives = [d.strip() for d in policy.split(";")]
    return "; ".join(f"{d} {source}" if d.startswith("script-src ") else d for d in directives)


class EditorInline(EditorFields):
    """One empty row on an add page; on a change page the "Add another" link makes rows."""

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0


class Numbered:
    """Rows in the order of the numbers an editor types; an empty number means last."""

    form = NumberedForm
    formset = NumberedFormSet


def _refresh_search(article_ids):
    refresh_search_vectors(ids=list(article_ids))


# Articles


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        for status in Status:
            if status == Status.PUBLISHED:
                yield "scheduled", "Scheduled"
                yield status, "Published (live)"
            else:
                yield status, status.label

    def queryset(self, request, queryset):
        live = Article.objects.live().values("pk")
        value = self.value()
        if value == Status.PUBLISHED:
            return queryset.filter(pk__in=live)
        if value == "scheduled":
            return queryset.filter(status=Status.PUBLISHED).exclude(pk__in=live)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        used = Tag.objects.filter(articles_taggedarticle_items__isnull=False).distinct()
        return used.order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        return queryset.filter(tags__slug=self.value()) if self.value() else queryset


class BylineInline(Numbered, EditorInline, admin.TabularInline):
    model = Byline
    formset = BylineFormSet
    autocomplete_fields = ["author"]
    fields = ["author", "role", "affiliation", "position"]
    verbose_name_plural = "people"

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None and obj.bylines.exists() else 1


class CorrectionInline(EditorFields, admin.StackedInline):
    model = Correction
    fields = [("kind", "published_at"), "text"]
    extra = 0


class FormerAddressInline(admin.TabularInline):
    model = ArticleSlug
    fields = readonly_fields = ["address", "retired_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="address (redirects to the current one)")
    def address(self, former):
        return reverse("articles:detail", kwargs={"slug": former.slug})


@admin.register(Article)
class ArticleAdmin(RichTextAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "kind", "status_label", "published_at", "byline", "word_count"]
    list_filter = [
        StatusFilter,
        "kind",
        ("bylines__author", admin.RelatedOnlyFieldListFilter),
        ("dossiers", admin.RelatedOnlyFieldListFilter),
        TagFilter,
    ]
    search_fields = ["headline", "standfirst", "bylines__author__name"]
    date_hierarchy = "published_at"
    # Unpublished work (no time yet) first, then the newest.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["word_count", "reading_time", "disclaimer_text"]
    inlines = [BylineInline, CorrectionInline, FormerAddressInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "kind",
                    "standfirst",
                    "body",
                    ("word_count", "reading_time"),
                ]
            },
        ),
        ("Publication", {"fields": ["status", "published_at", "updated_at"]}),
        (
            "Image",
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (
            "Republication",
            {
                "classes": ["collapse"],
                "description": "Only for a piece first published elsewhere.",
                "fields": ["original_publication", "original_url"],
            },
        ),
        ("Disclaimer", {"fields": ["disclaimer", "no_disclaimer", "disclaimer_text"]}),
        ("Tags", {"fields": ["tags"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        return "Scheduled" if article.is_scheduled else article.get_status_display()

    @admin.display(description="by")
    def byline(self, article):
        return ", ".join(
            str(b.author) if b.role == BylineRole.AUTHOR else f"{b.author} ({b.role})"
            for b in article.bylines.all()
        )

    @admin.display(description="reading time")
    def reading_time(self, article):
        return f"{article.reading_time} min"

    # Named after the model field, so it keeps that field's label and help text.
    def disclaimer_text(self, article):
        if article.disclaimer_text:
            return article.disclaimer_text
        if article.no_disclaimer:
            return "None: this article goes out without a disclaimer."
        preview = article.disclaimer_for_display()
        if not preview:
            return "None: no disclaimer is chosen and the kind has no default."
        return f"Not fixed yet. Publishing will fix: “{preview}”"

    def save_model(self, request, obj, form, change):
        if not change and obj.owner_id is None:
            obj.owner = request.user
        if obj.status == Status.PUBLISHED and not obj.published_at:
            obj.published_at = timezone.now()
        if change and {"disclaimer", "no_disclaimer"} & set(form.changed_data):
            obj.disclaimer_text = ""  # the editor chose anew: fixed again after saving
        services.save_article(article=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk:
                correction.save()
            else:
                services.add_correction(
                    article=form.instance,
                    text=correction.text,
                    kind=correction.kind,
                    at=correction.published_at,
                )
        for correction in formset.deleted_objects:
            correction.delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Freezes the publication record of a published article, now its bylines are saved.
        services.related_saved(article=form.instance)


# Authors


class AffiliationInline(Numbered, EditorInline, admin.StackedInline):
    model = Affiliation
    fields = [("role", "organisation", "the"), ("place", "is_current", "position")]


class AuthorLinkInline(Numbered, EditorInline, admin.TabularInline):
    model = AuthorLink
    fields = ["label", "url", "position"]


@admin.register(Author)
class AuthorAdmin(EditorAdmin):
    list_display = ["name", "current_posts", "article_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "pronoun", "photo", "bio_override", "generated_bio"]
    readonly_fields = ["generated_bio"]
    inlines = [AffiliationInline, AuthorLinkInline]
    actions = ["delete_selected"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("bylines__article", distinct=True))
            .prefetch_related("affiliations")
        )

    @admin.display(description="current posts")
    def current_posts(self, author):
        return author.current_affiliation_line()

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, author):
        return author.article_count

    @admin.display(description="generated bio")
    def generated_bio(self, author):
        if not author.pk:
            return "Made from the affiliations once the author is saved."
        sentence = bio_sentence(author.name, author.pronoun, list(author.affiliations.all()))
        if author.bio_override.strip():
            return f"Not shown: the bio above replaces it. Generated: “{sentence}”"
        return sentence or "Add an affiliation below to generate one."

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:  # names are in the search index
            _refresh_search(obj.bylines.values_list("article_id", flat=True))

    def delete_view(self, request, object_id, extra_context=None):
        author = self.get_object(request, unquote(object_id))
        if author is not None and author.bylines.exists():
            self.message_user(request, _refusal([author]), messages.ERROR)
            return redirect("admin:articles_author_change", author.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description="Delete selected authors")
    def delete_selected(self, request, queryset):
        credited = list(queryset.filter(bylines__isnull=False).distinct())
        if credited:
            self.message_user(request, _refusal(credited), messages.ERROR)
            return None
        return django_delete_selected(self, request, queryset)


def _refusal(authors):
    names = ", ".join(author.name for author in authors)
    return (
        f"Not deleted: {names} {'is' if len(authors) == 1 else 'are'} credited on articles, "
        "and an author with articles cannot be deleted. Remove them from those bylines first."
    )


# Disclaimers


@admin.register(Disclaimer)
class DisclaimerAdmin(EditorAdmin):
    list_display = ["name", "default_for", "as_readers_see_it"]
    list_filter = ["default_for"]
    search_fields = ["name", "text"]
    fields = ["name", "text", "as_readers_see_it", "default_for"]
    readonly_fields = ["as_readers_see_it"]

    @admin.display(description="as readers see it")
    def as_readers_see_it(self, disclaimer):
        return disclaimer.render()


# Tags: taggit's admin, with counts, a name search for the tag picker, and a merge that
# knows our explicit through model (taggit's own merges its generic tagged items only).


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    inlines = []
    list_display = ["name", "slug", "article_count"]
    fields = ["name", "slug", "articles"]
    readonly_fields = ["articles"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("articles_taggedarticle_items"))
        )

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    @admin.display(description="articles")
    def articles(self, tag):
        if not tag.pk:
            return "—"
        url = reverse("admin:articles_article_changelist") + f"?tag={tag.slug}"
        return format_html('<a href="{}">{} with this tag</a>', url, tag.article_count)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:  # tag names are in the search index
            _refresh_search(
                obj.articles_taggedarticle_items.values_list("content_object_id", flat=True)
            )

    @admin.action(description="Merge selected tags")
    def render_tag_form(self, request, queryset):
        request.session["selected_tag_ids"] = ",".join(
            str(pk) for pk in queryset.values_list("pk", flat=True)
        )
        return redirect("admin:taggit_tag_merge_tags")

    def get_urls(self):
        names = path(
            "names/", self.admin_site.admin_view(self.names_view), name="articles_tag_names"
        )
        return [names, *super().get_urls()]

    def names_view(self, request):
        """Tag names for the tag picker, in the shape select2 reads."""
        if not request.user.has_perm("articles.change_article") and not request.user.has_perm(
            "articles.add_article"
        ):
            raise PermissionDenied
        typed = request.GET.get("term", "").replace("\x00", "")[:TAG_NAME_LENGTH]
        names = _tag_suggestions(typed)
        results = [{"id": name, "text": name} for name in names]
        return JsonResponse({"results": results, "pagination": {"more": False}})

    def merge_tags_view(self, request):
        ids = [i for i in request.session.get("selected_tag_ids", "").split(",") if i.isdigit()]
        tags = Tag.objects.filter(pk__in=ids).order_by("name")
        if not tags:
            return redirect("admin:taggit_tag_changelist")
        form = MergeTagsForm(request.POST or None)
        if form.is_valid():
            target = _merge_tags(tags, form.cleaned_data["new_tag_name"].strip())
            request.session.pop("selected_tag_ids", None)
            self.message_user(request, f"Merged into “{target}”.", messages.SUCCESS)
            return redirect("admin:taggit_tag_changelist")
        context = self.admin_site.each_context(request) | {
            "title": "Merge tags",
            "opts": self.opts,
            "form": form,
            "tags": tags,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge.html", context)


def _tag_suggestions(typed, limit=20):
    """Existing tags containing `typed`, an exact match first; when none matches exactly,
    what was typed comes last, as the new tag. Offering it ourselves keeps select2 from
    putting it first, where Enter would make "wat" a tag when "Water" was meant."""
    term = typed.strip()
    matching = Tag.objects.filter(name__icontains=term).order_by("name")
    names = list(matching.values_list("name", flat=True)[:limit])
    exact = Tag.objects.filter(name__iexact=term).values_list("name", flat=True).first()
    if exact:
        return [exact, *(name for name in names if name != exact)]
    return [*names, typed] if term else names


@transaction.atomic
def _merge_tags(tags, name):
    """Tag every article that has any of `tags` with `name` instead, and drop the others."""
    target = Tag.objects.filter(name__iexact=name).first() or Tag(name=name)
    target.name = name  # as the editor typed it: "Caspian Sea" over "caspian sea"
    target.save()
    tagged = TaggedArticle.objects.filter(tag__in=tags)
    article_ids = set(tagged.values_list("content_object_id", flat=True))
    already = set(
        TaggedArticle.objects.filter(tag=target).values_list("content_object_id", flat=True)
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(tag=target, content_object_id=pk) for pk in article_ids - already
    )
    tags.exclude(pk=target.pk).delete()
    _refresh_search(article_ids)
    return target
