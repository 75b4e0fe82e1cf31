"""The TransCoder-style encoder-decoder transformer (XLM layout), free of I/O.

Post-layer-norm blocks; token + learned position + language embeddings summed and
normalised; the decoder adds cross-attention between self-attention and the FFN; the
decoder's output projection is tied to its token embeddings with a separate bias.
Tensors are batch-major here: (batch, time, dim). Parameter names follow the official
checkpoints closely so `checkpoint.adapt_official_state_dict` is a plain key rename.

Shapes use B = batch, S = source length, T = target length (or new target steps with
a cache), D = model dim, H = heads, Dh = D // H, V = vocabulary.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class TransformerConfig:
    """Everything needed to build the network; saved next to the weights."""

    n_words: int
    n_langs: int
    enc_dim: int = 512
    dec_dim: int = 512
    enc_layers: int = 6
    dec_layers: int = 6
    n_heads: int = 8
    ffn_mult: int = 4  # FFN hidden size = ffn_mult * dim
    max_positions: int = 2048  # rows of the learned position table
    max_len: int = 512  # longest sequence (subwords incl. both </s>) the model was trained on
    activation: str = "relu"  # "relu" or "gelu" (exact erf form)
    layer_norm_eps: float = 1e-5  # 1e-12 reproduces the released TransCoder models exactly
    dropout: float = 0.0
    attention_dropout: float = 0.0
    pad_index: int = 2
    eos_index: int = 1  # </s> doubles as BOS, as in XLM / TransCoder
    unk_index: int = 3

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TransformerConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def length_limit(self) -> int:
        """Longest sequence, both </s> included, that the model can encode or emit."""
        return min(self.max_len, self.max_positions)


class MultiHeadAttention(nn.Module):
    """Scaled dot-product attention; for cross-attention the k/v inputs have kv_dim."""

    def __init__(self, dim: int, n_heads: int, kv_dim: int, dropout: float):
        super().__init__()
        if dim % n_heads:
            raise ValueError(f"dim {dim} is not divisible by {n_heads} heads")
        self.n_heads = n_heads
        self.dropout = dropout
        self.q_lin = nn.Linear(dim, dim)
        self.k_lin = nn.Linear(kv_dim, dim)
        self.v_lin = nn.Linear(kv_dim, dim)
        self.out_lin = nn.Linear(dim, dim)

    def _heads(self, x: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape  # (B, T, D) -> (B, H, T, Dh)
        return x.view(b, t, self.n_heads, d // self.n_heads).transpose(1, 2)

    def project_kv(self, kv: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Keys and values of `kv` (B, S, Dkv), each (B, H, S, Dh)."""
        return self._heads(self.k_lin(kv)), self._heads(self.v_lin(kv))

    def forward(
        self,
        x: torch.Tensor,  # (B, T, D) queries
        mask: torch.Tensor,  # bool, True = may attend: (B, S) keys, or (B, T, S) per query
        kv: torch.Tensor | None = None,  # (B, S, Dkv) for cross-attention; with a cache
        # holding source keys of B/G sentences, rows come in groups of G beams per sentence
        cache: dict | None = None,
        key: str = "",
        cross: bool = False,
    ) -> torch.Tensor:
        b, t, d = x.shape
        dh = d // self.n_heads
        if not cross:  # self-attention: keys grow with every decoded step
            k, v = self.project_kv(x)  # (B, H, T, Dh)
            if cache is not None:
                if key in cache:
                    k_old, v_old = cache[key]
                    k = torch.cat([k_old, k], dim=2)  # (B, H, S=old+T, Dh)
                    v = torch.cat([v_old, v], dim=2)
                cache[key] = (k, v)
        elif cache is not None and key in cache:  # cross-attention: source k/v once
            k, v = cache[key]
        else:
            k, v = self.project_kv(kv)  # (B, H, S, Dh)
            if cache is not None:
                cache[key] = (k, v)

        q = self._heads(self.q_lin(x)) / math.sqrt(dh)  # (B, H, T, Dh), scaled first as in XLM
        g = b // k.size(0)  # > 1 when G beams of a sentence share its source keys
        if g > 1:  # (B*G, H, T, Dh) -> (B, H, G*T, Dh): one matmul per sentence
            q = q.view(k.size(0), g, self.n_heads, t, dh).transpose(1, 2)
            q = q.reshape(k.size(0), self.n_heads, g * t, dh)
        scores = torch.matmul(q, k.transpose(2, 3))  # (B, H, T, S)
        keep = mask[:, None, None, :] if mask.dim() == 2 else mask[:, None, :, :]
        scores = scores.masked_fill(~keep, float("-inf"))
        weights = F.softmax(scores.float(), dim=-1).type_as(scores)  # (B, H, T, S)
        weights = F.dropout(weights, p=self.dropout, training=self.training)
        context = torch.matmul(weights, v)  # (B, H, T, Dh)
        if g > 1:  # back to one row per beam: (B, H, G*T, Dh) -> (B*G, H, T, Dh)
            context = context.view(k.size(0), self.n_heads, g, t, dh).transpose(1, 2)
            context = context.reshape(b, self.n_heads, t, dh)
        context = context.transpose(1, 2).reshape(b, t, d)  # (B, T, D)
        return self.out_lin(context)


class FeedForward(nn.Module):
    def __init__(self, dim: int, hidden: int, activation: str, dropout: float):
        super().__init__()
        if activation not in ("relu", "gelu"):
            raise ValueError(f"activation must be relu or gelu, not {activation!r}")
        self.lin1 = nn.Linear(dim, hidden)
        self.lin2 = nn.Linear(hidden, dim)
        self.activation = F.relu if activation == "relu" else F.gelu
        self.dropout = dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (B, T, D) -> (B, T, D)
        x = self.lin2(self.activation(self.lin1(x)))
        return F.dropout(x, p=self.dropout, training=self.training)


class Layer(nn.Module):
    """One post-LN block: self-attention, [cross-attention], FFN, each residual then LN."""

    def __init__(self, cfg: TransformerConfig, dim: int, cross: bool):
        super().__init__()
        self.dropout = cfg.dropout
        eps = cfg.layer_norm_eps
        self.self_attn = MultiHeadAttention(dim, cfg.n_heads, dim, cfg.attention_dropout)
        self.norm1 = nn.LayerNorm(dim, eps=eps)
        self.cross_attn = MultiHeadAttention(dim, cfg.n_heads, cfg.enc_dim, cfg.attention_dropout) if cross else None
        self.norm_cross = nn.LayerNorm(dim, eps=eps) if cross else None
        self.ffn = FeedForward(dim, cfg.ffn_mult * dim, cfg.activation, cfg.dropout)
        self.norm2 = nn.LayerNorm(dim, eps=eps)

    def forward(
        self,
        h: torch.Tensor,  # (B, T, D)
        keep: torch.Tensor,  # (B, T, 1) float: 0 on padding
        self_mask: torch.Tensor,
        src: torch.Tensor | None = None,  # (B, S, Denc)
        src_mask: torch.Tensor | None = None,  # (B, S) bool
        cache: dict | None = None,
        index: int = 0,
    ) -> torch.Tensor:
        a = self.self_attn(h, self_mask, cache=cache, key=f"self{index}")
        h = self.norm1(h + F.dropout(a, p=self.dropout, training=self.training))
        if self.cross_attn is not None:
            c = self.cross_attn(h, src_mask, src, cache, f"cross{index}", cross=True)
            h = self.norm_cross(h + F.dropout(c, p=self.dropout, training=self.training))
        h = self.norm2(h + self.ffn(h))
        return h * keep


class Embeddings(nn.Module):
    """Token + learned position + language embeddings, then LayerNorm and dropout."""

    def __init__(self, cfg: TransformerConfig, dim: int):
        super().__init__()
        self.embeddings = nn.Embedding(cfg.n_words, dim, padding_idx=cfg.pad_index)
        self.position_embeddings = nn.Embedding(cfg.max_positions, dim)
        self.lang_embeddings = nn.Embedding(cfg.n_langs, dim)
        self.layer_norm_emb = nn.LayerNorm(dim, eps=cfg.layer_norm_eps)
        self.dropout = cfg.dropout

    def forward(self, ids: torch.Tensor, lang: torch.Tensor, start: int = 0) -> torch.Tensor:
        """ids (B, T), lang (B,) language id per sentence; positions start..start+T-1."""
        positions = torch.arange(start, start + ids.size(1), device=ids.device)  # (T,)
        x = self.embeddings(ids) + self.position_embeddings(positions)[None]
        x = x + self.lang_embeddings(lang)[:, None, :]  # (B, T, D)
        x = self.layer_norm_emb(x)
        return F.dropout(x, p=self.dropout, training=self.training)


class Encoder(nn.Module):
    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = Embeddings(cfg, cfg.enc_dim)
        self.layers = nn.ModuleList(Layer(cfg, cfg.enc_dim, cross=False) for _ in range(cfg.enc_layers))

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor, lang: torch.Tensor) -> torch.Tensor:
        """ids (B, S) right-padded, lengths (B,), lang (B,) -> (B, S, Denc), 0 on padding."""
        mask = torch.arange(ids.size(1), device=ids.device)[None, :] < lengths[:, None]  # (B, S)
        keep = mask[:, :, None].to(self.embed.embeddings.weight.dtype)  # (B, S, 1)
        h = self.embed(ids, lang) * keep
        for layer in self.layers:
            h = layer(h, keep, mask)
        return h


class Decoder(nn.Module):
    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.cfg = cfg
        self.embed = Embeddings(cfg, cfg.dec_dim)
        self.layers = nn.ModuleList(Layer(cfg, cfg.dec_dim, cross=True) for _ in range(cfg.dec_layers))
        # Output projection: weight tied to self.embed.embeddings.weight, own bias.
        self.out_bias = nn.Parameter(torch.zeros(cfg.n_words))

    def forward(
        self,
        ids: torch.Tensor,  # (B, T) target prefix, starting with </s>
        lang: torch.Tensor,  # (B,)
        src: torch.Tensor | None,  # (B, S, Denc); None once the cache holds its keys
        src_mask: torch.Tensor,  # (B, S) bool (per sentence when beams share a source)
        cache: dict | None = None,
        lengths: torch.Tensor | None = None,  # (B,) target lengths for teacher forcing
    ) -> torch.Tensor:
        """Hidden states (B, T, Ddec). With `cache`, `ids` holds only the new steps."""
        start = cache.get("len", 0) if cache is not None else 0
        t = ids.size(1)
        total = start + t
        # Causal mask for the new queries over all keys so far: (B, T, start+T).
        q_pos = torch.arange(start, total, device=ids.device)
        k_pos = torch.arange(total, device=ids.device)
        causal = (k_pos[None, :] <= q_pos[:, None])[None].expand(ids.size(0), t, total)
        dtype = self.embed.embeddings.weight.dtype
        if lengths is None:
            keep = torch.ones(ids.size(0), t, 1, device=ids.device, dtype=dtype)
        else:
            keep = (q_pos[None, :] < lengths[:, None])[:, :, None].to(dtype)  # (B, T, 1)
        h = self.embed(ids, lang, start) * keep
        for i, layer in enumerate(self.layers):
            h = layer(h, keep, causal, src, src_mask, cache, i)
        if cache is not None:
            cache["len"] = total
        return h

    def logits(self, h: torch.Tensor) -> torch.Tensor:
        """(..., Ddec) -> (..., V) through the tied output projection."""
        return F.linear(h, self.embed.embeddings.weight, self.out_bias)


class Seq2Seq(nn.Module):
    """Encoder + decoder; the unit that checkpoints save and decoding drives."""

    def __init__(self, cfg: TransformerConfig):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = Decoder(cfg)

    def init_weights(self, seed: int = 0) -> Seq2Seq:
        """XLM-style random init (embeddings ~ N(0, dim^-0.5), pad row zero), seeded."""
        gen = torch.Generator().manual_seed(seed)
        for module in self.modules():
            if isinstance(module, nn.Linear):
                bound = 1 / math.sqrt(module.in_features)
                with torch.no_grad():
                    module.weight.uniform_(-bound, bound, generator=gen)
                    module.bias.uniform_(-bound, bound, generator=gen)
            elif isinstance(module, nn.Embedding):
                with torch.no_grad():
                    module.weight.normal_(0, module.embedding_dim**-0.5, generator=gen)
                    if module.padding_idx is not None:
                        module.weight[module.padding_idx].zero_()
        with torch.no_grad():
            self.decoder.out_bias.zero_()
        return self

    def encode(self, ids: torch.Tensor, lengths: torch.Tensor, lang: torch.Tensor) -> torch.Tensor:
        return self.encoder(ids, lengths, lang)

    def forward(
        self,
        src: torch.Tensor,  # (B, S)
        src_len: torch.Tensor,  # (B,)
        src_lang: torch.Tensor,  # (B,)
        tgt: torch.Tensor,  # (B, T) teacher-forced target incl. the leading </s>
        tgt_len: torch.Tensor,  # (B,)
        tgt_lang: torch.Tensor,  # (B,)
    ) -> torch.Tensor:
        """Teacher-forced logits (B, T, V)."""
        enc = self.encode(src, src_len, src_lang)
        src_mask = torch.arange(src.size(1), device=src.device)[None, :] < src_len[:, None]
        h = self.decoder(tgt, tgt_lang, enc, src_mask, lengths=tgt_len)
        return self.decoder.logits(h)
