"""schema.org data for article and author pages (rendered as JSON-LD by base.html)."""

from django.conf import settings

from outlet.pagemeta import absolute, website

from .models import Article, Author, Byline, BylineRole, Kind

# The schema.org type for each kind of article:
# - opinion and commentary argue a view: OpinionNewsArticle;
# - analysis: AnalysisNewsArticle;
# - report: a think tank's report is schema.org's Report (reportage is what `news` is for);
# - news: NewsArticle.
SCHEMA_TYPES = {
    Kind.OPINION: "OpinionNewsArticle",
    Kind.ANALYSIS: "AnalysisNewsArticle",
    Kind.COMMENTARY: "OpinionNewsArticle",
    Kind.REPORT: "Report",
    Kind.NEWS: "NewsArticle",
}

# The schema.org property each byline role fills.
ROLE_PROPERTIES = {
    BylineRole.AUTHOR: "author",
    BylineRole.TRANSLATOR: "translator",
    BylineRole.EDITOR: "editor",
}


def _organisation(name: str) -> dict:
    return {"@type": "Organization", "name": name}


def _affiliation(line: str) -> dict:
    """A byline's line, 'Visiting research fellow, Danube Institute', as schema.org says it.

    The line is free text an editor may edit, so it is read generously: 'role, organisation'
    parts become a job title and an organisation; anything else stays a description.
    """
    posts = [part.strip() for part in line.split(";") if part.strip()]
    if not posts or any("," not in post for post in posts):
        return {"description": line} if line else {}
    roles, organisations = zip(*(post.split(",", 1) for post in posts), strict=True)
    return {
        "jobTitle": "; ".join(role.strip() for role in roles),
        "affiliation": [_organisation(org.strip()) for org in organisations],
    }


def person(author: Author, *, line: str = "", path: str = "") -> dict:
    path = path or author.get_absolute_url()
    data = {"@type": "Person", "name": author.name, "url": absolute(path)}
    return data | _affiliation(line)


def byline_person(byline: Byline) -> dict:
    return person(byline.author, line=byline.affiliation_for_display())


def article(
    article: Article, *, image_url: str = "", path: str = "", people=None, keywords=None
) -> dict:
    """The article as schema.org says it. A caller that has them already passes its `path`,
    `people` (a (role, Person) pair per byline, in byline order) and `keywords` (tag names)."""
    url = absolute(path or article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(article.kind, "Article"),
        "headline": article.headline,
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": settings.OUTLET_LANGUAGE,
        "wordCount": article.word_count,
        "publisher": {"@type": "Organization", "name": settings.OUTLET_NAME, "url": absolute("/")},
        "isPartOf": website(),
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    data["dateModified"] = (
        article.updated_at or article.published_at or article.modified_at
    ).isoformat()
    if people is None:
        people = [(byline.role, byline_person(byline)) for byline in article.bylines.all()]
    for role, someone in people:
        data.setdefault(ROLE_PROPERTIES[role], []).append(someone)
    if keywords is None:
        keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    if image_url:
        data["image"] = image_url
    if article.original_url:
        data["isBasedOn"] = article.original_url
    return data


def author_page(author: Author, *, photo_url: str = "") -> dict:
    """The Person an author page is about, with current posts and where else to find them."""
    current = [a for a in author.affiliations.all() if a.is_current]
    data = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }
    if bio := author.bio:
        data["description"] = bio
    if current:
        data["jobTitle"] = "; ".join(a.role for a in current)
        data["affiliation"] = [_organisation(a.organisation) for a in current]
    if links := [link.url for link in author.links.all()]:
        data["sameAs"] = links
    if photo_url:
        data["image"] = photo_url
    return data
