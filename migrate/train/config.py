"""The training configuration: one small TOML file per stage (examples in models/).

    [model]      dim, enc_layers, dec_layers, heads, ffn_mult, dropout, max_positions,
                 init (a checkpoint in our format to start from)
    [data]       corpus (a `migrate corpus build` folder), max_len (subwords, both </s>)
    [train]      steps, tokens_per_batch, max_batch_size, lr, warmup, weight_decay,
                 clip, adam_eps, lr_schedule (inverse_sqrt | constant after warmup), seed, threads, amp
    [checkpoint] dir, every, keep, export (our model format, e.g. models/default.pt),
                 export_half (store the exported weights in float16)
    [log]        every
    [validate]   every (validation loss on held-out pairs), eval_every, eval_suite,
                 eval_limit, eval_pairs (`migrate eval` on a few problems)
    [[objective]] kind = mlm | dae | bt | st | supervised, with languages / directions,
                 lambda (a schedule "step:value,step:value", piecewise linear), weight
                 (updates per iteration), and the objective's own knobs.

Relative paths are relative to the config file's folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import tomllib

from migrate.errors import ConfigError

KINDS = ("mlm", "dae", "bt", "st", "supervised")
LANGS = ("cpp", "java", "python")


@dataclass(frozen=True)
class Schedule:
    """Piecewise-linear value over the step count; constant after the last point."""

    points: tuple[tuple[int, float], ...]

    @classmethod
    def parse(cls, spec: str | float | int) -> Schedule:
        if isinstance(spec, (int, float)):
            return cls(((0, float(spec)),))
        points = []
        try:
            for part in str(spec).split(","):
                step, value = part.split(":")
                points.append((int(step), float(value)))
        except ValueError as exc:
            raise ConfigError(f"bad schedule {spec!r}: use 'step:value,step:value', e.g. '0:1,30000:0.1'") from exc
        if not points or points[0][0] != 0 or any(a[0] >= b[0] for a, b in zip(points, points[1:], strict=False)):
            raise ConfigError(f"bad schedule {spec!r}: steps must start at 0 and increase")
        return cls(tuple(points))

    def __call__(self, step: int) -> float:
        pts = self.points
        for (s0, v0), (s1, v1) in zip(pts, pts[1:], strict=False):
            if s0 <= step < s1:
                return v0 + (v1 - v0) * (step - s0) / (s1 - s0)
        return pts[-1][1]


@dataclass(frozen=True)
class Objective:
    kind: str
    tasks: tuple[tuple[str, ...], ...]  # (lang,) for mlm/dae; (src, tgt) for supervised/st/bt
    schedule: Schedule
    weight: int = 1
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TrainConfig:
    path: Path
    model: dict
    corpus: Path
    max_len: int
    steps: int
    tokens_per_batch: int
    max_batch_size: int
    lr: float
    warmup: int
    weight_decay: float
    clip: float
    adam_eps: float
    lr_schedule: str
    seed: int
    threads: int
    amp: bool
    checkpoint_dir: Path
    checkpoint_every: int
    keep: int
    export: Path | None
    export_half: bool
    log_every: int
    validate: dict
    objectives: tuple[Objective, ...]
    init: Path | None = None


def _directions(items, kind: str) -> tuple[tuple[str, ...], ...]:
    out = []
    for item in items:
        parts = tuple(str(item).split("-"))
        if len(parts) != 2 or any(p not in LANGS for p in parts) or parts[0] == parts[1]:
            raise ConfigError(f"objective {kind}: bad direction {item!r} (use e.g. 'java-cpp')")
        out.append(parts)
    return tuple(out)


def _languages(items, kind: str) -> tuple[tuple[str, ...], ...]:
    for item in items:
        if item not in LANGS:
            raise ConfigError(f"objective {kind}: unknown language {item!r} (use {', '.join(LANGS)})")
    return tuple((str(i),) for i in items)


def _lr_schedule(value, path: Path) -> str:
    if value not in ("inverse_sqrt", "constant"):
        raise ConfigError(f"{path}: [train] lr_schedule must be inverse_sqrt or constant, not {value!r}")
    return value


def load(path: str | Path) -> TrainConfig:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read training config {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return parse(raw, path)


def parse(raw: dict, path: Path) -> TrainConfig:
    base = path.parent

    def rel(value) -> Path:
        p = Path(value)
        return p if p.is_absolute() else base / p

    model = dict(raw.get("model", {}))
    data = raw.get("data", {})
    train = raw.get("train", {})
    ckpt = raw.get("checkpoint", {})
    if "corpus" not in data:
        raise ConfigError(f"{path}: [data] corpus is required (a folder built by `migrate corpus build`)")
    if "dir" not in ckpt:
        raise ConfigError(f"{path}: [checkpoint] dir is required")
    objectives = []
    for obj in raw.get("objective", []):
        kind = obj.get("kind")
        if kind not in KINDS:
            raise ConfigError(f"{path}: objective kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if kind in ("mlm", "dae"):
            tasks = _languages(obj.get("languages", LANGS), kind)
        else:
            tasks = _directions(obj.get("directions", []), kind)
            if not tasks:
                raise ConfigError(f"{path}: objective {kind} needs directions, e.g. ['java-cpp']")
        options = {k: v for k, v in obj.items() if k not in ("kind", "languages", "directions", "lambda", "weight")}
        objectives.append(
            Objective(kind, tasks, Schedule.parse(obj.get("lambda", 1.0)), int(obj.get("weight", 1)), options)
        )
    if not objectives:
        raise ConfigError(f"{path}: no [[objective]] given")
    init = model.pop("init", None)
    return TrainConfig(
        path=path,
        model=model,
        corpus=rel(data["corpus"]),
        max_len=int(data.get("max_len", 256)),
        steps=int(train.get("steps", 1000)),
        tokens_per_batch=int(train.get("tokens_per_batch", 3000)),
        max_batch_size=int(train.get("max_batch_size", 64)),
        lr=float(train.get("lr", 3e-4)),
        warmup=int(train.get("warmup", 500)),
        weight_decay=float(train.get("weight_decay", 0.01)),
        clip=float(train.get("clip", 1.0)),
        adam_eps=float(train.get("adam_eps", 1e-8)),
        lr_schedule=_lr_schedule(train.get("lr_schedule", "inverse_sqrt"), path),
        seed=int(train.get("seed", 0)),
        threads=int(train.get("threads", 1)),
        amp=bool(train.get("amp", True)),
        checkpoint_dir=rel(ckpt["dir"]),
        checkpoint_every=int(ckpt.get("every", 200)),
        keep=int(ckpt.get("keep", 2)),
        export=rel(ckpt["export"]) if ckpt.get("export") else None,
        export_half=bool(ckpt.get("export_half", False)),
        log_every=int(raw.get("log", {}).get("every", 10)),
        validate=dict(raw.get("validate", {})),
        objectives=tuple(objectives),
        init=rel(init) if init else None,
    )
