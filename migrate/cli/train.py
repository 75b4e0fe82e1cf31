"""`migrate train`: train a TransCoder-style model from a TOML config."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(
    "train",
    epilog="""\b
Examples:
  nice -n 10 migrate train --config models/default.toml
  torchrun --nproc_per_node 8 -m migrate train --config models/gpu.toml
""",
)
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Training config (TOML; see models/*.toml).",
)
@click.option("--steps", type=int, default=None, help="Stop at this step instead of the config's.")
@click.option("--fresh", is_flag=True, help="Start over instead of resuming from the checkpoint folder.")
@click.option("--validate-only", is_flag=True, help="Load the last checkpoint, validate (and evaluate) and stop.")
@click.option(
    "--procs",
    type=int,
    default=1,
    show_default=True,
    help="Data-parallel CPU processes on this machine (gloo), without torchrun.",
)
def train_command(config_path: Path, steps, fresh: bool, validate_only: bool, procs: int) -> int:
    """Train with the objectives of a config; resumes from its checkpoint folder.

    Runs on one CPU process, or data-parallel under torchrun (gloo on CPU, NCCL on
    GPUs, bfloat16 autocast on GPU). Checkpoints hold everything needed to continue
    exactly: weights, optimizer, scheduler, RNG states and the data position.
    """
    import os

    from migrate.train.config import load
    from migrate.train.trainer import Trainer

    cfg = load(config_path)
    if procs > 1:
        from migrate.train.trainer import run_local_parallel

        run_local_parallel(config_path, procs, steps, fresh)
        return 0
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if distributed:
        import torch
        import torch.distributed as dist

        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
        if torch.cuda.is_available():
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
    rank = int(os.environ.get("RANK", "0"))

    def log(message: str) -> None:
        if rank == 0:
            click.echo(message)

    try:
        trainer = Trainer(cfg, log=log)
        if not fresh:
            trainer.resume()
        if validate_only:
            trainer.validate()
            if cfg.validate.get("eval_every"):
                trainer.evaluate()
            return 0
        log(
            f"training {sum(p.numel() for p in trainer.model.parameters()) / 1e6:.1f}M parameters "
            f"on {trainer.device} x{trainer.world}: {', '.join(sorted(trainer.tasks))}"
        )
        trainer.run(steps)
    finally:
        if distributed:
            import torch.distributed as dist

            dist.destroy_process_group()
    return 0
