"""The training loop: objectives, schedules, data parallelism, exact checkpoints.

One step is one optimizer update for one task (an objective on one language or
direction), as in TransCoder: an iteration runs every task with a non-zero lambda,
`weight` times each, in a shuffled order, each with its own update.

Data parallelism (torchrun, or any initialised process group): every rank draws the
same global batch and corrupts it with the same RNG, then keeps its slice; losses are
sums over the slice divided by the global token count and gradients are summed across
ranks, so N processes compute exactly the update of one process on the global batch.
"""

from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

from migrate.errors import ConfigError
from migrate.train.config import TrainConfig

LANGUAGES = {"cpp": 0, "java": 1, "python": 2}
STATE_FILE = "last.pt"


def decoder_from_encoder(state: dict) -> dict:
    """TransCoder's `reload_encoder_for_decoder`: the decoder starts as a copy of the
    (MLM-pretrained) encoder; cross-attention and the output bias keep their own values."""
    out = dict(state)
    for key, value in state.items():
        if key.startswith("encoder."):
            twin = "decoder." + key[len("encoder.") :]
            if twin in out and out[twin].shape == value.shape:
                out[twin] = value.clone()
    return out


def _dist():
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


class Trainer:
    def __init__(self, cfg: TrainConfig, log: Callable[[str], None] = print, device: str | None = None):
        import torch

        from migrate.engines.transcoder.spm import SentencePieceSubwords
        from migrate.train.corpus import load_manifest

        self.cfg = cfg
        self.log = log
        self.rank, self.world = _dist()
        torch.set_num_threads(max(1, cfg.threads))
        if device is None:
            local = int(os.environ.get("LOCAL_RANK", "0"))
            device = f"cuda:{local}" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.amp = cfg.amp and self.device.type == "cuda"
        self.manifest = load_manifest(cfg.corpus)
        self.subwords = SentencePieceSubwords.from_file(cfg.corpus / self.manifest["spm"]["file"])
        self.model = self._build_model().to(self.device)
        self.n_words = self.model.cfg.n_words
        # MLM predicts encoder tokens through the tied encoder embeddings plus this bias;
        # it lives in the training state only (translation never uses it).
        self.mlm_bias = torch.nn.Parameter(torch.zeros(self.n_words, device=self.device))
        params = [*self.model.parameters(), self.mlm_bias]
        self.optimizer = torch.optim.AdamW(
            params, lr=cfg.lr, betas=(0.9, 0.999), eps=cfg.adam_eps, weight_decay=cfg.weight_decay
        )
        warmup = max(1, cfg.warmup)
        if cfg.lr_schedule == "constant":
            factor = lambda s: min((s + 1) / warmup, 1.0)  # noqa: E731
        else:  # TransCoder's inverse square root after a linear warmup
            factor = lambda s: min((s + 1) / warmup, math.sqrt(warmup / (s + 1)))  # noqa: E731
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, factor)
        self.rng = random.Random(cfg.seed)
        torch.manual_seed(cfg.seed)
        self.streams = {}
        self.tasks = self._tasks()
        self.queue: list[str] = []
        self.step = 0
        self.losses: dict[str, float] = {}
        self.tokens_seen = 0
        self.grad_norms: list[float] = []  # per step, after summing across ranks (for the log and tests)

    # ------------------------------------------------------------------ setup

    def _build_model(self):
        from migrate.engines.transcoder import checkpoint
        from migrate.engines.transcoder.model import Seq2Seq, TransformerConfig

        cfg = self.cfg
        if cfg.init is not None:
            loaded = checkpoint.load(cfg.init)
            if getattr(loaded.subwords, "model_bytes", None) != getattr(self.subwords, "model_bytes", None):
                raise ConfigError(f"{cfg.init} was trained with another vocabulary than {cfg.corpus}")
            model = Seq2Seq(loaded.config)
            state = loaded.model.state_dict()
            if cfg.model.get("decoder_from_encoder"):
                state = decoder_from_encoder(state)
            model.load_state_dict(state)
            return model.train()
        m = cfg.model
        dim = int(m.get("dim", 256))
        positions = int(m.get("max_positions", 512))
        tcfg = TransformerConfig(
            n_words=self.subwords.n_words,
            n_langs=len(LANGUAGES),
            enc_dim=dim,
            dec_dim=dim,
            enc_layers=int(m.get("enc_layers", 3)),
            dec_layers=int(m.get("dec_layers", 3)),
            n_heads=int(m.get("heads", 4)),
            ffn_mult=int(m.get("ffn_mult", 4)),
            max_positions=positions,
            max_len=positions,
            activation=str(m.get("activation", "relu")),
            dropout=float(m.get("dropout", 0.1)),
            attention_dropout=float(m.get("attention_dropout", 0.0)),
        )
        if cfg.max_len > positions:
            raise ConfigError(f"[data] max_len {cfg.max_len} exceeds [model] max_positions {positions}")
        return Seq2Seq(tcfg).init_weights(cfg.seed).train()

    def _stream(self, name: str, shard_names: list[str], folder: Path | None = None):
        from migrate.train.batches import Stream
        from migrate.train.shards import Shard

        if name not in self.streams:
            folder = folder or self.cfg.corpus
            shards = [Shard(folder, s) for s in shard_names]
            self.streams[name] = Stream(
                name, shards, self.cfg.max_len, self.cfg.tokens_per_batch, self.cfg.max_batch_size, self.cfg.seed
            )
        return self.streams[name]

    def _tasks(self) -> dict[str, tuple]:
        """task key -> (objective, task tuple, stream); streams are opened now so errors come early."""
        tasks = {}
        for obj in self.cfg.objectives:
            for task in obj.tasks:
                key = f"{obj.kind}:{'-'.join(task)}"
                if obj.kind in ("mlm", "dae", "bt"):
                    lang = task[0]
                    stream = self._stream(f"mono.{lang}", [f"mono.{lang}"])
                else:
                    a, b = sorted(task)
                    prefix = "para.train" if obj.kind == "supervised" else "st"
                    folder = Path(obj.options["corpus"]) if obj.options.get("corpus") else None
                    if folder is not None and not folder.is_absolute():
                        folder = self.cfg.path.parent / folder
                    stream = self._stream(
                        f"{prefix}.{a}-{b}:{key}",
                        [f"{prefix}.{a}-{b}.{task[0]}", f"{prefix}.{a}-{b}.{task[1]}"],
                        folder,
                    )
                tasks[key] = (obj, task, stream)
        return tasks

    # ------------------------------------------------------------------ tensors

    def _pad(self, seqs: list[list[int]]):
        """[</s>, ids..., </s>] rows right-padded: (ids (B, L), lengths (B,))."""
        import torch

        cfg = self.model.cfg
        rows = [[cfg.eos_index, *s, cfg.eos_index] for s in seqs]
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), cfg.pad_index, dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
        return ids.to(self.device), lengths.to(self.device)

    def _langs(self, lang: str, n: int):
        import torch

        return torch.full((n,), LANGUAGES[lang], dtype=torch.long, device=self.device)

    def _slice(self, items: list) -> list:
        return items[self.rank :: self.world]

    def _global_count(self, n: int) -> int:
        if self.world == 1:
            return n
        import torch
        import torch.distributed as dist

        t = torch.tensor([n], dtype=torch.long, device=self.device)
        dist.all_reduce(t)
        return int(t.item())

    def _seq2seq_loss(self, src, src_lang, tgt, tgt_lang):
        """(sum of target-token cross-entropies, target tokens) of this rank's pairs."""
        import torch
        from torch.nn import functional as F

        if not src:
            return None, 0
        s, s_len = self._pad(src)
        t, t_len = self._pad(tgt)
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.amp):
            logits = self.model(
                s, s_len, self._langs(src_lang, len(src)), t[:, :-1], t_len - 1, self._langs(tgt_lang, len(tgt))
            )
        labels = t[:, 1:].clone()
        positions = torch.arange(labels.size(1), device=self.device)[None, :]
        labels[positions >= (t_len - 1)[:, None]] = -100
        loss = F.cross_entropy(
            logits.float().reshape(-1, logits.size(-1)), labels.reshape(-1), ignore_index=-100, reduction="sum"
        )
        return loss, int((t_len - 1).sum().item())

    # ------------------------------------------------------------------ objectives

    def _batch_supervised(self, obj, task, stream):
        batch = stream.next()
        src, tgt = stream.sequences(batch, 0), stream.sequences(batch, 1)
        return [(self._slice(src), task[0], self._slice(tgt), task[1])]

    def _batch_st(self, obj, task, stream):
        # TransCoder-ST trains both directions of every verified pair.
        ((src, a, tgt, b),) = self._batch_supervised(obj, task, stream)
        return [(src, a, tgt, b), (tgt, b, src, a)]

    def _batch_dae(self, obj, task, stream):
        from migrate.train.noise import add_noise

        lang = task[0]
        o = obj.options
        clean = stream.sequences(stream.next())
        noisy = [
            add_noise(
                s,
                float(o.get("word_shuffle", 3)),
                float(o.get("word_dropout", 0.1)),
                float(o.get("word_blank", 0.3)),
                self.rng,
            )
            for s in clean
        ]
        return [(self._slice(noisy), lang, self._slice(clean), lang)]

    def _batch_bt(self, obj, task, stream):
        """Greedy translation l1 -> l2 without gradient, then train l2 -> l1."""
        import torch

        from migrate.engines.transcoder.decode import DecodeOptions, translate_ids

        l1, l2 = task
        originals = self._slice(stream.sequences(stream.next()))
        if not originals:
            return [([], l2, [], l1)]
        eos = self.model.cfg.eos_index
        self.model.eval()
        with torch.no_grad():
            hyps = translate_ids(
                self.model,
                [[eos, *s, eos] for s in originals],
                [LANGUAGES[l1]] * len(originals),
                [LANGUAGES[l2]] * len(originals),
                DecodeOptions(
                    beam=1,
                    max_len_a=float(obj.options.get("max_len_a", 1.3)),
                    max_len_b=int(obj.options.get("max_len_b", 10)),
                    batch_tokens=self.cfg.tokens_per_batch * 4,
                ),
            )
        self.model.train()
        generated = [list(h[0].ids)[: self.cfg.max_len - 2] or [self.model.cfg.unk_index] for h in hyps]
        return [(generated, l2, originals, l1)]

    def _mlm_loss(self, obj, task, stream):
        import torch
        from torch.nn import functional as F

        from migrate.train.noise import mask_for_mlm

        lang = task[0]
        clean = stream.sequences(stream.next())
        masked = [mask_for_mlm(s, self.n_words, self.rng, float(obj.options.get("word_pred", 0.15))) for s in clean]
        clean, masked = self._slice(clean), self._slice(masked)
        count = self._global_count(sum(len(p) for _, p in masked))
        if not clean:
            return None, count
        ids, lengths = self._pad([m for m, _ in masked])
        target = torch.full_like(ids, -100)
        for row, (seq, (_, positions)) in enumerate(zip(clean, masked, strict=False)):
            for p in positions:
                target[row, p + 1] = seq[p]  # +1: the leading </s>
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.amp):
            h = self.model.encode(ids, lengths, self._langs(lang, len(clean)))
        logits = F.linear(h.float(), self.model.encoder.embed.embeddings.weight, self.mlm_bias)
        loss = F.cross_entropy(logits.reshape(-1, self.n_words), target.reshape(-1), ignore_index=-100, reduction="sum")
        return loss, count

    def _task_loss(self, key: str):
        """(loss to backpropagate, mean loss per token for the log, tokens)."""
        obj, task, stream = self.tasks[key]
        if obj.kind == "mlm":
            loss, count = self._mlm_loss(obj, task, stream)
            if loss is None:
                return None, 0.0, count
            return loss / max(1, count), loss.item() / max(1, count) * self.world, count
        parts = getattr(self, f"_batch_{obj.kind}")(obj, task, stream)
        total, tokens = None, 0
        for src, sl, tgt, tl in parts:
            loss, n = self._seq2seq_loss(src, sl, tgt, tl)
            tokens += n
            if loss is not None:
                total = loss if total is None else total + loss
        count = self._global_count(tokens)
        if total is None:
            return None, 0.0, count
        return total / max(1, count), total.item() / max(1, count) * self.world, count

    # ------------------------------------------------------------------ loop

    def _next_task(self) -> str | None:
        for _ in range(2):
            while self.queue:
                key = self.queue.pop(0)
                if self.tasks[key][0].schedule(self.step) > 0:
                    return key
            keys = [k for k, (obj, _, _) in self.tasks.items() for _ in range(obj.weight)]
            self.rng.shuffle(keys)
            self.queue = keys
        return None

    def train_step(self) -> tuple[str, float, int] | None:
        import torch

        key = self._next_task()
        if key is None:
            return None
        obj = self.tasks[key][0]
        lam = obj.schedule(self.step)
        self.optimizer.zero_grad(set_to_none=True)
        loss, shown, tokens = self._task_loss(key)
        params = [p for p in [*self.model.parameters(), self.mlm_bias]]
        if loss is not None:
            (loss * lam).backward()
        if self.world > 1:
            import torch.distributed as dist

            # A parameter no rank used (the decoder in an MLM step) keeps grad None, so
            # AdamW skips it exactly as a single process would (no decay, no moments).
            used = torch.tensor([p.grad is not None for p in params], dtype=torch.int32, device=self.device)
            dist.all_reduce(used, op=dist.ReduceOp.MAX)
            for p, u in zip(params, used.tolist(), strict=False):
                if not u:
                    continue
                if p.grad is None:
                    p.grad = torch.zeros_like(p)
                dist.all_reduce(p.grad)
        norm = torch.nn.utils.clip_grad_norm_(params, self.cfg.clip if self.cfg.clip > 0 else float("inf"))
        self.grad_norms.append(round(float(norm), 6))
        self.optimizer.step()
        self.scheduler.step()
        self.step += 1
        return key, shown, tokens

    def run(self, steps: int | None = None) -> None:
        """Train until `steps` (default: the config's), checkpointing and logging on the way."""
        target = self.cfg.steps if steps is None else steps
        cfg = self.cfg
        started = time.monotonic()
        window_tokens, window_start = 0, time.monotonic()
        while self.step < target:
            done = self.train_step()
            if done is None:
                self.log("every objective's lambda is 0: nothing left to train")
                break
            key, loss, tokens = done
            self.tokens_seen += tokens
            window_tokens += tokens
            prev = self.losses.get(key)
            self.losses[key] = loss if prev is None else 0.95 * prev + 0.05 * loss
            if cfg.log_every and self.step % cfg.log_every == 0:
                now = time.monotonic()
                rate = window_tokens / max(1e-6, now - window_start)
                window_tokens, window_start = 0, now
                self._log_line(rate, now - started)
            if cfg.checkpoint_every and self.step % cfg.checkpoint_every == 0:
                self.save()
            every = int(cfg.validate.get("every", 0))
            if every and self.step % every == 0:
                self.validate()
            eval_every = int(cfg.validate.get("eval_every", 0))
            if eval_every and self.step % eval_every == 0:
                self.evaluate()
        if cfg.checkpoint_every:
            self.save()

    def _log_line(self, rate: float, elapsed: float) -> None:
        lr = self.scheduler.get_last_lr()[0]
        losses = " ".join(f"{k}={v:.3f}" for k, v in sorted(self.losses.items()))
        self.log(f"step {self.step}/{self.cfg.steps} lr {lr:.2e} {rate:.0f} tok/s {elapsed / 60:.1f} min | {losses}")
        if self.rank == 0:
            self._append_jsonl(
                "log.jsonl",
                {
                    "step": self.step,
                    "lr": lr,
                    "tokens_per_s": round(rate, 1),
                    "elapsed_s": round(elapsed, 1),
                    "grad_norm": self.grad_norms[-1],
                    "losses": self.losses,
                },
            )

    def _append_jsonl(self, name: str, record: dict) -> None:
        self.cfg.checkpoint_dir.mkdir(parents=True, exist_ok=True)
        with (self.cfg.checkpoint_dir / name).open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")

    # ------------------------------------------------------------------ validation

    def validate(self) -> dict[str, float]:
        """Teacher-forced loss per direction on the corpus's held-out aligned pairs."""
        import torch

        from migrate.train.shards import Shard

        results = {}
        self.model.eval()
        with torch.no_grad():
            for _key, (obj, task, _) in self.tasks.items():
                if obj.kind != "supervised":
                    continue
                a, b = sorted(task)
                base = f"para.valid.{a}-{b}"
                if f"{base}.{a}" not in self.manifest["shards"]:
                    continue
                src, tgt = Shard(self.cfg.corpus, f"{base}.{task[0]}"), Shard(self.cfg.corpus, f"{base}.{task[1]}")
                total, tokens = 0.0, 0
                rows = [i for i in range(len(src)) if max(src.length(i), tgt.length(i)) + 2 <= self.cfg.max_len]
                for start in range(0, len(rows), 16):
                    chunk = rows[start : start + 16]
                    loss, n = self._seq2seq_loss([src[i] for i in chunk], task[0], [tgt[i] for i in chunk], task[1])
                    total += loss.item()
                    tokens += n
                results["-".join(task)] = total / max(1, tokens)
        self.model.train()
        if results:
            self.log("valid " + " ".join(f"{k}={v:.3f}" for k, v in results.items()))
            if self.rank == 0:
                self._append_jsonl("valid.jsonl", {"step": self.step, "loss": results})
        return results

    def evaluate(self) -> dict[str, float | None] | None:
        """`migrate eval` (strict CA, our verifier off) on the first problems of a suite.

        [validate] eval_suite (default ../shared/benchmarks/gfg next to the repository),
        eval_limit (problems per direction, default 20), eval_pairs ("java:cpp,cpp:java").
        """
        if self.rank != 0:
            return None
        import tempfile

        from migrate.config import Settings
        from migrate.eval import evaluate, parse_pairs
        from migrate.units import Language

        v = self.cfg.validate
        suite = Path(v.get("eval_suite", Path(__file__).resolve().parents[2].parent / "shared/benchmarks/gfg"))
        if not suite.is_absolute():
            suite = self.cfg.path.parent / suite
        if not suite.is_dir():
            self.log(f"eval skipped: suite {suite} not found")
            return None
        pairs = parse_pairs(str(v.get("eval_pairs", "java:cpp,cpp:java")))
        with tempfile.TemporaryDirectory(prefix="migrate-train-eval-") as tmp:
            model_path = Path(tmp) / "model.pt"
            self.export(model_path)
            settings = Settings(
                src=suite,
                target=Language.JAVA,
                sources=frozenset(Language),
                engine="transcoder",
                model=model_path,
                verify=False,
                jobs=1,
                device=str(self.device.type),
            )
            data = evaluate(
                suite, settings, pairs, limit=int(v.get("eval_limit", 20)), fresh=True, cache_dir=Path(tmp) / "cache"
            )
        self.model.train()
        ca = {k: d["ca"] for k, d in data["directions"].items()}
        self.log("eval CA " + " ".join(f"{k}={c}" for k, c in ca.items()))
        self._append_jsonl("valid.jsonl", {"step": self.step, "ca": ca, "limit": int(v.get("eval_limit", 20))})
        return ca

    # ------------------------------------------------------------------ checkpoints

    def state_dict(self) -> dict:
        import torch

        state = {
            "step": self.step,
            "model": self.model.state_dict(),
            "mlm_bias": self.mlm_bias.detach().clone(),
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "rng": {"python": self.rng.getstate(), "torch": torch.get_rng_state()},
            "streams": {name: s.state() for name, s in self.streams.items()},
            "queue": list(self.queue),
            "losses": dict(self.losses),
            "tokens_seen": self.tokens_seen,
            "grad_norms": list(self.grad_norms),
            "config": self.cfg.path.read_text(encoding="utf-8") if self.cfg.path.is_file() else "",
        }
        if torch.cuda.is_available():
            state["rng"]["cuda"] = torch.cuda.get_rng_state_all()
        return state

    def load_state_dict(self, state: dict) -> None:
        import torch

        self.step = int(state["step"])
        self.model.load_state_dict(state["model"])
        with torch.no_grad():
            self.mlm_bias.copy_(state["mlm_bias"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        self.rng.setstate(state["rng"]["python"])
        torch.set_rng_state(state["rng"]["torch"])
        if "cuda" in state["rng"] and torch.cuda.is_available():
            torch.cuda.set_rng_state_all(state["rng"]["cuda"])
        for name, s in state["streams"].items():
            if name in self.streams:
                self.streams[name].load_state(s)
        self.queue = [k for k in state["queue"] if k in self.tasks]
        self.losses = dict(state.get("losses", {}))
        self.tokens_seen = int(state.get("tokens_seen", 0))
        self.grad_norms = list(state.get("grad_norms", []))

    def save(self) -> None:
        """Training state (for resuming) and, when configured, the exported model."""
        import torch

        if self.rank != 0:
            return
        folder = self.cfg.checkpoint_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"step-{self.step:07d}.pt"
        tmp = path.with_suffix(".tmp")
        torch.save(self.state_dict(), tmp)
        os.replace(tmp, path)
        last = folder / STATE_FILE
        tmp = folder / (STATE_FILE + ".tmp")
        tmp.write_text(path.name, encoding="utf-8")
        os.replace(tmp, last.with_suffix(".name"))
        old = sorted(folder.glob("step-*.pt"))
        for stale in old[: max(0, len(old) - max(1, self.cfg.keep))]:
            stale.unlink(missing_ok=True)
        if self.cfg.export is not None:
            self.export(self.cfg.export)

    def export(self, path: Path) -> None:
        """The model alone, in the engine's checkpoint format."""
        import copy

        from migrate.engines.transcoder import checkpoint

        model = copy.deepcopy(self.model).cpu().eval()
        if self.cfg.export_half:
            model = model.half()
        meta = {
            "trained_by": "migrate train",
            "config": self.cfg.path.name,
            "step": str(self.step),
            "tokens_seen": str(self.tokens_seen),
            "corpus_spm_sha256": self.manifest["spm"]["sha256"],
            "objectives": ",".join(sorted(self.tasks)),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        checkpoint.save(tmp, model, LANGUAGES, self.subwords, meta)
        os.replace(tmp, path)

    def resume(self) -> bool:
        """Load the newest training state in the checkpoint folder; False when there is none."""
        import torch

        pointer = self.cfg.checkpoint_dir / "last.name"
        if not pointer.is_file():
            return False
        path = self.cfg.checkpoint_dir / pointer.read_text(encoding="utf-8").strip()
        if not path.is_file():
            raise ConfigError(f"checkpoint {path} named by {pointer} is missing")
        state = torch.load(str(path), map_location=self.device, weights_only=False)
        self.load_state_dict(state)
        self.log(f"resumed from {path.name} at step {self.step}")
        return True


# ---------------------------------------------------------------------- local data parallelism


def _local_worker(rank: int, world: int, config_path: str, port: int, steps: int | None, fresh: bool) -> None:
    import torch.distributed as dist

    from migrate.train.config import load

    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank), WORLD_SIZE=str(world))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    try:
        trainer = Trainer(load(config_path), log=print if rank == 0 else (lambda m: None), device="cpu")
        if not fresh:
            trainer.resume()
        trainer.run(steps)
        trainer.save()
    finally:
        dist.destroy_process_group()


def run_local_parallel(config_path: str | Path, procs: int, steps: int | None = None, fresh: bool = False) -> None:
    """Data-parallel training in `procs` CPU processes on this machine (gloo), without torchrun."""
    import socket

    import torch.multiprocessing as mp

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(_local_worker, args=(procs, str(config_path), port, steps, fresh), nprocs=procs, join=True)
