"""Editorial actions on dossiers."""

from django.db import transaction
from django.db.models import Max

from articles.models import Article

from .models import Dossier, DossierEntry


@transaction.atomic
def dossier_add(
    *, dossier: Dossier, article: Article, position: int | None = None, note: str = ""
) -> DossierEntry:
    """Put `article` in `dossier` (at the end unless a position is given); idempotent."""
    if position is None:
        last = dossier.entries.aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
    entry, _ = DossierEntry.objects.update_or_create(
        dossier=dossier, article=article, defaults={"position": position, "note": note}
    )
    return entry
