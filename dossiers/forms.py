"""Admin forms for dossiers."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from articles.forms import NumberedForm


class KeyTermForm(NumberedForm):
    """Fills the anchor from the term here, so a clash is a form error, not a crash on save."""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("term"):
            cleaned["slug"] = slugify(cleaned["term"])[:200]
            if not cleaned["slug"]:
                raise ValidationError({"slug": "Give this term an anchor: letters or digits."})
        return cleaned
