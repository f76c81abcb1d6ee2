"""Stage 2 of training: refit the heads to convergence on the fine-tuned encoder's frozen states.

In stage 1 every paragraph and article is seen only once per epoch, and an epoch costs ~10
minutes on the 2-core box, so the heads are left underfit (paragraph loss still falling when
training stops). Here the fine-tuned encoder runs once over every article (eval mode, as at
inference), the stitched token states are kept, and the token head, then the pooled heads, are
trained for many cheap epochs on those fixed features, keeping the epoch that scores best on
the validation articles. The encoder weights do not change, so the ONNX graph stays valid.
"""

from __future__ import annotations

import json
import logging
import pickle
import random
import shlex
import shutil
import sys
import time
from pathlib import Path

import numpy as np

log = logging.getLogger("slant.train")

#: Refit budget: epochs over the fixed features (each is seconds), keeping the best on validation.
TOKEN_EPOCHS = 8
#: 150: at 60 epochs the paragraph head was still improving on validation (best at epoch 58).
POOLED_EPOCHS = 150
BATCH_TOKENS = 4096
BATCH_PARAGRAPHS = 128


def encode_all(model, examples, batch_chunks: int = 16) -> None:
    """Stitched final hidden states (fp16) of every example, stored as ``ex.states``."""
    from slant.train.run import build_cache

    build_cache(model, examples, len(model.encoder.encoder.layer), batch_chunks, as_numpy=True)
    for ex in examples:
        n = len(ex.enc)
        width = ex.cache[0].shape[-1]
        states = np.empty((n, width), dtype=np.float16)
        for k in range(len(ex.windows)):
            sel = np.flatnonzero(ex.chunk_index == k)
            states[sel] = ex.cache[k][ex.positions[sel]]
        ex.states = states
        ex.cache = None


def refit(run_dir: str | Path, seed: int = 13, threads: int = 1) -> dict:
    """Refit all heads of ``run_dir/best.pt``; rewrites best.pt and val_outputs.pkl (keeps stage-1 copies)."""
    import torch
    import torch.nn.functional as F

    from slant.models.chunking import load_tokenizer
    from slant.train.data import load_semeval2021, load_semeval2023
    from slant.train.metrics import macro_f1_single, multilabel_f1, tune_thresholds
    from slant.train.network import PersuasionNet, encoder_path, load_encoder, paragraph_features, pool
    from slant.train.run import _pos_weight

    run_dir = Path(run_dir)
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    random.seed(seed)
    t0 = time.time()
    train_log = json.loads((run_dir / "train_log.json").read_text())
    config = train_log["config"]
    if not (run_dir / "stage1.pt").is_file():
        shutil.copyfile(run_dir / "best.pt", run_dir / "stage1.pt")
        shutil.copyfile(run_dir / "val_outputs.pkl", run_dir / "stage1_val_outputs.pkl")
    model = PersuasionNet(load_encoder())
    state = torch.load(str(run_dir / "stage1.pt"), map_location="cpu", weights_only=True)
    own = model.state_dict()
    # Heads whose shape changed since stage 1 (a new input feature) start fresh; refit trains them.
    fresh = sorted({k.rsplit(".", 2)[0] for k, v in state.items() if k in own and own[k].shape != v.shape})
    model.load_state_dict({k: v for k, v in state.items() if k in own and own[k].shape == v.shape}, strict=False)
    if fresh:
        log.info("starting these from scratch (shape changed since stage 1): %s", fresh)
    model.eval()
    tokenizer = load_tokenizer(encoder_path())
    examples, _ = load_semeval2023(config["data"], tokenizer)
    by_id = {e.id: e for e in examples}
    train_set = [by_id[i] for i in train_log["train_articles"]]
    val_set = [by_id[i] for i in train_log["val_articles"]]
    extra = load_semeval2021(config["extra_2021"], tokenizer)[0] if config.get("extra_2021") else []
    everything = train_set + val_set + extra
    states_file = run_dir / "stage1_states.pkl"  # the encoder is fixed from here on: encode once per run
    if states_file.is_file():
        with open(states_file, "rb") as fh:
            cached = pickle.load(fh)
        for ex in everything:
            ex.states = cached[ex.id]
    else:
        encode_all(model, everything)
        with open(states_file, "wb") as fh:
            pickle.dump({ex.id: ex.states for ex in everything}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    log.info("encoder states of every article ready (%.0fs)", time.time() - t0)
    train_all = train_set + extra

    # 1. Token head: logistic regression on fixed token states, warm-started from stage 1.
    token_head = model.token_head
    x_tok = torch.from_numpy(np.concatenate([e.states for e in train_all]))
    y_tok = torch.from_numpy(np.concatenate([e.token_labels for e in train_all]))
    xv_tok = torch.from_numpy(np.concatenate([e.states for e in val_set]))
    yv_tok = torch.from_numpy(np.concatenate([e.token_labels for e in val_set]))
    pw = torch.from_numpy(_pos_weight(y_tok.numpy(), config["max_pos_weight"]))
    opt = torch.optim.AdamW(token_head.parameters(), lr=1e-3, weight_decay=0.01)
    best_state, best_loss = {k: v.clone() for k, v in token_head.state_dict().items()}, float("inf")
    for epoch in range(TOKEN_EPOCHS):
        token_head.train()
        order = torch.randperm(len(x_tok))
        for b in range(0, len(order), BATCH_TOKENS):
            idx = order[b:b + BATCH_TOKENS]
            loss = F.binary_cross_entropy_with_logits(token_head(x_tok[idx].float()), y_tok[idx], pos_weight=pw)
            opt.zero_grad()
            loss.backward()
            opt.step()
        token_head.eval()
        with torch.no_grad():
            vloss = float(F.binary_cross_entropy_with_logits(token_head(xv_tok.float()), yv_tok, pos_weight=pw))
        log.info("token head epoch %d: validation loss %.4f", epoch + 1, vloss)
        if vloss < best_loss:
            best_loss, best_state = vloss, {k: v.clone() for k, v in token_head.state_dict().items()}
    token_head.load_state_dict(best_state)
    token_head.eval()

    # 2. Pooled features with the refitted token head.
    def features(ex):
        states = torch.from_numpy(ex.states).float()
        with torch.no_grad():
            logits = token_head(states)
            par = paragraph_features(states, logits, ex.paragraphs)
            art = pool(states)
            if model.specs["paragraph_techniques"].uses_article_context:
                par = torch.cat([par, art[None, :].expand(par.shape[0], -1)], dim=1)
        return logits, par, art

    feats = {ex.id: features(ex) for ex in train_all + val_set}

    def stack(rows, key):
        data = [(feats[e.id][1], e.paragraph_labels) for e in rows if len(e.paragraphs)]
        return torch.cat([d[0] for d in data]), torch.from_numpy(np.concatenate([d[1] for d in data]))

    xp, yp = stack(train_all, "p")
    xpv, ypv = stack(val_set, "p")
    fr_train = [e for e in train_set if e.frames is not None]
    fr_val = [e for e in val_set if e.frames is not None]
    xf = torch.stack([feats[e.id][2] for e in fr_train])
    yf = torch.from_numpy(np.stack([e.frames for e in fr_train]))
    xfv = torch.stack([feats[e.id][2] for e in fr_val])
    yfv = np.stack([e.frames for e in fr_val])
    ge_train = [e for e in train_set if e.genre is not None]
    ge_val = [e for e in val_set if e.genre is not None]
    xg = torch.stack([feats[e.id][2] for e in ge_train])
    yg = torch.tensor([e.genre for e in ge_train])
    xgv = torch.stack([feats[e.id][2] for e in ge_val])
    ygv = [e.genre for e in ge_val]
    counts = np.bincount(yg.numpy(), minlength=3).astype(np.float32)
    genre_w = torch.from_numpy((counts.max() / np.maximum(counts, 1)) ** 0.5)
    eps = config["label_smoothing"]

    def fit(head, x, y, score_fn, loss_fn, batch, name):
        opt = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=0.01)
        best = (score_fn(head), {k: v.clone() for k, v in head.state_dict().items()}, 0)
        for epoch in range(POOLED_EPOCHS):
            head.train()
            order = torch.randperm(len(x))
            for b in range(0, len(order), batch):
                idx = order[b:b + batch]
                loss = loss_fn(head(x[idx]), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
            head.eval()
            score = score_fn(head)
            if score > best[0] + 1e-6:
                best = (score, {k: v.clone() for k, v in head.state_dict().items()}, epoch + 1)
        head.load_state_dict(best[1])
        head.eval()
        log.info("%s head: best validation score %.4f at epoch %d", name, best[0], best[2])
        return {"score": round(best[0], 4), "epoch": best[2]}

    par_pw = torch.from_numpy(_pos_weight(yp.numpy(), config["max_pos_weight"] / 2))
    fr_pw = torch.from_numpy(_pos_weight(yf.numpy(), 4.0))

    def par_score(head):
        with torch.no_grad():
            p = torch.sigmoid(head(xpv)).numpy()
        t, _ = tune_thresholds(ypv.numpy(), p)
        return multilabel_f1(ypv.numpy(), p >= t)["micro_f1"]

    def fr_score(head):
        with torch.no_grad():
            p = torch.sigmoid(head(xfv)).numpy()
        t, _ = tune_thresholds(yfv, p)
        return multilabel_f1(yfv, p >= t)["micro_f1"]

    def ge_score(head):
        with torch.no_grad():
            p = head(xgv).argmax(-1).numpy()
        return macro_f1_single(ygv, p, 3)

    report = {
        "paragraph_techniques": fit(model.heads["paragraph_techniques"], xp, yp, par_score,
                                    lambda z, y: F.binary_cross_entropy_with_logits(z, y * (1 - eps) + eps / 2, pos_weight=par_pw),
                                    BATCH_PARAGRAPHS, "paragraph"),
        "frames": fit(model.heads["frames"], xf, yf, fr_score,
                      lambda z, y: F.binary_cross_entropy_with_logits(z, y * (1 - eps) + eps / 2, pos_weight=fr_pw),
                      16, "frames"),
        "genre": fit(model.heads["genre"], xg, yg, ge_score,
                     lambda z, y: F.cross_entropy(z, y, weight=genre_w, label_smoothing=0.1), 16, "genre"),
        "token_head_validation_loss": round(best_loss, 4),
    }
    torch.save(model.state_dict(), run_dir / "best.pt")

    # Validation outputs in stage 1's layout, for finalize.
    out = {"ids": [], "paragraph_probs": [], "paragraph_gold": [], "paragraph_lines": [], "token_probs": [],
           "frames_probs": [], "frames_gold": [], "genre_probs": [], "genre_gold": []}
    with torch.no_grad():
        for ex in val_set:
            logits, par, art = feats[ex.id]
            out["ids"].append(ex.id)
            out["paragraph_probs"].append(torch.sigmoid(model.heads["paragraph_techniques"](par)).numpy())
            out["paragraph_gold"].append(ex.paragraph_labels)
            out["paragraph_lines"].append(ex.paragraph_lines)
            out["token_probs"].append(torch.sigmoid(logits).numpy().astype(np.float16))
            out["frames_probs"].append(torch.sigmoid(model.heads["frames"](art[None])).numpy()[0])
            out["frames_gold"].append(ex.frames)
            out["genre_probs"].append(torch.softmax(model.heads["genre"](art[None]), -1).numpy()[0])
            out["genre_gold"].append(ex.genre)
    with open(run_dir / "val_outputs.pkl", "wb") as fh:
        pickle.dump(out, fh)
    report["seconds"] = round(time.time() - t0, 1)
    report["command"] = "python -m slant.train.run " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    train_log["refit"] = report
    (run_dir / "train_log.json").write_text(json.dumps(train_log, indent=1))
    log.info("refit done: %s", report)
    return report
