"""The editors' admin for articles, authors, disclaimers and tags.

Saving an article goes through `articles.services`: a changed slug keeps the old address,
and publishing fixes the byline lines and the disclaimer text once the inlines are saved.

The editorial workflow (articles.workflow) decides who may open and change which piece:
contributors see their own pieces and change them only as drafts; status and publication
time change only through the workflow's buttons and list actions, each checked again on the
server. Every save runs in a django-reversion revision (articles.revisions), listed,
compared and restored from the article's "Revisions" page.
"""

import re
import secrets
from contextlib import contextmanager
from datetime import timedelta

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Exists, F, Lookup, OuterRef, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import smart_split, unescape_string_literal
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from dossiers.models import DossierEntry
from outlet.security import content_security_policy

from . import revisions, search, services, workflow
from .bios import bio_sentence
from .forms import (
    STEP,
    TAG_NAME_LENGTH,
    ArticleAdminForm,
    BylineFormSet,
    CorrectionFormSet,
    EditorFormSet,
    ForgivingAutocompleteSelect,
    NoteForm,
    NumberedForm,
    NumberedFormSet,
    TagMergeForm,
    TransitionForm,
    namesake_labels,
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


def _with_desk(index):
    """The admin's front page, with each person's desk above the list of models
    (templates/admin/index.html). Wrapped on the site object, not subclassed: outlet.apps
    may swap `admin.site`'s class for two-factor sign-in, and keeps this."""

    def index_with_desk(request, extra_context=None):
        user = request.user
        desk = {}
        if user.has_perm("articles.view_article") or user.has_perm("articles.change_article"):
            desk = {"desk": workflow.desk(user), "desk_sees_all": workflow.sees_every_article(user)}
        return index(request, extra_context=desk | (extra_context or {}))

    return index_with_desk


admin.site.index = _with_desk(admin.site.index)


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
    """One empty row on an add page; on a change page the "Add another" link makes rows.
    Each row is read with the object its autocomplete shows (EditorFormSet labels it),
    not the article's text or search vectors: a page of rows in one query."""

    formset = EditorFormSet

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        chosen = self.get_autocomplete_fields(request)
        if not chosen:
            return rows
        heavy = [
            f"{name}__{field}"
            for name in chosen
            if rows.model._meta.get_field(name).related_model is Article
            for field in Article.HEAVY_FIELDS
        ]
        return rows.select_related(*chosen).defer(*heavy)


class Numbered:
    """Rows in the order of the numbers an editor types; an empty number means last."""

    form = NumberedForm
    formset = NumberedFormSet


def _refresh_search(article_ids):
    refresh_search_vectors(ids=list(article_ids))


def articles_url(query: str) -> str:
    """The article list narrowed by `query`, one of its filters ("tag=energy")."""
    return f"{reverse('admin:articles_article_changelist')}?{query}"


def articles_link(count: int, query: str):
    """An author's, a dossier's or a tag's number of articles, leading to the list of them
    (narrowed by `query`)."""
    if not count:
        return 0
    return format_html('<a href="{}">{}</a>', articles_url(query), count)


class AnyOf(Lookup):
    """`lhs = ANY(rhs)` for a list of values, passed as one array (PostgreSQL), where
    `__in` writes one placeholder per value: tens of thousands of them."""

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


# Each word of an admin search is looked for in every headline, standfirst and name, by a
# query of its own: a search of thirty-five "EU"s ran for minutes. The words past these
# are left to the full-text part (PostgreSQL), which reads the whole query at once.
MAX_SEARCH_WORDS = 8


def _search_words(term):
    """The words of an admin search as Django's admin splits them ("quoted words" as one),
    each once whatever its case, at most MAX_SEARCH_WORDS of them."""
    words = [
        unescape_string_literal(word) if word[0] in "\"'" and word[-1] == word[0] else word
        for word in smart_split(term)
    ]
    once = {}
    for word in words:
        once.setdefault(word.lower(), word)
    return list(once.values())[:MAX_SEARCH_WORDS]


def _trigram_indexed(word) -> bool:
    """Whether a trigram index can find `word`: it needs three letters or digits in a row.
    "EU" or "U.S." is found by reading every headline (0.3 s), not the whole index (1 s)."""
    return _TRIGRAM.search(word) is not None


_TRIGRAM = re.compile(r"[^\W_]{3}")


def _containing(word):
    """The ids of the articles with `word` in their headline, standfirst (each through its
    trigram index) or an author's name (a few thousand names, read): not one scan of every
    article joined to its bylines. ArticleAdmin.search_fields, in ids."""
    fields = Q(headline__icontains=word) | Q(standfirst__icontains=word)
    authors = Byline.objects.filter(author__name__icontains=word).values("article_id")
    return (
        Article.objects.filter(fields).values("pk").order_by().union(authors.order_by(), all=True)
    )


# Articles


class AppliedWhenChosen:
    """A filter shown, and so applied, when the address chooses it, even with one choice or
    none: Django drops such a filter, and with it the choice (a link from the author list
    to their articles showed every article)."""

    def has_output(self):
        return super().has_output() or bool(self.used_parameters)


class ListedWhenFew:
    """A filter that lists its choices only up to FEW of them: an outlet's 2,000 authors or
    1,000 tags made a sidebar longer than any page of articles, and each name its own
    link. Past that it shows the one chosen and says how to choose another (`elsewhere`):
    the search box, or the count of articles beside each in its own list."""

    FEW = 100
    template = "admin/articles/article/filter_many.html"
    plural: str  # "authors"
    elsewhere: str

    @property
    def too_many(self) -> str:
        count = len(self.lookup_choices)
        if count <= self.FEW:
            return ""
        return f"{count:,} {self.plural}, too many to list here. {self.elsewhere}"

    def choices(self, changelist):
        """All, the chosen one and "-" (none), when there are too many to list."""
        choices = list(super().choices(changelist))
        if not self.too_many:
            return choices
        last = len(self.lookup_choices)  # All, then each choice, then "-" if offered
        return [
            choice for n, choice in enumerate(choices) if n == 0 or choice["selected"] or n > last
        ]


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


class TagFilter(ListedWhenFew, AppliedWhenChosen, admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"
    plural = "tags"
    elsewhere = "Search for one above, or follow a tag's count of articles under Tags."

    def lookups(self, request, model_admin):
        """The tags of the articles the editor may see (a tag only drafts carry may give a
        story away). For those who see every article, each tag is asked whether one
        article has it, rather than every article's tags collected."""
        links = TaggedArticle.objects.filter(tag=OuterRef("pk"))
        if not workflow.sees_every_article(request.user):
            links = links.filter(content_object__in=model_admin.get_queryset(request))
        used = Tag.objects.filter(Exists(links))
        return used.order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        return queryset.filter(tags__slug=self.value()) if self.value() else queryset


class UsedOnlyFilter(AppliedWhenChosen, admin.RelatedOnlyFieldListFilter):
    """Offers what an article the editor may see is filed under, as Django's filter does;
    Django's collects every article's every link to find them (90 ms at 100,000 articles,
    on each view of the list). For those who see every article, each choice is asked
    whether one link names it instead: an index probe apiece."""

    link: tuple  # the model linking articles to the choices, and its field naming one

    def field_choices(self, field, request, model_admin):
        if not workflow.sees_every_article(request.user):
            return super().field_choices(field, request, model_admin)
        model, name = self.link
        used = Q(Exists(model.objects.filter(**{name: OuterRef("pk")})))
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, limit_choices_to=used, ordering=ordering)


class AuthorFilter(ListedWhenFew, UsedOnlyFilter):
    link = (Byline, "author")
    plural = "authors"
    elsewhere = "Search for a name above, or follow an author's count of articles under Authors."


class DossierFilter(ListedWhenFew, UsedOnlyFilter):
    link = (DossierEntry, "dossier")
    plural = "dossiers"
    elsewhere = "Follow a dossier's count of articles under Dossiers."


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
    formset = CorrectionFormSet
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
        ("bylines__author", AuthorFilter),
        ("dossiers", DossierFilter),
        TagFilter,
    ]
    search_fields = ["headline", "standfirst", "bylines__author__name"]  # _containing's too
    date_hierarchy = "published_at"
    # No "Show counts": one count per choice of every filter, in one statement, which
    # PostgreSQL refuses past 1,664 of them (an outlet with 2,000 authors got a 500).
    show_facets = admin.ShowFacets.NEVER
    # Unpublished work (no time yet) first, then the newest.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    prepopulated_fields = {"slug": ["headline"]}

    def get_search_results(self, request, queryset, search_term):
        """The plain field search (each word in a headline, standfirst or author's name),
        widened on PostgreSQL by the site's full-text index (bodies and tags too, word
        forms: "pipelines" finds "pipeline"). Autocompletes keep the plain search alone:
        they match what is typed so far, half a word.

        The two make one set of ids, each part found through an index on PostgreSQL (the
        words through trigram ones, migration 0014). Django's own search joins every
        byline to its article and reads the whole table, and the joins make duplicates
        that it removes with DISTINCT over every column, the body's included: 300 ms at
        100,000 articles for the list, which runs it in four queries, and up to 2 s a
        keystroke in a dossier's article picker. Each word may name a different author, so
        two co-authors' names find their piece (Django's asks for one author with both).

        With the full-text part, the ids are read once and the list's queries take them as
        one array: as a subquery, each of the list's four queries (its page, its count and
        the dates above it) found them again, the union of tens of thousands of ids joined
        back to the table each time ("EU": 1.3 s, now 0.5; "Russia": 0.76 s, now 0.46)."""
        term = search.clean_query(search_term)
        words = _search_words(term)
        if not words:
            return queryset, False
        plain = Article.objects.all()
        for word in words:
            plain = plain.filter(pk__in=_containing(word))
        ids = plain.values("pk").order_by()  # sets of ids: no model's ordering, no sorting
        autocomplete = request.path.endswith("/autocomplete/")
        if search.is_postgres() and not autocomplete and not search.parse_query(term).is_empty:
            found = Article.objects.filter(search.full_text_match(term)).values("pk").order_by()
            every = list(ids.union(found).values_list("pk", flat=True))
            return queryset.filter(AnyOf(F("pk"), every)), False
        return queryset.filter(pk__in=ids), False

    # Status and publication time change only through the workflow's buttons.
    readonly_fields = [
        "word_count",
        "reading_time",
        "disclaimer_as_published",
        "workflow_status",
        "published_at",
        "drafted_by",
    ]
    inlines = [BylineInline, CorrectionInline, FormerAddressInline]
    actions = ["submit_selected", "approve_selected", "publish_selected", "withdraw_selected"]
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
        (
            "Publication",
            {"fields": ["workflow_status", "published_at", "updated_at", "drafted_by"]},
        ),
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
        ("Disclaimer", {"fields": ["disclaimer", "no_disclaimer", "disclaimer_as_published"]}),
        ("Tags", {"fields": ["tags"]}),
    ]

    def get_queryset(self, request):
        articles = super().get_queryset(request).without_vectors().with_bylines()
        if workflow.sees_every_article(request.user):
            return articles
        return articles.filter(owner=request.user)

    # Permissions, per piece: the workflow decides (contributors: their own drafts).

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return workflow.may_view(request.user, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return workflow.may_edit(request.user, obj)

    def has_review_permission(self, request):
        return request.user.has_perm(workflow.REVIEW)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.PUBLISH):
            fields.append("updated_at")
        return fields

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is None or obj.status != Status.PUBLISHED:  # corrections are for published pieces
            inlines = [inline for inline in inlines if not isinstance(inline, CorrectionInline)]
        return inlines

    # The list.

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        return "Scheduled" if article.is_scheduled else article.get_status_display()

    @admin.display(description="by")
    def byline(self, article):
        return ", ".join(
            str(b.author) if b.role == BylineRole.AUTHOR else f"{b.author} ({b.role})"
            for b in article.bylines.all()
        )

    # Read-only fields of the form.

    @admin.display(description="reading time")
    def reading_time(self, article):
        return f"{article.reading_time} min"

    @admin.display(description="status")
    def workflow_status(self, article):
        if article.is_scheduled:
            return f"Scheduled for {revisions.when(article.published_at)}"
        return article.get_status_display()

    @admin.display(description="drafted by")
    def drafted_by(self, article):
        return revisions.who(article.owner) if article.owner_id else "—"

    # Not named after the model field: Django would show the field's value ("-") instead.
    @admin.display(description="disclaimer as published")
    def disclaimer_as_published(self, article):
        """The text fixed at publication, or the one publishing will fix."""
        if article.disclaimer_text:
            return article.disclaimer_text
        if article.no_disclaimer:
            return "None: this article goes out without a disclaimer."
        preview = article.disclaimer_for_display()
        if not preview:
            return "None: no disclaimer is chosen and the kind has no default."
        return f"Not fixed yet. Publishing will fix: “{preview}”"

    # Saving: every save is a version; a workflow button saves, then takes its step.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with _revision(request):
            article = self._article_for(request, object_id)
            if article is not None:
                self._refuse_unpermitted_step(request, article)
                extra_context = self._workflow_context(request, article) | (extra_context or {})
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        words = _search_words(search.clean_query(request.GET.get(SEARCH_VAR, "")))
        if request.method == "GET" and words and search.is_postgres():
            # A word found in most articles is still looked up in the index; the list's
            # queries run as it renders, so it renders inside.
            with search.through_the_index(scans=not all(map(_trigram_indexed, words))):
                response = super().changelist_view(request, extra_context)
                return response.render() if isinstance(response, TemplateResponse) else response
        with _revision(request):  # for the list actions
            return super().changelist_view(request, extra_context)

    def _article_for(self, request, object_id):
        if object_id is None:
            return Article(owner=request.user)
        return self.get_object(request, unquote(object_id))

    @staticmethod
    def _refuse_unpermitted_step(request, article):
        """A step the user's role does not allow is refused before anything is saved: its
        button is not shown to them, so the request was made by hand."""
        step = request.POST.get(STEP) if request.method == "POST" else None
        if step and not workflow.permitted(step, user=request.user, article=article):
            raise PermissionDenied

    def _workflow_context(self, request, article):
        user = request.user
        # Buttons belong to an editable form; a read-only page has none.
        may_step = article.pk is None or workflow.may_edit(user, article)
        steps = workflow.available(user=user, article=article) if may_step else []
        context = {"workflow_steps": steps, "transition_form": TransitionForm()}
        if article.pk is None:
            return context
        return context | {
            "events": article.events.select_related("by"),
            "note_form": NoteForm(),
            "preview_link": settings.SITE_URL + workflow.preview_path(article),
            "preview_expires": timezone.now() + timedelta(seconds=settings.PREVIEW_LINK_MAX_AGE),
            "may_renew_preview": workflow.may_edit(user, article),
            "version_count": revisions.history(article).count(),
        }

    def save_model(self, request, obj, form, change):
        if not change and obj.owner_id is None:
            obj.owner = request.user
        if change and {"disclaimer", "no_disclaimer"} & set(form.changed_data):
            obj.disclaimer_text = ""  # the editor chose anew: fixed again after saving
        services.save_article(article=obj)
        if not change:
            workflow.created(article=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            if correction.pk:
                correction.save()
            else:
                workflow.correct(
                    article=form.instance,
                    by=request.user,
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

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment("Created.")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.get_change_message() or "Saved without changes.")
        return entry

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get(STEP):
            return self._take_step(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get(STEP):
            return self._take_step(request, obj)
        return super().response_change(request, obj)

    def _take_step(self, request, article):
        name = request.POST[STEP]  # a step of TRANSITIONS: changeform_view refused any other
        done = workflow.TRANSITIONS[name].done
        inputs = TransitionForm(request.POST).step_inputs()
        try:
            workflow.perform(name, article=article, by=request.user, **inputs)
        except workflow.TransitionError as refusal:
            self.message_user(
                request,
                f"Your changes were saved, but the piece was not {done}: {refusal}",
                messages.ERROR,
            )
        else:
            self.message_user(request, f"Saved, and {done}: “{article}”.", messages.SUCCESS)
        return redirect("admin:articles_article_change", article.pk)

    # List actions: the same steps for several pieces at once.

    @admin.action(permissions=["change"], description="Submit selected articles for review")
    def submit_selected(self, request, queryset):
        self._take_steps(request, queryset, "submit")

    @admin.action(permissions=["review"], description="Approve selected articles")
    def approve_selected(self, request, queryset):
        self._take_steps(request, queryset, "approve")

    @admin.action(permissions=["publish"], description="Publish selected articles now")
    def publish_selected(self, request, queryset):
        self._take_steps(request, queryset, "publish")

    @admin.action(permissions=["publish"], description="Withdraw selected articles")
    def withdraw_selected(self, request, queryset):
        self._take_steps(request, queryset, "withdraw")

    def _take_steps(self, request, queryset, name):
        done = 0
        for article in queryset:
            try:
                workflow.perform(name, article=article, by=request.user)
            except workflow.TransitionError as refusal:
                self.message_user(request, f"“{article}”: {refusal}", messages.ERROR)
            else:
                done += 1
        if done:
            label = workflow.TRANSITIONS[name].done
            count = f"{done} article{'s' if done > 1 else ''}"
            self.message_user(request, f"{count} {label}.", messages.SUCCESS)

    # Pages and forms of their own: notes, the preview link, revisions.

    def get_urls(self):
        def view(suffix, function, name):
            return path(
                f"<int:article_id>/{suffix}",
                self.admin_site.admin_view(function),
                name=f"articles_article_{name}",
            )

        return [
            view("notes/", self.note_view, "note"),
            view("preview-link/", self.preview_link_view, "preview_link"),
            view("revisions/", self.revisions_view, "revisions"),
            view("revisions/<int:version_id>/restore/", self.restore_view, "restore"),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, article_id, allowed):
        article = self.get_object(request, str(article_id))
        if article is None:
            raise Http404("No such article.")
        if not allowed(request.user, article):
            raise PermissionDenied
        return article

    def note_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, article_id, workflow.may_view)
        form = NoteForm(request.POST)
        if form.is_valid():
            workflow.add_note(article=article, by=request.user, text=form.cleaned_data["text"])
            self.message_user(request, "Note added.", messages.SUCCESS)
        else:
            errors = " ".join(e for errs in form.errors.values() for e in errs)
            self.message_user(request, f"No note added: {errors}", messages.ERROR)
        return _to_change_page(article, "notes")

    def preview_link_view(self, request, article_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, article_id, workflow.may_edit)
        workflow.new_preview_link(article=article, by=request.user)
        self.message_user(
            request,
            "A new preview link is below; the earlier ones no longer work.",
            messages.SUCCESS,
        )
        return _to_change_page(article, "preview")

    def revisions_view(self, request, article_id):
        article = self._article_or_404(request, article_id, workflow.may_view)
        versions = list(revisions.history(article))
        older, newer = _chosen_pair(versions, request.GET)
        context = self.admin_site.each_context(request) | {
            "title": f"Revisions of “{article}”",
            "opts": self.opts,
            "original": article,
            "has_view_permission": True,
            "versions": versions,
            "older": older,
            "newer": newer,
            "changes": revisions.compare_versions(older, newer) if older and newer else [],
            "may_restore": workflow.may_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, article_id, version_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, article_id, workflow.may_edit)
        version = revisions.history(article).filter(pk=version_id).first()
        if version is None:
            raise Http404("No such version of this article.")
        skipped = revisions.restore(article=article, version=version, by=request.user)
        self.message_user(
            request,
            f"Restored the version of {revisions.when(version.revision.date_created)} as a new "
            "version; the one it replaced stays in the revisions.",
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(request, f"Not brought back: {'; '.join(skipped)}.", messages.WARNING)
        return _to_change_page(article)


@contextmanager
def _revision(request):
    """What a request saves, kept as one version of each article, credited to its user."""
    if request.method != "POST":
        yield
        return
    with reversion.create_revision():
        reversion.set_user(request.user)
        yield


def _to_change_page(article, anchor=""):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


def _chosen_pair(versions, query):
    """The two versions to compare: those asked for (?from=…&to=…), else the latest two;
    the older one first whichever way round they were asked for."""
    by_id = {str(version.pk): version for version in versions}
    newer = by_id.get(query.get("to")) or (versions[0] if versions else None)
    older = by_id.get(query.get("from")) or (versions[1] if len(versions) > 1 else None)
    if older and newer and older.pk > newer.pk:
        older, newer = newer, older
    return (older, newer) if older != newer else (None, newer)


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
            .order_by("name", "pk")  # a count drops Meta.ordering: for the byline picker
        )

    @admin.display(description="current posts")
    def current_posts(self, author):
        return author.current_affiliation_line()

    def picker_labels(self, authors) -> dict[int, str]:
        """In the byline picker, namesakes told apart (outlet.adminsite)."""
        return namesake_labels(authors)

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, author):
        return articles_link(author.article_count, f"bylines__author__id__exact={author.pk}")

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
        return articles_link(tag.article_count, f"tag={tag.slug}")

    @admin.display(description="articles")
    def articles(self, tag):
        if not tag.pk:
            return "—"
        url = articles_url(f"tag={tag.slug}")
        return format_html('<a href="{}">{} with this tag</a>', url, tag.article_count)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:  # tag names are in the search index
            _refresh_search(
                obj.articles_taggedarticle_items.values_list("content_object_id", flat=True)
            )

    @admin.action(permissions=["change", "delete"], description="Merge selected tags")
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
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        ids = [i for i in request.session.get("selected_tag_ids", "").split(",") if i.isdigit()]
        tags = Tag.objects.filter(pk__in=ids).order_by("name")
        if not tags:
            return redirect("admin:taggit_tag_changelist")
        form = TagMergeForm(request.POST or None)
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
