"""The public pages the browser checks visit: add a page here and every check covers it."""

from dataclasses import dataclass

SEED_ARTICLE = "/articles/kazakhstans-role-in-the-armenia-azerbaijan-peace-process/"
SEED_AUTHOR = "/authors/ibrahim-mammadov/"
SEED_DOSSIER = "/dossiers/caucasus-connectivity/"


@dataclass(frozen=True)
class Page:
    path: str
    status: int = 200
    # A page still to be built: its checks are skipped while it answers 404.
    not_built_yet: bool = False


PAGES = [
    Page("/"),
    Page("/articles/"),
    Page(SEED_ARTICLE),
    Page("/authors/"),
    Page(SEED_AUTHOR),
    Page("/dossiers/"),
    Page(SEED_DOSSIER),
    Page("/tags/armenia/"),
    Page("/corrections/"),
    Page("/articles/no-such-thing/", status=404),
    Page("/articles/?page=9", status=404),  # past the last page: links back to the list
    Page("/search/?q=Minsk", not_built_yet=True),
]

# What screenshots.py photographs.
SHOWCASE = {"home": "/", "article": SEED_ARTICLE, "author": SEED_AUTHOR, "dossier": SEED_DOSSIER}
