"""Seeded, type-directed test inputs, with the relations that make them meaningful.

For each function: first edge values (0, ±1, empty and one-element sequences), then
random values in small, sensible ranges. Parameters are related by name and use:
- an integer named like a length (`n`, `size`, `len`, `n1`, `m`...) next to an array
  is that array's length (sometimes a shorter prefix: never more than its length, so a
  C++ original is never driven out of bounds);
- integers named like bounds (`low`/`high`, `l`/`r`, `start`/`end`, `i`/`j`) are valid
  indices, the lower before the upper;
- a search key (`x`, `key`, `k`, `target`...) is drawn from the array half the time;
- arrays are sorted when the function searches (binary search, `mid`, "sorted");
- integer constants of the body (`num == 7`, `% 11`), their neighbours and multiples are
  drawn part of the time, and doubles are whole numbers part of the time.
Magnitudes stay small so that no language's integer range is exceeded: a C++ original
must stay well defined, and a Python original must not produce values Java cannot hold.

Literal arguments found at call sites in the repository (its tests, doctests, examples)
come from `call_site_literals` and are tried first.
"""

from __future__ import annotations

import ast
import random
import re
import string
from collections.abc import Iterable, Sequence

from migrate.units import Function, Kind, Language, ParsedFile, Signature, Type

LENGTH_NAMES = re.compile(r"^(n|m|N|M|len|sz|cnt)\d*$|size|length|^len_|_len$|^n_|_n$|"
                          r"^num_?(el|elements|items)$", re.I)
LOW_NAMES = re.compile(r"^(l|lo|low|left|start|begin|st|s|i|from_?)(idx|index)?\d*$", re.I)
HIGH_NAMES = re.compile(r"^(r|h|hi|high|right|end|e|j|to)(idx|index)?\d*$", re.I)
KEY_NAMES = re.compile(r"^(x|key|k|target|item|val|value|ele|element|elem|search|find|num|sum)\d*$",
                       re.I)
ROW_NAMES = re.compile(r"^(r|row|rows|n|N|R)$")
COL_NAMES = re.compile(r"^(c|col|cols|column|columns|m|M|C)$")
SEARCH_HINT = re.compile(r"binary|bsearch|sorted|\bmid\b|interpolation|jump_?search", re.I)

INT_EDGES = (0, 1, -1, 2, 10)
STRING_SIZES = (0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 10, 12)
SMALL_RANGES = ((-10, 10), (0, 20), (0, 50), (-100, 100), (0, 1000))
RANGE_WEIGHTS = (3, 4, 2, 2, 1)


UNSIGNED = re.compile(r"\bunsigned\b(?!\s+char)|\bsize_t\b|\buint\d+_t\b")


def refine_unsigned(signature: Signature) -> tuple[Signature, frozenset[int]]:
    """C++ unsigned parameters (UNKNOWN in the shared vocabulary) as INT / LONG, and their
    indices: they only get non-negative values, which every language represents alike."""
    from dataclasses import replace

    params, unsigned = [], set()
    for i, p in enumerate(signature.params):
        if p.type.kind is Kind.UNKNOWN and p.declared and UNSIGNED.search(p.declared):
            wide = "long" in p.declared or "size_t" in p.declared or "64" in p.declared
            p = replace(p, type=Type(Kind.LONG if wide else Kind.INT))
            unsigned.add(i)
        params.append(p)
    returns = signature.returns
    if returns.kind is Kind.UNKNOWN and UNSIGNED.search(signature.declared_returns or ""):
        returns = Type(Kind.LONG)
    return replace(signature, params=tuple(params), returns=returns), frozenset(unsigned)


class InputPlan:
    """How to draw one function's arguments: per-parameter roles derived once."""

    def __init__(self, function: Function, signature: Signature,
                 fixed_dims: dict[int, tuple[int | None, int | None]] | None = None,
                 non_negative: frozenset[int] = frozenset()):
        self.function = function
        self.non_negative = non_negative
        self.params = signature.params
        self.fixed_dims = fixed_dims or {}
        text = f"{function.name} {function.body}"
        self.sorted = bool(SEARCH_HINT.search(text))
        self.digits = bool(re.search(r"'0'|\"0\"|isdigit|isDigit|- *48\b|ord\('0'\)|int\(", function.body))
        self.binary = bool(re.search(r"'1'|\"1\"", function.body)) and self.digits
        self.upper = bool(re.search(r"isupper|isUpper|toupper|upper\(|'A'", function.body))
        self.space = bool(re.search(r"' '|\" \"|split|isspace|isWhitespace", function.body))
        # Moduli the function tests (`% 11 == 0`): multiples of them reach both branches.
        self.moduli = sorted({int(m) for m in re.findall(r"%\s*\(?\s*(\d+)\b", function.body)
                              if 1 < int(m) <= 10**6})
        # Other integer constants of the body (`num == 7`, `n > 12`): they, their neighbours
        # and multiples reach branches that uniform values rarely hit (divisibility by 7
        # needs multiples of 7; `== 7` needs 7 itself).
        self.constants = sorted({int(c) for c in re.findall(r"(?<![\w.'\"])(\d+)(?![\w.'\"])", function.body)
                                 if 3 <= int(c) <= 1000})
        seqs = [i for i, p in enumerate(self.params) if p.type.is_sequence or
                p.type.kind is Kind.STRING]
        arrays = [i for i in seqs if self.params[i].type.is_sequence]
        self.roles: dict[int, tuple] = {}
        lengths = [i for i, p in enumerate(self.params)
                   if p.type.kind in (Kind.INT, Kind.LONG) and LENGTH_NAMES.search(p.name)]
        matrices = [i for i in arrays if self.params[i].type.dims >= 2]
        if matrices and lengths:
            mat = matrices[0]
            rows = [i for i in lengths if ROW_NAMES.match(self.params[i].name)]
            cols = [i for i in lengths if COL_NAMES.match(self.params[i].name) and i not in rows]
            if len(lengths) == 1:
                self.roles[lengths[0]] = ("square", mat)
            else:
                for i in rows[:1]:
                    self.roles[i] = ("rows", mat)
                for i in cols[:1]:
                    self.roles[i] = ("cols", mat)
            lengths = [i for i in lengths if i not in self.roles]
        targets = arrays or seqs
        for k, i in enumerate(lengths):
            if targets:
                before = [a for a in targets if a < i] or targets
                self.roles[i] = ("len", before[min(k, len(before) - 1)])
        bounds = [i for i, p in enumerate(self.params)
                  if i not in self.roles and p.type.kind in (Kind.INT, Kind.LONG)]
        if targets:
            lows = [i for i in bounds if LOW_NAMES.match(self.params[i].name)]
            highs = [i for i in bounds if HIGH_NAMES.match(self.params[i].name)]
            if lows and highs:
                self.roles[lows[0]] = ("low", targets[0])
                self.roles[highs[0]] = ("high", targets[0], lows[0])
            elif highs and len(highs) == 1 and self.params[highs[0]].name in ("r", "high", "hi", "end"):
                self.roles[highs[0]] = ("high", targets[0], None)
            for i in bounds:
                if i not in self.roles and KEY_NAMES.match(self.params[i].name) and arrays:
                    self.roles[i] = ("key", arrays[0])

    @property
    def testable(self) -> str | None:
        """None when every parameter type can be generated, else why not."""
        for p in self.params:
            if not p.type.is_known:
                return f"parameter {p.name} has an unknown type"
            if p.type.kind is Kind.VOID:
                return f"parameter {p.name} is void"
            if p.type.dims > 2:
                return f"parameter {p.name} has {p.type.dims} dimensions (at most 2 are generated)"
        return None

    # ------------------------------------------------------------------ drawing

    def draw(self, rng: random.Random, index: int) -> list:
        """The arguments of test number `index` (low indices are the edge cases)."""
        values: dict[int, object] = {}
        size_hint = [0, 1, 2][index] if index < 3 else rng.choice([2, 3, 4, 5, 6, 8, 10, 15])
        # Sequences first: lengths and indices depend on them.
        for i, p in enumerate(self.params):
            if p.type.is_sequence:
                values[i] = self._sequence(rng, p.type, i, size_hint, index)
            elif p.type.kind is Kind.STRING:
                values[i] = self._string(rng, size_hint if index < 3 else rng.choice(STRING_SIZES))
        for i, p in enumerate(self.params):
            if i in values:
                continue
            role = self.roles.get(i)
            if role is not None:
                value = self._related(rng, role, values, index)
                if value is not None:
                    values[i] = value
                    continue
            values[i] = self._scalar(rng, p.type, index)
            if i in self.non_negative:
                values[i] = abs(values[i])
        # A second string is often a transformation of the first (rotation, reversal,
        # shuffle, copy): functions comparing two strings need such pairs to say "yes".
        texts = [i for i, p in enumerate(self.params) if p.type.kind is Kind.STRING]
        if len(texts) >= 2 and index >= 3 and rng.random() < 0.5:
            first = values[texts[0]]
            k = rng.choice((1, 2, 3)) if first else 0
            options = [first, first[::-1], first[k:] + first[:k], first[-k:] + first[:-k] if k
                       else first, "".join(rng.sample(first, len(first)))]
            values[texts[1]] = rng.choice(options)
        # A "high" bound drawn before its "low" partner is fixed up here.
        for i, role in self.roles.items():
            if (role[0] == "high" and role[2] is not None and values[i] >= 0
                    and values[i] < values[role[2]]):
                values[i], values[role[2]] = values[role[2]], values[i]
        return [values[i] for i in range(len(self.params))]

    def _related(self, rng, role, values, index):
        kind, target = role[0], role[1]
        seq = values.get(target)
        if seq is None:
            return None
        n = len(seq)
        if kind == "len":
            # A shorter prefix often: callers pass n < len(arr) (a C array and how much of
            # it is used), where "the first n" and "all of it" must not be confused.
            return n if index < 8 or rng.random() < 0.6 else rng.randint(0, n)
        if kind in ("rows", "square"):
            return n
        if kind == "cols":
            return len(seq[0]) if seq else 0
        if kind == "low":
            return 0 if n == 0 or rng.random() < 0.5 else rng.randint(0, n - 1)
        if kind == "high":
            return n - 1 if n == 0 or rng.random() < 0.6 else rng.randint(0, n - 1)
        if kind == "key":
            flat = [x for x in seq if isinstance(x, (int, float))] if seq and not isinstance(
                seq[0], list) else []
            if flat and rng.random() < 0.5:
                return rng.choice(flat)
            return None
        return None

    def _near_constant(self, rng: random.Random) -> int:
        c = rng.choice(self.constants)
        multiple = c * rng.randint(2, max(2, 1000 // c))
        return rng.choice((c, c, c - 1, c + 1, -c, multiple, multiple, multiple))

    def _int(self, rng: random.Random) -> int:
        lo, hi = rng.choices(SMALL_RANGES, weights=RANGE_WEIGHTS)[0]
        return rng.randint(lo, hi)

    def _scalar(self, rng: random.Random, t: Type, index: int):
        kind = t.kind
        if kind in (Kind.INT, Kind.LONG):
            if index < len(INT_EDGES):
                return INT_EDGES[index]
            if self.moduli and rng.random() < 0.25:
                return rng.choice(self.moduli) * rng.randint(0, 20)
            if self.constants and rng.random() < 0.3:
                return self._near_constant(rng)
            return self._int(rng)
        if kind in (Kind.DOUBLE, Kind.FLOAT):
            edges = (0.0, 1.0, -1.5, 0.5, 2.0)
            if index < len(edges):
                return edges[index]
            if rng.random() < 0.3:
                # Whole numbers: doubles often hold counts (and Python's inferred floats are
                # often ints), and `== 7` or `x % 10` branches need them.
                return float(self._near_constant(rng) if self.constants and rng.random() < 0.5
                             else self._int(rng))
            return round(rng.uniform(-100, 100) if rng.random() < 0.5 else rng.uniform(0, 20), 3)
        if kind is Kind.BOOL:
            return index % 2 == 0 if index < 2 else rng.random() < 0.5
        if kind is Kind.CHAR:
            return self._char(rng, index)
        if kind is Kind.STRING:
            return self._string(rng, rng.choice(STRING_SIZES))
        return self._int(rng)

    def _char(self, rng: random.Random, index: int = 99) -> str:
        if self.binary:
            return rng.choice("01")
        pool = string.ascii_lowercase
        if self.digits:
            pool = string.digits if rng.random() < 0.7 else pool
        elif self.upper and rng.random() < 0.4:
            pool = string.ascii_uppercase
        elif self.space and rng.random() < 0.15:
            return " "
        if index == 0:
            return pool[0]
        return rng.choice(pool)

    def _string(self, rng: random.Random, n: int) -> str:
        if self.binary:
            return "".join(rng.choice("01") for _ in range(n))
        if self.digits and rng.random() < 0.8:
            if self.moduli and n and rng.random() < 0.3:  # a multiple of a tested modulus
                return str(rng.choice(self.moduli) * rng.randint(1, 10 ** min(n, 15)))
            pool = string.digits if rng.random() < 0.7 else rng.choice(("01", "0123", "05"))
            text = "".join(rng.choice(pool) for _ in range(n))
            return text if len(text) < 2 or text[0] != "0" else "1" + text[1:]
        if rng.random() < 0.12:  # runs of the alphabet ("cdef"), for position arithmetic
            start = rng.randint(0, max(0, 26 - n)) if rng.random() < 0.5 else 0
            run = string.ascii_lowercase[start:start + n]
            return "".join(c.upper() if self.upper and rng.random() < 0.5 else c for c in run)
        chars = [self._char(rng) for _ in range(n)]
        if n > 1 and rng.random() < 0.15:  # palindromes, for the many functions about them
            half = chars[: n // 2]
            chars = half + chars[n // 2: n - n // 2] + half[::-1]
        return "".join(chars)

    def _sequence(self, rng: random.Random, t: Type, i: int, size: int, index: int):
        elem = t.elem
        if elem is not None and elem.is_sequence:  # 2-D
            fixed_rows, fixed_cols = self.fixed_dims.get(i, (None, None))
            square = any(r[0] == "square" and r[1] == i for r in self.roles.values())
            cols = fixed_cols or (max(size, 1) if index >= 1 else 0)
            rows = fixed_rows or (cols if square or fixed_cols else max(size, 1) if index else 0)
            if index == 0 and not fixed_cols:
                rows = cols = 1
            return [self._sequence(rng, elem, -1, cols, 5) for _ in range(rows)]
        kind = elem.kind if elem is not None else Kind.INT
        if kind is Kind.CHAR:
            return list(self._string(rng, size))
        if kind is Kind.STRING:
            return [self._string(rng, rng.randint(0, 6)) for _ in range(size)]
        if kind is Kind.BOOL:
            return [rng.random() < 0.5 for _ in range(size)]
        if kind in (Kind.DOUBLE, Kind.FLOAT):
            out = [round(rng.uniform(-50, 50), 2) for _ in range(size)]
        else:
            lo, hi = rng.choices(SMALL_RANGES[:4], weights=RANGE_WEIGHTS[:4])[0]
            if index % 5 == 4:
                lo, hi = 0, max(2, size // 2)  # duplicates, for counting and distinct logic
            out = [rng.randint(lo, hi) for _ in range(size)]
            if index % 7 == 3:  # values that are valid positions: permutations, 1..n
                out = rng.sample(range(1, size + 1), size) if rng.random() < 0.5 else [
                    rng.randint(1, max(1, size)) for _ in range(size)]
        if self.sorted and index % 6 != 5:
            out.sort()
        return out


def generate(plan: InputPlan, count: int, seed: int, attempt: int = 0,
             first: Sequence[list] = ()) -> list[list]:
    """`count` distinct argument lists (fewer when the type space is smaller), seeded."""
    rng = random.Random(f"{seed}:{plan.function.id}:{attempt}")
    seen: set[str] = set()
    out: list[list] = []

    def add(args: list) -> None:
        key = repr(args)
        if key not in seen:
            seen.add(key)
            out.append(args)

    for args in first:
        if len(args) == len(plan.params):
            add(list(args))
    tries = 0
    index = 0 if attempt == 0 else 5
    while len(out) < count and tries < count * 20:
        add(plan.draw(rng, index))
        index += 1
        tries += 1
    return out


# ---------------------------------------------------------------------- call-site literals


def call_site_literals(function: Function, parsed_files: Iterable[ParsedFile],
                       limit: int = 10) -> list[list]:
    """Literal argument lists of calls to `function` found in the repository's files.

    Looks at every file (tests, doctests and examples included) for `name(<literals>)`
    whose arity matches; arguments that are not plain literals (numbers, strings,
    characters, booleans, array/list literals) disqualify the call. For many functions
    of one repository, build a `CallSites` once instead.
    """
    return CallSites(parsed_files).literals(function, limit)


_CALL = re.compile(r"(?<!\w)([^\W\d]\w*)\s*\(")
_DECLARATION = re.compile(r"\bdef\s*$|\b(static|int|void|long|double|bool|boolean|char|string|"
                          r"String|float|auto|public|private)\s*[\w<>\[\]&*\s]*$")


class CallSites:
    """Every `name(` in the repository's files, indexed by name in one pass over the text,
    so that finding one function's call sites does not rescan the repository (a scan per
    function made large repositories quadratic). Argument lists are parsed on first use."""

    def __init__(self, parsed_files: Iterable[ParsedFile]):
        self._sites: dict[str, list[tuple[ParsedFile, int, int]]] = {}
        for parsed in parsed_files:
            for match in _CALL.finditer(parsed.source.text):
                self._sites.setdefault(match.group(1), []).append((parsed, match.start(), match.end()))
        self._args: dict[tuple[int, int], list | None] = {}

    def literals(self, function: Function, limit: int = 10) -> list[list]:
        arity = len(function.signature.params)
        found: list[list] = []
        for parsed, start, end in self._sites.get(function.name, ()):
            key = (id(parsed), start)
            if key not in self._args:
                self._args[key] = _call_args(parsed, start, end)
            args = self._args[key]
            if args is not None and len(args) == arity and args not in found:
                found.append(args)
                if len(found) >= limit:
                    break
        return found


def _call_args(parsed: ParsedFile, start: int, end: int) -> list | None:
    """The literal arguments of the call whose name starts at `start`, or None when it is
    a definition or declaration, or an argument is not a plain literal."""
    text = parsed.source.text
    inner = _balanced(text, end - 1)
    if inner is None:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    if _DECLARATION.search(text[line_start:start]):
        return None  # a definition or declaration, not a call
    return _literal_args(inner, parsed.source.language)


def _balanced(text: str, open_at: int) -> str | None:
    depth = 0
    quote = None
    for k in range(open_at, min(len(text), open_at + 2000)):
        ch = text[k]
        if quote:
            if ch == "\\":
                continue
            if ch == quote and text[k - 1] != "\\":
                quote = None
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return text[open_at + 1:k]
    return None


def _literal_args(inner: str, language: Language) -> list | None:
    source = inner.strip()
    if not source:
        return []
    if language is not Language.PYTHON:
        source = re.sub(r"new\s+\w+(\s*\[\s*\])+\s*", "", source)  # Java `new int[]{...}`
        source = source.replace("{", "[").replace("}", "]")
        source = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", source))
        source = re.sub(r"(\d+(?:\.\d*)?)[fFlL]\b", r"\1", source)
    try:
        value = ast.literal_eval(f"({source},)")
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return [list(v) if isinstance(v, tuple) else v for v in value]
