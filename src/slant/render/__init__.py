"""Turning Documents into what people read: JSON, a terminal report, a standalone HTML page."""

#: what every page, report and table shows for an article whose source names no outlet (the store
#: keeps "": slant.store.outlets)
NO_OUTLET = "outlet not named"
#: what a count of outlets reads when none of the articles counted names its outlet: not "0 outlets"
NO_OUTLETS = "outlets not named"


def outlet_name(outlet: str | None) -> str:
    """An outlet as shown to people: its name, or ``NO_OUTLET`` when the source named none."""
    return (outlet or "").strip() or NO_OUTLET


def count_words(n: int | None, word: str, many: str | None = None) -> str:
    """A count in words: "1 article", "1,204 articles"; ``many`` is the plural when it is not
    ``word`` + "s" ("stories")."""
    n = int(n or 0)
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def outlet_count(outlets: int | None, articles: int | None = 1) -> int | str:
    """A count of named outlets for a table cell: the number, or "not named" when some articles were
    counted and none of them names its outlet."""
    return outlets or ("not named" if articles else 0)


def outlets_words(outlets: int | None, articles: int | None = 1) -> str:
    """A count of named outlets in a sentence: "1 outlet", "3 outlets", or ``NO_OUTLETS`` when some
    articles were counted and none of them names its outlet."""
    n = outlet_count(outlets, articles)
    return NO_OUTLETS if isinstance(n, str) else count_words(n, "outlet")


def articles_words(articles: int, outlets: int, unnamed: int = 0, prep: str = "in") -> str:
    """A count of articles and the named outlets they are ``prep`` ("in", "from") in one phrase, the
    articles naming no outlet counted apart: "5 articles in 3 outlets", "4 articles in 2 outlets and
    1 article naming no outlet", "2 articles, outlets not named" (never "0 outlets")."""
    if outlets and unnamed:
        return (f"{count_words(articles - unnamed, 'article')} {prep} {outlets_words(outlets)} and "
                f"{count_words(unnamed, 'article')} naming no outlet")
    joint = f" {prep} " if outlets or not articles else ", "
    return f"{count_words(articles, 'article')}{joint}{outlets_words(outlets, articles)}"


def dates_words(first: str, last: str) -> str:
    """When a count of articles is dated, after the count: " from 2026-03-01 to 2026-03-02", or
    ", dated 2026-03-02" when both ends are one date ("from 2026-03-02 to 2026-03-02" read as two)."""
    return f", dated {first}" if first == last else f" from {first} to {last}"
