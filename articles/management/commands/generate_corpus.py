"""Fill a database with a realistic synthetic corpus, for benchmarks and index checks.

Why: Outlet must stay fast at 100,000 articles, and that can only be measured against a
database of that size with a realistic shape (multi-paragraph bodies, several bylines,
tags, dossiers, corrections, a spread of dates and statuses) and realistic text: search
costs what its words match, so the vocabulary is large and Zipf-distributed and each
article is about a couple of topics (see "Text" below). Everything is inserted in bulk
(COPY on PostgreSQL), in one transaction; the text is drawn with seeded random
generators, so two runs with the same --seed make the same corpus. It refuses to touch a
database that already holds articles unless --force is given.

100,000 articles take about five minutes on PostgreSQL on two cores: a second process
writes the text while the database stores the batch before, and the search indexes are
built once at the end rather than kept current row by row.
"""

import multiprocessing
import os
import random
import sys
import time
import traceback
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from itertools import accumulate

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction
from django.db.models import NOT_PROVIDED
from django.utils import timezone
from taggit.models import Tag

from articles.models import (
    Affiliation,
    Article,
    Author,
    Byline,
    BylineRole,
    Correction,
    CorrectionKind,
    Kind,
    Status,
    TaggedArticle,
)
from articles.search import refresh_search_vectors
from dossiers.models import Dossier, DossierEntry, KeyTerm, Precision, TimelineEvent
from outlet import pagecache
from outlet.richtext import count_words

# Text ---------------------------------------------------------------------------------
#
# A real archive's vocabulary is large and Zipf-distributed, and each article is about a
# couple of topics: "sanctions" occurs in a few percent of the articles, not in half of
# them, and a phrase like "price cap" mostly in the pieces about that topic. Search cost
# depends on exactly this (how many articles a word matches), so the corpus imitates it:
#
# - running text is drawn from one ranked vocabulary (function words, then a few hundred
#   common words of policy prose, then a long tail of made-up words standing for names and
#   jargon) with Zipf-Mandelbrot weights, 1 / (rank + 2.7);
# - each article has a primary topic and usually a secondary one, and places; topic terms
#   and places are mixed into its sentences, so they cluster in the articles about them;
# - topics and places are themselves Zipf-weighted: some are covered far more than others.

FUNCTION_WORDS = str.split(
    "the of and to in a that is for on as with by it was are this from be has have at which "
    "not but its an their more than or over between after will would could been also they "
    "into while where when most such these those both still only even under against since "
    "about through because without"
)
COMMON_WORDS = str.split(
    "government policy minister economic regional political security trade country state "
    "public foreign national international cooperation agreement development investment "
    "growth market power influence strategy reform crisis conflict region leaders officials "
    "president parliament opposition party coalition capital budget debt inflation currency "
    "exports imports infrastructure transport energy gas oil electricity water border "
    "neighbours partners alliance diplomacy negotiations talks summit treaty deal framework "
    "institutions law court rights justice media society protest reforms corruption "
    "governance administration ministry agency bank finance funding loans companies firms "
    "industry production supply demand prices costs revenue taxes spending military defence "
    "army forces troops war peace ceasefire settlement mediation dialogue relations "
    "interests priorities balance pressure support opposition rivals competition influence "
    "leverage dependence autonomy sovereignty integration connectivity routes roads "
    "logistics shipping freight transit cargo networks projects plans proposals decisions "
    "measures commitments obligations standards rules regulation data technology digital "
    "innovation research universities education health housing labour workers jobs wages "
    "unemployment poverty inequality population communities minorities citizens voters "
    "youth women families farmers cities villages provinces districts municipalities centre "
    "periphery north south east west coast mountains river lake steppe desert valley "
    "climate emissions renewables food agriculture land ownership privatisation state-owned "
    "enterprises sector services tourism remittances diaspora networks elites families "
    "patronage bureaucracy legitimacy stability uncertainty risk risks opportunity "
    "opportunities challenge challenges question questions answer debate consensus "
    "disagreement compromise response approach position stance shift change continuity "
    "legacy history memory identity language culture religion nationalism populism "
    "democracy authoritarianism transition succession constitution referendum campaign "
    "candidates turnout results"
)
# Topics, most covered first: a name (also a tag and dossier title) and its terms, most
# frequent first.
TOPICS = {
    "Russian influence": ["Russian influence", "Kremlin", "Moscow", "Russian troops",
                          "Eurasian Economic Union", "CSTO"],
    "peace process": ["peace process", "peace talks", "ceasefire line", "peace treaty",
                      "mediators", "confidence-building", "prisoner exchange"],
    "energy security": ["energy security", "gas supplies", "storage", "LNG", "interconnectors",
                        "diversification", "blackouts", "grid"],
    "trade corridors": ["Middle Corridor", "trade corridors", "transit fees", "container trains",
                        "customs", "dry ports", "ferry capacity"],
    "elections": ["elections", "ballots", "polling stations", "observers", "recount",
                  "electoral commission", "runoff", "vote buying"],
    "border delimitation": ["border delimitation", "demarcation", "enclaves", "border guards",
                            "checkpoints", "maps", "boundary commission"],
    "water rights": ["water rights", "irrigation", "dams", "reservoirs", "upstream",
                     "downstream", "water sharing", "canals"],
    "migration": ["migration", "labour migrants", "visas", "deportations", "asylum",
                  "work permits", "seasonal workers"],
    "public debt": ["public debt", "Eurobonds", "default", "restructuring", "creditors",
                    "IMF programme", "bond yields", "debt relief"],
    "sanctions": ["sanctions", "export controls", "price cap", "asset freezes", "shadow fleet",
                  "secondary sanctions", "circumvention", "embargo", "designations"],
    "grain exports": ["grain exports", "harvest", "grain", "wheat prices", "fertiliser",
                      "silos", "food security", "export quotas"],
    "pipeline politics": ["pipeline politics", "pipelines", "gas pipeline", "transit deal",
                          "pipeline capacity", "compressor stations", "Gazprom"],
    "rail freight": ["rail freight", "railways", "rolling stock", "gauge", "freight wagons",
                     "railway link", "rail corridor"],
    "climate adaptation": ["climate adaptation", "heatwaves", "glacier melt", "resilience",
                           "adaptation finance", "desertification"],
    "minority rights": ["minority rights", "minority languages", "autonomy statute",
                        "discrimination", "language law", "ethnic minorities"],
    "press freedom": ["press freedom", "journalists", "censorship", "foreign agents law",
                      "independent media", "broadcasters", "jailed reporters"],
    "defence spending": ["defence spending", "procurement", "arms imports", "drones",
                         "air defence", "conscription", "military budget"],
    "critical minerals": ["critical minerals", "rare earths", "lithium", "copper", "uranium",
                          "mining licences", "processing plants"],
    "port investment": ["port investment", "terminals", "deep-water port", "port concession",
                        "dredging", "shipping lines"],
    "digital governance": ["digital governance", "e-government", "data protection",
                           "internet shutdowns", "surveillance", "cybersecurity"],
    "refugee policy": ["refugee policy", "refugees", "displaced people", "camps",
                       "resettlement", "humanitarian aid", "returns"],
    "central banking": ["central bank", "interest rates", "devaluation", "exchange rate",
                        "reserves", "monetary policy", "dollarisation"],
    "oil markets": ["oil markets", "crude exports", "OPEC", "oil revenues", "refineries",
                    "oil price", "output cuts"],
    "anti-corruption": ["anti-corruption", "bribery", "asset declarations", "prosecutors",
                        "money laundering", "beneficial ownership", "kleptocracy"],
    "nuclear diplomacy": ["nuclear programme", "enrichment", "IAEA", "inspectors",
                          "nuclear deal", "centrifuges"],
    "hydropower": ["hydropower", "hydropower plants", "turbines", "power exports",
                   "Rogun", "cascade"],
    "Chinese investment": ["Chinese investment", "Belt and Road", "Chinese loans",
                           "joint ventures", "Chinese contractors"],
    "EU enlargement": ["EU enlargement", "candidate status", "accession talks",
                       "Brussels", "association agreement", "visa liberalisation"],
    "Turkish foreign policy": ["Turkish foreign policy", "Ankara", "Turkic states",
                               "Organisation of Turkic States", "Erdoğan"],
    "Black Sea security": ["Black Sea security", "naval drills", "straits", "Montreux",
                           "sea mines", "naval blockade"],
    "labour markets": ["labour markets", "wages", "informal work", "skills gap",
                       "youth unemployment", "minimum wage"],
    "food prices": ["food prices", "bread prices", "subsidies", "price controls",
                    "cost of living"],
    "Arctic shipping": ["Arctic shipping", "Northern Sea Route", "icebreakers",
                        "polar routes"],
    "constitutional reform": ["constitutional reform", "term limits", "amendments",
                              "constitutional court", "presidential powers"],
    "religion and state": ["religion and state", "clergy", "religious freedom",
                           "secularism", "mosques", "churches"],
    "urban development": ["urban development", "housing", "new capital", "metro",
                          "urban planning", "demolitions"],
}  # fmt: skip
PLACES = [
    "Russia", "Ukraine", "Iran", "Türkiye", "China", "Kazakhstan", "Azerbaijan", "Georgia",
    "Armenia", "Uzbekistan", "the European Union", "the United States", "Central Asia",
    "the South Caucasus", "the Black Sea", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
    "Moldova", "Belarus", "Poland", "Hungary", "Romania", "Bulgaria", "Serbia", "India",
    "Pakistan", "Afghanistan", "the Caspian", "Mongolia", "Egypt", "Israel", "Saudi Arabia",
    "Qatar", "the Gulf", "Iraq", "Syria", "Lebanon", "Jordan", "Kenya", "Ethiopia",
    "Nigeria", "the Sahel", "Algeria", "Morocco", "Indonesia", "Brazil", "Mexico", "Chile",
    "Canada", "Norway", "the Arctic", "the Baltic", "Finland", "Estonia", "Latvia",
    "Lithuania", "Germany", "France", "Italy", "Greece", "Cyprus", "Albania", "Kosovo",
    "Bosnia", "Montenegro", "North Macedonia", "Japan", "South Korea", "Vietnam",
]  # fmt: skip
VERBS = [
    "reshapes", "tests", "complicates", "opens", "reframes", "undermines", "strengthens",
    "exposes", "redraws", "delays", "accelerates", "unsettles",
]  # fmt: skip
HEADLINES = [
    "How {term} {verb} {place}",
    "Why {term} matters for {place}",
    "{Place} and the new politics of {term}",
    "{Term} in {place}: what changes now",
    "The limits of {term} in {place}",
    "{Place} bets on {term}",
    "What {term} means for {place} and {term2}",
    "{Term}, {term2} and the future of {place}",
]  # fmt: skip
SYLLABLES_ON = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh",
                "ch", "br", "tr", "st", "dr"]  # fmt: skip
SYLLABLES_NU = ["a", "e", "i", "o", "u", "ai", "ou", "ia"]
SYLLABLES_CO = ["", "", "n", "r", "l", "s", "m", "k", "t"]
LONG_TAIL = 40_000  # made-up words after the real ones: names, jargon, rare words
FIRST = [
    "Ana", "Ibrahim", "Nino", "Aliya", "Jonas", "Maria", "Tomasz", "Leyla", "Daniel", "Sofia",
    "Arman", "Elif", "Oleksandr", "Mei", "Kwame", "Priya", "Lucas", "Ingrid", "Omar", "Zara",
]  # fmt: skip
LAST = ["Mammadov", "Beridze", "Nurlanova", "Keller", "Rossi", "Nowak", "Aliyeva", "Cohen",
        "Petrova", "Grigoryan", "Yilmaz", "Shevchenko", "Chen", "Mensah", "Sharma", "Silva",
        "Larsen", "Haddad", "Okafor", "Dubois"]  # fmt: skip
ORGS = ["Institute for Regional Studies", "Centre for Policy Research", "Danube Institute",
        "Caspian Policy Forum", "University of Vienna", "Council on Connectivity",
        "Black Sea Observatory", "Eurasia Analysis Group", "Steppe Economic Forum"]  # fmt: skip
CITIES = [
    "Baku, Azerbaijan", "Tbilisi, Georgia", "Yerevan, Armenia", "Astana, Kazakhstan",
    "Budapest, Hungary", "Vienna, Austria", "Berlin, Germany", "London, United Kingdom",
]  # fmt: skip
ROLES = ["research fellow", "senior analyst", "professor", "visiting scholar", "director",
         "economist", "correspondent", "associate fellow"]  # fmt: skip
KIND_WEIGHTS = [
    (Kind.ANALYSIS, 40), (Kind.OPINION, 25), (Kind.COMMENTARY, 15), (Kind.NEWS, 15),
    (Kind.REPORT, 5),
]  # fmt: skip


def zipf_cumulative(n, exponent=1.0, offset=2.7):
    """Cumulative Zipf-Mandelbrot weights for ranks 1..n, for random.choices(cum_weights=)."""
    return list(accumulate(1 / (rank + offset) ** exponent for rank in range(1, n + 1)))


def made_up_words(rng, n, taken):
    """`n` distinct pronounceable words, none of them a real word of the corpus."""
    words, seen = [], set(taken)
    while len(words) < n:
        word = "".join(
            rng.choice(SYLLABLES_ON) + rng.choice(SYLLABLES_NU) + rng.choice(SYLLABLES_CO)
            for _ in range(rng.choice([2, 2, 2, 3]))
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Progress:
    """A one-line progress bar on stderr, quiet at verbosity 0."""

    def __init__(self, label, total, verbosity):
        self.label, self.total, self.done, self.quiet = label, max(total, 1), 0, verbosity == 0
        self.started = time.monotonic()

    def advance(self, n):
        self.done += n
        if self.quiet:
            return
        filled = int(30 * self.done / self.total)
        elapsed = time.monotonic() - self.started
        sys.stderr.write(
            f"\r{self.label:<12} [{'#' * filled}{'.' * (30 - filled)}] "
            f"{self.done:>7}/{self.total} {elapsed:6.1f}s"
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _let_go_of_the_database():
    """In a forked child: closes its copies of the parent's database sockets, at the OS
    level only (a proper close would end the parent's session), so that when the parent
    dies PostgreSQL sees its connection go and ends the transaction at once."""
    for connection_ in connections.all(initialized_only=True):
        fileno = getattr(connection_.connection, "fileno", None)
        if connection_.vendor == "postgresql" and fileno:
            with suppress(OSError):
                os.close(fileno())


class Command(BaseCommand):
    help = "Generate a synthetic corpus (default 100,000 articles) in bulk."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--authors", type=int, default=2_000)
        parser.add_argument("--dossiers", type=int, default=200)
        parser.add_argument("--tags", type=int, default=1_000)
        parser.add_argument(
            "--seed", type=int, default=1, help="Random seed: same seed, same corpus."
        )
        parser.add_argument("--batch", type=int, default=2_000, help="Rows per bulk insert.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already holds articles (slower: its search indexes "
            "are kept current rather than rebuilt, so readers are not locked out meanwhile).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be made, stop.")

    def handle(self, *args, **options):
        self.adding = Article.objects.exists()
        if self.adding and not options["force"]:
            raise CommandError(
                "This database already holds articles; refusing to add a corpus to it. "
                "Use --force to add one anyway."
            )
        counts = {k: options[k] for k in ("articles", "authors", "dossiers", "tags")}
        if options["dry_run"]:
            self.stdout.write("Would generate " + ", ".join(f"{v} {k}" for k, v in counts.items()))
            return
        self.rng = random.Random(options["seed"])
        self.make_vocabulary()
        self.batch = options["batch"]
        self.verbosity = options["verbosity"]
        self.now = timezone.now()
        started = time.monotonic()
        with transaction.atomic():
            tags = self.make_tags(counts["tags"])
            authors = self.make_authors(counts["authors"])
            article_ids = self.make_articles(counts["articles"], authors, tags)
            self.make_dossiers(counts["dossiers"], article_ids, tags)
            pagecache.bump()
        if self.verbosity:
            self.stdout.write(
                f"Generated {len(article_ids)} articles, {len(authors)} authors, "
                f"{counts['dossiers']} dossiers and {len(tags)} tags in "
                f"{time.monotonic() - started:.0f}s."
            )

    # Text -----------------------------------------------------------------------------

    def make_vocabulary(self):
        rng = self.rng
        real = set(FUNCTION_WORDS) | set(COMMON_WORDS)
        real |= {
            word.lower() for terms in TOPICS.values() for term in terms for word in term.split()
        }
        self.vocabulary = FUNCTION_WORDS + COMMON_WORDS + made_up_words(rng, LONG_TAIL, real)
        self.vocabulary_weights = zipf_cumulative(len(self.vocabulary))
        self.topics = list(TOPICS)
        self.topic_weights = zipf_cumulative(len(self.topics), exponent=0.8, offset=1)
        self.place_weights = zipf_cumulative(len(PLACES), exponent=1.0, offset=1)
        self.term_weights = {topic: zipf_cumulative(len(terms), offset=0.5)
                             for topic, terms in TOPICS.items()}  # fmt: skip

    def subject(self):
        """What one article is about: one or two topics and one or two places."""
        rng = self.rng
        topics = rng.choices(self.topics, cum_weights=self.topic_weights, k=2)
        places = rng.choices(PLACES, cum_weights=self.place_weights, k=2)
        if topics[0] == topics[1] or rng.random() < 0.3:
            topics.pop()
        if places[0] == places[1] or rng.random() < 0.5:
            places.pop()
        return topics, places

    def term(self, topic, rng=None):
        rng = rng or self.rng
        return rng.choices(TOPICS[topic], cum_weights=self.term_weights[topic])[0]

    def paragraph(self, topics, places, sentences=None):
        """Sentences of Zipf-drawn words, each usually carrying a term of the article's
        topics (the first topic three times as often) and sometimes one of its places."""
        rng = self.rng
        lengths = [rng.randint(7, 18) for _ in range(sentences or rng.randint(4, 7))]
        words = rng.choices(self.vocabulary, cum_weights=self.vocabulary_weights, k=sum(lengths))
        out, at = [], 0
        for length in lengths:
            sentence = words[at : at + length]
            at += length
            if rng.random() < 0.6:
                topic = topics[0] if len(topics) == 1 or rng.random() < 0.75 else topics[1]
                sentence.insert(rng.randrange(length), self.term(topic))
            if rng.random() < 0.25:
                place = rng.choice(places) if rng.random() < 0.9 else rng.choice(PLACES)
                sentence.insert(rng.randrange(length), place)
            text = " ".join(sentence)
            out.append(f"{text[0].upper()}{text[1:]}.")
        return " ".join(out)

    def headline(self, topics, places):
        rng = self.rng
        term, place = self.term(topics[0]), places[0]
        term2 = self.term(topics[-1])
        if term2 == term:
            term2 = topics[-1] if topics[-1] != term else rng.choice(COMMON_WORDS)
        text = rng.choice(HEADLINES).format(
            term=term, Term=term[0].upper() + term[1:], term2=term2, verb=rng.choice(VERBS),
            place=place, Place=place[0].upper() + place[1:],
        )  # fmt: skip
        return text

    # Objects --------------------------------------------------------------------------

    def bulk(self, model, rows, label=None):
        progress = Progress(label or model._meta.verbose_name_plural, len(rows), self.verbosity)
        created = []
        for start in range(0, len(rows), self.batch):
            chunk = insert(model, rows[start : start + self.batch])
            created.extend(chunk)
            progress.advance(len(chunk))
        return created

    def make_tags(self, n):
        """Topics and places first (the tags an article about them carries), then
        "topic in place" tags, the narrower ones an editor adds."""
        names = [topic[0].upper() + topic[1:] for topic in TOPICS]
        names += [place.removeprefix("the ") for place in PLACES]
        names += [
            f"{topic[0].upper()}{topic[1:]} in {place}" for place in PLACES for topic in TOPICS
        ]
        names += [f"Theme {i}" for i in range(max(0, n - len(names)))]
        names = names[:n]
        existing = list(Tag.objects.filter(name__in=names))  # the seed's, or an earlier run's
        taken = {tag.name for tag in existing}
        rows = [Tag(name=name, slug=f"t{i}-{name.lower().replace(' ', '-')}"[:100])
                for i, name in enumerate(names) if name not in taken]  # fmt: skip
        return existing + self.bulk(Tag, rows, "tags")

    def tags_for(self, tags_by_name, topics, places, rng):
        """The article's topic and place tags that exist, and sometimes a narrower one."""
        names = [topic[0].upper() + topic[1:] for topic in topics]
        names += [place.removeprefix("the ") for place in places if rng.random() < 0.7]
        if rng.random() < 0.3:
            names.append(f"{names[0]} in {places[0]}")
        return [tags_by_name[name] for name in names if name in tags_by_name]

    def make_authors(self, n):
        rng = self.rng
        rows = []
        for i in range(n):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            rows.append(
                Author(
                    name=name,
                    slug=f"{name.lower().replace(' ', '-')}-{i}",
                    pronoun=rng.choice(["he", "she", "they", ""]),
                )
            )
        authors = self.bulk(Author, rows, "authors")
        affiliations = []
        for author in authors:
            for position in range(rng.randint(1, 4)):
                affiliations.append(
                    Affiliation(
                        author=author,
                        role=rng.choice(ROLES),
                        organisation=rng.choice(ORGS),
                        place=rng.choice(CITIES),
                        is_current=position == 0,
                        position=position,
                    )
                )
        self.bulk(Affiliation, affiliations, "affiliations")
        return authors

    def article_state(self, i, n):
        """Mostly live, spread over twenty years; a few drafts, in review, scheduled, withdrawn."""
        rng = self.rng
        published_at = self.now - timedelta(days=7300 * (i + 1) / n, minutes=rng.randint(0, 600))
        roll = rng.random()
        if roll < 0.01:
            return Status.PUBLISHED, self.now + timedelta(hours=rng.randint(1, 240))
        if roll < 0.02:
            return Status.DRAFT, None
        if roll < 0.03:
            return Status.REVIEW, None
        if roll < 0.035:
            return Status.WITHDRAWN, published_at
        return Status.PUBLISHED, published_at

    def make_articles(self, n, authors, tags):
        """The articles with their bylines, tags, corrections and search vectors, a batch
        at a time, while a second process writes the next batch's text (see
        written_batches). The text is drawn from self.rng, the links from a generator of
        their own and what follows from a third, so a seed makes one corpus either way."""
        links, after = random.Random(self.rng.random()), random.Random(self.rng.random())
        tags_by_name = {tag.name: tag for tag in tags}
        self.articles_by_topic = {}
        article_ids = []
        progress = Progress("articles", n, self.verbosity)
        batches = [(start, min(start + self.batch, n)) for start in range(0, n, self.batch)]
        # Dropping the indexes locks the table until commit: only while it is new.
        with search_indexes_rebuilt(self.verbosity, unless=self.adding):
            for rows, subjects in self.written_batches(batches, n):
                ids = self.store_articles(rows, subjects, authors, tags_by_name, links)
                article_ids += ids
                progress.advance(len(ids))
        self.rng = after
        return article_ids

    def written_batches(self, batches, n):
        """Each batch's unsaved articles and subjects, in order. Writing the text is half
        of the corpus's Python work, so where processes can be forked a child writes it,
        a batch ahead, on the other core: threads would share one. The child inherits
        this command (vocabulary, random state) and sends each batch down a pipe, which
        also tells each side when the other has died."""
        if "fork" not in multiprocessing.get_all_start_methods():
            for batch in batches:
                yield self.article_rows(*batch, n)
            return
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        writer = context.Process(
            target=self.write_batches, args=(batches, n, receiver, sender), daemon=True
        )
        writer.start()
        sender.close()  # the child's copy is the only one left: its death ends the pipe
        try:
            for _ in batches:
                try:
                    item = receiver.recv()
                except EOFError:
                    writer.join(timeout=5)
                    stopped = f"The text writer stopped (exit code {writer.exitcode})."
                    raise CommandError(stopped) from None
                if isinstance(item, str):
                    raise CommandError(f"Writing the articles' text failed:\n{item}")
                yield item
        finally:
            receiver.close()
            writer.kill()
            writer.join()

    def write_batches(self, batches, n, receiver, sender):
        """In the child: each batch's rows down the pipe, or the error that stopped it. A
        parent that dies closes the pipe, and the next send ends the child."""
        receiver.close()
        _let_go_of_the_database()
        try:
            for batch in batches:
                sender.send(self.article_rows(*batch, n))
        except BaseException:
            with suppress(OSError):
                sender.send(traceback.format_exc())

    def article_rows(self, start, stop, n):
        """Articles `start` to `stop` of `n`, unsaved, and what each is about."""
        rng = self.rng
        kinds, weights = zip(*KIND_WEIGHTS, strict=True)
        rows, subjects = [], []
        for i in range(start, stop):
            status, published_at = self.article_state(i, n)
            topics, places = self.subject()
            subjects.append((topics, places))
            body = "\n".join(
                f"<p>{self.paragraph(topics, places)}</p>" for _ in range(rng.randint(5, 9))
            )
            rows.append(
                Article(
                    headline=self.headline(topics, places),
                    slug=f"article-{i}",
                    standfirst=self.paragraph(topics, places, sentences=rng.randint(2, 3)),
                    body=body,
                    word_count=count_words(body),
                    kind=rng.choices(kinds, weights)[0],
                    status=status,
                    published_at=published_at,
                )
            )
        return rows, subjects

    def store_articles(self, rows, subjects, authors, tags_by_name, rng):
        """Saves one batch of articles with their bylines, tags and corrections (drawn
        from `rng`), then their search vectors; returns their ids."""
        articles = insert(Article, rows)
        bylines, tagged, corrections = [], [], []
        for article, (topics, places) in zip(articles, subjects, strict=True):
            self.articles_by_topic.setdefault(topics[0], []).append(article.pk)
            for position, author in enumerate(rng.sample(authors, rng.choice([1, 1, 1, 2, 2, 3]))):
                bylines.append(
                    Byline(
                        article=article, author=author, position=position, role=BylineRole.AUTHOR
                    )
                )
            for tag in self.tags_for(tags_by_name, topics, places, rng):
                tagged.append(TaggedArticle(content_object=article, tag=tag))
            if article.published_at and rng.random() < 0.02:
                corrections.append(
                    Correction(
                        article=article,
                        kind=rng.choice(CorrectionKind.values),
                        text="An earlier version misstated a figure on "
                        f"{self.term(topics[0], rng)}.",
                        published_at=article.published_at + timedelta(days=rng.randint(1, 30)),
                    )
                )
        insert(Byline, bylines)
        insert(TaggedArticle, tagged)
        insert(Correction, corrections)
        ids = [article.pk for article in articles]
        refresh_search_vectors(ids=ids)
        return ids

    def make_dossiers(self, n, article_ids, tags):
        """Dossiers on a topic in a place, gathering thirty articles on that topic (any
        articles when too few are about it)."""
        rng = self.rng
        subjects = [self.subject() for _ in range(n)]
        rows = [
            Dossier(
                title=f"{topics[0][0].upper()}{topics[0][1:]} in {places[0]} ({i + 1})",
                slug=f"dossier-{i}",
                standfirst=self.paragraph(topics, places, sentences=2),
                introduction=f"<p>{self.paragraph(topics, places)}</p>"
                f"<p>{self.paragraph(topics, places)}</p>",
                is_public=True,
                is_featured=i < 4,
            )
            for i, (topics, places) in enumerate(subjects)
        ]
        dossiers = self.bulk(Dossier, rows, "dossiers")
        entries, events, terms = [], [], []
        for dossier, (topics, places) in zip(dossiers, subjects, strict=True):
            pool = self.articles_by_topic.get(topics[0], [])
            pool = pool if len(pool) >= 30 else article_ids
            for position, pk in enumerate(rng.sample(pool, min(len(pool), 30))):
                entries.append(
                    DossierEntry(
                        dossier=dossier,
                        article_id=pk,
                        position=position,
                        note=self.paragraph(topics, places, sentences=1),
                    )
                )
            for _ in range(10):
                day = date(2005, 1, 1) + timedelta(days=rng.randint(0, 7300))
                events.append(
                    TimelineEvent(
                        dossier=dossier,
                        date=day,
                        title=self.paragraph(topics, places, sentences=1),
                        precision=rng.choice(Precision.values),
                    )
                )
            for position, topic in enumerate(rng.sample(self.topics, 6)):
                terms.append(
                    KeyTerm(
                        dossier=dossier,
                        term=topic[0].upper() + topic[1:],
                        slug=topic.replace(" ", "-").lower(),
                        definition=self.paragraph([topic], places, sentences=1),
                        position=position,
                    )
                )
        self.bulk(DossierEntry, entries, "entries")
        self.bulk(TimelineEvent, events, "timeline")
        self.bulk(KeyTerm, terms, "key terms")


def insert(model, objects):
    """Saves new `objects` of `model` and returns them, with their ids. On PostgreSQL by
    COPY, with ids taken from the table's sequence first: bulk_create's INSERT of
    thousands of rows spent most of its time making and splitting the SQL in Python, the
    corpus's bottleneck. Each value is made as bulk_create makes it (pre_save, then
    get_db_prep_save), which covers the models made here: plain values, defaults,
    automatic times, foreign keys given by id. It does not cover what they do not use
    (database defaults, expressions, generated fields), so they are refused."""
    if connection.vendor != "postgresql" or not objects:
        return model.objects.bulk_create(objects)
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    if any(f.db_default is not NOT_PROVIDED or f.generated for f in fields):
        raise CommandError(f"{meta.label} has fields that insert() cannot copy.")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [meta.pk, *fields])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for pk, obj in zip(ids, objects, strict=True):
                assert obj.pk is None, "insert() saves new objects only"
                obj.pk = pk
                values = (f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
                copy.write_row([pk, *values])
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


@contextmanager
def search_indexes_rebuilt(verbosity, unless=False):
    """On PostgreSQL, the articles' GIN indexes dropped while the block writes articles
    and their vectors, and built again after: keeping them current row by row took two
    thirds of the corpus's search phase, building them once takes a fraction of that.
    Their definitions are read back from the database, so the migrations stay the one
    place that writes them. All of it is inside the corpus's transaction: if the block
    fails, the rollback restores them."""
    if connection.vendor != "postgresql" or unless:
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
            " AND tablename = %s AND indexdef LIKE %s ORDER BY indexname",
            [Article._meta.db_table, "% USING gin %"],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    # Django's foreign keys are checked at commit, and PostgreSQL will not build an index
    # on a table with checks pending: they are run now (and deferred again after).
    connection.check_constraints()
    progress = Progress("indexes", len(indexes), verbosity)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
            progress.advance(1)
