"""The bio sentence and byline affiliation line, written from structured affiliations.

"Ibrahim Mammadov is a visiting research fellow at the Danube Institute, Budapest, Hungary.
Previously, he served as a research fellow at …, as a scholar at … and as a research
assistant at … in Baku, Azerbaijan."
"""

_AN_EXCEPTIONS = ("uni", "use", "one", "eu", "ur")
_SILENT_H = ("honorary", "honour", "honor", "hour")


def indefinite(noun: str) -> str:
    """'a' or 'an' before `noun`, by how it is usually said."""
    word = noun.lower()
    if word.startswith(_SILENT_H):
        return f"an {noun}"
    if word[:1] in "aeiou" and not word.startswith(_AN_EXCEPTIONS):
        return f"an {noun}"
    return f"a {noun}"


def _organisation(affiliation) -> str:
    return f"the {affiliation.organisation}" if affiliation.the else affiliation.organisation


def _post(affiliation, *, with_place: bool) -> str:
    text = f"{indefinite(affiliation.role)} at {_organisation(affiliation)}"
    if with_place and affiliation.place:
        text += f", {affiliation.place}"
    return text


def _series(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (the house style: no serial comma)."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _previous_clause(previous) -> str:
    places = {a.place for a in previous}
    shared_place = places.pop() if len(places) == 1 else ""
    posts = [f"as {_post(a, with_place=False)}" for a in previous]
    if not shared_place:
        posts = [
            f"{post} in {a.place}" if a.place else post
            for post, a in zip(posts, previous, strict=True)
        ]
    clause = _series(posts)
    return f"{clause} in {shared_place}" if shared_place else clause


def bio_sentence(name: str, pronoun: str, affiliations) -> str:
    """The generated bio: current posts first, then previous ones, as one or two sentences."""
    current = [a for a in affiliations if a.is_current]
    previous = [a for a in affiliations if not a.is_current]
    subject = pronoun or name
    sentences = []
    if current:
        sentences.append(f"{name} is {_series([_post(a, with_place=True) for a in current])}.")
        if previous:
            sentences.append(f"Previously, {subject} served {_previous_clause(previous)}.")
    elif previous:
        sentences.append(f"{name} previously served {_previous_clause(previous)}.")
    return " ".join(sentences)


def affiliation_line(current) -> str:
    """The short line under a byline: 'Visiting research fellow, Danube Institute'."""
    return "; ".join(f"{a.role[:1].upper()}{a.role[1:]}, {a.organisation}" for a in current)
