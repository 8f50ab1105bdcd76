"""Load YAML into plain Python while remembering the line of every key path,
so that validation messages can point at the line a contributor must fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DataError

KeyPath = tuple[Any, ...]


def format_path(path: KeyPath) -> str:
    """('tables', 'comparison', 'rows', 2, 'id') -> 'tables.comparison.rows[2].id'"""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class LinedDocument:
    """A parsed YAML document plus the 1-based line where each path starts."""

    def __init__(self, file: str, data: Any, lines: dict[KeyPath, int]):
        self.file = file
        self.data = data
        self.lines = lines

    def line_of(self, path: KeyPath) -> int | None:
        # A missing key has no line of its own: point at its nearest parent.
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def error(self, path: KeyPath, message: str, language: str | None = None) -> DataError:
        return DataError(self.file, message, format_path(path), self.line_of(path), language)


# libyaml's parser when PyYAML has it: ten times faster, same nodes and marks.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, file: str) -> LinedDocument:
    """Parse YAML text; a syntax error or a duplicate key becomes a DataError."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, file, text) from None
    lines: dict[KeyPath, int] = {}
    if node is None:
        return LinedDocument(file, None, lines)
    data = _build(node, (), lines, file)
    return LinedDocument(file, data, lines)


def _syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str) -> DataError:
    """Name the line where the problem starts: an unclosed quote or bracket
    is reported where it opens, not where the parser gave up (often the end
    of the file)."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark, context = exc.problem_mark or exc.context_mark, exc.context_mark
    if not (exc.problem and exc.context and context and mark and context.line != mark.line):
        return DataError(file, f"YAML syntax error: {problem}", line=mark.line + 1 if mark else None)
    what = exc.context.removeprefix("while scanning ").removeprefix("while parsing ")
    if exc.context.startswith("while scanning") or "flow" in exc.context:
        what = {"a quoted scalar": "a quoted text", "a flow sequence": "a [ bracket", "a flow mapping": "a { brace"}.get(what, what)
        return DataError(file, f"YAML syntax error: {what} starts on this line and is not closed ({problem} on line {mark.line + 1})", line=context.line + 1)
    # A block construct: the parser stopped at the line that breaks it, unless
    # an unclosed quote swallowed the lines before it.
    quoted = _open_quote_before(text, mark.line)
    if quoted is not None:
        return DataError(file, f"YAML syntax error: a quoted text starts on this line and runs on to line {quoted[1] + 1}; is its closing quote missing? ({problem} on line {mark.line + 1})", line=quoted[0] + 1)
    return DataError(file, f"YAML syntax error: {problem} (in {what} that starts on line {context.line + 1})", line=mark.line + 1)


def _open_quote_before(text: str, line: int) -> tuple[int, int] | None:
    """(first, last line) of the last quoted text that spans several lines
    and ends where the parser failed: in this project's data a quoted value
    stays on one line, so that is a closing quote gone missing."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_COMPOSER):
            if token.start_mark.line > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                found = (token.start_mark.line, token.end_mark.line)
    except yaml.YAMLError:
        pass
    return found if found and found[1] >= line - 1 else None


def load_yaml_file(path: Path, display_name: str) -> LinedDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(display_name, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(display_name, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_yaml(text, display_name)


def _build(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], file: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, file)
            key_path = path + (key,)
            if key in result:
                raise DataError(
                    file,
                    f"duplicate key '{key}' (first given on line {lines[key_path]})",
                    format_path(key_path),
                    key_node.start_mark.line + 1,
                )
            result[key] = _build(value_node, key_path, lines, file)
            # The key's own line, not its value's (a block value starts below).
            lines[key_path] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), lines, file) for index, item in enumerate(node.value)]
    return _scalar(node, file)


_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar(node: yaml.Node, file: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise DataError(file, "a key must be plain text", line=node.start_mark.line + 1)
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise DataError(file, f"YAML value error: {exc.problem}", line=node.start_mark.line + 1) from None
