"""Admin forms: numbered inline rows, the byline rule, the tag picker, the guard against
lost updates, and the workflow's note and schedule inputs."""

from collections import Counter
from functools import cached_property, partial

from django import forms
from django.contrib.admin.widgets import (
    AdminSplitDateTime,
    AdminTextareaWidget,
    AutocompleteMixin,
    AutocompleteSelect,
    get_select2_language,
)
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from taggit.forms import MergeTagsForm

from . import revisions, workflow
from .models import Article, Author, BylineRole, Status
from .services import NO_AUTHOR

TAG_NAME_LENGTH = 100  # taggit's Tag.name
# The posted name of the workflow button pressed on the article form ("approve", …).
STEP = "workflow-action"


class NumberedForm(forms.ModelForm):
    """An inline row whose `position` may be left empty: it then goes after the others."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["position"]
        position.required = False
        position.help_text = "Lower numbers come first; leave empty to put it last."
        if self.instance._state.adding:
            self.initial["position"] = None


class EditorFormSet(BaseInlineFormSet):
    """Inline rows that show what each row already holds without asking the database again,
    one query per row: the object being edited (a row's __str__ may name it), and the
    object its autocomplete shows, when the inline read it with the row (select_related)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = form.instance
        if self.instance.pk is not None and getattr(row, self.fk.attname) == self.instance.pk:
            self.fk.set_cached_value(row, self.instance)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # the admin's wrapper
            if isinstance(widget, ForgivingAutocompleteSelect):
                widget.known = self._held(row, name, field)

    @staticmethod
    def _held(row, name, field):
        """(id, label) of the object `row` holds in `name`, if it was read with the row."""
        relation = row._meta.get_field(name)
        chosen = relation.get_cached_value(row) if relation.is_cached(row) else None
        return None if chosen is None else (chosen.pk, field.label_from_instance(chosen))


class NumberedFormSet(EditorFormSet):
    """Gives rows left without a number the next numbers, in the order they appear."""

    def clean(self):
        super().clean()
        rows = [form for form in self.forms if self._kept(form)]
        numbers = [form.cleaned_data["position"] for form in rows if self._numbered(form)]
        next_number = max(numbers, default=-1) + 1
        for form in rows:
            if not self._numbered(form):
                form.instance.position = next_number
                next_number += 1

    def get_unique_error_message(self, unique_check):
        fields = [name for name in unique_check if name != self.fk.name]
        labels = [str(self.form.base_fields[name].label or name).lower() for name in fields]
        return f"Two rows have the same {' and '.join(labels)}: keep one."

    def _kept(self, form):
        data = getattr(form, "cleaned_data", None)
        return bool(data) and not self._should_delete_form(form)

    @staticmethod
    def _numbered(form):
        return form.cleaned_data.get("position") is not None


class BylineFormSet(NumberedFormSet):
    """A published article, or one about to be, needs someone in the role of author. A
    chosen author who shares their name with another shows as the picker showed them."""

    def _held(self, row, name, field):
        held = super()._held(row, name, field)
        if held is None or name != "author":
            return held
        return held[0], self._namesakes.get(held[0], held[1])

    @cached_property
    def _namesakes(self) -> dict[int, str]:
        return namesake_labels(byline.author for byline in self.get_queryset())

    def clean(self):
        super().clean()
        # The admin builds this formset on the article form's instance, which knows whether
        # the button pressed publishes it.
        publishing = getattr(self.instance, "publishing", False)
        if self.instance.status != Status.PUBLISHED and not publishing:
            return
        roles = {form.cleaned_data.get("role") for form in self.forms if self._kept(form)}
        if BylineRole.AUTHOR not in roles:
            raise ValidationError(NO_AUTHOR, code="no_author")


class CorrectionFormSet(EditorFormSet):
    """A correction is dated at or after the article's publication (to the minute the page
    shows): one dated before it would tell readers the piece was corrected before they
    could have read it. Checked against the publication time the button pressed with the
    save gives (ArticleAdminForm)."""

    def clean(self):
        super().clean()
        published = getattr(self.instance, "publication_time", self.instance.published_at)
        if published is None:
            return
        moved = published != self.instance.published_at  # by the button pressed
        earliest = published.replace(second=0, microsecond=0)
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or self._should_delete_form(form):
                continue
            dated = "published_at" in form.changed_data or form.instance._state.adding
            if not (dated or moved):
                continue  # an older note left as it was does not hold up other edits
            at = form.cleaned_data.get("published_at")
            if at is not None and at < earliest:
                form.add_error("published_at", _before_publication(published, moved))


def _before_publication(published, moved: bool) -> str:
    when = f"{timezone.localtime(published):%-d %B %Y at %H:%M}"
    if moved:
        said = f"with this save, the piece is published on {when}"
    elif published > timezone.now():
        said = f"this piece goes live on {when}"
    else:
        said = f"this piece was published on {when}"
    return f"A correction cannot be dated before publication: {said}."


def namesake_labels(authors) -> dict[int, str]:
    """Labels for the authors among `authors` who share their name with another author, to
    tell them apart where a byline is chosen: their current posts, with their address
    where a namesake holds the same ones. The others keep their name."""
    authors = list(authors)
    shared = set(
        Author.objects.filter(name__in={author.name for author in authors})
        .values("name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("name", flat=True)
    )
    if not shared:
        return {}
    namesakes = Author.objects.filter(name__in=shared).prefetch_related("affiliations")
    posts = {author.pk: author.current_affiliation_line() for author in namesakes}
    alike = Counter((author.name, posts[author.pk]) for author in namesakes)
    return {
        a.pk: _namesake_label(a, posts[a.pk], alike[a.name, posts[a.pk]] > 1)
        for a in authors
        if a.pk in posts
    }


def _namesake_label(author, posts: str, alike: bool) -> str:
    if not posts:
        return f"{author.name} — {author.slug}"
    return f"{author.name} — {posts} ({author.slug})" if alike else f"{author.name} — {posts}"


class ForgivingAutocompleteSelect(AutocompleteSelect):
    """Re-renders a posted value that cannot be an id ("abc", 10**30) as empty, where
    Django's widget would pass it to the database and fail. Labels the chosen object from
    `known` when it is the one chosen (EditorFormSet), where Django's widget reads it."""

    known = None  # (id, label) of the object the row holds

    def optgroups(self, name, value, attr=None):
        value = [v for v in value if self._is_id(v)]
        if self.known is None or value != [str(self.known[0])]:
            return super().optgroups(name, value, attr)
        pk, label = self.known
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]

    def _is_id(self, value):
        target = self.field.target_field
        try:
            target.run_validators(target.to_python(value))
        except ValidationError:
            return False
        return True


class TagAutocomplete(forms.SelectMultiple):
    """The admin's own select2 in "tags" mode: pick an existing tag or type a new one.

    Options carry tag names, not ids, so a new tag needs no round trip before saving.
    """

    media = AutocompleteMixin.media

    def __init__(self, url, attrs=None):
        super().__init__(attrs)
        self.url = url
        self.i18n_name = get_select2_language()

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        return attrs | {
            "class": "admin-autocomplete",
            "data-ajax--url": str(self.url),
            "data-ajax--cache": "true",
            "data-ajax--delay": 250,
            "data-ajax--type": "GET",
            "data-tags": "true",
            "data-token-separators": '[","]',
            "data-theme": "admin-autocomplete",
            "data-placeholder": "",
            "lang": self.i18n_name,
        }

    def format_value(self, value):
        return [getattr(tag, "name", tag) for tag in value or []]

    def optgroups(self, name, value, attrs=None):
        self.choices = [(tag, tag) for tag in value]
        return super().optgroups(name, value, attrs)


class TagNamesField(forms.Field):
    """Tag names, whether picked one by one or typed as a comma-separated list."""

    widget = TagAutocomplete
    default_validators = [ProhibitNullCharactersValidator()]

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        names, seen = [], set()
        for item in value or []:
            for name in str(item).split(","):
                name = " ".join(name.split())
                if name and name.casefold() not in seen:
                    seen.add(name.casefold())
                    names.append(name)
        return names

    def validate(self, value):
        super().validate(value)
        too_long = [name for name in value if len(name) > TAG_NAME_LENGTH]
        if too_long:
            raise ValidationError(
                f"A tag can be at most {TAG_NAME_LENGTH} characters: “{too_long[0][:40]}…”."
            )
        # The tag's address is made from its letters and digits; "#" or "🇺🇦" alone has none.
        unaddressable = [name for name in value if not slugify(name, allow_unicode=True)]
        if unaddressable:
            raise ValidationError(f"A tag needs a letter or a digit: “{unaddressable[0]}”.")

    def run_validators(self, value):
        for name in value:
            super().run_validators(name)

    def has_changed(self, initial, data):
        before = {getattr(tag, "name", tag).casefold() for tag in initial or []}
        return before != {name.casefold() for name in self.to_python(data)}


class TagMergeForm(MergeTagsForm):
    """taggit's form for merging tags, with the name held to a tag field's rules: a tag
    named "###" had no address, and every page of an article carrying it failed."""

    def clean_new_tag_name(self):
        names = TagNamesField(widget=forms.TextInput).clean(self.cleaned_data["new_tag_name"])
        if len(names) > 1:
            raise ValidationError("Merge into one tag: a name without commas.")
        return names[0]


class ConflictToken(forms.CharField):
    """The version the editor started from (revisions.edit_token): how a save on top of
    someone else's is caught, never a change of the editor's own (a revision's "Changed
    edit_token.")."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class ArticleAdminForm(forms.ModelForm):
    """The article form. It carries, hidden, the version it was opened at: a save made on
    top of someone else's later save is refused with what they changed, and the text typed
    here stays in the form (no lost update)."""

    tags = TagNamesField(
        required=False,
        widget=TagAutocomplete(url=reverse_lazy("admin:articles_tag_names")),
        help_text="Start typing to pick a tag; press Enter or a comma to make a new one.",
    )
    edit_token = ConflictToken()

    conflict = None  # a revisions.Conflict when the save was refused for one

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["edit_token"] = revisions.edit_token(self.instance)
        step = self.data.get(STEP)
        self.instance.publishing = step in workflow.PUBLISHING
        # What the button pressed makes it: a correction saved with it is checked against
        # that (CorrectionFormSet).
        at = TransitionForm(self.data).step_inputs()["at"] if self.is_bound else None
        self.instance.publication_time = workflow.publication_time(step, self.instance, at=at)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_a_lost_update()
        return cleaned_data

    def _refuse_a_lost_update(self):
        token = self.data.get(self.add_prefix("edit_token"), "")
        self.conflict = revisions.conflict(article=self.instance, token=token)
        if self.conflict is None:
            return
        # The form comes back carrying the version saved meanwhile: saving again, having
        # seen what changed, replaces it.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = self.conflict.token
        raise ValidationError(self.conflict.message, code="conflict")

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "kind",
            "standfirst",
            "body",
            "updated_at",
            "lead_image",
            "lead_image_alt",
            "lead_image_caption",
            "lead_image_credit",
            "original_publication",
            "original_url",
            "disclaimer",
            "no_disclaimer",
            "tags",
        ]
        help_texts = {
            "disclaimer": "Leave empty for the default disclaimer of the article's kind. "
            "Choosing another one for a published article fixes its text afresh on saving.",
        }
        error_messages = {
            "slug": {"unique": "Another article has this address; choose another slug."},
        }
        # Addresses typed without a scheme are taken as https:// (Django 6's default too).
        field_classes = {"original_url": partial(forms.URLField, assume_scheme="https")}


class TransitionForm(forms.Form):
    """What some workflow buttons need besides the article: a note to return a piece
    with, a time to schedule it for. The button pressed is posted as STEP."""

    note = forms.CharField(
        label="Note for the contributor",
        required=False,
        max_length=5000,
        widget=AdminTextareaWidget(attrs={"rows": 3}),
        help_text="Needed to return the piece: say what to change. Kept in the editorial "
        "notes, never shown to readers.",
    )
    at = forms.SplitDateTimeField(
        label="Publication time",
        required=False,
        widget=AdminSplitDateTime,
        help_text="Needed to schedule the piece; it goes live by itself at this time.",
    )

    prefix = "workflow"

    def step_inputs(self) -> dict:
        """The note and the time as typed, each left out when it is not valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"note": data.get("note", ""), "at": data.get("at")}


class NoteForm(forms.Form):
    prefix = "note"  # its field's id stays apart from the article form's

    text = forms.CharField(
        label="Add a note",
        max_length=5000,
        widget=AdminTextareaWidget(attrs={"rows": 3}),
        help_text="For the people working on this piece; never shown to readers.",
    )
