"""Batched greedy and beam-search decoding with the semantics of XLM / TransCoder.

Beam search reproduces CodeGen's `generate_beam` + `BeamHypotheses`: the top 2*beam
continuations per sentence, a candidate ending in </s> (or any candidate at the last
allowed step) becomes a finished hypothesis scored `sum_logprob / len(hyp) ** lp` where
len counts the leading </s>; with early stopping off a sentence is done once its n
best finished hypotheses cannot be beaten, `worst >= best_running / (max_len-1) ** lp`.

Two generalisations keep batched output equal to one-at-a-time output: every sentence
has its own maximum length, and finished sentences leave the batch (which also makes
batches cheaper as they drain).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

    from migrate.engines.transcoder.model import Seq2Seq


@dataclass(frozen=True)
class DecodeOptions:
    beam: int = 1  # 1 = greedy
    length_penalty: float = 0.5  # TransCoder's translate.py default
    early_stopping: bool = False
    max_len_a: float = 1.5  # output cap = a * source length + b, within the model's limit
    max_len_b: int = 10
    batch_tokens: int = 6000  # source tokens x beam per batch
    use_cache: bool = True  # False recomputes the whole prefix each step (for testing)


@dataclass(frozen=True)
class Hypothesis:
    ids: tuple[int, ...]  # output tokens, without the leading and trailing </s>
    score: float  # sum of log-probabilities / (len + 1) ** length_penalty
    finished: bool = True  # False when the length cap forced the end


def max_output_len(src_len: int, limit: int, a: float, b: int) -> int:
    """Longest output (both </s> included) for a source of `src_len` tokens (both </s>)."""
    return max(2, min(int(a * src_len + b), limit))


def plan_batches(lengths: Sequence[int], beam: int, batch_tokens: int) -> list[list[int]]:
    """Indices grouped longest first so each batch holds about `batch_tokens` beam rows x tokens.

    Similar lengths share a batch, so little compute goes to padding; a function longer
    than the budget still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        longest_if_added = max(longest, lengths[i])
        if current and (len(current) + 1) * beam * longest_if_added > batch_tokens:
            batches.append(current)
            current, longest = [], 0
            longest_if_added = lengths[i]
        current.append(i)
        longest = longest_if_added
    if current:
        batches.append(current)
    return batches


def translate_ids(
    model: Seq2Seq,
    sources: Sequence[Sequence[int]],  # each with its leading and trailing </s>
    src_langs: Sequence[int],
    tgt_langs: Sequence[int],
    options: DecodeOptions,
) -> list[list[Hypothesis]]:
    """n-best hypotheses (best first) for every source, batched by length under the budget."""
    import torch

    limit = model.cfg.length_limit
    for s in sources:
        if len(s) > limit:  # the engine declines these before calling; never truncate
            raise ValueError(f"source of {len(s)} tokens exceeds the model limit {limit}")
    results: list[list[Hypothesis]] = [[] for _ in sources]
    batches = plan_batches([len(s) for s in sources], options.beam, options.batch_tokens)
    with torch.inference_mode():
        for batch in batches:
            out = decode_batch(
                model,
                [sources[i] for i in batch],
                [src_langs[i] for i in batch],
                [tgt_langs[i] for i in batch],
                [max_output_len(len(sources[i]), limit, options.max_len_a, options.max_len_b) for i in batch],
                options,
            )
            for i, hyps in zip(batch, out, strict=False):
                results[i] = hyps
    return results


def decode_batch(
    model: Seq2Seq,
    sources: Sequence[Sequence[int]],
    src_langs: Sequence[int],
    tgt_langs: Sequence[int],
    max_lens: Sequence[int],
    options: DecodeOptions,
) -> list[list[Hypothesis]]:
    """Encode one batch and decode it greedily (beam 1) or with beam search."""
    import torch

    with torch.inference_mode():
        src, src_len = pad_batch(sources, model.cfg.pad_index, _device(model))
        device = src.device
        src_lang = torch.tensor(list(src_langs), device=device)
        enc = model.encode(src, src_len, src_lang)  # (B, S, Denc)
        src_mask = torch.arange(src.size(1), device=device)[None, :] < src_len[:, None]
        tgt_lang = torch.tensor(list(tgt_langs), device=device)
        if options.beam <= 1:
            return greedy(model, enc, src_mask, tgt_lang, max_lens, options)
        return beam_search(model, enc, src_mask, tgt_lang, max_lens, options)


def pad_batch(
    sources: Sequence[Sequence[int]], pad: int, device: torch.device | str = "cpu"
) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, S) right-padded ids and (B,) lengths."""
    import torch

    lengths = torch.tensor([len(s) for s in sources], device=device)
    ids = torch.full((len(sources), int(lengths.max())), pad, dtype=torch.long, device=device)
    for i, s in enumerate(sources):
        ids[i, : len(s)] = torch.tensor(list(s), dtype=torch.long, device=device)
    return ids, lengths


def _device(model: Seq2Seq) -> torch.device:
    return next(model.parameters()).device


class _Stepper:
    """Runs the decoder one position at a time for a shrinking set of rows.

    Rows are (sentence, beam) pairs, `repeat` beams per sentence, sentence-major. With the
    cache (`model.DecodeCache`) nothing per row is ever copied: beam reordering moves only
    the cache's ancestry table, and finished sentences leave by shrinking its buffers.
    Without it, every step reruns the decoder over the whole prefix (for testing).
    """

    def __init__(self, model, enc, src_mask, tgt_lang, use_cache: bool, repeat: int, capacity: int):
        from migrate.engines.transcoder.model import DecodeCache

        self.decoder = model.decoder
        self.repeat = repeat
        self.sent_lang = tgt_lang  # (B,), per sentence
        self.lang = tgt_lang.repeat_interleave(repeat, dim=0)  # (N,), per row
        self.enc = enc  # (B, S, Denc), per sentence
        self.src_mask = src_mask  # (B, S), per sentence
        self.cache = DecodeCache(self.decoder, enc, src_mask, repeat, capacity) if use_cache else None

    def logits(self, generated: torch.Tensor) -> torch.Tensor:
        """Next-token logits (N, V) after the prefix `generated` (N, T)."""
        if self.cache is not None:
            h = self.decoder(generated[:, -1:], self.lang, None, None, self.cache)
        else:
            enc = self.enc.repeat_interleave(self.repeat, dim=0)
            mask = self.src_mask.repeat_interleave(self.repeat, dim=0)
            h = self.decoder(generated, self.lang, enc, mask)
        return self.decoder.logits(h[:, -1])  # (N, V)

    def select(self, kept: list[int] | None, parents: torch.Tensor | None = None) -> None:
        """Keep the sentences at positions `kept` (None: all); row b of kept sentence s
        continues the hypothesis of its row `parents[s, b]` (beam search only)."""
        if kept is not None:
            index = torch_index(kept, self.sent_lang.device)
            self.sent_lang = self.sent_lang.index_select(0, index)
            self.lang = self.sent_lang.repeat_interleave(self.repeat, dim=0)
            if self.cache is not None:
                self.cache.keep_sentences(kept)
            else:
                self.enc = self.enc.index_select(0, index)
                self.src_mask = self.src_mask.index_select(0, index)
        if parents is not None and self.cache is not None:
            self.cache.reorder(parents)


def torch_index(positions: list[int], device) -> torch.Tensor:
    import torch

    return torch.tensor(positions, dtype=torch.long, device=device)


def greedy(model, enc, src_mask, tgt_lang, max_lens, options) -> list[list[Hypothesis]]:
    """Argmax decoding; </s> is forced at each sentence's last allowed position."""
    import torch
    from torch.nn import functional as F

    cfg = model.cfg
    bs = enc.size(0)
    device = enc.device
    stepper = _Stepper(model, enc, src_mask, tgt_lang, options.use_cache, 1, max(max_lens))
    generated = torch.full((bs, max(max_lens)), cfg.pad_index, dtype=torch.long, device=device)
    generated[:, 0] = cfg.eos_index
    active = list(range(bs))  # sentence of each row
    sums = [0.0] * bs
    out: list[list[Hypothesis]] = [[] for _ in range(bs)]
    cur_len = 1
    while active:
        logits = stepper.logits(generated[:, :cur_len])  # (n, V)
        words = torch.topk(logits, 1, dim=-1)[1].squeeze(1)  # (n,), XLM's tie order
        last = torch.tensor([cur_len + 1 == max_lens[s] for s in active], device=device)
        words = torch.where(last, torch.full_like(words, cfg.eos_index), words)
        logp = F.log_softmax(logits.float(), dim=-1).gather(1, words[:, None]).squeeze(1)
        generated[:, cur_len] = words
        words_l, logp_l, last_l = words.tolist(), logp.tolist(), last.tolist()
        keep = []
        for row, sent in enumerate(active):
            sums[sent] += logp_l[row]
            if words_l[row] == cfg.eos_index:
                ids = tuple(generated[row, 1:cur_len].tolist())
                score = sums[sent] / cur_len**options.length_penalty
                out[sent] = [Hypothesis(ids, score, finished=not last_l[row])]
            else:
                keep.append(row)
        cur_len += 1
        if len(keep) < len(active):
            rows = torch.tensor(keep, dtype=torch.long, device=device)
            generated = generated.index_select(0, rows)
            stepper.select(keep)
            active = [active[r] for r in keep]
    return out


class _NBest:
    """The n best finished hypotheses of one sentence (CodeGen's BeamHypotheses)."""

    def __init__(self, n: int, max_len: int, length_penalty: float, early_stopping: bool):
        self.n = n
        self.max_len = max_len - 1  # the leading </s> does not count
        self.length_penalty = length_penalty
        self.early_stopping = early_stopping
        self.hyps: list[tuple[float, tuple[int, ...], bool]] = []
        self.worst = 1e9

    def add(self, ids: tuple[int, ...], sum_logprobs: float, finished: bool) -> None:
        score = sum_logprobs / len(ids) ** self.length_penalty  # len(ids) counts the BOS
        if len(self.hyps) < self.n or score > self.worst:
            self.hyps.append((score, ids, finished))
            if len(self.hyps) > self.n:
                ranked = sorted((s, i) for i, (s, _, _) in enumerate(self.hyps))
                del self.hyps[ranked[0][1]]
                self.worst = ranked[1][0]
            else:
                self.worst = min(score, self.worst)

    def is_done(self, best_sum_logprobs: float) -> bool:
        if len(self.hyps) < self.n:
            return False
        if self.early_stopping:
            return True
        return self.worst >= best_sum_logprobs / self.max_len**self.length_penalty

    def best_first(self) -> list[Hypothesis]:
        ranked = sorted(self.hyps, key=lambda h: h[0], reverse=True)  # stable, as CodeGen
        return [Hypothesis(ids[1:], score, finished) for score, ids, finished in ranked]


def beam_search(model, enc, src_mask, tgt_lang, max_lens, options) -> list[list[Hypothesis]]:
    """Beam search returning `beam` hypotheses per sentence, best first."""
    import torch
    from torch.nn import functional as F

    cfg = model.cfg
    k = options.beam
    bs = enc.size(0)
    device = enc.device
    n_words = cfg.n_words
    stepper = _Stepper(model, enc, src_mask, tgt_lang, options.use_cache, k, max(max_lens))
    generated = torch.full((bs * k, max(max_lens)), cfg.pad_index, dtype=torch.long, device=device)
    generated[:, 0] = cfg.eos_index
    beam_scores = torch.zeros(bs, k, dtype=torch.float32, device=device)
    beam_scores[:, 1:] = -1e9  # all beams start equal: keep only the first
    beam_scores = beam_scores.view(-1)  # (N,)
    nbest = [_NBest(k, max_lens[i], options.length_penalty, options.early_stopping) for i in range(bs)]
    active = list(range(bs))  # sentence of each group of k rows
    cur_len = 1
    while active:
        logits = stepper.logits(generated[:, :cur_len])  # (n*k, V)
        scores = F.log_softmax(logits.float(), dim=-1) + beam_scores[:, None]  # (n*k, V)
        scores = scores.view(len(active), k * n_words)
        next_scores, next_words = torch.topk(scores, 2 * k, dim=1, largest=True, sorted=True)
        next_scores_l, next_words_l = next_scores.tolist(), next_words.tolist()
        new_scores: list[float] = []
        new_words: list[int] = []
        new_rows: list[int] = []
        new_parents: list[int] = []  # beam (within its sentence) that each new row continues
        still: list[int] = []
        kept: list[int] = []  # positions in `active` of the sentences that stay
        for a, sent in enumerate(active):
            hyps = nbest[sent]
            if hyps.is_done(max(next_scores_l[a])):
                continue  # this sentence leaves the batch
            last = cur_len + 1 == max_lens[sent]
            chosen = []
            for idx, value in zip(next_words_l[a], next_scores_l[a], strict=False):
                beam_id, word = divmod(idx, n_words)
                row = a * k + beam_id
                if word == cfg.eos_index or last:
                    prefix = tuple(generated[row, :cur_len].tolist())
                    hyps.add(prefix, value, finished=word == cfg.eos_index)
                else:
                    chosen.append((value, word, row, beam_id))
                if len(chosen) == k:
                    break
            if last:
                continue  # no room left: the sentence is complete
            still.append(sent)
            kept.append(a)
            for value, word, row, beam_id in chosen:
                new_scores.append(value)
                new_words.append(word)
                new_rows.append(row)
                new_parents.append(beam_id)
        cur_len += 1
        if not still:
            break
        rows = torch.tensor(new_rows, dtype=torch.long, device=device)
        generated = generated.index_select(0, rows)
        generated[:, cur_len - 1] = torch.tensor(new_words, dtype=torch.long, device=device)
        beam_scores = torch.tensor(new_scores, dtype=torch.float32, device=device)
        parents = torch.tensor(new_parents, dtype=torch.long, device=device).view(len(still), k)
        stepper.select(kept if len(still) < len(active) else None, parents)
        active = still
    return [nbest[i].best_first() for i in range(bs)]
