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
        mask: torch.Tensor | None,  # bool, True = may attend: (B, S) keys or (B, T, S) per query;
        # None with a cache, which knows its own masks
        kv: torch.Tensor | None = None,  # (B, S, Dkv) for cross-attention without a cache
        cache: DecodeCache | None = None,  # incremental decoding: x holds one new step per row
        layer: int = 0,
        cross: bool = False,
    ) -> torch.Tensor:
        b, t, d = x.shape
        h, dh = self.n_heads, d // self.n_heads
        if cache is not None:
            kt, v, blocked = cache.cross(layer) if cross else cache.append(layer, *self.project_kv(x))
            self.keys_attended = kt.size(3) if cross else cache.len + 1
        else:
            k, v = self.project_kv(x if kv is None else kv)  # (B, H, S, Dh)
            kt = k.transpose(2, 3)
            blocked = ~(mask[:, None, None, :] if mask.dim() == 2 else mask[:, None, :, :])
            self.keys_attended = k.size(2)

        q = self.q_lin(x).div_(math.sqrt(dh))  # (B, T, D), scaled first as in XLM
        n = kt.size(0)
        g = b // n  # > 1 when G beams of a sentence share its keys
        # (B*G, T, D) -> (B, H, G*T, Dh): one matmul per sentence and head
        q = q.view(n, g, t, h, dh).permute(0, 3, 1, 2, 4).reshape(n, h, g * t, dh)
        scores = torch.matmul(q, kt)  # (B, H, G*T, S)
        if blocked is not None:
            scores.masked_fill_(blocked, float("-inf"))  # scores is fresh: no copy
        weights = F.softmax(scores.float(), dim=-1).type_as(scores)
        weights = F.dropout(weights, p=self.dropout, training=self.training)
        context = torch.matmul(weights, v)  # (B, H, G*T, Dh)
        # back to one row per beam, heads concatenated: (B*G, T, D) in one copy
        context = context.view(n, h, g, t, dh).permute(0, 2, 3, 1, 4).reshape(b, t, d)
        return self.out_lin(context)


class DecodeCache:
    """Keys and values for incremental decoding of `n` sentences with `beams` rows each.

    Rows come sentence-major (sentence 0's beams, then sentence 1's, ...). Cross-attention
    keys/values are projected once per sentence. Self-attention keys/values live in
    buffers preallocated for `capacity` steps, laid out (n, H, capacity, beams, Dh): each
    step writes one slot per row in place, and nothing is ever reordered. When beam
    search reorders hypotheses, only `ancestry` (n, beams, capacity) follows them: the slot
    that holds each earlier position of each row's hypothesis. A row's query then attends
    to all slots of its sentence, (positions x beams) keys in one matmul, masked to its own
    ancestry; that reads each key once per sentence instead of copying the whole cache at
    every step, and gives the same attention as a reordered cache.
    """

    def __init__(
        self,
        decoder: Decoder,
        enc: torch.Tensor,  # (n, S, Denc) encoder output per sentence
        src_mask: torch.Tensor,  # (n, S) bool
        beams: int,
        capacity: int,  # most positions that will be decoded
    ):
        n = enc.size(0)
        heads = decoder.cfg.n_heads
        dh = decoder.cfg.dec_dim // heads
        self.beams = beams
        self.len = 0  # positions written
        self.src_blocked = ~src_mask[:, None, None, :]  # (n, 1, 1, S), True = padding
        # Keys transposed (n, H, Dh, S) and values (n, H, S, Dh), both contiguous, so each
        # step's matmuls read them in place (a strided (n, H) layout made matmul copy them).
        self._cross = []
        for layer in decoder.layers:
            k, v = layer.cross_attn.project_kv(enc)
            self._cross.append((k.transpose(2, 3).contiguous(), v.contiguous()))
        shape = (n, heads, capacity, beams, dh)
        self._self = [(enc.new_empty(shape), enc.new_empty(shape)) for _ in decoder.layers]
        self.ancestry = None
        if beams > 1:
            self.ancestry = torch.empty(n, beams, capacity, dtype=torch.long, device=enc.device)
        self._slots = torch.arange(beams, device=enc.device)
        self._blocked: torch.Tensor | None = None  # (n, 1, beams, keys): other hypotheses' keys

    def begin_step(self) -> None:
        """Called before each decoder step: this step's rows write into their own slots."""
        if self.ancestry is None:
            return  # one row per sentence: every earlier position is its own
        p = self.len
        self.ancestry[:, :, p] = self._slots
        other = self.ancestry[:, :, : p + 1, None] != self._slots  # (n, beams, p+1, beams)
        self._blocked = other.view(other.size(0), 1, self.beams, (p + 1) * self.beams)

    def end_step(self) -> None:
        self.len += 1

    def append(self, layer: int, k: torch.Tensor, v: torch.Tensor):
        """Store this step's keys/values (N, H, 1, Dh); return all of the sentence's so far,
        keys transposed (n, H, Dh, keys) and values (n, H, keys, Dh), and the mask."""
        k_buf, v_buf = self._self[layer]
        n, heads, _, beams, dh = k_buf.shape
        p = self.len
        k_buf[:, :, p] = k.view(n, beams, heads, dh).transpose(1, 2)
        v_buf[:, :, p] = v.view(n, beams, heads, dh).transpose(1, 2)
        # (n, H, p+1, beams, Dh) -> (n, H, (p+1)*beams, Dh) is a view: position-major keys.
        keys = k_buf[:, :, : p + 1].reshape(n, heads, (p + 1) * beams, dh)
        values = v_buf[:, :, : p + 1].reshape(n, heads, (p + 1) * beams, dh)
        return keys.transpose(2, 3), values, self._blocked

    def cross(self, layer: int):
        """Source keys transposed (n, H, Dh, S), values (n, H, S, Dh), and the padding mask."""
        kt, v = self._cross[layer]
        return kt, v, self.src_blocked

    def reorder(self, parents: torch.Tensor) -> None:
        """Row b of each sentence continues the hypothesis of its row `parents[s, b]` (n, beams)."""
        if self.ancestry is not None:
            index = parents[:, :, None].expand(-1, -1, self.ancestry.size(2))
            self.ancestry = self.ancestry.gather(1, index)

    def keep_sentences(self, kept: list[int]) -> None:
        """Drop the sentences not in `kept` (ascending positions), shrinking every buffer."""
        n = len(kept)
        if kept == list(range(n)):  # the usual case: the shortest, last sentences finished
            select = lambda t: t[:n]  # noqa: E731
        else:
            index = torch.tensor(kept, dtype=torch.long, device=self.src_blocked.device)
            select = lambda t: t.index_select(0, index)  # noqa: E731
        self.src_blocked = select(self.src_blocked)
        self._cross = [(select(k), select(v)) for k, v in self._cross]
        if self.ancestry is not None:
            self.ancestry = select(self.ancestry)
        if kept != list(range(n)):
            p = self.len  # copy only the positions written so far
            moved = []
            for k_buf, v_buf in self._self:
                k_new, v_new = k_buf[:n], v_buf[:n]
                k_old, v_old = select(k_buf[:, :, :p]), select(v_buf[:, :, :p])
                k_new[:, :, :p] = k_old
                v_new[:, :, :p] = v_old
                moved.append((k_new, v_new))
            self._self = moved
        else:
            self._self = [(k[:n], v[:n]) for k, v in self._self]


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
        keep: torch.Tensor | None,  # (B, T, 1) float: 0 on padding; None: no padding
        self_mask: torch.Tensor | None,
        src: torch.Tensor | None = None,  # (B, S, Denc)
        src_mask: torch.Tensor | None = None,  # (B, S) bool
        cache: DecodeCache | None = None,
        index: int = 0,
    ) -> torch.Tensor:
        a = self.self_attn(h, self_mask, cache=cache, layer=index)
        h = self.norm1(h + F.dropout(a, p=self.dropout, training=self.training))
        if self.cross_attn is not None:
            c = self.cross_attn(h, src_mask, src, cache, index, cross=True)
            h = self.norm_cross(h + F.dropout(c, p=self.dropout, training=self.training))
        h = self.norm2(h + self.ffn(h))
        return h if keep is None else h * keep


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
        src: torch.Tensor | None,  # (B, S, Denc); None with a cache (it holds the source keys)
        src_mask: torch.Tensor | None,  # (B, S) bool; None with a cache
        cache: DecodeCache | None = None,
        lengths: torch.Tensor | None = None,  # (B,) target lengths for teacher forcing
    ) -> torch.Tensor:
        """Hidden states (B, T, Ddec). With `cache`, `ids` (B, 1) holds only the next step."""
        if cache is not None:
            cache.begin_step()
            h = self.embed(ids, lang, cache.len)
            for i, layer in enumerate(self.layers):
                h = layer(h, None, None, None, None, cache, i)
            cache.end_step()
            return h
        t = ids.size(1)
        # Causal mask: (B, T, T).
        pos = torch.arange(t, device=ids.device)
        causal = (pos[None, :] <= pos[:, None])[None].expand(ids.size(0), t, t)
        dtype = self.embed.embeddings.weight.dtype
        if lengths is None:
            keep = None
        else:
            keep = (pos[None, :] < lengths[:, None])[:, :, None].to(dtype)  # (B, T, 1)
        h = self.embed(ids, lang)
        if keep is not None:
            h = h * keep
        for i, layer in enumerate(self.layers):
            h = layer(h, keep, causal, src, src_mask, None, i)
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
