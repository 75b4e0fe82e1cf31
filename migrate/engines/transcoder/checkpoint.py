"""Loading and saving models: our self-describing format and the official TransCoder layout.

Our format is one `torch.save` dict that needs no other file:

    {"format": "migrate-transcoder", "version": 1,
     "config": TransformerConfig as a dict,
     "languages": {"cpp": 0, "java": 1, "python": 2},
     "tokenizer": {"kind": "sentencepiece", "model": uint8 tensor of the .model bytes}
                | {"kind": "bpe", "codes": codes text, "vocab": [word of id 0, word of id 1, ...]},
     "model": Seq2Seq state dict,
     "meta": free-form strings (provenance)}

It holds only tensors and plain values, so it loads with `weights_only=True`.

The official TransCoder / TransCoder-ST files (CodeGen's `Trainer.save_checkpoint`) load
through `load_official`: separate encoder/decoder state dicts with XLM names, the
checkpoint's own dictionary and `params`; the BPE codes come from a separate file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from migrate.errors import EngineError

if TYPE_CHECKING:
    from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig

FORMAT = "migrate-transcoder"
VERSION = 1
N_MAX_POSITIONS = 2048  # CodeGen's position table size; official tables are resized to it


@dataclass
class LoadedModel:
    """A ready model with everything needed to turn code into ids and back."""

    model: Seq2Seq
    config: TransformerConfig
    languages: dict[str, int]  # "python" / "java" / "cpp" -> language-embedding row
    subwords: object  # bpe.BpeSubwords or spm.SentencePieceSubwords
    meta: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- our format


def save(
    path: str | Path,
    model: Seq2Seq,
    languages: dict[str, int],
    subwords: object,
    meta: dict[str, str] | None = None,
) -> None:
    """Write a checkpoint that loads with `load` and nothing else."""
    import torch

    torch.save(
        {
            "format": FORMAT,
            "version": VERSION,
            "config": model.cfg.to_dict(),
            "languages": dict(languages),
            "tokenizer": subwords.to_checkpoint(),
            "model": {k: v.detach().cpu() for k, v in model.state_dict().items()},
            "meta": dict(meta or {}),
        },
        str(path),
    )


def load(path: str | Path, bpe_codes: str | Path | None = None, **official_options) -> LoadedModel:
    """Either format, told apart by its keys; `bpe_codes` only matters for official files."""
    raw = _read(path)
    if raw.get("format") == FORMAT:
        return _load_ours(raw, path)
    if "encoder" in raw and "decoder" in raw and "params" in raw:
        if bpe_codes is None:
            raise EngineError(
                f"{path} is an official TransCoder checkpoint; it needs the BPE codes it was "
                "trained with (pass bpe_codes=..., e.g. CodeGen's data/bpe/cpp-java-python/codes)"
            )
        return load_official(raw, bpe_codes, source=str(path), **official_options)
    raise EngineError(f"{path} is neither a migrate-transcoder nor an official TransCoder checkpoint")


def _read(path: str | Path) -> dict:
    import pickle

    import torch

    path = Path(path)
    if not path.is_file():
        raise EngineError(f"model file not found: {path}")
    try:
        raw = torch.load(str(path), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        # Official checkpoints may pickle argparse objects in `params`; only files the
        # user names explicitly reach this point, as with any torch checkpoint.
        try:
            raw = torch.load(str(path), map_location="cpu", weights_only=False)
        except Exception as exc:  # corrupt or foreign file: one clear message
            raise EngineError(f"cannot read model file {path}: {exc}") from exc
    except Exception as exc:
        raise EngineError(f"cannot read model file {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise EngineError(f"{path} does not hold a checkpoint dictionary")
    return raw


def _load_ours(raw: dict, path: str | Path) -> LoadedModel:
    from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig

    if raw.get("version") != VERSION:
        raise EngineError(f"{path}: checkpoint version {raw.get('version')} is not supported")
    cfg = TransformerConfig.from_dict(raw["config"])
    model = Seq2Seq(cfg)
    try:
        model.load_state_dict(raw["model"], strict=True)
    except RuntimeError as exc:
        raise EngineError(f"{path}: weights do not match the saved config: {exc}") from exc
    model.eval()
    subwords = subwords_from_checkpoint(raw["tokenizer"])
    if subwords.n_words != cfg.n_words:
        raise EngineError(f"{path}: tokenizer has {subwords.n_words} words but the model {cfg.n_words}")
    return LoadedModel(model, cfg, dict(raw["languages"]), subwords, dict(raw.get("meta", {})))


def subwords_from_checkpoint(data: dict) -> object:
    kind = data.get("kind")
    if kind == "sentencepiece":
        from migrate.engines.transcoder.spm import SentencePieceSubwords

        return SentencePieceSubwords(bytes(data["model"].numpy().tobytes()))
    if kind == "bpe":
        from migrate.engines.transcoder.bpe import BpeSubwords, FastBPE

        return BpeSubwords(FastBPE.from_text(data["codes"]), list(data["vocab"]))
    raise EngineError(f"unknown tokenizer kind in checkpoint: {kind!r}")


# --------------------------------------------------------------------------- official layout

# XLM name (after the `module.` prefix) -> our name; {i} is the layer index.
_RENAMES = [
    (re.compile(r"^embeddings\."), "embed.embeddings."),
    (re.compile(r"^position_embeddings\."), "embed.position_embeddings."),
    (re.compile(r"^lang_embeddings\."), "embed.lang_embeddings."),
    (re.compile(r"^layer_norm_emb\."), "embed.layer_norm_emb."),
    (re.compile(r"^attentions\.(\d+)\."), r"layers.\1.self_attn."),
    (re.compile(r"^layer_norm1\.(\d+)\."), r"layers.\1.norm1."),
    (re.compile(r"^encoder_attn\.(\d+)\."), r"layers.\1.cross_attn."),
    (re.compile(r"^layer_norm15\.(\d+)\."), r"layers.\1.norm_cross."),
    (re.compile(r"^ffns\.(\d+)\."), r"layers.\1.ffn."),
    (re.compile(r"^layer_norm2\.(\d+)\."), r"layers.\1.norm2."),
]


def strip_module_prefix(state: dict) -> dict:
    """Drop DDP's `module.` when every key carries it (as CodeGen does)."""
    if state and all(k.startswith("module.") for k in state):
        return {k[len("module.") :]: v for k, v in state.items()}
    return dict(state)


def adapt_official_state_dict(state: dict, decoder: bool, positions: int = N_MAX_POSITIONS) -> dict:
    """One official encoder or decoder state dict, renamed to our module's keys."""
    import torch

    out = {}
    for key, value in strip_module_prefix(state).items():
        if key == "pred_layer.proj.weight":
            continue  # tied to embeddings.weight
        if key == "pred_layer.proj.bias":
            if decoder:
                out["out_bias"] = value
            continue  # the encoder's prediction head only served MLM training
        new = key
        for pattern, repl in _RENAMES:
            new, n = pattern.subn(repl, new)
            if n:
                break
        else:
            raise EngineError(f"unexpected parameter in official checkpoint: {key}")
        if key == "position_embeddings.weight":
            # CodeGen's reload_position_embeddings: truncate extra rows, or repeat the
            # last row until the table has N_MAX_POSITIONS rows.
            if value.size(0) > positions:
                value = value[:positions]
            elif value.size(0) < positions:
                extra = value[-1:].expand(positions - value.size(0), -1)
                value = torch.cat([value, extra], dim=0)
        out[new] = value
    return out


def _param(params: dict, name: str, default=None):
    value = params.get(name, default) if isinstance(params, dict) else getattr(params, name, default)
    return default if value is None else value


def official_config(raw: dict, layer_norm_eps: float = 1e-5) -> TransformerConfig:
    """Our config from an official checkpoint's params and tensors."""
    from migrate.engines.transcoder.model import TransformerConfig

    params = raw["params"]
    if not isinstance(params, dict):
        params = vars(params)
    emb_dim = int(_param(params, "emb_dim", 0))
    # Older checkpoints lack the per-side fields, or carry argparse's default 0.
    enc_dim = int(_param(params, "emb_dim_encoder", 0)) or emb_dim
    dec_dim = int(_param(params, "emb_dim_decoder", 0)) or emb_dim
    n_layers = int(_param(params, "n_layers", 0))
    enc_layers = int(_param(params, "n_layers_encoder", 0)) or n_layers
    dec_layers = int(_param(params, "n_layers_decoder", 0)) or n_layers
    n_words = len(raw["dico_id2word"])
    emb = strip_module_prefix(raw["decoder"]).get("embeddings.weight")
    if emb is not None and emb.size(0) != n_words:
        raise EngineError(f"dictionary has {n_words} words but the embeddings {emb.size(0)} rows")
    if not (enc_dim and dec_dim and enc_layers and dec_layers):
        raise EngineError("official checkpoint params lack emb_dim / n_layers")
    if _param(params, "sinusoidal_embeddings", False):
        raise EngineError("checkpoints with sinusoidal position embeddings are not supported")
    return TransformerConfig(
        n_words=n_words,
        n_langs=int(_param(params, "n_langs", len(params.get("lang2id", {})))),
        enc_dim=enc_dim,
        dec_dim=dec_dim,
        enc_layers=enc_layers,
        dec_layers=dec_layers,
        n_heads=int(_param(params, "n_heads", 8)),
        max_positions=N_MAX_POSITIONS,
        max_len=int(_param(params, "max_len", 512)) or 512,
        activation="gelu" if _param(params, "gelu_activation", False) else "relu",
        layer_norm_eps=layer_norm_eps,
        pad_index=int(_param(params, "pad_index", 2)),
        eos_index=int(_param(params, "eos_index", 1)),
        unk_index=int(_param(params, "unk_index", 3)),
    )


def official_languages(params: dict) -> dict[str, int]:
    """`cpp_sa` -> `cpp` etc.; ids as the checkpoint has them, never re-derived."""
    lang2id = _param(params if isinstance(params, dict) else vars(params), "lang2id", None)
    if not lang2id:
        raise EngineError("official checkpoint params lack lang2id")
    out: dict[str, int] = {}
    for name, index in lang2id.items():
        base = name[: -len("_sa")] if name.endswith("_sa") else name
        if base in ("cpp", "java", "python") and (base not in out or name.endswith("_sa")):
            out[base] = int(index)
    return out


def build_official_model(raw: dict, layer_norm_eps: float = 1e-5) -> Seq2Seq:
    from migrate.engines.transcoder.model import Seq2Seq

    cfg = official_config(raw, layer_norm_eps)
    model = Seq2Seq(cfg)
    state = {}
    for side in ("encoder", "decoder"):
        adapted = adapt_official_state_dict(raw[side], decoder=side == "decoder")
        state.update({f"{side}.{k}": v for k, v in adapted.items()})
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise EngineError(f"official checkpoint does not fit the model: {exc}") from exc
    return model.eval()


def load_official(
    raw: dict | str | Path,
    bpe_codes: str | Path,
    layer_norm_eps: float = 1e-5,
    source: str = "",
) -> LoadedModel:
    """An official TransCoder(-ST) checkpoint plus its fastBPE codes file."""
    from migrate.engines.transcoder.bpe import BpeSubwords, FastBPE

    if not isinstance(raw, dict):
        source = str(raw)
        raw = _read(raw)
    if "dico_id2word" not in raw:
        raise EngineError(f"{source}: official checkpoint lacks dico_id2word")
    codes_path = Path(bpe_codes)
    if not codes_path.is_file():
        raise EngineError(f"BPE codes file not found: {codes_path}")
    model = build_official_model(raw, layer_norm_eps)
    id2word = raw["dico_id2word"]
    vocab = [id2word[i] for i in range(len(id2word))]
    subwords = BpeSubwords(FastBPE.from_file(codes_path), vocab)
    meta = {
        "source": source,
        "layout": "official TransCoder",
        "layer_norm_eps": str(layer_norm_eps),
    }
    return LoadedModel(model, model.cfg, official_languages(raw["params"]), subwords, meta)


def convert_official(
    path: str | Path, bpe_codes: str | Path, out: str | Path, layer_norm_eps: float = 1e-5
) -> LoadedModel:
    """Re-save an official checkpoint (plus its codes) in our self-describing format."""
    loaded = load_official(path, bpe_codes, layer_norm_eps=layer_norm_eps)
    save(out, loaded.model, loaded.languages, loaded.subwords, meta=loaded.meta)
    return loaded
