from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from outlet.paths import path_to, short_path
from outlet.richtext import RichTextField, count_words, reading_minutes, sanitise
from outlet.uploads import validate_image

from .bios import affiliation_line, bio_sentence


class Kind(models.TextChoices):
    OPINION = "opinion", "Opinion"
    ANALYSIS = "analysis", "Analysis"
    COMMENTARY = "commentary", "Commentary"
    REPORT = "report", "Report"
    NEWS = "news", "News"


KIND_LABELS = dict(Kind.choices)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Pronoun(models.TextChoices):
    HE = "he", "he/him"
    SHE = "she", "she/her"
    THEY = "they", "they/them"
    NAME = "", "none (repeat the name)"


class AuthorQuerySet(models.QuerySet):
    def with_profile(self):
        return self.prefetch_related("affiliations", "links")

    def with_live_articles(self):
        """Authors credited on at least one live article."""
        live_ids = Byline.objects.filter(article__in=Article.objects.live()).values("author_id")
        return self.filter(pk__in=live_ids)


class Author(models.Model):
    name = models.CharField(max_length=200, help_text="As it appears in bylines.")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The author's address: /authors/<slug>/."
    )
    pronoun = models.CharField(
        max_length=8,
        choices=Pronoun.choices,
        default=Pronoun.NAME,
        blank=True,
        help_text="Used in the generated bio sentence ('Previously, she served as …').",
    )
    bio_override = models.TextField(
        "bio",
        blank=True,
        help_text="Leave empty to generate the bio sentence from the affiliations below. "
        "Text typed here replaces it word for word.",
    )
    photo = models.ImageField(
        upload_to="authors/",
        blank=True,
        validators=[validate_image],
        width_field="photo_width",
        height_field="photo_height",
        help_text="A square portrait works best.",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return path_to("authors:detail", self.slug)

    @property
    def bio(self):
        """The bio sentence readers see: the override, or one made from the affiliations."""
        return self.bio_override.strip() or bio_sentence(
            self.name, self.pronoun, list(self.affiliations.all())
        )

    def current_affiliation_line(self):
        return affiliation_line([a for a in self.affiliations.all() if a.is_current])


class Affiliation(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(
        max_length=200, help_text="Lower case as in a sentence: 'research fellow'."
    )
    organisation = models.CharField(max_length=300)
    the = models.BooleanField(
        "say ‘the’",
        default=True,
        help_text="Say 'the' before the organisation's name ('at the Danube Institute').",
    )
    place = models.CharField(max_length=200, blank=True, help_text="City, country.")
    is_current = models.BooleanField("current", default=True)
    position = models.PositiveIntegerField(default=0, help_text="Order within current or previous.")

    class Meta:
        ordering = ["-is_current", "position", "pk"]

    def __str__(self):
        return f"{self.role}, {self.organisation}"


class AuthorLink(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=100, help_text="What readers see: 'Website', 'Mastodon'.")
    url = models.URLField("address")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Disclaimer(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="For editors only.")
    text = models.TextField(
        help_text="Plain text. {outlet} stands for the outlet's name. Articles already "
        "published keep the text they were published with."
    )
    default_for = models.CharField(
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text="New articles of this kind get this disclaimer unless an editor picks another.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["default_for"],
                condition=~Q(default_for=""),
                name="one_default_disclaimer_per_kind",
                violation_error_message="Another disclaimer is already the default for this kind.",
            )
        ]

    def __str__(self):
        return self.name

    def render(self):
        # str.replace, not format(): a brace in an editor's text must not break the page.
        return self.text.replace("{outlet}", settings.OUTLET_NAME)


def live_condition(path: str = "", *, at=None) -> Q:
    """The live rule as a condition on the article at `path` ("entries__article__"), so a
    query can join to articles instead of testing membership in a subquery of all of them.
    `ArticleQuerySet.live()` is this condition on the articles themselves. Due by `at`,
    now unless given; never later than now, which would show scheduled pieces early."""
    now = timezone.now()
    if at is not None and at > now:
        raise ValueError("The live rule cannot look ahead: a scheduled piece is not live yet.")
    due = now if at is None else at
    return Q(**{f"{path}status": Status.PUBLISHED, f"{path}published_at__lte": due})


class ArticleQuerySet(models.QuerySet):
    def live(self, *, at=None):
        """The one definition of what the public may see: published, and due (now, or by
        `at`)."""
        return self.filter(live_condition(at=at))

    def scheduled(self):
        """Published but not yet due: what goes live by itself when its time comes."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())

    def without_vectors(self):
        """Without the search vectors, which only search's own SQL reads."""
        vectors = [f.name for f in self.model._meta.fields if isinstance(f, SearchVectorField)]
        return self.defer(*vectors)

    def with_bylines(self):
        """With each article's bylines and their authors, in one more query."""
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        )

    def for_listing(self):
        """What a card needs, fetched in a fixed number of queries: not the body, which
        PostgreSQL keeps compressed out of line and would read and unpack for each card."""
        return self.without_vectors().defer("body").with_bylines()

    def for_page(self):
        """What an article page and a feed item need (never the search vectors)."""
        return (
            self.without_vectors()
            .select_related("disclaimer")
            .prefetch_related(
                Prefetch(
                    "bylines",
                    queryset=Byline.objects.select_related("author").prefetch_related(
                        "author__affiliations"
                    ),
                ),
                "tags",
                "corrections",
            )
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Article(models.Model):
    # Kilobytes each, kept compressed out of line: left out where an article is only named.
    HEAVY_FIELDS = ("body", "search_vector", "ranking_vector")

    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=300,
        unique=True,
        help_text="The article's address: /articles/<slug>/. Changing it keeps the old address "
        "working.",
    )
    standfirst = models.TextField(
        help_text="The one-paragraph summary under the headline; also the summary in feeds "
        "and search results."
    )
    body = RichTextField(blank=True, help_text="Headings, lists, links, quotes and emphasis.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ANALYSIS)
    # No index of its own: article_live_by_time leads with it. (A plan made once for any
    # status read every published article's id through one to find one match.)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publication time",
        null=True,
        blank=True,
        help_text="A published article with a time in the future goes live at that time.",
    )
    updated_at = models.DateTimeField(
        "last substantive update",
        null=True,
        blank=True,
        help_text="Shown as 'Updated' to readers. Corrections set it.",
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)

    lead_image = models.ImageField(
        upload_to="articles/%Y/",
        blank=True,
        validators=[validate_image],
        width_field="lead_image_width",
        height_field="lead_image_height",
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    lead_image_caption = models.CharField("caption", max_length=500, blank=True)
    lead_image_credit = models.CharField("credit", max_length=200, blank=True)

    original_publication = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a piece first published elsewhere: 'The Astana Times'.",
    )
    original_url = models.URLField(
        "original address",
        max_length=500,
        blank=True,
        help_text="The first publication's address; it becomes the page's canonical link.",
    )

    disclaimer = models.ForeignKey(
        Disclaimer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Leave empty for the default disclaimer of the article's kind.",
    )
    no_disclaimer = models.BooleanField(
        default=False, help_text="Publish without any disclaimer, even the default."
    )
    disclaimer_text = models.TextField(
        "disclaimer as published",
        blank=True,
        help_text="Fixed when the article is published, so later edits to the house "
        "disclaimer do not change the archive.",
    )

    tags = TaggableManager(through="TaggedArticle", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Who drafts the piece; contributors may edit only their own.",
    )
    # Part of every share-preview signature: regenerating it revokes the links out there.
    preview_key = models.CharField(max_length=32, blank=True, editable=False)
    # Filled on PostgreSQL by articles.search.refresh_search_vector (headline, standfirst,
    # authors, tags, body, weighted); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # The same without the body, for ranking: small enough to stay inline in the row
    # (storage MAIN), so ranking thousands of matches never reads the body's vector.
    ranking_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Live articles by time, in the order of every list (newest_first); with the id
            # in the key, counting or joining the live ones (a big tag, the dossiers'
            # counts, the tags sitemap) and finding a deep page's ids read this index
            # alone, never the table, and never sort.
            models.Index(fields=["status", "-published_at", "-id"], name="article_live_by_time"),
            # Every article by time, the admin's list order (unpublished work, with no time,
            # first: PostgreSQL's descending order puts nulls first too).
            models.Index(fields=["-published_at", "-id"], name="article_by_time"),
        ]
        permissions = [
            ("edit_any_article", "Can edit articles drafted by others"),
            ("review_article", "Can return and approve articles"),
            ("publish_article", "Can publish, schedule and withdraw articles"),
        ]

    def __str__(self):
        return self.headline

    def get_kind_display(self):
        # Django's builds a dictionary of every choice at each call; a list prints it per card.
        return KIND_LABELS.get(self.kind, self.kind)

    def get_absolute_url(self):
        return path_to("articles:detail", self.slug)

    def get_short_url(self):
        return short_path(self.pk)

    def save(self, *args, **kwargs):
        self.body = sanitise(self.body)
        self.word_count = count_words(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.lead_image and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = "An image needs alt text: say what it shows."
        if self.original_url and not self.original_publication.strip():
            errors["original_publication"] = "Name the publication the original address belongs to."
        if (
            self.slug
            and ArticleSlug.objects.filter(slug=self.slug).exclude(article_id=self.pk).exists()
        ):
            errors["slug"] = "Another article used this address before; choose another slug."
        if errors:
            raise ValidationError(errors)

    @property
    def is_live(self):
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and not self.is_live

    @property
    def reading_time(self):
        """Minutes, derived from the word count."""
        return reading_minutes(self.word_count)

    def resolved_disclaimer(self):
        """The disclaimer that publishing now would fix: the chosen one or the kind's default."""
        if self.no_disclaimer:
            return None
        return self.disclaimer or Disclaimer.objects.filter(default_for=self.kind).first()

    def disclaimer_for_display(self):
        """The text readers see: fixed at publication, else what publishing would fix."""
        if self.no_disclaimer:
            return ""
        if self.disclaimer_text:
            return self.disclaimer_text
        disclaimer = self.resolved_disclaimer()
        return disclaimer.render() if disclaimer else ""

    def credited(self, role="author"):
        return [b for b in self.bylines.all() if b.role == role]


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE)

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_article_tag")]


def live_tags():
    """Tags on at least one live article. A tag only drafts carry stays unknown to the
    public: its name may give a story away.

    Asked of each tag, one live article found and no more: as a semi-join (IN, EXISTS)
    PostgreSQL joined every tag link to every live article, 170 ms at 100,000 articles
    for the tags' sitemap; this takes 12."""
    one_live = TaggedArticle.objects.filter(live_condition("content_object__"), tag=OuterRef("pk"))
    return Tag.objects.alias(live_link=Subquery(one_live.values("pk")[:1])).filter(
        live_link__isnull=False
    )


class BylineRole(models.TextChoices):
    AUTHOR = "author", "Author"
    TRANSLATOR = "translator", "Translator"
    EDITOR = "editor", "Editor"


class Byline(models.Model):
    # No index of its own: one_byline_per_author_role leads with it, and, holding the
    # author too, lets the search's author facet count bylines from the index alone.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="bylines", db_index=False
    )
    author = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        related_name="bylines",
        help_text="Authors with published articles cannot be deleted.",
    )
    role = models.CharField(max_length=20, choices=BylineRole.choices, default=BylineRole.AUTHOR)
    affiliation = models.CharField(
        "affiliation line",
        max_length=300,
        blank=True,
        help_text="Filled from the author's current affiliation when the article is published; "
        "edit it to say something else for this article.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author", "role"], name="one_byline_per_author_role"
            )
        ]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"

    def affiliation_for_display(self):
        return self.affiliation or self.author.current_affiliation_line()


class ArticleSlug(models.Model):
    """An address an article had before its slug changed; it answers 301."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=300, unique=True)
    retired_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"

    def __str__(self):
        return self.slug


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    CLARIFICATION = "clarification", "Clarification"
    UPDATE = "update", "Update"
    RETRACTION = "retraction", "Retraction"


class Correction(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(
        max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION
    )
    text = models.TextField(help_text="What was wrong and what is right, in plain words.")
    published_at = models.DateTimeField(default=timezone.now, help_text="Shown as the note's date.")

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["-published_at"], name="correction_published")]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.published_at:%d %B %Y}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"


class EventAction(models.TextChoices):
    CREATE = "create", "created"
    SUBMIT = "submit", "submitted for review"
    RETURN = "return", "returned to the contributor"
    APPROVE = "approve", "approved"
    PUBLISH = "publish", "published"
    SCHEDULE = "schedule", "scheduled"
    WITHDRAW = "withdraw", "withdrawn"
    CORRECT = "correct", "corrected"
    NOTE = "note", "noted"
    RESTORE = "restore", "restored an earlier version"


class ArticleEvent(models.Model):
    """The editorial record of an article: who did what, when, with what note. Never public."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=EventAction.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True, help_text="Internal; never shown to readers.")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "editorial event"

    def __str__(self):
        return f"{self.by or 'Someone'} {self.get_action_display()} “{self.article}”"
