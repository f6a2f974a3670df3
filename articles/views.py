"""The reader's pages for articles, authors, tags and corrections.

Every list starts from `Article.objects.live()`; a logged-in staff user may also open an
article that is not live yet, marked as a preview and never cached.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from dossiers.reading import dossier_boxes
from outlet.dates import moment
from outlet.pagemeta import (
    PageMeta,
    absolute_media,
    breadcrumbs,
    collection_page,
    page_path,
    page_title,
    site_addresses,
)
from outlet.pagination import IdsFirstPaginator, NoSuchPage
from outlet.paths import path_to
from outlet.sessions import has_session

from . import citations, jsonld, search, workflow
from .bios import affiliation_line, bio_sentence
from .follow import follows_for
from .keyterms import link_key_terms
from .models import (
    Article,
    ArticleSlug,
    Author,
    Byline,
    BylineRole,
    Correction,
    Disclaimer,
    live_condition,
    live_tags,
)
from .reading import page_article


class PublicPageMixin:
    """A public page, described by `get_meta()`. (outlet.pagecache says how long it keeps.)

    A list's page it does not have (?page=9999 after the list shrank, ?page=abc) is a
    404 that says so and links the list's first and last pages."""

    def get_meta(self, context) -> PageMeta:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except NoSuchPage as missing:
            return render(request, "404.html", {"missing_page": missing}, status=404)

    def get_paginator(self, *args, **kwargs):
        self.paginator = super().get_paginator(*args, **kwargs)
        return self.paginator

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            raise NoSuchPage(self.request, self.page_kwarg, self.paginator.num_pages) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = self.get_meta(context)
        return context

    def list_meta(self, context, *, title, description) -> PageMeta:
        """One page of a list (?page=N): its own title and address, a CollectionPage."""
        page_obj = context["page_obj"]
        path = page_path(self.request.path, page_obj)
        return PageMeta(
            title=page_title(title, page_obj),
            description=description,
            path=path,
            structured=[
                collection_page(
                    name=title, description=description, path=path, items=context["object_list"]
                ),
                breadcrumbs((title, self.request.path)),
            ],
        )


class LiveArticleList(PublicPageMixin, ListView):
    """Live articles, newest first, as cards, twenty to a page (?page=N; bad N is 404)."""

    paginate_by = 20
    paginator_class = IdsFirstPaginator
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.live().for_listing().newest_first()


class ArticleArchiveView(LiveArticleList):
    template_name = "articles/archive.html"

    def get_meta(self, context):
        return self.list_meta(
            context,
            title="All articles",
            description=f"Every article published by {settings.OUTLET_NAME}, newest first.",
        )


class TagView(LiveArticleList):
    template_name = "articles/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(live_tags(), slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, feed_subject=self.tag, **kwargs)

    def get_meta(self, context):
        return self.list_meta(
            context,
            title=self.tag.name,
            description=f"Articles about {self.tag.name} from {settings.OUTLET_NAME}.",
        )


class AuthorListView(PublicPageMixin, ListView):
    template_name = "authors/list.html"
    context_object_name = "authors"
    paginate_by = 60

    def get_queryset(self):
        return (
            Author.objects.with_live_articles()
            .prefetch_related("affiliations")
            .order_by("name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counted for this page's authors only: counting for every author first would
        # read every byline and article at each visit.
        authors = context["authors"]
        counts = dict(
            Byline.objects.filter(live_condition("article__"), author__in=[a.pk for a in authors])
            .values("author")
            .annotate(n=Count("article", distinct=True))
            .values_list("author", "n")
        )
        for author in authors:
            author.live_count = counts.get(author.pk, 0)
        return context

    def get_meta(self, context):
        return self.list_meta(
            context,
            title="Authors",
            description=f"The people who write for {settings.OUTLET_NAME}.",
        )


class AuthorDetailView(LiveArticleList):
    """An author's profile and every live article they are credited on."""

    template_name = "authors/detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(
            Author.objects.with_live_articles().with_profile(), slug=self.kwargs["slug"]
        )
        credited = Byline.objects.filter(author=self.author).values("article_id")
        return super().get_queryset().filter(pk__in=credited)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, feed_subject=self.author, **kwargs)

    def get_meta(self, context):
        author, page_obj = self.author, context["page_obj"]
        photo = absolute_media(author.photo)
        return PageMeta(
            title=page_title(author.name, page_obj),
            description=author.bio or f"Articles by {author.name} in {settings.OUTLET_NAME}.",
            path=page_path(self.request.path, page_obj),
            kind="profile",
            image=photo,
            image_alt=author.name if photo else "",
            structured=[
                jsonld.author_page(author, photo_url=photo),
                breadcrumbs(("Authors", reverse("authors:list")), (author.name, self.request.path)),
            ],
        )


class CorrectionListView(PublicPageMixin, ListView):
    """Every correction to a live article, newest first."""

    template_name = "articles/corrections.html"
    context_object_name = "corrections"
    paginate_by = 50

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.live())
            .select_related("article")
            .defer("article__body", "article__search_vector")  # a list needs headlines only
            .order_by("-published_at", "-pk")
        )

    def get_meta(self, context):
        owner = settings.OUTLET_NAME
        return self.list_meta(
            context,
            title="Corrections",
            description=f"Every correction, clarification and update to {owner}’s articles.",
        )


def _may_use_admin(request) -> bool:
    """Staff, signed in (with their second factor when the admin asks for one). Without a
    session cookie nobody is: readers are told so without a session or user being made."""
    return has_session(request) and admin.site.has_permission(request)


def _visible(request):
    """What this reader may open: live articles; for whoever may use the admin also the
    pieces they may work on: every piece for editors, their own for a contributor."""
    if not _may_use_admin(request):
        return Article.objects.live()
    if workflow.sees_every_article(request.user):
        return Article.objects.all()
    return Article.objects.filter(live_condition() | Q(owner=request.user))


def _article_or_404(request, slug):
    return get_object_or_404(_visible(request).for_page(), slug=slug)


def article_detail(request, slug):
    if _may_use_admin(request):  # staff: perhaps a piece that is not live yet
        article = page_article(slug, _visible(request))
    else:
        article = page_article(slug)
    if article is None:
        return _former_address(slug)
    return _article_page(request, article)


def shared_preview(request, token):
    """A share-preview link (articles.workflow.preview_path): the piece as readers will see
    it, for someone without an account. Marked as a preview, never cached or indexed; an
    invalid, expired or revoked link is 404, and once the piece is live it leads there."""
    article = workflow.article_for_preview(token)
    if article is None:
        raise Http404("This preview link is invalid, expired or revoked.")
    if article.is_live:
        return redirect(article)
    # Read again for its page; a replica may not have it yet, or its slug just changed.
    page = page_article(article.slug, Article.objects.filter(pk=article.pk))
    if page is None:
        raise Http404("This preview is not available yet; try again in a moment.")
    response = _article_page(request, page)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the address is the key: never pass it on
    return response


# What a byline says before the name.
ROLE_PHRASES = {
    BylineRole.AUTHOR: "By",
    BylineRole.TRANSLATOR: "Translated by",
    BylineRole.EDITOR: "Edited by",
}


@dataclass(frozen=True)
class Credit:
    """One byline as the page prints it."""

    role: str
    phrase: str  # "By", "Translated by"; empty for the second and later authors
    name: str
    url: str
    line: str  # the affiliation line: Byline.affiliation_for_display()


@dataclass(frozen=True)
class Person:
    """One of the people credited, for "About the author"."""

    name: str
    url: str
    photo: str
    bio: str  # Author.bio


def _article_page(request, article):
    """The page in a fixed number of queries: the article (above, or a preview's) with its
    bylines, their authors and the authors' affiliations, its tags and its dossiers; its
    corrections (one more) only when it has any. Everything the template prints is worked
    out here, once, so that the template only places it."""
    bylines = article.page_bylines
    authors = list({byline.author.pk: byline.author for byline in bylines}.values())
    author_urls = {author.pk: author.get_absolute_url() for author in authors}
    credits = []
    for n, byline in enumerate(bylines):
        author = byline.author
        current = [a for a in author.bio_affiliations if a.is_current]
        credits.append(
            Credit(
                role=byline.role,
                phrase=ROLE_PHRASES.get(byline.role, "By")
                if n == 0 or byline.role != BylineRole.AUTHOR
                else "",
                name=author.name,
                url=author_urls[author.pk],
                line=byline.affiliation or affiliation_line(current),
            )
        )
    people = [
        Person(
            name=author.name,
            url=author_urls[author.pk],
            photo=author.photo.url if author.photo else "",
            bio=author.bio_override.strip()
            or bio_sentence(author.name, author.pronoun, author.bio_affiliations),
        )
        for author in authors
    ]
    tags = [(name, path_to("tags:detail", slug)) for name, slug in article.page_tags]
    boxes = dossier_boxes(article.page_dossiers, article)
    path = article.get_absolute_url()
    schema_people = [
        (credit.role, jsonld.person(byline.author, line=credit.line, path=credit.url))
        for byline, credit in zip(bylines, credits, strict=True)
    ]
    context = {
        "article": article,
        "path": path,
        "body": _body_with_key_terms(article, boxes),
        "credits": credits,
        "people": people,
        "tags": tags,
        "corrections": list(article.corrections.all()) if article.has_corrections else [],
        "disclaimer": _disclaimer(article),
        "dossier_boxes": boxes,
        "citation": citations.chicago(article, bylines=bylines),
        "follows": follows_for(authors),
        "preview": not article.is_live,
        "published": moment(article.published_at),
        "updated": moment(article.updated_at),
        "meta": _article_meta(
            article, path=path, people=schema_people, keywords=[n for n, _ in tags]
        ),
    }
    response = render(request, "articles/detail.html", context)
    if context["preview"]:
        add_never_cache_headers(response)
    return response


def _disclaimer(article) -> str:
    """Article.disclaimer_for_display(), with the disclaimer that applies (page_disclaimer)
    read alongside the article."""
    if article.no_disclaimer or article.disclaimer_text:
        return article.disclaimer_for_display()
    text = article.page_disclaimer
    return "" if text is None else Disclaimer(text=text).render()


def _body_with_key_terms(article, boxes):
    """The body with the key terms of its public dossiers linked (sanitised when saved)."""
    terms = [term for box in boxes for term in box.key_terms]
    return mark_safe(link_key_terms(article.body, terms))


def _article_meta(article: Article, *, path: str, people, keywords) -> PageMeta:
    image = absolute_media(article.lead_image)
    return PageMeta(
        title=article.headline,
        description=article.standfirst,
        path=path,
        canonical=article.original_url,
        kind="article",
        image=image,
        image_alt=article.lead_image_alt if image else "",
        structured=[
            jsonld.article(article, image_url=image, path=path, people=people, keywords=keywords),
            breadcrumbs(("Articles", site_addresses().archive), (article.headline, path)),
        ],
        noindex=not article.is_live,
    )


def _former_address(slug):
    """301 from an address the article had before its slug changed (only once it is live)."""
    former = get_object_or_404(
        ArticleSlug.objects.filter(article__in=Article.objects.live()).select_related("article"),
        slug=slug,
    )
    return redirect(former.article, permanent=True)


def short_link(request, pk):
    """/a/<id>/: the permanent address citations use; 301 to the article's current one."""
    return redirect(get_object_or_404(Article.objects.live(), pk=pk), permanent=True)


def _download(article, text: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if not article.is_live:  # a staff preview's citation: never kept by any cache
        add_never_cache_headers(response)
    return response


def cite_bibtex(request, slug):
    article = _article_or_404(request, slug)
    return _download(
        article,
        citations.bibtex(article),
        content_type="application/x-bibtex",
        filename=f"{slug}.bib",
    )


def cite_ris(request, slug):
    article = _article_or_404(request, slug)
    return _download(
        article,
        citations.ris(article),
        content_type="application/x-research-info-systems",
        filename=f"{slug}.ris",
    )


class SearchView(PublicPageMixin, ListView):
    """/search/?q=…: live articles matching the query, narrowed by facets (kind, year,
    author, dossier), twenty to a page. Queries are cleaned and cut at
    search.MAX_QUERY_LENGTH characters; an empty or operator-only query asks for words."""

    template_name = "search.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.query = search.clean_query(self.request.GET.get("q", ""))
        self.filters = search.Filters.from_params(self.request.GET)
        self.results = search.best(self.query, self.filters)
        return self.results.ids

    def get_paginate_by(self, queryset):
        # Past the time limit there is nothing to page through: any page asks the same.
        return None if self.results.timed_out else self.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = self.results
        page = context["page_obj"].object_list if context["page_obj"] is not None else []
        parsed = search.parse_query(self.query)
        cards, counts = search.cards_and_facets(results, page, self.query)
        return context | {
            "articles": cards,
            "query": self.query,
            "searched": bool(self.request.GET.get("q", "").strip()),
            "has_words": not parsed.is_empty,
            "only_excluded": (parsed.is_empty and bool(parsed.excluded)) or results.exclusions_only,
            "too_common": results.common_only,
            "result_count": results.total,
            "listed": len(results.ids),
            "capped": results.capped,
            "timed_out": results.timed_out,
            "facets": search.facet_links(self.query, self.filters, counts),
            "filtered": self.filters != search.Filters(),
            "unfiltered": search.page_query(self.query, search.Filters()).rstrip("&"),
            "page_query": search.page_query(self.query, self.filters),
        }

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.results.timed_out:  # a busy moment's answer, not this search's page
            add_never_cache_headers(response)
        return response

    def get_meta(self, context):
        title = f"Search: {self.query}" if self.query else "Search"
        return PageMeta(
            title=page_title(title, context["page_obj"]),
            description=f"Search the articles of {settings.OUTLET_NAME}.",
            path=reverse("search"),
            noindex=True,
        )
