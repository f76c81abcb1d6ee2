"""Synthetic news articles and their rewrites, for measuring near-duplicate detection.

A story is written from a small grammar (topic vocabulary + sentence patterns, all written for
Slant, no outside data). Its rewrites are what outlets do to wire copy: a new headline, a trimmed
ending, paragraphs moved, junk lines (ads, "Read more", share buttons) inserted, sentences
paraphrased (synonyms, clauses swapped), or several of these at once. Hard negatives are other
stories on the same topic: the same vocabulary and sentence patterns, but different events.

Everything is deterministic for a given seed, so a measured precision/recall can be reproduced.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Iterator

#: Rewrite kinds the generator knows; "mixed" chains two or three of the others.
REWRITE_KINDS = ("copy", "headline", "trim", "reorder", "junk", "paraphrase", "mixed")

# -- vocabulary ---------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna", "Marek", "Lena", "Tomas", "Sofia", "Daniel", "Ines", "Pavel", "Clara", "Jonas",
    "Maya", "Omar", "Greta", "Luis", "Nadia", "Victor", "Hanna", "Rafael", "Elif", "Samuel",
    "Irene", "Karim", "Julia", "Anton", "Petra", "Hugo", "Leila", "Oskar", "Mira", "Felix",
    "Dora", "Emil", "Zofia", "Adrian", "Vera", "Milan", "Rosa", "Teodor", "Alma", "Bruno",
)
LAST_NAMES = (
    "Novak", "Berger", "Lindqvist", "Moreau", "Kowalski", "Haddad", "Castillo", "Petrov", "Okafor",
    "Brandt", "Silva", "Jansen", "Romero", "Varga", "Keller", "Dumont", "Sato", "Mendes", "Horvat",
    "Fischer", "Aydin", "Larsen", "Costa", "Weber", "Marin", "Nilsson", "Popescu", "Duarte",
    "Richter", "Szabo", "Olsen", "Ferrari", "Kovac", "Lambert", "Quinn", "Ahmadi", "Vidal",
    "Hoffmann", "Rossi", "Eriksen",
)
CITIES = (
    "Aldmoor", "Brenstad", "Corvale", "Dunmere", "Eastwick", "Falkirk Bay", "Glenhaven", "Harrowgate",
    "Ivybridge", "Juniper Falls", "Kestrel Point", "Lowmarsh", "Millbrook", "Northam", "Oakridge",
    "Portsea", "Queensferry", "Redcliffe", "Stonehaven", "Thornbury", "Upton Vale", "Westerly",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = (
    "Daily Ledger", "Morning Courier", "The Northam Post", "Harbour Times", "Evening Standard-Gazette",
    "Citywire Report", "The Observer Weekly", "National Chronicle", "Valley Herald", "Metro Dispatch",
    "The Sentinel", "Coastal Tribune", "Capital Monitor", "Frontline News", "The Clarion",
    "Regional Record", "Westerly Star", "Independent Bulletin", "The Daily Lantern", "Newsline 24",
)
AGENCIES = ("Wire Press", "Global Newswire", "Continental Agency", "NewsFeed International")

#: Per topic: organisations, roles, the things that happen, their objects, reasons, quotes.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "elections": {
        "orgs": ("the electoral commission", "the Liberal Union", "the People's Front", "the Green Alliance",
                 "the national parliament", "the Centre Party", "the opposition bloc", "the interior ministry"),
        "roles": ("party leader", "campaign manager", "opposition lawmaker", "election monitor",
                  "senior minister", "political analyst", "regional governor", "spokesperson"),
        "actions": ("announced", "rejected", "challenged", "postponed", "endorsed", "criticised",
                    "approved", "questioned", "demanded", "welcomed"),
        "objects": ("the preliminary results", "a recount in several districts", "the new voting law",
                    "the coalition agreement", "early elections", "the candidate list", "the turnout figures",
                    "a televised debate", "the campaign finance rules", "the ballot design"),
        "reasons": ("irregularities were reported at polling stations", "turnout fell sharply in rural areas",
                    "the count was delayed by a software failure", "opinion polls showed a narrow race",
                    "observers raised concerns about postal votes", "the ruling party lost its majority",
                    "thousands of voters were missing from the register", "the debate ended in a shouting match"),
        "quotes": ("Every vote must be counted before anyone claims victory",
                   "The people have spoken and we will respect their decision",
                   "This election was neither free nor fair",
                   "We are ready to form a government that works for everyone",
                   "Our democracy is stronger than any single party",
                   "We will not accept a result built on fraud"),
        "units": ("percent of the vote", "seats in parliament", "polling stations", "registered voters"),
        "headline_nouns": ("vote", "election", "ballot", "coalition", "recount", "campaign"),
    },
    "floods": {
        "orgs": ("the emergency services", "the regional council", "the weather service", "the fire brigade",
                 "the army", "the Red Shield charity", "the environment agency", "the transport authority"),
        "roles": ("fire chief", "mayor", "hydrologist", "rescue coordinator", "regional governor",
                  "resident", "aid worker", "spokesperson"),
        "actions": ("evacuated", "reopened", "closed", "inspected", "reinforced", "warned about",
                    "cleared", "restored", "assessed", "requested"),
        "objects": ("the riverside neighbourhoods", "the main bridge", "the flood barriers", "several schools",
                    "the railway line", "power to thousands of homes", "the damaged dams", "the coastal road",
                    "emergency shelters", "the drinking water supply"),
        "reasons": ("the river burst its banks overnight", "heavy rain fell for three days without pause",
                    "a levee collapsed near the old mill", "the storm surge coincided with high tide",
                    "drainage systems were overwhelmed", "forecasters expect more rain this week",
                    "landslides blocked access to several villages", "the reservoir reached record levels"),
        "quotes": ("We have never seen water levels like this",
                   "Our priority is to get everyone to safety",
                   "The barriers held, but only just",
                   "People lost everything in a single night",
                   "We were warned for years and nothing was done",
                   "The clean-up will take months, not weeks"),
        "units": ("homes", "millimetres of rain", "residents", "kilometres of road"),
        "headline_nouns": ("floods", "storm", "river", "rescue", "evacuation", "rain"),
    },
    "energy": {
        "orgs": ("the energy regulator", "Northgrid", "the utilities association", "the finance ministry",
                 "the consumer council", "Helion Power", "the parliament's energy committee", "the grid operator"),
        "roles": ("energy minister", "chief executive", "market analyst", "consumer advocate",
                  "economist", "union leader", "regulator", "spokesperson"),
        "actions": ("raised", "capped", "froze", "cut", "reviewed", "defended", "blamed", "subsidised",
                    "announced", "delayed"),
        "objects": ("household electricity prices", "the gas price cap", "the winter support scheme",
                    "the new wind farm", "network charges", "the nuclear plant's licence", "standing charges",
                    "the fuel duty", "the solar subsidy programme", "wholesale contracts"),
        "reasons": ("wholesale gas prices doubled over the summer", "demand rose during the cold snap",
                    "two power stations were offline for repairs", "the currency weakened against the dollar",
                    "suppliers reported record losses", "a pipeline outage cut imports",
                    "the regulator found overcharging by several firms", "storage levels fell below target"),
        "quotes": ("Families cannot be asked to pay for this crisis",
                   "Prices will come down, but not overnight",
                   "The market is working exactly as it should",
                   "We need to build more capacity at home",
                   "Profits of this size are simply indefensible",
                   "Every household will feel this on their bill"),
        "units": ("percent", "euros per megawatt hour", "households", "gigawatts"),
        "headline_nouns": ("prices", "energy", "bills", "power", "gas", "grid"),
    },
    "health": {
        "orgs": ("the health ministry", "the national hospital trust", "the nurses' union",
                 "the medicines agency", "City General Hospital", "the public health institute",
                 "the doctors' association", "the patients' federation"),
        "roles": ("health minister", "chief medical officer", "nurse", "hospital director",
                  "epidemiologist", "union representative", "patient advocate", "spokesperson"),
        "actions": ("approved", "suspended", "expanded", "investigated", "funded", "recalled",
                    "postponed", "announced", "criticised", "launched"),
        "objects": ("the vaccination campaign", "non-urgent operations", "the new cancer drug",
                    "staffing levels in emergency wards", "the waiting list target", "the screening programme",
                    "a batch of blood pressure tablets", "the hospital expansion", "the pay offer for nurses",
                    "the mental health strategy"),
        "reasons": ("waiting times reached a record high", "a virus outbreak filled intensive care beds",
                    "an inspection found serious safety failures", "the trial showed fewer side effects",
                    "hundreds of posts remain unfilled", "the budget was cut for the second year",
                    "patients were sent to hospitals far from home", "contamination was found at the factory"),
        "quotes": ("Patients deserve better than this",
                   "Our staff are exhausted and close to breaking point",
                   "The evidence clearly supports this decision",
                   "No one should wait a year for treatment",
                   "We acted as soon as the risk became clear",
                   "This is a turning point for patient care"),
        "units": ("patients", "beds", "percent", "nurses"),
        "headline_nouns": ("hospital", "health", "vaccine", "nurses", "patients", "drug"),
    },
    "football": {
        "orgs": ("Redcliffe United", "Athletic Northam", "the league", "the football association",
                 "Portsea Rovers", "FC Glenhaven", "the players' union", "the referees' board"),
        "roles": ("head coach", "club president", "striker", "goalkeeper", "sporting director",
                  "captain", "league official", "spokesperson"),
        "actions": ("signed", "sacked", "fined", "suspended", "appealed", "confirmed", "rejected",
                    "extended", "sold", "announced"),
        "objects": ("the midfielder's contract", "a record transfer fee", "the stadium expansion",
                    "the disciplinary ruling", "the head coach", "a loan deal", "the title celebrations",
                    "the youth academy plans", "the broadcast deal", "the season ticket prices"),
        "reasons": ("the team lost five games in a row", "fans protested outside the stadium",
                    "the striker scored twice in the final", "the club reported heavy losses",
                    "a rival made a late offer", "the referee missed a clear penalty",
                    "the captain was injured in training", "the board wants to rebuild the squad"),
        "quotes": ("We gave everything on the pitch today",
                   "This club deserves to be fighting for titles",
                   "I am proud to wear this shirt",
                   "The decision was a disgrace and everyone saw it",
                   "We will come back stronger next season",
                   "Nobody is bigger than the club"),
        "units": ("million euros", "points", "goals", "supporters"),
        "headline_nouns": ("transfer", "coach", "club", "derby", "title", "striker"),
    },
    "housing": {
        "orgs": ("the housing ministry", "the city council", "the tenants' union", "the central bank",
                 "the builders' federation", "Harbour Homes", "the planning inspectorate", "the statistics office"),
        "roles": ("housing minister", "mayor", "economist", "tenant organiser", "developer",
                  "estate agent", "planning officer", "spokesperson"),
        "actions": ("approved", "blocked", "froze", "raised", "published", "promised", "scrapped",
                    "expanded", "reviewed", "defended"),
        "objects": ("the rent cap", "plans for two thousand new homes", "the mortgage rules",
                    "the social housing budget", "the tower block renovation", "the first-buyer grant",
                    "interest rates", "the eviction ban", "the zoning reform", "the empty homes tax"),
        "reasons": ("rents rose faster than wages for a decade", "house prices fell for the third month",
                    "construction costs jumped after the supply shortage", "homelessness reached a new high",
                    "investors bought up most new flats", "residents objected to the tower's height",
                    "the waiting list for social homes doubled", "mortgage approvals dropped sharply"),
        "quotes": ("A home should not cost half of anyone's income",
                   "We simply are not building enough",
                   "Tenants have had enough of empty promises",
                   "The market will correct itself if we let it",
                   "This plan will change the skyline for a generation",
                   "Young people are being locked out for good"),
        "units": ("homes", "percent", "euros a month", "families"),
        "headline_nouns": ("rents", "housing", "homes", "mortgages", "tenants", "planning"),
    },
}

#: Words and phrases the paraphraser may swap: each entry lists interchangeable wordings.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("said", "stated", "noted"), ("told reporters", "told journalists"), ("announced", "unveiled"),
    ("criticised", "condemned"), ("rejected", "dismissed"), ("approved", "backed"),
    ("warned", "cautioned"), ("several", "a number of"), ("sharply", "steeply"),
    ("however", "nevertheless"), ("because", "as"), ("officials", "authorities"),
    ("residents", "locals"), ("people", "citizens"), ("expected", "anticipated"),
    ("meeting", "session"), ("government", "administration"), ("rose", "increased"),
    ("fell", "dropped"), ("record", "unprecedented"), ("major", "significant"),
    ("big", "large"), ("quickly", "rapidly"), ("help", "assist"), ("plans", "proposals"),
    ("decision", "ruling"), ("began", "started"), ("later", "subsequently"),
    ("statement", "press release"), ("concerns", "worries"), ("earlier", "previously"),
    ("new", "fresh"), ("also", "additionally"), ("about", "around"), ("despite", "in spite of"),
    ("according to", "citing"), ("week", "seven days"), ("demanded", "called for"),
    ("questioned", "cast doubt on"), ("postponed", "delayed"), ("launched", "started"),
)

_SYNONYM_OF: dict[str, tuple[str, ...]] = {}
for _group in SYNONYMS:
    for _word in _group:
        _SYNONYM_OF[_word] = tuple(w for w in _group if w != _word)
_SYNONYM_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in _SYNONYM_OF), key=len, reverse=True))
                         + r")\b")
_SAID_RE = re.compile(r"^(?P<who>[^,\"]{3,80}?) (?P<verb>said|stated|noted|warned|argued) (?!in a statement)(?:that )?"
                      r"(?P<what>.+)\.$")
_COMMA_SAID_RE = re.compile(r"^(?P<what>[^\"]+), (?P<who>[^,\"]{3,80}?) (?P<verb>said|told reporters|added)\.$")
_ACCORDING_RE = re.compile(r"^According to (?P<who>[^,]+), (?P<what>.+)\.$")
_BECAUSE_RE = re.compile(r"^(?P<a>[^,]+?) because (?P<b>[^,]+)\.$")

JUNK_LINES = (
    "Advertisement", "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Share this article: Facebook Twitter WhatsApp Email", "Continue reading below",
    "Subscribe now for unlimited access to all our journalism.", "Listen to this article",
    "Photo: {agency}", "Follow us on social media for the latest updates.",
    "This article was updated at {hour}:{minute}.", "Copyright {year} {outlet}. All rights reserved.",
    "We use cookies to improve your experience. Accept all cookies",
    "Most read: {headline}", "Read more: {headline}", "Related: {headline}",
    "Comments are closed on this article.", "Click here to download our app.",
)


@dataclass(frozen=True)
class Article:
    """One generated article; ``story_id`` is the ground truth the detector must recover."""

    id: str
    story_id: str
    topic: str
    title: str
    paragraphs: tuple[str, ...]
    outlet: str
    published: str | None  # ISO date, or None when the "scrape" lost it
    kind: str = "original"  # original | negative | one of REWRITE_KINDS
    source_id: str | None = None  # the article this one rewrites
    speakers: tuple[str, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """Headline, blank line, paragraphs separated by blank lines (as cleaned text looks)."""
        return self.title + "\n\n" + "\n\n".join(self.paragraphs)


@dataclass
class _Cast:
    """The entities one story is about (fixed for the story, so rewrites keep them)."""

    topic: str
    people: list[tuple[str, str]]  # (name, role)
    orgs: list[str]
    city: str
    district: str
    weekday: str
    day: str  # "14 March"
    numbers: list[str]


#: Syllables for names, districts and places, so that a large corpus has thousands of distinct
#: people and places (real unrelated stories rarely share protagonists, and shared names are
#: what makes a generated hard negative too easy or too hard).
_ONSETS = ("Ka", "Lo", "Ve", "Dra", "Mi", "Sor", "Ta", "Bel", "Ko", "Ri", "Va", "No", "Ha", "Gre", "Pa",
           "Stu", "El", "Fa", "Zu", "Or", "Ja", "Ne", "Cor", "Bra", "Del", "Mar", "Tor", "Li", "Sa", "Wen")
_MIDDLES = ("", "ra", "le", "no", "vi", "ta", "ro", "mi", "ke", "sa", "do", "lu")
_ENDINGS = ("nov", "sen", "ric", "ell", "ani", "berg", "ski", "ton", "vic", "ard", "ez", "ola", "mann",
            "ek", "uzzi", "hart", "ova", "ley", "ssen", "ir")
_PLACE_ENDINGS = ("ford", "ham", "wick", "dale", "mouth", "bury", "field", "stead", "vale", "port")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
#: Framing pieces shared by every topic: stock phrases real news uses across stories.
_TIMES = ("on {weekday}", "late on {weekday}", "on {day}", "earlier this week", "in the early hours of {weekday}",
          "last month", "this morning", "over the weekend", "at the end of last year", "on {weekday} evening")
_PLACES = ("in {city}", "in the {district} district of {city}", "at a news conference in {city}",
           "outside the town hall in {city}", "in {district}", "at a meeting in {city}")
_ATTRIBUTIONS = ("said", "told reporters", "told the {outlet}", "wrote on social media", "said in an interview",
                 "added", "insisted", "confirmed", "said on {weekday}", "told local radio")
_CIRCUMSTANCES = ("amid mounting public anger", "despite pressure from the opposition",
                  "for the first time since {year}", "ahead of a key vote next month", "after weeks of talks",
                  "as the row intensified", "in a surprise move", "following an emergency meeting",
                  "after a review of the figures", "under growing scrutiny")
_OPENERS = ("Critics argued that", "Supporters said", "Analysts warned that", "Residents complained that",
            "It remains unclear whether", "Officials insisted that", "Documents seen by this newspaper show that",
            "Opposition figures claimed that", "Observers noted that", "Sources close to the talks said")


class ArticleGenerator:
    """Deterministic source of stories, rewrites and same-topic hard negatives."""

    def __init__(self, seed: int = 0, start: date = date(2026, 1, 1), *,
                 trim_keep: tuple[float, float] = (0.5, 0.85), paraphrase_rate: tuple[float, float] = (0.3, 0.6)):
        """``trim_keep``: share of paragraphs a trim keeps; ``paraphrase_rate``: share of sentences
        a paraphrase rewords (both drawn uniformly per rewrite; widen them to stress the detector)."""
        self.rng = random.Random(seed)
        self.start = start
        self.trim_keep = trim_keep
        self.paraphrase_rate = paraphrase_rate
        self._counter = 0
        self._recent_titles: list[str] = []

    # -- ids and dates --------------------------------------------------------------------------
    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:07d}"

    def _date(self, base: date | None = None, spread: int = 300) -> date:
        if base is None:
            return self.start + timedelta(days=self.rng.randrange(spread))
        return base + timedelta(days=self.rng.choice((0, 0, 1, 1, 2, 3, 5)))

    # -- stories --------------------------------------------------------------------------------
    def _surname(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(LAST_NAMES)
        return rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_ENDINGS)

    def _place(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return rng.choice(CITIES)
        return rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_PLACE_ENDINGS)

    def _cast(self, topic: str, keep: "_Cast | None" = None) -> _Cast:
        """A cast for a new story; ``keep`` shares a protagonist and the city (a hard negative)."""
        rng = self.rng
        vocab = TOPICS[topic]
        people = [(f"{rng.choice(FIRST_NAMES)} {self._surname()}", rng.choice(vocab["roles"]))
                  for _ in range(rng.randint(2, 4))]
        city = self._place()
        if keep is not None:
            people[0] = keep.people[0]
            city = keep.city
        numbers = []
        for _ in range(5):
            n = rng.choice((rng.randint(2, 60), rng.randint(100, 5000), round(rng.uniform(1, 20), 1)))
            numbers.append(f"{n:,}" if isinstance(n, int) else str(n))
        return _Cast(topic, people, rng.sample(vocab["orgs"], 3), city, self._place(), rng.choice(WEEKDAYS),
                     f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}", numbers)

    def _fill(self, template: str, cast: _Cast) -> str:
        return template.format(weekday=cast.weekday, day=cast.day, city=cast.city, district=cast.district,
                               outlet=self.rng.choice(OUTLETS), year=self.rng.randint(1990, 2020))

    def _maybe(self, options: tuple[str, ...], cast: _Cast, p: float = 0.5) -> str:
        return " " + self._fill(self.rng.choice(options), cast) if self.rng.random() < p else ""

    def _clause(self, cast: _Cast) -> str:
        """A main clause without final punctuation: who did what, or why."""
        rng = self.rng
        vocab = TOPICS[cast.topic]
        kind = rng.randrange(5)
        if kind == 0:
            return (f"{rng.choice(cast.orgs)} {rng.choice(vocab['actions'])} {rng.choice(vocab['objects'])}"
                    f"{self._maybe(_TIMES, cast)}{self._maybe(_CIRCUMSTANCES, cast, 0.4)}")
        if kind == 1:
            return rng.choice(vocab["reasons"]) + self._maybe(_TIMES, cast, 0.4)
        if kind == 2:
            return (f"{rng.choice(cast.numbers)} {rng.choice(vocab['units'])} were affected"
                    f"{self._maybe(_PLACES, cast, 0.6)}")
        if kind == 3:
            name, role = rng.choice(cast.people)
            return (f"the {role} {name} had {rng.choice(vocab['actions'])} {rng.choice(vocab['objects'])}"
                    f"{self._maybe(_PLACES, cast, 0.4)}")
        return (f"{rng.choice(vocab['objects'])} would be {rng.choice(vocab['actions'])} by "
                f"{rng.choice(cast.orgs)}{self._maybe(_TIMES, cast, 0.5)}")

    def _sentence(self, cast: _Cast) -> str:
        rng = self.rng
        vocab = TOPICS[cast.topic]
        name, role = rng.choice(cast.people)
        attribution = self._fill(rng.choice(_ATTRIBUTIONS), cast)
        pattern = rng.randrange(9)
        if pattern == 0:  # "Clause, Name said."
            return f"{_cap(self._clause(cast))}, {name} {attribution}."
        if pattern == 1:  # "Name, the role, said clause."
            return f"{name}, the {role}, {attribution} that {self._clause(cast)}."
        if pattern == 2:  # a direct quote
            quote = rng.choice(vocab["quotes"])
            if rng.random() < 0.4:
                quote += ". " + rng.choice(vocab["quotes"])
            return f"\"{quote},\" {name} {attribution}{self._maybe(_PLACES, cast, 0.5)}."
        if pattern == 3:
            return f"According to {rng.choice(cast.orgs)}, {self._clause(cast)}."
        if pattern == 4:
            return f"{rng.choice(_OPENERS)} {self._clause(cast)}."
        if pattern == 5:
            return f"{_cap(self._clause(cast))} because {rng.choice(vocab['reasons'])}."
        if pattern == 6:
            return (f"The figures showed {rng.choice(cast.numbers)} {rng.choice(vocab['units'])}"
                    f"{self._maybe(_PLACES, cast, 0.7)}, up from {rng.choice(cast.numbers)}"
                    f"{self._maybe(_TIMES, cast, 0.5)}.")
        if pattern == 7:
            return f"{_cap(self._fill(rng.choice(_TIMES), cast))}, {self._clause(cast)}."
        return f"{_cap(self._clause(cast))}{self._maybe(_CIRCUMSTANCES, cast, 0.6)}."

    def _headline(self, cast: _Cast) -> str:
        rng = self.rng
        vocab = TOPICS[cast.topic]
        name = rng.choice(cast.people)[0]
        noun = rng.choice(vocab["headline_nouns"])
        org = _cap(rng.choice(cast.orgs)).removeprefix("The ")
        pattern = rng.randrange(6)
        if pattern == 0:
            return f"{org} {rng.choice(vocab['actions'])} {rng.choice(vocab['objects'])}"
        if pattern == 1:
            return f"{name}: '{rng.choice(vocab['quotes'])}'"
        if pattern == 2:
            return f"{cast.city} {noun}: what we know so far"
        if pattern == 3:
            return f"{_cap(noun)} row deepens as {name.split()[1]} hits back"
        if pattern == 4:
            return f"{rng.choice(cast.numbers)} {rng.choice(vocab['units'])} hit as {noun} crisis grows in {cast.city}"
        return f"Live: {org} faces pressure over {noun}"

    def story(self, topic: str | None = None, outlet: str | None = None,
              like: _Cast | None = None) -> tuple[Article, _Cast]:
        """A fresh original article (and its cast, so rewrites can draw new headlines).

        ``like`` makes a hard negative: another event on the same topic, sharing a protagonist and
        the city with the story ``like`` belongs to.
        """
        rng = self.rng
        topic = like.topic if like is not None else (topic or rng.choice(sorted(TOPICS)))
        cast = self._cast(topic, keep=like)
        paragraphs = []
        for _ in range(rng.randint(6, 14)):
            paragraphs.append(" ".join(self._sentence(cast) for _ in range(rng.randint(1, 4))))
        doc_id = self._next_id("a")
        article = Article(
            id=doc_id, story_id=doc_id, topic=topic, title=self._headline(cast), paragraphs=tuple(paragraphs),
            outlet=outlet or rng.choice(OUTLETS), published=self._date().isoformat(), kind="original",
            speakers=tuple(p[0] for p in cast.people),
        )
        self._recent_titles = (self._recent_titles + [article.title])[-50:]
        return article, cast

    # -- rewrites -------------------------------------------------------------------------------
    def rewrite(self, article: Article, cast: _Cast, kind: str) -> Article:
        """A rewrite of ``article`` of the given kind (one of REWRITE_KINDS)."""
        rng = self.rng
        if kind not in REWRITE_KINDS:
            raise ValueError(f"unknown rewrite kind {kind!r}; known: {', '.join(REWRITE_KINDS)}")
        title, paragraphs = article.title, list(article.paragraphs)
        steps = [kind] if kind != "mixed" else rng.sample(["headline", "trim", "reorder", "junk", "paraphrase"],
                                                          rng.randint(2, 3))
        for step in steps:
            if step == "copy":
                title = title.upper() if rng.random() < 0.3 else title
                paragraphs = [_retypeset(p, rng) for p in paragraphs]
            elif step == "headline":
                title = self._headline(cast)
            elif step == "trim":
                keep = max(2, round(len(paragraphs) * rng.uniform(*self.trim_keep)))
                paragraphs = paragraphs[:keep]
                if len(paragraphs) > 4 and rng.random() < 0.4:  # editors also cut a middle paragraph
                    del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
            elif step == "reorder":
                paragraphs = _reorder(paragraphs, rng)
            elif step == "junk":
                paragraphs = self._insert_junk(paragraphs, article.outlet)
            elif step == "paraphrase":
                rate = rng.uniform(*self.paraphrase_rate)
                paragraphs = [_paraphrase_paragraph(p, rng, rate=rate) for p in paragraphs]
        base = date.fromisoformat(article.published) if article.published else self.start
        published = None if rng.random() < 0.1 else self._date(base).isoformat()
        return Article(
            id=self._next_id("r"), story_id=article.story_id, topic=article.topic, title=title,
            paragraphs=tuple(paragraphs), outlet=rng.choice([o for o in OUTLETS if o != article.outlet]),
            published=published, kind=kind, source_id=article.id, speakers=article.speakers,
        )

    def _insert_junk(self, paragraphs: list[str], outlet: str) -> list[str]:
        rng = self.rng
        out = list(paragraphs)
        for _ in range(rng.randint(2, 6)):
            line = rng.choice(JUNK_LINES).format(
                agency=rng.choice(AGENCIES), hour=rng.randrange(24), minute=f"{rng.randrange(60):02d}",
                year=2026, outlet=outlet, headline=rng.choice(self._recent_titles or ["Top stories"]))
            out.insert(rng.randrange(len(out) + 1), line)
        return out

    # -- corpora --------------------------------------------------------------------------------
    def corpus(self, n_stories: int, *, rewrites: tuple[int, int] = (1, 4),
               negatives_per_story: float = 1.0) -> list[Article]:
        """``n_stories`` originals, each with some rewrites, plus same-topic unrelated stories.

        Hard negatives are generated as stories of their own (no rewrites), drawn from the same
        topic as the story they follow, so they share its vocabulary and sentence patterns.
        """
        rng = self.rng
        out: list[Article] = []
        for _ in range(n_stories):
            original, cast = self.story()
            out.append(original)
            for _ in range(rng.randint(*rewrites)):
                out.append(self.rewrite(original, cast, rng.choice(REWRITE_KINDS)))
            n_neg = int(negatives_per_story) + (rng.random() < negatives_per_story % 1)
            for _ in range(n_neg):
                negative, _ = self.story(like=cast)
                if rng.random() < 0.3:  # unrelated pages share site furniture too
                    negative = replace(negative, paragraphs=tuple(self._insert_junk(list(negative.paragraphs),
                                                                                    negative.outlet)))
                out.append(replace(negative, kind="negative"))
        rng.shuffle(out)
        return out

    def stream(self, n_articles: int, *, rewrite_share: float = 0.3) -> Iterator[Article]:
        """``n_articles`` articles, about ``rewrite_share`` of them rewrites of earlier ones.

        For benchmarks: memory stays small (only a window of recent stories is kept).
        """
        rng = self.rng
        window: list[tuple[Article, _Cast]] = []
        for _ in range(n_articles):
            if window and rng.random() < rewrite_share:
                original, cast = rng.choice(window)
                yield self.rewrite(original, cast, rng.choice(REWRITE_KINDS))
            else:
                original, cast = self.story()
                window = (window + [(original, cast)])[-200:]
                yield original


def generate_corpus(n_stories: int, seed: int = 0, *, trim_keep: tuple[float, float] = (0.5, 0.85),
                    paraphrase_rate: tuple[float, float] = (0.3, 0.6), **kwargs) -> list[Article]:
    """Shortcut for ``ArticleGenerator(seed, ...).corpus(n_stories, **kwargs)``."""
    return ArticleGenerator(seed, trim_keep=trim_keep, paraphrase_rate=paraphrase_rate).corpus(n_stories, **kwargs)


# -- text edits ---------------------------------------------------------------------------------

def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _retypeset(paragraph: str, rng: random.Random) -> str:
    """The same words with different typography: curly quotes, double spaces, dashes."""
    out = paragraph
    if rng.random() < 0.5:
        out = out.replace("\"", "\u201c", 1).replace("\"", "\u201d", 1)
    if rng.random() < 0.3:
        out = out.replace(". ", ".  ")
    if rng.random() < 0.3:
        out = out.replace(", ", " - ", 1)
    return out


def _reorder(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Keep the lead paragraph; move a block or shuffle the rest (as re-edited copy does)."""
    if len(paragraphs) < 3:
        return list(reversed(paragraphs))
    head, rest = paragraphs[:1], paragraphs[1:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
        return head + rest
    cut = rng.randrange(1, len(rest))
    return head + rest[cut:] + rest[:cut]


def _split_sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"\u201c])", paragraph) if s]


def paraphrase_sentence(sentence: str, rng: random.Random) -> str:
    """Reword one sentence: swap clauses where the pattern allows, then substitute synonyms."""
    s = sentence.strip()
    m = _SAID_RE.match(s)
    if m and rng.random() < 0.7:
        s = f"{_cap(m['what'])}, {m['who']} {m['verb']}."
    else:
        m = _COMMA_SAID_RE.match(s)
        if m and rng.random() < 0.7:
            s = f"{m['who']} said that {m['what'][:1].lower() + m['what'][1:]}."
        else:
            m = _ACCORDING_RE.match(s)
            if m and rng.random() < 0.7:
                s = f"{_cap(m['what'])}, according to {m['who']}."
            else:
                m = _BECAUSE_RE.match(s)
                if m and rng.random() < 0.7:
                    s = f"Because {m['b']}, {m['a'][:1].lower() + m['a'][1:]}."

    def swap(match: re.Match) -> str:
        word = match.group(0)
        return rng.choice(_SYNONYM_OF[word]) if rng.random() < 0.7 else word

    return _SYNONYM_RE.sub(swap, s)


def _paraphrase_paragraph(paragraph: str, rng: random.Random, rate: float) -> str:
    return " ".join(paraphrase_sentence(s, rng) if rng.random() < rate else s for s in _split_sentences(paragraph))


# -- measuring a detector -----------------------------------------------------------------------

@dataclass(frozen=True)
class DetectionScores:
    """Pairwise scores of story clusters against the generator's ground truth."""

    precision: float  # of the document pairs put in one cluster, the share that are one story
    recall: float  # of the document pairs that are one story, the share put in one cluster
    link_precision: float  # of the direct links, the share between documents of one story
    true_pairs: int
    predicted_pairs: int
    links: int
    #: per rewrite kind: the share of rewrites that ended up in their original's cluster
    recall_by_kind: dict = field(default_factory=dict)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(1e-12, self.precision + self.recall)


def _pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.add((a, b))
    return out


def evaluate_near_duplicates(articles: list[Article], settings=None) -> DetectionScores:
    """Add ``articles`` to a fresh NearDupIndex in order and score its clusters and links."""
    from slant.corpus.neardup import NearDupIndex, cluster

    index = NearDupIndex(settings)
    links = []
    for article in articles:
        links.extend(index.add(article.id, article.text))
    clusters = cluster(links, (a.id for a in articles))
    story = {a.id: a.story_id for a in articles}
    predicted: dict[str, list[str]] = {}
    truth: dict[str, list[str]] = {}
    for a in articles:
        predicted.setdefault(clusters[a.id], []).append(a.id)
        truth.setdefault(a.story_id, []).append(a.id)
    p, t = _pairs(predicted), _pairs(truth)
    good_links = sum(story[link.doc_id] == story[link.other_id] for link in links)
    by_kind: dict[str, list[bool]] = {}
    for a in articles:
        if a.source_id is not None and a.source_id in clusters:
            by_kind.setdefault(a.kind, []).append(clusters[a.id] == clusters[a.source_id])
    return DetectionScores(
        precision=len(p & t) / len(p) if p else 1.0, recall=len(p & t) / len(t) if t else 1.0,
        link_precision=good_links / len(links) if links else 1.0,
        true_pairs=len(t), predicted_pairs=len(p), links=len(links),
        recall_by_kind={k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())})
