"""Drain a sandboxed child's pipes under moving deadlines, keeping only capped output.

The harness protocol is one JSON object per line on stdout; every complete line counts
as progress and pushes the deadline forward (so a per-test timeout is "no new result
for N seconds"), while stderr (where candidates' own prints are redirected) is kept
only up to a cap so a flooding candidate cannot exhaust our memory.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from migrate.verify import sandbox

LOG_CAP = 64 * 1024


@dataclass
class Drained:
    lines: list[str] = field(default_factory=list)
    log: str = ""
    returncode: int | None = None
    timed_out: bool = False  # killed because the deadline passed
    overflow: bool = False  # killed because stdout exceeded its cap
    seconds: float = 0.0


def drain(
    proc: subprocess.Popen,
    deadline_after: Callable[[list[str]], float],
    hard_deadline: float,
    stdout_cap: int = 256 * 1024 * 1024,
) -> Drained:
    """Read until exit; `deadline_after(lines_so_far)` gives the seconds allowed for the next line."""
    out = Drained()
    start = time.monotonic()
    last_progress = start
    pending = b""
    stdout_total = 0
    log = bytearray()
    sel = selectors.DefaultSelector()
    for stream in (proc.stdout, proc.stderr):
        os.set_blocking(stream.fileno(), False)
        sel.register(stream, selectors.EVENT_READ)
    open_streams = 2
    try:
        while open_streams:
            now = time.monotonic()
            limit = min(last_progress + deadline_after(out.lines), hard_deadline)
            if now >= limit:
                out.timed_out = True
                break
            for key, _ in sel.select(timeout=min(0.5, limit - now)):
                chunk = os.read(key.fileobj.fileno(), 1 << 16)
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                if key.fileobj is proc.stderr:
                    if len(log) < LOG_CAP:
                        log += chunk[: LOG_CAP - len(log)]
                    continue
                stdout_total += len(chunk)
                if stdout_total > stdout_cap:
                    out.overflow = True
                    open_streams = 0
                    break
                pending += chunk
                if b"\n" in pending:
                    *complete, pending = pending.split(b"\n")
                    out.lines += [c.decode("utf-8", "replace") for c in complete if c]
                    last_progress = time.monotonic()
    finally:
        sel.close()
        if out.timed_out or out.overflow:
            sandbox.kill(proc)
        else:
            try:
                proc.wait(timeout=max(0.1, hard_deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                out.timed_out = True
                sandbox.kill(proc)
        for stream in (proc.stdout, proc.stderr):
            stream.close()
    out.returncode = proc.returncode
    out.log = log.decode("utf-8", "replace")
    out.seconds = time.monotonic() - start
    return out


def describe_exit(returncode: int | None) -> str:
    """"killed by SIGSEGV", "exit status 3"; bwrap reports a signal as 128 + n."""
    import signal as sig

    if returncode is None:
        return "did not finish"
    number = -returncode if returncode < 0 else returncode - 128 if returncode > 128 else 0
    if number:
        try:
            return f"killed by {sig.Signals(number).name}"
        except ValueError:
            pass
    return f"exit status {returncode}"
