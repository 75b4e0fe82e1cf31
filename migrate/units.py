"""Plain frozen values passed between the stages of a run.

Data flows one way: walk -> extract -> engines -> verify -> select -> assemble -> report.
Every stage takes and returns these dataclasses, so any stage can be tested alone and
values can cross process boundaries (they pickle). Nothing here imports the rest of
the package.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Language(str, enum.Enum):
    """A supported programming language; the value is the CLI spelling."""

    PYTHON = "python"
    JAVA = "java"
    CPP = "cpp"

    def __str__(self) -> str:  # so f-strings print "java", not "Language.JAVA"
        return self.value

    @property
    def display(self) -> str:
        return {"python": "Python", "java": "Java", "cpp": "C++"}[self.value]


# --------------------------------------------------------------------------- types


class Kind(str, enum.Enum):
    """The language-neutral kinds of value that translation and verification reason about."""

    INT = "int"  # signed 32-bit
    LONG = "long"  # signed 64-bit
    FLOAT = "float"  # 32-bit IEEE
    DOUBLE = "double"  # 64-bit IEEE
    BOOL = "bool"
    CHAR = "char"  # Java char, C++ char, a Python str of length 1
    STRING = "string"
    VOID = "void"
    ARRAY = "array"  # fixed length: Java T[], C++ T[] / T* / std::vector<T>, Python list
    LIST = "list"  # growable: java.util.List<T>, std::vector<T>, Python list
    MAP = "map"  # key -> elem: java.util.Map<K, V>, std::map / unordered_map, Python dict
    SET = "set"  # java.util.Set<T>, std::set / unordered_set, Python set
    PAIR = "pair"  # (key, elem): a map's entry, std::pair<K, V>
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Type:
    """A value type in the shared vocabulary; `elem` is set for ARRAY, LIST, SET, MAP and PAIR,
    `key` for MAP and PAIR only."""

    kind: Kind
    elem: Type | None = None
    key: Type | None = None

    def __str__(self) -> str:
        if self.kind is Kind.ARRAY:
            return f"{self.elem}[]"
        if self.kind is Kind.LIST:
            return f"list<{self.elem}>"
        if self.kind in (Kind.MAP, Kind.PAIR):
            return f"{self.kind.value}<{self.key}, {self.elem}>"
        if self.kind is Kind.SET:
            return f"set<{self.elem}>"
        return self.kind.value

    @property
    def is_sequence(self) -> bool:
        return self.kind in (Kind.ARRAY, Kind.LIST)

    @property
    def is_known(self) -> bool:
        """False when this type or any element type is UNKNOWN."""
        if self.kind is Kind.UNKNOWN:
            return False
        if self.key is not None and not self.key.is_known:
            return False
        return self.elem.is_known if self.elem is not None else True

    @property
    def dims(self) -> int:
        """Nesting depth of sequences: 0 for a scalar, 2 for int[][]."""
        return 1 + self.elem.dims if self.is_sequence and self.elem is not None else 0


def scalar(kind: Kind) -> Type:
    return Type(kind)


def array_of(elem: Type) -> Type:
    return Type(Kind.ARRAY, elem)


def list_of(elem: Type) -> Type:
    return Type(Kind.LIST, elem)


UNKNOWN = Type(Kind.UNKNOWN)
VOID = Type(Kind.VOID)


# --------------------------------------------------------------------------- files


@dataclass(frozen=True)
class SourceFile:
    """One decoded source file of the repository being migrated."""

    path: str  # POSIX path relative to SRC (for a single-file SRC: its name)
    absolute: Path
    language: Language
    text: str
    encoding: str  # what it was decoded from, e.g. "utf-8", "cp1252"
    size: int  # bytes on disk


class SkipReason(str, enum.Enum):
    """Why the walk did not hand a file to extraction."""

    TARGET_LANGUAGE = "already in the target language"
    NOT_SELECTED = "language not selected with --from"
    BINARY = "binary file"
    TOO_LARGE = "larger than the size cap"
    UNDECODABLE = "encoding could not be detected"
    UNREADABLE = "could not be read"
    SYMLINK_OUTSIDE = "symlink leads outside the source tree"
    SYMLINK_LOOP = "symlink loop"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class SkippedFile:
    path: str
    reason: SkipReason
    detail: str = ""


@dataclass(frozen=True)
class WalkResult:
    files: tuple[SourceFile, ...]
    skipped: tuple[SkippedFile, ...]
    ignored: int  # files left out by ignore rules, include/exclude globs or unknown extensions


# --------------------------------------------------------------------------- functions


@dataclass(frozen=True)
class Param:
    name: str
    type: Type
    declared: str | None = None  # the source's own spelling ("int arr[]", "List[int]"), if any
    by_reference: bool = False  # C++ `T&` / pointer: the callee may change the caller's value


@dataclass(frozen=True)
class Signature:
    params: tuple[Param, ...]
    returns: Type
    declared_returns: str | None = None
    # How types that the source does not declare were guessed, one sentence each
    # (e.g. "n: int, compared with len(arr)"). Empty when everything was declared.
    type_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    start_line: int  # 1-based, inclusive
    end_line: int
    start_byte: int
    end_byte: int


@dataclass(frozen=True)
class Function:
    """A function or method as the extractor found it."""

    id: str  # unique in a run: "<file>::<qualified_name>" (+ "#2", "#3" for overloads)
    file: str  # relative to SRC, POSIX
    language: Language
    name: str
    qualified_name: str  # "Stock.restock", "geo::area", or the bare name at module level
    span: Span
    source: str  # the whole definition, decorators and leading doc comment included
    body: str  # the body block only
    signature: Signature
    enclosing: tuple[str, ...] = ()  # enclosing classes / namespaces, outermost first
    modifiers: tuple[str, ...] = ()  # static, public, const, virtual, inline, async, ...
    decorators: tuple[str, ...] = ()
    docstring: str | None = None  # Python docstring, or the Javadoc / comment just above
    comments: tuple[str, ...] = ()  # other comments attached just above the definition
    is_method: bool = False  # needs an instance (not static, not a free function)
    imports: tuple[str, ...] = ()  # the file's import / include lines, verbatim

    @property
    def line(self) -> int:
        return self.span.start_line


@dataclass(frozen=True)
class SyntaxIssue:
    """A region of a file that tree-sitter could not parse."""

    start_line: int
    end_line: int
    message: str


@dataclass(frozen=True)
class ClassInfo:
    name: str
    qualified_name: str
    line: int
    bases: tuple[str, ...] = ()
    docstring: str | None = None
    has_default_constructor: bool = True


@dataclass(frozen=True)
class ParsedFile:
    source: SourceFile
    functions: tuple[Function, ...]
    classes: tuple[ClassInfo, ...] = ()
    imports: tuple[str, ...] = ()
    syntax_issues: tuple[SyntaxIssue, ...] = ()


# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class ExternalRef:
    """How translated code in one output file names a function that lives in another."""

    call_name: str  # e.g. "inventory.Stock.restock", "inventory::stock::restock"
    import_line: str | None = None  # what the calling file needs, in target syntax


@dataclass(frozen=True)
class TranslationContext:
    """What an engine may know beyond the function it translates."""

    target: Language
    # Every function of the run, so calls can be resolved within a unit and across files.
    functions: tuple[Function, ...] = ()
    # function id -> how another output file calls it.
    references: dict[str, ExternalRef] = field(default_factory=dict)

    def same_file(self, function: Function) -> tuple[Function, ...]:
        return tuple(f for f in self.functions if f.file == function.file)


@dataclass(frozen=True)
class Candidate:
    """One proposed translation of one function."""

    function_id: str
    engine: str
    target: Language
    code: str  # a complete definition in the target language, keeping the source's name
    rank: int = 0  # 0 is the engine's first choice
    score: float | None = None  # engine-specific (log-probability for the neural engine)
    imports: tuple[str, ...] = ()  # lines the code needs: "java.util.Arrays", "<vector>", "math"
    notes: tuple[str, ...] = ()  # e.g. the type guesses behind the code
    signature: Signature | None = None  # the target-side signature, when the engine knows it


@dataclass(frozen=True)
class EngineResult:
    function_id: str
    engine: str
    candidates: tuple[Candidate, ...] = ()
    declined: str | None = None  # why there is no candidate; None when there are some


# --------------------------------------------------------------------------- verification


class VerdictStatus(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    COMPILE_ERROR = "compile_error"
    UNTESTABLE = "untestable"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class TestFailure:
    __test__ = False  # not a pytest test class, despite the name

    input: str  # canonical JSON of the arguments
    expected: str  # canonical JSON of what the original did
    actual: str  # canonical JSON of what the candidate did
    message: str = ""


@dataclass(frozen=True)
class Verdict:
    function_id: str
    engine: str
    rank: int
    status: VerdictStatus
    tests_passed: int = 0
    tests_total: int = 0
    compiler_message: str | None = None
    first_failure: TestFailure | None = None
    reason: str | None = None  # why untestable, or a one-line summary of the failure
    seconds: float = 0.0


# --------------------------------------------------------------------------- outcomes


class Status(str, enum.Enum):
    """A function's final state in the report."""

    TRANSLATED = "translated"  # a candidate was produced and not verified
    PASSED = "passed"
    FAILED = "failed"
    COMPILE_ERROR = "compile_error"
    UNTESTABLE = "untestable"
    DECLINED = "declined"  # no engine produced a candidate
    SKIPPED = "skipped"
    ERROR = "error"  # the tool broke on this function

    def __str__(self) -> str:
        return self.value

    @property
    def migrated(self) -> bool:
        """True when the output holds a real translation (verified or not)."""
        return self in (Status.TRANSLATED, Status.PASSED, Status.FAILED, Status.UNTESTABLE)


@dataclass(frozen=True)
class Outcome:
    function: Function
    target: Language
    status: Status
    engine: str | None = None
    reason: str | None = None
    chosen: Candidate | None = None
    verdict: Verdict | None = None
    tried: tuple[Verdict, ...] = ()
    output_file: str | None = None  # relative to the output folder
    cached: bool = False  # reused from the previous run's outcome (nothing it depends on changed)


@dataclass(frozen=True)
class OutputFile:
    path: str  # relative to the output folder, POSIX
    text: str
    sources: tuple[str, ...]  # source files it came from


@dataclass(frozen=True)
class RunReport:
    source_root: str
    output_root: str | None
    target: Language
    outcomes: tuple[Outcome, ...]
    skipped_files: tuple[SkippedFile, ...] = ()
    syntax_issues: dict[str, tuple[SyntaxIssue, ...]] = field(default_factory=dict)
    outputs: tuple[OutputFile, ...] = ()
    collisions: tuple[str, ...] = ()  # how output-name clashes were resolved, one line each
    warnings: tuple[str, ...] = ()  # run-wide notices (e.g. "no network isolation")
    ignored_files: int = 0
    seconds: float = 0.0
