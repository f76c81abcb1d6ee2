"""Export the trained network for torch-free inference.

Only the encoder and the token head go into ONNX (outputs ``last_hidden_state`` and
``token_logits``); the pooled heads go to ``heads.npz`` and run in numpy. The graph is exported
with eager attention so that onnxruntime's BERT optimizer can fuse attention, then quantised to
dynamic int8 per channel (the fused graph needs ``DefaultTensorType`` set to be quantisable).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from slant.errors import ModelError

OPSET = 17
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt")


def build_model(checkpoint: str | Path, *, eager: bool = True):
    """The trained PersuasionNet from a state-dict checkpoint (eager attention for export)."""
    import torch

    from slant.train.network import PersuasionNet, load_encoder

    model = PersuasionNet(load_encoder(eager=eager))
    state = torch.load(str(checkpoint), map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    model.eval()
    return model


def export_onnx(model, path: str | Path) -> Path:
    """Write the encoder + token head as ONNX with dynamic batch and sequence axes."""
    import torch

    class EncoderAndTokenHead(torch.nn.Module):
        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.net.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            hidden = out.last_hidden_state
            return hidden, self.net.token_head(hidden)

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wrapper = EncoderAndTokenHead(model).eval()
    ids = torch.randint(1000, 2000, (2, 16), dtype=torch.long)
    mask = torch.ones_like(ids)
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(wrapper, (ids, mask, torch.zeros_like(ids)), str(path),
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["last_hidden_state", "token_logits"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                                        "last_hidden_state": axes, "token_logits": axes},
                          opset_version=OPSET, dynamo=False)
    return path


def optimise_onnx(src: str | Path, dst: str | Path) -> dict[str, int]:
    """Fuse attention/LayerNorm/GELU with onnxruntime's BERT optimizer; returns the fused-op counts."""
    from onnxruntime.transformers import optimizer

    opt = optimizer.optimize_model(str(src), model_type="bert", num_heads=12, hidden_size=384, opt_level=1)
    opt.save_model_to_file(str(dst))
    counts = opt.get_fused_operator_statistics()
    if not counts.get("Attention") and not counts.get("MultiHeadAttention"):
        raise ModelError(f"attention did not fuse when optimising {src} (was it exported with eager attention?)")
    return {k: int(v) for k, v in counts.items() if v}


def quantise_onnx(src: str | Path, dst: str | Path) -> Path:
    """Dynamic int8, per-channel weights (agrees better with fp32 than per-tensor at the same speed)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(src), str(dst), per_channel=True, weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    return Path(dst)


def save_heads(model, path: str | Path) -> dict[str, dict]:
    """Write every pooled head's two linear layers to ``heads.npz``; returns the head specs."""
    arrays, specs = {}, {}
    for name, head in model.heads.items():
        linears = [m for m in head.net if hasattr(m, "weight")]
        first, second = linears
        arrays[f"{name}.w1"] = first.weight.detach().float().numpy().T.copy()
        arrays[f"{name}.b1"] = first.bias.detach().float().numpy()
        arrays[f"{name}.w2"] = second.weight.detach().float().numpy().T.copy()
        arrays[f"{name}.b2"] = second.bias.detach().float().numpy()
        spec = head.spec
        specs[name] = {"level": spec.level, "labels": list(spec.labels), "activation": spec.activation,
                       "uses_token_logits": spec.uses_token_logits,
                       "uses_article_context": spec.uses_article_context}
    np.savez(path, **arrays)
    return specs


def copy_tokenizer(dst_dir: str | Path) -> None:
    """Ship the encoder's tokenizer files (and its config, for reference) beside the model."""
    from slant.train.network import encoder_path

    src = encoder_path()
    for name in TOKENIZER_FILES + ("config.json",):
        if (src / name).is_file():
            target = Path(dst_dir) / ("encoder_config.json" if name == "config.json" else name)
            shutil.copyfile(src / name, target)
