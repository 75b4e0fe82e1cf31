"""The files of a repository that extraction should see.

`walk` applies, in this order: always-skipped folders (VCS, virtualenvs, build output,
vendored code), `.gitignore` files (nested ones, SRC's own, and those above SRC up to the
root of its git work tree), `--exclude` / `--include` globs,
the language of each file (by extension), the size cap, a binary check and decoding.
Everything it leaves out is either counted (`ignored`: ignore rules, globs, unknown
extensions) or reported with a reason (`skipped`). The source tree is only read.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from migrate.errors import ConfigError, WalkError
from migrate.lang import language_of
from migrate.units import Language, SkippedFile, SkipReason, SourceFile, WalkResult

__all__ = ["walk", "decode", "python_coding", "SKIP_DIRS"]

# Folder names that never hold the repository's own hand-written sources.
SKIP_DIRS = frozenset(
    {
        ".git", ".hg", ".svn",
        ".venv", "venv",
        "build", "dist", "target", "out",
        "node_modules", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        "third_party", "vendor", "external",
        ".idea", ".gradle",
    }
)  # fmt: skip
SKIP_DIR_PREFIXES = ("cmake-build-",)

BINARY_PROBE = 8192  # a NUL byte in this many leading bytes marks a file as binary
# A non-UTF-8 guess is accepted only when charset-normalizer sees little mess in it and
# the text either reads as a language or is mostly ASCII, as source code is.
MAX_CHAOS = 0.1
CHAOS_MARGIN = 0.05  # guesses this close to the cleanest one count as equally clean
MIN_COHERENCE = 0.2
MIN_ASCII_SHARE = 0.7
# Among equally clean guesses, the usual legacy encodings of Western source code win.
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
_ASCII = bytes(range(128))
_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")


def walk(
    src: Path,
    *,
    target: Language,
    languages: frozenset[Language] | None = None,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    max_bytes: int = 1_000_000,
) -> WalkResult:
    """Every source file under SRC to translate into `target`, in sorted path order.

    `languages` limits the source languages (None: all but the target). `include` and
    `exclude` are gitignore-style globs matched against the path relative to SRC.
    Raises `WalkError` when SRC does not exist or cannot be read.
    """
    src = Path(src)
    if not os.path.lexists(src):
        raise WalkError(f"source path {src} does not exist")
    try:
        root_real = src.resolve(strict=True)
        is_dir = root_real.is_dir()
    except (OSError, RuntimeError) as exc:
        raise WalkError(f"cannot read source path {src}: {exc}") from exc
    state = _Walk(
        root=src,
        root_real=root_real,
        target=target,
        languages=languages,
        include=_globs(include, "--include"),
        exclude=_globs(exclude, "--exclude"),
        max_bytes=max_bytes,
    )
    if is_dir:
        try:
            os.scandir(src).close()
        except OSError as exc:
            raise WalkError(f"cannot read source folder {src}: {exc.strerror or exc}") from exc
        state.visit_dir(src, "", state.outer_gitignores(), frozenset({_dir_key(root_real)}))
    else:
        if not os.access(src, os.R_OK):
            raise WalkError(f"cannot read source file {src}: permission denied")
        state.visit_file(src, src.name, root_real)
    return WalkResult(
        files=tuple(sorted(state.files, key=lambda f: f.path)),
        skipped=tuple(sorted(state.skipped, key=lambda s: s.path)),
        ignored=state.ignored,
    )


def python_coding(data: bytes) -> str | None:
    """The encoding a PEP 263 `# -*- coding: ... -*-` line in the first two lines declares."""
    for line in data.split(b"\n", 2)[:2]:
        match = _CODING.match(line)
        if match:
            try:
                return codecs.lookup(match.group(1).decode("ascii")).name
            except LookupError:
                return None
        if line.strip() and not line.lstrip().startswith(b"#"):
            return None  # the declaration must come before any code
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """(text, encoding) for the bytes of a text file, or None when no confident guess exists.

    `declared` is an encoding the file names itself (a Python coding line); it is trusted
    when the bytes decode with it.
    """
    if declared and declared not in ("utf-8", "utf-8-sig") and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return None  # a UTF-8 BOM in front of something else: do not guess
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # slow to import; only legacy files need it

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    if best > MAX_CHAOS:
        return None
    near = [m for m in matches if m.chaos <= best + CHAOS_MARGIN]
    readings = {str(m) for m in near}
    # Western legacy code is the common case: take cp1252 when it reads the bytes exactly
    # as one of the clean guesses does (charset-normalizer cannot tell cp1250 from cp1252
    # on a few accented letters, and lists only one of two identical readings).
    for name in PREFERRED_LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if text in readings:
            return text, name
    if len(readings) == 1:
        chosen = near[0]
    else:
        # Clean guesses that disagree: only a clearly recognised language settles it.
        ranked = sorted(near, key=lambda m: m.coherence, reverse=True)
        if ranked[0].coherence < MIN_COHERENCE or ranked[0].coherence - ranked[1].coherence < 0.1:
            return None
        chosen = ranked[0]
    ascii_share = 1 - len(data.translate(None, _ASCII)) / len(data)
    if chosen.coherence < MIN_COHERENCE and ascii_share < MIN_ASCII_SHARE:
        return None  # mostly non-ASCII and no language found in it: not source code
    return str(chosen), chosen.encoding


# --------------------------------------------------------------------------- internals


def _globs(patterns: tuple[str, ...], flag: str):
    if not patterns:
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(patterns)
    except Exception as exc:  # pathspec raises several types for a malformed pattern
        raise ConfigError(f"invalid {flag} pattern: {exc}") from exc


def _dir_key(path: Path | str) -> tuple[int, int] | str:
    """Identity of a folder: (device, inode) where the OS has them, else its real path."""
    try:
        st = os.stat(path)
    except OSError:
        return str(path)
    return (st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(path)


@dataclass
class _Ignore:
    """The rules of one `.gitignore`, with the folder (relative to SRC) it lives in."""

    base: str  # the folder relative to SRC: "" for SRC itself, else "a/b/"
    spec: object  # pathspec.GitIgnoreSpec
    prefix: str = ""  # for a .gitignore above SRC: SRC's path relative to its folder, "src/"


@dataclass
class _Walk:
    root: Path
    root_real: Path
    target: Language
    languages: frozenset[Language] | None
    include: object | None
    exclude: object | None
    max_bytes: int
    files: list[SourceFile] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    ignored: int = 0

    # ------------------------------------------------------------------ folders

    def visit_dir(self, path: Path, rel: str, rules: tuple[_Ignore, ...], ancestors: frozenset) -> None:
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.skip(rel or ".", SkipReason.UNREADABLE, exc.strerror or str(exc))
            return
        rules = rules + self.load_gitignore(path, rel)
        for entry in entries:
            child_rel = f"{rel}{entry.name}"
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError as exc:
                self.skip(child_rel, SkipReason.UNREADABLE, exc.strerror or str(exc))
                continue
            if is_link:
                excluded = self.exclude is not None and self.exclude.match_file(child_rel)
                if excluded or self.is_ignored(child_rel, rules, is_dir=False):
                    self.ignored += 1
                    continue
                self.visit_link(Path(entry.path), child_rel, rules, ancestors)
            elif is_dir:
                self.enter_dir(Path(entry.path), child_rel, rules, ancestors)
            elif entry.name != ".gitignore":
                if self.is_ignored(child_rel, rules, is_dir=False):
                    self.ignored += 1
                else:
                    self.visit_file(Path(entry.path), child_rel, Path(entry.path))

    def enter_dir(self, path: Path, rel: str, rules: tuple[_Ignore, ...], ancestors: frozenset) -> None:
        name = path.name
        if name in SKIP_DIRS or name.startswith(SKIP_DIR_PREFIXES):
            return
        if (path / "pyvenv.cfg").exists():  # a virtualenv, whatever its name
            return
        if self.is_ignored(rel, rules, is_dir=True):
            return
        key = _dir_key(path)
        if key in ancestors:
            self.skip(rel, SkipReason.SYMLINK_LOOP, "folder contains itself")
            return
        self.visit_dir(path, rel + "/", rules, ancestors | {key})

    def visit_link(self, path: Path, rel: str, rules: tuple[_Ignore, ...], ancestors: frozenset) -> None:
        try:
            real = path.resolve(strict=True)
        except (RuntimeError, OSError) as exc:
            if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
                self.skip(rel, SkipReason.SYMLINK_LOOP, "symlink points back at itself")
            else:
                self.skip(rel, SkipReason.UNREADABLE, f"broken symlink to {os.readlink(path)}")
            return
        if real != self.root_real and self.root_real not in real.parents:
            self.skip(rel, SkipReason.SYMLINK_OUTSIDE, f"points to {real}")
            return
        if real.is_dir():
            if _dir_key(real) in ancestors:
                self.skip(rel, SkipReason.SYMLINK_LOOP, "points to a folder that contains it")
            else:
                # The folder lies inside SRC, so the walk reads it at its own place: once.
                self.ignored += 1
            return
        # A link to a file inside SRC: that file is read under its own name only.
        self.ignored += 1

    # ------------------------------------------------------------------ files

    def visit_file(self, path: Path, rel: str, real: Path) -> None:
        if self.exclude is not None and self.exclude.match_file(rel):
            self.ignored += 1
            return
        if self.include is not None and not self.include.match_file(rel):
            self.ignored += 1
            return
        language = language_of(rel)
        if language is None:
            self.ignored += 1
            return
        if language is self.target:
            self.skip(rel, SkipReason.TARGET_LANGUAGE)
            return
        if self.languages is not None and language not in self.languages:
            self.skip(rel, SkipReason.NOT_SELECTED)
            return
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                self.ignored += 1  # sockets, fifos, devices: never source files
                return
            if st.st_size > self.max_bytes:
                self.skip(rel, SkipReason.TOO_LARGE, f"{st.st_size:,} bytes > {self.max_bytes:,}")
                return
            with open(path, "rb") as handle:
                data = handle.read(self.max_bytes + 1)
        except OSError as exc:
            self.skip(rel, SkipReason.UNREADABLE, exc.strerror or str(exc))
            return
        if len(data) > self.max_bytes:  # grew since stat
            self.skip(rel, SkipReason.TOO_LARGE, f"more than {self.max_bytes:,} bytes")
            return
        if b"\0" in data[:BINARY_PROBE]:
            self.skip(rel, SkipReason.BINARY)
            return
        decoded = decode(data, python_coding(data) if language is Language.PYTHON else None)
        if decoded is None:
            self.skip(rel, SkipReason.UNDECODABLE, "not UTF-8, and no confident guess")
            return
        text, encoding = decoded
        self.files.append(
            SourceFile(
                path=rel,
                absolute=Path(os.path.abspath(path)),
                language=language,
                text=text,
                encoding=encoding,
                size=len(data),
            )
        )

    # ------------------------------------------------------------------ rules

    def load_gitignore(self, folder: Path, rel: str) -> tuple[_Ignore, ...]:
        path = folder / ".gitignore"
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                lines = handle.read().splitlines()
        except FileNotFoundError:
            return ()
        except OSError as exc:
            self.skip(f"{rel}.gitignore", SkipReason.UNREADABLE, exc.strerror or str(exc))
            return ()
        import pathspec

        try:
            spec = pathspec.GitIgnoreSpec.from_lines(lines)
        except Exception as exc:  # a malformed line: report it, walk on without the file
            self.skip(f"{rel}.gitignore", SkipReason.UNREADABLE, f"invalid pattern: {exc}")
            return ()
        return (_Ignore(rel, spec),)

    def outer_gitignores(self) -> tuple[_Ignore, ...]:
        """The `.gitignore` files between SRC and the root of the git work tree it lies in.

        Git applies them to SRC's files too. Outside a work tree there are none, and when
        they ignore SRC itself the user named it anyway: then they are left out.
        """
        if (self.root_real / ".git").exists():
            return ()  # SRC is a work tree of its own
        folders = []
        for folder in self.root_real.parents:
            folders.append(folder)
            if (folder / ".git").exists():
                break
        else:
            return ()
        specs = [(folder, rule.spec) for folder in reversed(folders) for rule in self.load_gitignore(folder, "")]
        below_root = [self.root_real, *self.root_real.parents][: len(folders)]
        for directory in below_root:  # SRC and its parents inside the work tree
            for folder, spec in reversed(specs):  # the deepest .gitignore decides
                if folder not in directory.parents:
                    continue
                result = spec.check_file(directory.relative_to(folder).as_posix() + "/")
                if result.include is not None:
                    if result.include:
                        return ()
                    break
        return tuple(
            _Ignore("", spec, prefix=self.root_real.relative_to(folder).as_posix() + "/") for folder, spec in specs
        )

    def is_ignored(self, rel: str, rules: tuple[_Ignore, ...], *, is_dir: bool) -> bool:
        """Git's precedence: the deepest `.gitignore` with a matching pattern decides."""
        if is_dir and self.exclude is not None and self.exclude.match_file(rel + "/"):
            return True
        for rule in reversed(rules):
            local = rule.prefix + rel[len(rule.base) :]
            result = rule.spec.check_file(local + "/" if is_dir else local)
            if result.include is not None:
                return bool(result.include)
        return False

    def skip(self, rel: str, reason: SkipReason, detail: str = "") -> None:
        self.skipped.append(SkippedFile(rel, reason, detail))
