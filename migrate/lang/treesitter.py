"""What the three tree-sitter extractors share: text slices, spans, comments, errors, ids.

Each language module walks its own tree once, top-down through files, classes and
namespaces (never into function bodies), and hands what it finds to one `FileExtraction`,
which turns it into `units` values. Offsets are byte offsets into the UTF-8 encoding of
`SourceFile.text` (the text as decoded, byte-order mark removed), which is what
tree-sitter parses.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from migrate.units import (
    ClassInfo,
    Function,
    Language,
    ParsedFile,
    Signature,
    SourceFile,
    Span,
    SyntaxIssue,
)

if TYPE_CHECKING:
    import tree_sitter

ERROR_PREVIEW = 40  # characters of an unparsable region quoted in its message


@dataclass
class PendingFunction:
    """A function found by a walker; ids and file-wide facts are filled in at the end."""

    name: str
    qualified_name: str
    span: Span
    source: str
    body: str
    signature: Signature
    enclosing: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    decorators: tuple[str, ...] = ()
    docstring: str | None = None
    comments: tuple[str, ...] = ()
    is_method: bool = False
    extra: dict = field(default_factory=dict)  # language-specific facts for a final pass


class FileExtraction:
    """Per-file state shared by the language walkers."""

    def __init__(self, source: SourceFile, parser: tree_sitter.Parser):
        self.source = source
        self.data = source.text.encode("utf-8")
        self.tree = parser.parse(self.data)
        self.functions: list[PendingFunction] = []
        self.classes: list[ClassInfo] = []
        self.imports: list[str] = []
        self.issues: list[SyntaxIssue] = []

    @property
    def root(self) -> tree_sitter.Node:
        return self.tree.root_node

    # ------------------------------------------------------------------ text

    def text(self, node: tree_sitter.Node | None) -> str:
        if node is None:
            return ""
        return self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def slice(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "replace")

    def line_start(self, byte: int) -> int:
        """`byte` moved back to the start of its line when only blanks precede it there."""
        start = self.data.rfind(b"\n", 0, byte) + 1
        return start if not self.data[start:byte].strip(b" \t") else byte

    def span(self, start_node: tree_sitter.Node, end_node: tree_sitter.Node) -> Span:
        """From the line of `start_node` (indentation included) to the end of `end_node`."""
        return Span(
            start_line=start_node.start_point.row + 1,
            end_line=end_node.end_point.row + 1,
            start_byte=self.line_start(start_node.start_byte),
            end_byte=end_node.end_byte,
        )

    def block_text(self, node: tree_sitter.Node | None) -> str:
        """A body's text, from the start of its first line so that it dedents cleanly."""
        if node is None:
            return ""
        return self.slice(self.line_start(node.start_byte), node.end_byte)

    # ------------------------------------------------------------------ comments

    def leading_comments(self, node: tree_sitter.Node, comment_types: frozenset[str]) -> list[tree_sitter.Node]:
        """Comments right above `node` with no blank line between, outermost first.

        A comment that trails code on its own line (`x = 1; // note`) belongs to that
        code, not to the definition below, and ends the search.
        """
        found: list[tree_sitter.Node] = []
        top_row = node.start_point.row
        sibling = node.prev_sibling
        while sibling is not None and sibling.type in comment_types:
            if sibling.end_point.row < top_row - 1:
                break  # a blank line separates it
            before = sibling.prev_sibling
            if before is not None and before.end_point.row == sibling.start_point.row:
                break  # trails the code before it
            found.append(sibling)
            top_row = sibling.start_point.row
            sibling = before
        found.reverse()
        return found

    # ------------------------------------------------------------------ errors

    def error_nodes(self, node: tree_sitter.Node, limit: int = 50) -> list[tree_sitter.Node]:
        """ERROR and MISSING nodes under `node`, outermost only, visiting erroneous subtrees."""
        out: list[tree_sitter.Node] = []
        stack = [node]
        while stack and len(out) < limit:
            current = stack.pop()
            if current.is_error or current.is_missing:
                out.append(current)
                continue
            if current.has_error:
                stack.extend(reversed(current.children))
        return out

    def describe(self, error: tree_sitter.Node) -> str:
        if error.is_missing:
            return f"missing `{error.type}`"
        preview = " ".join(self.text(error).split())
        if len(preview) > ERROR_PREVIEW:
            preview = preview[: ERROR_PREVIEW - 3] + "..."
        return f"cannot parse `{preview}`" if preview else "unexpected end of input"

    def report_errors(self, node: tree_sitter.Node) -> None:
        """A syntax issue for every unparsable region under `node`."""
        for error in self.error_nodes(node):
            self.issues.append(
                SyntaxIssue(
                    start_line=error.start_point.row + 1,
                    end_line=max(error.end_point.row + 1, error.start_point.row + 1),
                    message=self.describe(error),
                )
            )

    def reject_function(self, node: tree_sitter.Node, name: str) -> None:
        """A function whose own text does not parse: one issue over its whole range."""
        errors = self.error_nodes(node, limit=1)
        where = " (its body is missing)"
        if errors:
            where = f" (line {errors[0].start_point.row + 1}: {self.describe(errors[0])})"
        self.issues.append(
            SyntaxIssue(
                start_line=node.start_point.row + 1,
                end_line=node.end_point.row + 1,
                message=f"function `{name}` not extracted: syntax error{where}",
            )
        )

    # ------------------------------------------------------------------ result

    def finish(self, language: Language) -> ParsedFile:
        """Ids with overload suffixes in order of appearance, and the file's imports."""
        path = self.source.path
        imports = tuple(self.imports)
        seen: Counter[str] = Counter()
        functions = []
        for pending in self.functions:
            seen[pending.qualified_name] += 1
            n = seen[pending.qualified_name]
            suffix = f"#{n}" if n > 1 else ""
            functions.append(
                Function(
                    id=f"{path}::{pending.qualified_name}{suffix}",
                    file=path,
                    language=language,
                    name=pending.name,
                    qualified_name=pending.qualified_name,
                    span=pending.span,
                    source=pending.source,
                    body=pending.body,
                    signature=pending.signature,
                    enclosing=pending.enclosing,
                    modifiers=pending.modifiers,
                    decorators=pending.decorators,
                    docstring=pending.docstring,
                    comments=pending.comments,
                    is_method=pending.is_method,
                    imports=imports,
                )
            )
        issues = sorted(set(self.issues), key=lambda i: (i.start_line, i.end_line, i.message))
        return ParsedFile(
            source=self.source,
            functions=tuple(functions),
            classes=tuple(self.classes),
            imports=imports,
            syntax_issues=tuple(issues),
        )


def clean_comment(text: str) -> str:
    """The words of a `/* */`, `/** */` or run of `//` comments, without the markers."""
    text = text.strip()
    if text.startswith("/*"):
        text = text[2:]
        if text.startswith("*") and not text.startswith("*/"):
            text = text[1:]
        if text.endswith("*/"):
            text = text[:-2]
        lines = text.split("\n")
        rest = []
        for line in lines[1:]:
            stripped = line.strip()
            if stripped.startswith("*"):
                stripped = stripped[1:]
                if stripped.startswith(" "):
                    stripped = stripped[1:]
                rest.append(stripped.rstrip())
            else:
                rest.append(line.rstrip())
        # The first line follows the opening marker: its indentation says nothing.
        body = "\n".join([lines[0].strip(), textwrap.dedent("\n".join(rest))])
    else:
        lines = []
        for line in text.split("\n"):
            stripped = line.strip()
            stripped = stripped.lstrip("/")
            if stripped.startswith("!"):  # //! Doxygen
                stripped = stripped[1:]
            lines.append(stripped)
        body = textwrap.dedent("\n".join(lines))
    return textwrap.dedent(body).strip("\n").strip()


def split_doc_comments(
    comments: list[tree_sitter.Node], text_of, doc_prefixes: tuple[str, ...] = ("/**",)
) -> tuple[tree_sitter.Node | None, list[tree_sitter.Node], str | None, tuple[str, ...]]:
    """(first doc node, doc nodes, docstring, other comments) of the comments above a definition.

    The docstring is the last Javadoc-style comment of the group when there is one,
    else the comment right above the definition (a run of `//` lines counts as one).
    """
    if not comments:
        return None, [], None, ()
    texts = [text_of(c) for c in comments]
    doc_index = [i for i, t in enumerate(texts) if t.startswith(doc_prefixes)]
    if doc_index:
        chosen = [doc_index[-1]]
    else:
        last = len(texts) - 1
        chosen = [last]
        if texts[last].startswith("//"):
            while (
                chosen[0] > 0
                and texts[chosen[0] - 1].startswith("//")
                and comments[chosen[0] - 1].end_point.row >= comments[chosen[0]].start_point.row - 1
            ):
                chosen.insert(0, chosen[0] - 1)
    doc_nodes = [comments[i] for i in chosen]
    docstring = clean_comment("\n".join(texts[i] for i in chosen)) or None
    others = tuple(t for i, t in enumerate(texts) if i not in chosen)
    return doc_nodes[0], doc_nodes, docstring, others


def with_method_flag(pending: PendingFunction, is_method: bool) -> PendingFunction:
    return replace(pending, is_method=is_method)
