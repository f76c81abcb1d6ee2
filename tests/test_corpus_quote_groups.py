"""Travelling-quote groups in the store: the first grouping, then new quotes filed incrementally."""

from __future__ import annotations

import pytest

from slant.corpus import quote_groups
from slant.corpus.quote_groups import group_quotes
from slant.corpus.quotes import group_id_for
from slant.document import Document, Metadata, Span
from slant.store import Store, open_store

Q_EXPANSION = "We will never accept the expansion of the alliance towards our borders"
Q_EXPANSION_REWORDED = "we will never accept expansion of the alliance towards our borders!"
Q_GAS = "Gas prices will fall before the winter according to our own estimates"
Q_DEFENSIVE = "The alliance has never been a defensive organisation at all"
Q_PEOPLE = "and the people of Europe know this very well by now"


def quoted_doc(doc_id: str, outlet: str, published: str, *quotes: str) -> Document:
    text = " ".join(f"“{q},” the minister said." for q in quotes)
    doc = Document(text, id=doc_id, source=f"{doc_id}.txt", meta=Metadata(outlet=outlet, published=published))
    spans = []
    for q in quotes:
        start = text.index(q)
        spans.append(Span(start, start + len(q), "direct",
                          attrs={"kind": "direct", "speaker": {"text": "the minister"}, "relay": {"name": "Tass"}}))
    doc.add_layer("quotes", spans)
    return doc


def groups_of(store: Store) -> dict[tuple[str, str], str]:
    return {(r["doc_id"], r["text"]): r["group_id"] for r in store.query(
        "SELECT q.doc_id, q.text, g.group_id FROM quotes q JOIN quote_groups g ON g.quote_id = q.quote_id")}


def grouped_in_two_runs(store: Store, first: list[Document], later: list[Document]) -> dict[tuple[str, str], str]:
    """Store and group ``first``, then store ``later`` and file its quotes; the groups after both."""
    for doc in first:
        store.put(doc)
    group_quotes(store)
    for doc in later:
        store.put(doc)
    group_quotes(store)
    return groups_of(store)


@pytest.fixture
def store(monkeypatch):
    monkeypatch.setattr(quote_groups, "FULL_BELOW", 0)  # take the incremental path from the second run on
    with open_store(None) as s:
        yield s


def test_quote_groups_new_quote_joins_the_stored_group_of_its_reworded_twin(store: Store):
    store.put(quoted_doc("a", "Wire", "2024-03-01", Q_EXPANSION, Q_GAS))
    assert group_quotes(store) == 2  # the first grouping: every quote
    before = groups_of(store)
    store.put(quoted_doc("c", "Daily Post", "2024-03-04", Q_EXPANSION_REWORDED))
    assert group_quotes(store) == 1  # only the new quote is filed
    after = groups_of(store)
    assert after[("c", Q_EXPANSION_REWORDED)] == after[("a", Q_EXPANSION)] == group_id_for("a", Q_EXPANSION)
    assert after[("a", Q_GAS)] == before[("a", Q_GAS)] != after[("a", Q_EXPANSION)]
    assert group_quotes(store) == 0  # nothing new: nothing to do
    # the incremental grouping agrees with regrouping everything
    group_quotes(store, full=True)
    assert groups_of(store) == after


def test_quote_groups_an_earlier_member_renames_the_group(store: Store):
    got = grouped_in_two_runs(store, [quoted_doc("late", "Wire", "2024-03-05", Q_EXPANSION)],
                              [quoted_doc("early", "Blog", "2024-02-20", Q_EXPANSION_REWORDED)])
    assert set(got.values()) == {group_id_for("early", Q_EXPANSION_REWORDED)}


def test_quote_groups_a_quote_that_contains_two_groups_merges_them(store: Store):
    store.put(quoted_doc("a", "Wire", "2024-03-01", Q_DEFENSIVE))
    store.put(quoted_doc("b", "Blog", "2024-03-02", Q_PEOPLE))
    group_quotes(store)
    assert len(set(groups_of(store).values())) == 2
    store.put(quoted_doc("c", "Post", "2024-03-03", f"{Q_DEFENSIVE}, {Q_PEOPLE}"))
    group_quotes(store)
    incremental = groups_of(store)
    assert set(incremental.values()) == {group_id_for("a", Q_DEFENSIVE)}
    group_quotes(store, full=True)
    assert groups_of(store) == incremental


def test_quote_groups_unrelated_quotes_stay_apart(store: Store):
    got = grouped_in_two_runs(store, [quoted_doc("a", "Wire", "2024-03-01", Q_EXPANSION)],
                              [quoted_doc("b", "Blog", "2024-03-02", Q_GAS)])
    assert got[("a", Q_EXPANSION)] != got[("b", Q_GAS)]


def test_quote_groups_reanalysis_drops_only_that_documents_groups(store: Store):
    store.put(quoted_doc("a", "Wire", "2024-03-01", Q_EXPANSION))
    store.put(quoted_doc("b", "Blog", "2024-03-02", Q_GAS))
    group_quotes(store)
    doc = quoted_doc("a", "Wire", "2024-03-01", Q_EXPANSION)
    with store.session() as s:
        s.replace_analysis(doc)
    assert set(groups_of(store)) == {("b", Q_GAS)}  # a's new quote rows wait for the next grouping
    assert group_quotes(store) == 1
    assert set(groups_of(store)) == {("a", Q_EXPANSION), ("b", Q_GAS)}
