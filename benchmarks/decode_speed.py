"""Batched beam search vs one-at-a-time decoding, on CPU, with the same model in one run.

    python benchmarks/decode_speed.py [--functions 48] [--beam 5] [--out decode_speed.json]

Setup (nothing is downloaded):
- a SentencePiece model trained on the fly on LeetCode solutions (../shared/corpora;
  other code than the benchmark), falling back to the CPython standard library;
- a TransCoder-style model with random weights, at least 20M parameters (speed does not
  depend on the weights; random weights never emit </s> early, so every function runs to
  its full output cap, 1.5 * source length + 10, in both modes alike);
- real functions: GfG `f_gold`s in Python, Java and C++ (found with the extractor),
  each translated to the next language.

Reports functions per second of both modes, the speed-up, and matmul throughput: FLOPs
of every linear layer, attention product and output projection actually executed
(counted with hooks), divided by the decoding time, as a share of the machine's rate
measured on one large torch.matmul.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
sys.path.insert(0, str(ROOT))

NEXT = {"python": "java", "java": "cpp", "cpp": "python"}
EXT = {"python": ".py", "java": ".java", "cpp": ".cpp"}


def training_lines(limit: int) -> list[str]:
    """Code-token lines for SentencePiece: LeetCode solutions, else the stdlib."""
    from migrate.lang import codetok

    lines: list[str] = []
    corpus = SHARED / "corpora" / "leetcode" / "solutions.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as handle:
            for n, row in enumerate(handle):
                if n >= limit:
                    break
                item = json.loads(row)
                for lang in ("python", "java", "cpp"):
                    if item.get(lang):
                        try:
                            lines.append(" ".join(codetok.tokenize(item[lang], lang)))
                        except codetok.TokenizeError:
                            pass
    else:
        import sysconfig

        for path in sorted(Path(sysconfig.get_paths()["stdlib"]).glob("*.py"))[:200]:
            try:
                lines.append(" ".join(codetok.tokenize(path.read_text("utf-8"), "python")))
            except (codetok.TokenizeError, UnicodeDecodeError):
                pass
    return lines


def gfg_functions(per_language: int, subwords, max_tokens: int):
    """(function, ids, source language, target language) for GfG f_golds."""
    from migrate.lang import codetok, get
    from migrate.units import Language, SourceFile

    folder = SHARED / "benchmarks" / "gfg"
    if not folder.is_dir():
        raise SystemExit("../shared/benchmarks/gfg not found: the benchmark needs real functions")
    chosen = []
    for lang in ("python", "java", "cpp"):
        language = Language(lang)
        count = 0
        for path in sorted((folder / lang).glob("*" + EXT[lang])):
            text = path.read_text(encoding="utf-8")
            source = SourceFile(path.name, path, language, text, "utf-8", len(text.encode()))
            for fn in get(language).extract(source).functions:
                if fn.name != "f_gold":
                    continue
                ids = [1, *subwords.encode(" ".join(codetok.tokenize(fn.source, lang))), 1]
                if len(ids) <= max_tokens:
                    chosen.append((fn, ids, lang, NEXT[lang]))
                    count += 1
            if count >= per_language:
                break
    return chosen


class FlopCounter:
    """Adds up matmul FLOPs of linear layers, attention products and the output layer."""

    def __init__(self, model):
        from torch import nn

        from migrate.engines.transcoder.model import MultiHeadAttention

        self.flops = 0
        self.handles = []
        for module in model.modules():
            if isinstance(module, nn.Linear):
                self.handles.append(module.register_forward_hook(self._linear))
            elif isinstance(module, MultiHeadAttention):
                self.handles.append(module.register_forward_hook(self._attention))
        decoder = model.decoder
        plain_logits = decoder.logits

        def counted_logits(h):
            self.flops += 2 * h.numel() * decoder.cfg.n_words
            return plain_logits(h)

        decoder.logits = counted_logits

    def _linear(self, module, inputs, output):
        x = inputs[0]
        self.flops += 2 * (x.numel() // x.shape[-1]) * module.in_features * module.out_features

    def _attention(self, module, inputs, output):
        b, t, d = inputs[0].shape
        # The keys each query really attends to (its own hypothesis's positions, or the
        # padded source): beam search's cache multiplies a sentence's queries with all of
        # its beams' keys at once and masks the others' out; that extra work is not counted.
        s = module.keys_attended
        self.flops += 4 * b * t * s * d  # QK^T and weights @ V


def machine_matmul_rate(dtype, size: int = 2048, repeats: int = 5) -> float:
    """FLOP/s of one large torch.matmul in `dtype`, best of `repeats`."""
    import torch

    a = torch.randn(size, size).to(dtype)
    b = torch.randn(size, size).to(dtype)
    torch.matmul(a, b)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        torch.matmul(a, b)
        best = min(best, time.perf_counter() - start)
    return 2 * size**3 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--functions", type=int, default=48, help="GfG functions (split over 3 languages)")
    parser.add_argument("--beam", type=int, default=5)
    # 40,000 tokens holds all 48 default functions with their 5 beams in one batch (about
    # 1 GB of key/value cache for the default model): fewer decoder steps in all than 20,000.
    parser.add_argument("--batch-tokens", type=int, default=40000)
    parser.add_argument("--max-tokens", type=int, default=160, help="longest source (subwords)")
    parser.add_argument("--vocab", type=int, default=8000)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dtype", default="float32", choices=["float32", "bfloat16"])
    parser.add_argument("--out", default="decode_speed.json")
    args = parser.parse_args()

    import tempfile

    import torch

    from migrate.engines.transcoder.decode import DecodeOptions, translate_ids
    from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig
    from migrate.engines.transcoder.spm import train_sentencepiece

    torch.set_num_threads(args.threads)
    random.seed(0)
    torch.manual_seed(0)

    t0 = time.perf_counter()
    lines = training_lines(limit=1500)
    with tempfile.TemporaryDirectory() as tmp:
        subwords = train_sentencepiece(lines, args.vocab, Path(tmp) / "code.model")
    spm_seconds = time.perf_counter() - t0

    cfg = TransformerConfig(
        n_words=subwords.n_words,
        n_langs=3,
        enc_dim=args.dim,
        dec_dim=args.dim,
        enc_layers=args.layers,
        dec_layers=args.layers,
        n_heads=8,
        max_len=512,
    )
    dtype = getattr(torch, args.dtype)
    model = Seq2Seq(cfg).init_weights(0).eval().to(dtype)
    params = sum(p.numel() for p in model.parameters())
    if params < 20_000_000:
        raise SystemExit(f"model has {params / 1e6:.1f}M parameters; use --dim/--layers for >= 20M")

    lang_id = {"cpp": 0, "java": 1, "python": 2}
    items = gfg_functions(args.functions // 3, subwords, args.max_tokens)
    sources = [ids for _, ids, _, _ in items]
    src_langs = [lang_id[s] for _, _, s, _ in items]
    tgt_langs = [lang_id[t] for _, _, _, t in items]
    n = len(items)

    rate = machine_matmul_rate(dtype)
    counter = FlopCounter(model)

    def run(batch_tokens: int, one_at_a_time: bool) -> tuple[float, int, list]:
        options = DecodeOptions(beam=args.beam, batch_tokens=batch_tokens)
        counter.flops = 0
        start = time.perf_counter()
        if one_at_a_time:
            out = [
                translate_ids(model, [s], [a], [b], options)[0]
                for s, a, b in zip(sources, src_langs, tgt_langs, strict=True)
            ]
        else:
            out = translate_ids(model, sources, src_langs, tgt_langs, options)
        return time.perf_counter() - start, counter.flops, out

    batched_s, batched_flops, batched_out = run(args.batch_tokens, one_at_a_time=False)
    single_s, single_flops, single_out = run(args.batch_tokens, one_at_a_time=True)
    same = [[h.ids for h in hs] for hs in batched_out] == [[h.ids for h in hs] for hs in single_out]

    rows = {
        "one_at_a_time": {
            "seconds": single_s,
            "functions_per_s": n / single_s,
            "gflop": single_flops / 1e9,
            "gflop_per_s": single_flops / single_s / 1e9,
            "share_of_matmul_rate": single_flops / single_s / rate,
        },
        "batched": {
            "seconds": batched_s,
            "functions_per_s": n / batched_s,
            "gflop": batched_flops / 1e9,
            "gflop_per_s": batched_flops / batched_s / 1e9,
            "share_of_matmul_rate": batched_flops / batched_s / rate,
        },
    }
    result = {
        "command": " ".join(["python", *sys.argv]),
        "threads": args.threads,
        "dtype": args.dtype,
        "functions": n,
        "by_language": {k: sum(1 for it in items if it[2] == k) for k in NEXT},
        "source_tokens_mean": sum(map(len, sources)) / n,
        "output_tokens_total": sum(len(hs[0].ids) + 2 for hs in batched_out),
        "beam": args.beam,
        "batch_tokens": args.batch_tokens,
        "model_parameters": params,
        "config": cfg.to_dict(),
        "sentencepiece_vocab": subwords.n_words,
        "sentencepiece_train_s": spm_seconds,
        "machine_matmul_gflop_per_s": rate / 1e9,
        "modes": rows,
        "speedup": single_s / batched_s,
        "batched_equals_one_at_a_time": same,
    }
    print(
        f"{n} GfG functions, beam {args.beam}, model {params / 1e6:.1f}M params, "
        f"{args.threads} threads, machine matmul {rate / 1e9:.1f} GFLOP/s"
    )
    print(f"{'mode':<15}{'seconds':>10}{'func/s':>10}{'GFLOP':>10}{'GFLOP/s':>10}{'of peak':>10}")
    for name, row in rows.items():
        print(
            f"{name:<15}{row['seconds']:>10.2f}{row['functions_per_s']:>10.3f}{row['gflop']:>10.1f}"
            f"{row['gflop_per_s']:>10.2f}{row['share_of_matmul_rate']:>10.1%}"
        )
    print(f"speed-up {result['speedup']:.2f}x; batched output identical: {same}")
    Path(args.out).write_text(json.dumps(result, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
