"""Train a ConvTagHead (two 1-D conv layers + softmax) on cached encoder states with torch.

Shared by the entity head (:mod:`slant.train.ner`) and the attribution head
(:mod:`slant.train.attribution`); the result is exported to numpy arrays that
:class:`slant.analyze.entity_features.ConvTagHead` runs without torch.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Callable

import numpy as np

from slant.analyze.entity_features import ConvTagHead, save_head

log = logging.getLogger(__name__)

#: fixed seed: initialisation and batch order are reproducible
SEED = 13


def write_head(out: str | Path, head: ConvTagHead, report: dict) -> dict:
    """Save a trained head to ``out`` (.npz, floats as float16) and its report beside it (.json)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_head(out, head.weights)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2), "utf-8")
    return report


def doc_slices(lengths: np.ndarray) -> list[slice]:
    """Row slices of each document in the concatenated token arrays."""
    bounds = np.concatenate([[0], np.cumsum(lengths)])
    return [slice(int(a), int(b)) for a, b in zip(bounds[:-1], bounds[1:])]


def train_tag_head(train: dict[str, np.ndarray], tags: tuple[str, ...],
                   evaluate: Callable[[ConvTagHead], float], *, epochs: int = 12, hidden: int = 256,
                   kernel: int = 3, lr: float = 2e-3, threads: int = 1, dropout: float = 0.3,
                   class_weights: np.ndarray | None = None,
                   extra: dict[str, np.ndarray] | None = None,
                   dilations: tuple[int, ...] = (1, 1),
                   average_from: int | None = None) -> tuple[ConvTagHead, list[dict]]:
    """Train on ``train`` (states, feats, labels, lengths); keep the epoch that ``evaluate`` scores best.

    From epoch ``average_from`` on (default: the second half of training) the weights are also
    averaged over epochs (stochastic weight averaging); the average is scored like an epoch and
    kept when it scores best.
    """
    import torch
    from torch import nn

    torch.manual_seed(SEED)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(SEED)
    sample = np.concatenate([train["states"][::7].astype(np.float32), train["feats"][::7]], axis=1)
    mean = sample.mean(axis=0)
    std = sample.std(axis=0) + 1e-4
    in_dim = train["states"].shape[1] + train["feats"].shape[1]

    model = build_head_module(in_dim, hidden, kernel, dilations, len(tags), dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-2)
    slices = doc_slices(train["lengths"])
    mean_t, std_t = torch.from_numpy(mean), torch.from_numpy(std)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=epochs * len(slices), pct_start=0.1)
    weight = torch.from_numpy(class_weights.astype(np.float32)) if class_weights is not None else None
    history: list[dict] = []
    best: tuple[float, ConvTagHead | None] = (-1.0, None)
    average_from = average_from if average_from is not None else epochs // 2 + 1
    averaged: dict[str, torch.Tensor] | None = None
    n_averaged = 0

    def snapshot() -> ConvTagHead:
        """The model's current weights as a numpy head."""
        return ConvTagHead({**export_weights(model, mean, std, tags, dilations), **(extra or {})})

    for epoch in range(epochs):
        model.train()
        t0 = time.perf_counter()
        loss_sum = 0.0
        for k in rng.permutation(len(slices)):
            sl = slices[k]
            if sl.stop - sl.start == 0:
                continue
            x = torch.cat([torch.from_numpy(train["states"][sl].astype(np.float32)),
                           torch.from_numpy(train["feats"][sl])], dim=1)
            x = ((x - mean_t) / std_t)[None]
            y = torch.from_numpy(train["labels"][sl])
            loss = nn.functional.cross_entropy(model(x)[0], y, weight=weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += float(loss.detach())
        model.eval()
        head = snapshot()
        score = evaluate(head)
        entry = {"epoch": epoch + 1, "loss": round(loss_sum / len(slices), 4), "dev": round(score, 4)}
        if score > best[0]:
            best = (score, head)
        if epoch + 1 >= average_from:
            current = {k: v.detach().clone() for k, v in model.state_dict().items()}
            n_averaged += 1
            averaged = current if averaged is None else \
                {k: averaged[k] + (current[k] - averaged[k]) / n_averaged for k in current}
            if n_averaged > 1:
                model.load_state_dict(averaged)
                avg_head = snapshot()
                model.load_state_dict(current)
                avg_score = evaluate(avg_head)
                entry["dev_averaged"] = round(avg_score, 4)
                if avg_score > best[0]:
                    best = (avg_score, avg_head)
        entry["seconds"] = round(time.perf_counter() - t0, 1)
        history.append(entry)
        log.warning("epoch %s", entry)
    assert best[1] is not None
    return best[1], history


def build_head_module(in_dim: int, hidden: int, kernel: int, dilations: tuple[int, ...], n_tags: int,
                      dropout: float = 0.3):
    """The torch module whose weights :func:`export_weights` hands to ConvTagHead."""
    import torch
    from torch import nn

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.drop_in = nn.Dropout(0.1)
            self.convs = nn.ModuleList(
                nn.Conv1d(in_dim if i == 0 else hidden, hidden, kernel, padding=d * (kernel // 2), dilation=d)
                for i, d in enumerate(dilations))
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(hidden, n_tags)

        def forward(self, x: torch.Tensor) -> torch.Tensor:  # x (1, n, in)
            h = torch.relu(self.convs[0](self.drop_in(x).transpose(1, 2)))
            for conv in self.convs[1:]:
                h = torch.relu(conv(self.drop(h))) + h
            return self.out(self.drop(h.transpose(1, 2)))

    return Head()


def export_weights(model, mean: np.ndarray, std: np.ndarray, tags: tuple[str, ...],
                   dilations: tuple[int, ...] = (1, 1)) -> dict[str, np.ndarray]:
    """The torch head's parameters as the numpy arrays ConvTagHead reads."""
    out: dict[str, np.ndarray] = {}
    for i, conv in enumerate(model.convs, start=1):
        # torch (out, in, k) -> numpy (k, in, out)
        out[f"conv{i}_w"] = conv.weight.detach().numpy().transpose(2, 1, 0).astype(np.float32).copy()
        out[f"conv{i}_b"] = conv.bias.detach().numpy().astype(np.float32)
    out.update({
        "out_w": model.out.weight.detach().numpy().T.astype(np.float32).copy(),
        "out_b": model.out.bias.detach().numpy().astype(np.float32),
        "mean": mean.astype(np.float32), "std": std.astype(np.float32),
        "tags": np.asarray(tags), "dilations": np.asarray(dilations, dtype=np.int64),
    })
    return out
