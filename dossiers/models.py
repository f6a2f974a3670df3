import calendar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify

from articles.models import Article
from outlet.paths import path_to
from outlet.richtext import RichTextField, sanitise


class DossierQuerySet(models.QuerySet):
    def public(self):
        """Dossiers an editor has opened to readers."""
        return self.filter(is_public=True)


class Dossier(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The dossier's address: /dossiers/<slug>/."
    )
    standfirst = models.TextField(help_text="One paragraph: the question this dossier follows.")
    introduction = RichTextField(blank=True, help_text="The context a newcomer needs first.")
    is_public = models.BooleanField(
        "public",
        default=False,
        help_text="Shown on the public site. Only live articles ever appear in it.",
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Shown in the featured band on the home page."
    )
    articles = models.ManyToManyField(
        Article, through="DossierEntry", related_name="dossiers", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return path_to("dossiers:detail", self.slug)

    def save(self, *args, **kwargs):
        self.introduction = sanitise(self.introduction)
        super().save(*args, **kwargs)


class DossierEntry(models.Model):
    """One article in a dossier's curated order, with the editor's note on it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="dossier_entries")
    position = models.PositiveIntegerField(default=0)
    note = models.TextField(
        "editor's note", blank=True, help_text="Why this piece matters here; shown with it."
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "article in the dossier"
        verbose_name_plural = "articles in the dossier"
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "article"],
                name="article_once_per_dossier",
                violation_error_message="This article is already in the dossier.",
            )
        ]
        indexes = [models.Index(fields=["article", "dossier"], name="entry_article")]

    def __str__(self):
        return f"{self.dossier}: {self.article}"


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_date(value, precision) -> str:
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return f"{calendar.month_name[value.month]} {value.year}"
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def format_span(start, end, precision) -> str:
    """'10 July 2025', '10–11 May 2024', '30 April – 2 May 2024', 'May 2024'."""
    if not end or end == start:
        return format_date(start, precision)
    if precision == Precision.DAY and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end, precision)}"
    if precision == Precision.DAY and start.year == end.year:
        return f"{start.day} {calendar.month_name[start.month]} – {format_date(end, precision)}"
    return f"{format_date(start, precision)} – {format_date(end, precision)}"


class TimelineEvent(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(
        help_text="For a month or a year, any day within it; the precision decides what shows."
    )
    end_date = models.DateField(
        blank=True, null=True, help_text="For an event over several days: its last day."
    )
    precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    title = models.CharField(max_length=300, help_text="What happened, in one line.")
    description = models.TextField(blank=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="timeline_events",
        help_text="Optional: the article that tells this part of the story.",
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "timeline event"

    def __str__(self):
        return f"{self.display_date}: {self.title}"

    def clean(self):
        if self.end_date and self.date and self.end_date < self.date:
            raise ValidationError({"end_date": "The last day cannot come before the first."})

    @property
    def display_date(self):
        return format_span(self.date, self.end_date, self.precision)


class KeyTerm(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="key_terms")
    term = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        blank=True,
        help_text="The anchor on the dossier page; filled from the term.",
    )
    other_names = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names readers meet, separated by semicolons: 'Middle Corridor; TITR'.",
    )
    definition = models.TextField(help_text="Two or three plain sentences.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "term"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "slug"], name="key_term_slug_per_dossier")
        ]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return term_address(self.dossier.get_absolute_url(), self.slug)

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.term)[:200]
        super().save(*args, **kwargs)

    @property
    def names(self):
        return term_names(self.term, self.other_names)


def term_address(dossier_address: str, slug: str) -> str:
    """Where a key term is explained: its entry on its dossier's page."""
    return f"{dossier_address}#term-{slug}"


def term_names(term: str, other_names: str) -> list[str]:
    """The term first, then its other names: every phrase that refers to it."""
    return [term, *(name.strip() for name in other_names.split(";") if name.strip())]
