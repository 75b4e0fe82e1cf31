"""Run untrusted commands: bubblewrap isolation, an unprivileged uid, rlimits, timeouts, capped output.

Layers, outermost first:
- uid: when we run as root, the child becomes `nobody` (65534) before anything else
  starts (subprocess's `user=`/`group=`, done in C after fork, safe with threads), because
  RLIMIT_NPROC does not apply to root and bubblewrap's `--uid` does not change that;
- rlimits through `prlimit` (or a preexec hook where prlimit is missing): CPU seconds,
  address space, file size, process count (per uid, so sized for the whole worker pool),
  no core dumps;
- bubblewrap: `--unshare-all` (no network, own PID/IPC/UTS namespaces), read-only system
  directories, a private /tmp, the batch's own work directory as the only writable place,
  `--new-session`, `--die-with-parent`, `--cap-drop ALL`;
- the caller's wall-clock deadlines, enforced by killing the whole process group.

Where bubblewrap is missing or broken, mode "auto" runs with the uid and rlimit layers
only and `sandbox_status()` returns a warning for the pipeline to show; mode "required"
raises `SandboxError`.
"""

from __future__ import annotations

import functools
import glob
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
# Threads count against RLIMIT_NPROC; a JVM or javac uses a few dozen.
NPROC_PER_JOB = 128
INSIDE = "/box"  # where the work directory appears inside the sandbox

NO_BWRAP_WARNING = (
    "bubblewrap (bwrap) is {why}: candidate code is compiled and run with resource limits "
    "only, WITHOUT network or filesystem isolation. Install bubblewrap, or pass "
    "--sandbox required to refuse running unsandboxed."
)


@dataclass(frozen=True)
class Limits:
    cpu_s: int = 60
    memory_mb: int = 1024  # RLIMIT_AS; 0 = none (AddressSanitizer builds)
    file_mb: int = 64  # RLIMIT_FSIZE
    nproc: int = 256  # RLIMIT_NPROC, for the whole uid


@functools.cache
def _bwrap_problem() -> str | None:
    """None when bwrap can start a sandbox here, else why not."""
    exe = shutil.which("bwrap")
    if exe is None:
        return "not installed"
    try:
        probe = subprocess.run(
            _bwrap_prefix(None, ()) + ["/bin/true"],
            capture_output=True,
            timeout=20,
            **_uid_kwargs(),
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"not working ({exc})"
    if probe.returncode != 0:
        detail = probe.stderr.decode(errors="replace").strip().splitlines()
        return f"not working ({detail[-1] if detail else 'exit ' + str(probe.returncode)})"
    return None


def sandbox_status() -> tuple[str, str | None]:
    """("bwrap", None) when full isolation works, else ("rlimits", a loud warning)."""
    why = _bwrap_problem()
    if why is None:
        return "bwrap", None
    return "rlimits", NO_BWRAP_WARNING.format(why=why)


def require(mode: str) -> str:
    """The sandbox kind to use under a settings mode; raises SandboxError if required and absent."""
    from migrate.errors import SandboxError

    if mode == "off":
        return "rlimits"  # no namespaces, but still an unprivileged uid and resource limits
    kind, warning = sandbox_status()
    if kind != "bwrap" and mode == "required":
        raise SandboxError(
            warning.split(":")[0] + "; --sandbox required refuses to run candidates without it "
            "(install bubblewrap, or use --sandbox auto)"
        )
    return kind


def _uid_kwargs() -> dict:
    if os.geteuid() == 0:
        return {"user": NOBODY, "group": NOBODY, "extra_groups": []}
    return {}


def _system_binds() -> list[str]:
    """Read-only views of what compilers and runtimes need, mirroring the host's layout."""
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        host = Path("/") / name
        if host.is_symlink():
            args += ["--symlink", os.readlink(host), str(host)]
        elif host.is_dir():
            args += ["--ro-bind", str(host), str(host)]
    etc = ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d"]
    etc += glob.glob("/etc/java-*") + glob.glob("/etc/ssl/certs/java")
    for path in etc:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    # A JDK installed outside /usr (e.g. /opt) must be visible too.
    java = shutil.which("java")
    if java:
        home = Path(os.path.realpath(java)).parent.parent
        if not str(home).startswith("/usr/"):
            args += ["--ro-bind", str(home), str(home)]
    return args


def _bwrap_prefix(workdir: Path | None, read_only: tuple[str, ...]) -> list[str]:
    args = [
        "bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
        *_system_binds(),
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
    ]
    for path in read_only:
        args += ["--ro-bind", path, path]
    if workdir is not None:
        args += ["--bind", str(workdir), INSIDE, "--chdir", INSIDE]
    args += [
        "--clearenv",
        "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin",
        "--setenv", "HOME", INSIDE if workdir is not None else "/tmp",
        "--setenv", "LANG", "C.UTF-8",
        "--setenv", "TMPDIR", "/tmp",
    ]
    return args


def _prlimit_prefix(limits: Limits) -> list[str]:
    mb = 1 << 20
    return [
        "prlimit",
        f"--cpu={limits.cpu_s}",
        f"--as={limits.memory_mb * mb}" if limits.memory_mb > 0 else "--as=unlimited",
        f"--fsize={limits.file_mb * mb}",
        f"--nproc={limits.nproc}",
        "--core=0",
        "--",
    ]


def _preexec(limits: Limits):
    def apply() -> None:  # only used where prlimit is missing
        mb = 1 << 20
        for res, value in (
            (resource.RLIMIT_CPU, limits.cpu_s),
            (resource.RLIMIT_AS, limits.memory_mb * mb if limits.memory_mb > 0
             else resource.RLIM_INFINITY),
            (resource.RLIMIT_FSIZE, limits.file_mb * mb),
            (resource.RLIMIT_NPROC, limits.nproc),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(res, (value, value))

    return apply


def make_workdir(prefix: str = "migrate-verify-") -> Path:
    """A fresh directory the sandboxed (possibly unprivileged) child can write."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    own(path)
    return path


def own(path: Path) -> None:
    """Hand a path we created over to the sandbox uid (no-op unless we are root)."""
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def share_read_only(path: Path) -> None:
    """Make a directory tree of ours readable (not writable) by the sandbox uid."""
    for root, _dirs, files in os.walk(path):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)


def popen(
    argv: list[str],
    workdir: Path,
    limits: Limits,
    kind: str,
    read_only: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> subprocess.Popen:
    """Start `argv` (paths inside the sandbox are relative to `workdir`, seen as /box).

    stdin is /dev/null; stdout and stderr are pipes the caller must drain.
    `kind` is "bwrap", "rlimits" or "off" (no limits at all, for trusted debugging).
    """
    command = list(argv)
    if kind == "bwrap":
        prefix = _bwrap_prefix(workdir, read_only)
        for key, value in (env or {}).items():
            prefix += ["--setenv", key, value]
        command = prefix + ["--"] + command
        cwd = None
    else:
        cwd = str(workdir)
    kwargs: dict = {}
    if kind != "off":
        kwargs.update(_uid_kwargs())
        if shutil.which("prlimit"):
            command = _prlimit_prefix(limits) + command
        else:
            kwargs["preexec_fn"] = _preexec(limits)
    child_env = None
    if kind != "bwrap":
        child_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(workdir),
                     "LANG": "C.UTF-8", "TMPDIR": str(workdir)}
        child_env.update(env or {})
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=child_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kwargs,
    )


def kill(proc: subprocess.Popen) -> None:
    """Kill the child's whole process group (bwrap's --die-with-parent takes the rest)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
