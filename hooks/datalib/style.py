"""The termbase and typography check: one engine for every language.

The rules are data: data/typography.yaml holds the typography rules (a
regular expression per slip, the languages it applies to, a message, an
optional fix, and examples it must and must not flag); the termbase section
of data/glossary.yaml holds, per term and language, the preferred form and
the variants to avoid. This module applies them to the running text of
docs/<lang>/*.md and to each language's text in data/*.yaml.

Not text, so never checked: code (fenced and inline), URLs and link
targets, HTML tags and comments, Markdown attribute lists, front-matter keys
(only the title and description values are prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from .yaml_lines import KeyPath, LinedDocument

MASK = "\0"  # stands in for exempt characters, so columns stay where they were
PROSE_FRONT_MATTER = ("title", "description")


@dataclass(frozen=True)
class Rule:
    id: str
    languages: tuple[str, ...]
    pattern: re.Pattern
    message: str
    fix: str | None = None


@dataclass(frozen=True)
class AvoidedForm:
    term: str
    language: str
    variant: str
    preferred: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Style:
    rules: tuple[Rule, ...]
    avoided: tuple[AvoidedForm, ...] = ()


@dataclass(frozen=True)
class Slip:
    file: str
    line: int
    language: str
    rule: str
    message: str
    excerpt: str

    def __str__(self) -> str:
        return f"[{self.language}] {self.file}:{self.line}: {self.rule}: {self.message}: “{self.excerpt}”"


def avoided_pattern(variant: str, word_start: str = "") -> re.Pattern:
    """An avoided variant at the start of a word, in any case; a stem also
    catches its inflected forms, and word_start the clitics a language
    attaches in front (Arabic و, ب, ال ...)."""
    return re.compile(rf"(?<!\w){word_start}{re.escape(variant)}", re.IGNORECASE)


# --- finding slips in one text ---------------------------------------------


def text_slips(text: str, language: str, style: Style, exempt_terms: frozenset[str] = frozenset()) -> Iterator[tuple[int, str, str, str]]:
    """(offset, rule id, message, matched text) for each slip in text."""
    for rule in style.rules:
        if language in rule.languages:
            for match in rule.pattern.finditer(text):
                yield match.start(), rule.id, rule.message, match.group(0)
    for form in style.avoided:
        if form.language == language and form.term not in exempt_terms:
            for match in form.pattern.finditer(text):
                message = f"“{form.variant}” is an avoided form of the term {form.term}; write “{form.preferred}”"
                yield match.start(), "termbase", message, match.group(0)


def fix_text(text: str, language: str, style: Style) -> tuple[str, int]:
    """Apply every rule that has a fix; (new text, number of fixes)."""
    count = 0
    for rule in style.rules:
        if rule.fix is not None and language in rule.languages:
            text, n = rule.pattern.subn(rule.fix, text)
            count += n
    return text, count


def _excerpt(line: str, start: int, matched: str) -> str:
    begin, end = max(0, start - 20), min(len(line), start + len(matched) + 20)
    return line[begin:end].replace(MASK, "").strip()


# --- Markdown: which characters are prose ----------------------------------

_EXEMPT_INLINE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|<!--.*?-->"  # an HTML comment on one line
    r"|<[a-zA-Z/][^>\n]*>"  # an HTML tag
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # a link target, with its title
    r"|https?://[^\s)>\]]+"  # a bare URL
    r"|\{[:#.][^}\n]*\}"  # an attribute list
)
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*")


def _masked(text: str, start: int, end: int) -> str:
    return text[:start] + MASK * (end - start) + text[end:]


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, line with exempt parts masked) for every line of a page
    that holds prose. Masking keeps every other character at its column, so
    a fix found on the masked line applies to the real one."""
    lines = markdown.split("\n")
    out: list[tuple[int, str]] = []
    index = 0
    if lines and lines[0].strip() == "---":
        index = 1
        while index < len(lines) and lines[index].strip() != "---":
            line = lines[index]
            key = _FRONT_KEY.match(line)
            if key and key.group(1) in PROSE_FRONT_MATTER:
                value = line[key.end():]
                masked = MASK * key.end() + value
                if len(value) >= 2 and value[0] in "'\"" and value[-1] == value[0]:
                    masked = masked[: key.end()] + MASK + value[1:-1] + MASK
                out.append((index + 1, masked))
            index += 1
        index += 1
    fence = None
    in_comment = False
    for number in range(index, len(lines)):
        line = lines[number]
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened and not in_comment:
            fence = opened.group(1)
            continue
        if in_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = MASK * (end + 3) + line[end + 3:]
            in_comment = False
        start = line.find("<!--")
        if start >= 0 and "-->" not in line[start:]:
            line = line[:start] + MASK * (len(line) - start)
            in_comment = True
        if _ADMONITION.match(line):
            line = _mask_admonition(line)
        for match in _EXEMPT_INLINE.finditer(line):
            line = _masked(line, match.start(), match.end())
        out.append((number + 1, line))
    return out


def _mask_admonition(line: str) -> str:
    """`!!! note "Title"`: only the title is prose."""
    quoted = re.search(r'"([^"]*)"\s*$', line)
    if not quoted:
        return MASK * len(line)
    return MASK * quoted.start(1) + quoted.group(1) + MASK * (len(line) - quoted.end(1))


def markdown_slips(file: str, markdown: str, language: str, style: Style) -> list[Slip]:
    slips = []
    for number, line in prose_lines(markdown):
        for start, rule, message, matched in text_slips(line, language, style):
            slips.append(Slip(file, number, language, rule, message, _excerpt(line, start, matched)))
    return sorted(slips, key=lambda s: (s.line, s.rule))


def fix_markdown(markdown: str, language: str, style: Style) -> tuple[str, int]:
    """The page with every fixable slip fixed in its prose (and only there)."""
    lines = markdown.split("\n")
    total = 0
    for number, masked in prose_lines(markdown):
        fixed, count = _fix_masked(lines[number - 1], masked, language, style)
        lines[number - 1] = fixed
        total += count
    return "\n".join(lines), total


def _fix_masked(line: str, masked: str, language: str, style: Style) -> tuple[str, int]:
    # Fix the prose runs between masked parts one by one: a rule never sees
    # code, URLs or markup, and the masked parts come back unchanged.
    parts = re.split(f"({MASK}+)", masked)
    out, position, total = [], 0, 0
    for part in parts:
        original = line[position:position + len(part)]
        if part and not part.startswith(MASK):
            original, count = fix_text(original, language, style)
            total += count
        out.append(original)
        position += len(part)
    return "".join(out), total


# --- data files: each language's text --------------------------------------


def localized_texts(data: Any, languages: tuple[str, ...], path: KeyPath = ()) -> Iterator[tuple[KeyPath, str, str]]:
    """(key path, language, text) for every text given per language."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in languages and isinstance(value, (str, list)):
                texts = value if isinstance(value, list) else [value]
                for index, text in enumerate(texts):
                    if isinstance(text, str):
                        yield (path + (key,) if isinstance(value, str) else path + (key, index)), key, text
            else:
                yield from localized_texts(value, languages, path + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from localized_texts(item, languages, path + (index,))


_DATA_EXEMPT = re.compile(r"https?://\S+|<[a-zA-Z/][^>]*>|\{[a-z_]+\}")


def data_slips(doc: LinedDocument, languages: tuple[str, ...], style: Style) -> list[Slip]:
    """Slips in a data file's texts. The termbase itself and a term's own
    glossary row may name the variants to avoid."""
    slips = []
    for path, language, text in localized_texts(doc.data, languages):
        if path and path[0] == "termbase":
            continue
        masked = _DATA_EXEMPT.sub(lambda m: MASK * len(m.group(0)), text)
        own_term = _glossary_row_id(doc, path)
        for start, rule, message, matched in text_slips(masked, language, style, frozenset({own_term}) if own_term else frozenset()):
            slips.append(Slip(doc.file, doc.line_of(path) or 0, language, rule, message, _excerpt(masked, start, matched)))
    return slips


def _glossary_row_id(doc: LinedDocument, path: KeyPath) -> str | None:
    if len(path) > 3 and path[0] == "tables" and path[2] == "rows" and isinstance(path[3], int) and "termbase" in doc.data:
        return doc.data["tables"][path[1]]["rows"][path[3]].get("id")
    return None


def fix_data_text(raw: str, doc: LinedDocument, languages: tuple[str, ...], style: Style) -> tuple[str, int]:
    """Fix slips in the raw YAML lines that hold each language's text."""
    lines = raw.split("\n")
    starts = sorted(set(doc.lines.values()))
    total = 0
    for path, language, text in localized_texts(doc.data, languages):
        if path and path[0] == "termbase":
            continue
        first = doc.line_of(path)
        if not first or fix_text(text, language, style)[1] == 0:
            continue
        later = [s for s in starts if s > first]
        last = (later[0] - 1) if later else len(lines)
        for number in range(first - 1, last):
            key = re.match(r"^(\s*(?:- )?[\w-]+:\s*)", lines[number]) if number == first - 1 else None
            head = key.group(1) if key else ""
            body = lines[number][len(head):]
            masked = _DATA_EXEMPT.sub(lambda m: MASK * len(m.group(0)), body)
            fixed, count = _fix_masked(body, masked, language, style)
            lines[number] = head + fixed
            total += count
    return "\n".join(lines), total


# --- the rules file and the termbase, validated ------------------------------

RULE_KEYS = {"id", "languages", "message", "pattern", "examples"}


def parse_typography(doc: LinedDocument, languages: tuple[str, ...]) -> tuple[tuple[Rule, ...], dict[str, str]]:
    """data/typography.yaml: (rules, word_start per language). Every rule
    carries examples it must flag and must leave alone; a rule that misses
    one stops the build, so a rule cannot silently match nothing."""
    from .schema import Checker  # here: schema imports this module

    check = Checker(doc, languages)
    root = check.mapping(doc.data, (), {"rules"}, {"word_start"})
    word_start = {}
    for language, pattern in (root.get("word_start") or {}).items():
        path = ("word_start", language)
        check.language(language, path)
        _compile(check, pattern, path)
        word_start[language] = pattern
    raw_rules = check.sequence(root["rules"], ("rules",), "rules")
    rules = []
    for index, raw in enumerate(raw_rules):
        path = ("rules", index)
        raw = check.mapping(raw, path, RULE_KEYS, {"fix"})
        rule_id = check.identifier(raw["id"], path + ("id",))
        rule_languages = check.sequence(raw["languages"], path + ("languages",), "languages")
        for position, language in enumerate(rule_languages):
            check.language(language, path + ("languages", position))
        if not isinstance(raw["message"], str) or not raw["message"].strip():
            check.fail(path + ("message",), "expected the message a contributor reads")
        pattern = _compile(check, raw["pattern"], path + ("pattern",))
        fix = raw.get("fix")
        if fix is not None:
            if not isinstance(fix, str):
                check.fail(path + ("fix",), f"expected a replacement text, found {fix!r}")
            for group in re.findall(r"\\(\d+)", fix):
                if int(group) > pattern.groups:
                    check.fail(path + ("fix",), f"refers to group {group}; the pattern has {pattern.groups}")
        rule = Rule(rule_id, tuple(rule_languages), pattern, raw["message"].strip(), fix)
        _check_examples(check, rule, raw["examples"], path + ("examples",))
        rules.append(rule)
    check.unique_ids(raw_rules, ("rules",), "rule")
    return tuple(rules), word_start


def _compile(check, pattern: Any, path: KeyPath) -> re.Pattern:
    if not isinstance(pattern, str) or not pattern:
        check.fail(path, f"expected a regular expression, found {pattern!r}")
    try:
        return re.compile(pattern)
    except re.error as error:
        check.fail(path, f"invalid regular expression: {error}")


def _check_examples(check, rule: Rule, raw: Any, path: KeyPath) -> None:
    examples = check.mapping(raw, path, {"flag", "pass"})
    for kind in ("flag", "pass"):
        for index, example in enumerate(check.sequence(examples[kind], path + (kind,), "example texts")):
            found = bool(rule.pattern.search(example)) if isinstance(example, str) else None
            if found is None:
                check.fail(path + (kind, index), f"expected an example text, found {example!r}")
            if found != (kind == "flag"):
                check.fail(path + (kind, index), f"the rule {'does not flag' if kind == 'flag' else 'flags'} its example {example!r}")
            if kind == "flag" and rule.fix is not None and rule.pattern.search(fix_text(example, rule.languages[0], Style((rule,)))[0]):
                check.fail(path + ("flag", index), f"the fix leaves the slip in {example!r}")


def build_style(rules: tuple[Rule, ...], word_start: dict[str, str], termbase) -> Style:
    avoided = tuple(
        AvoidedForm(usage.term, usage.language, variant, usage.preferred, avoided_pattern(variant, word_start.get(usage.language, "")))
        for usage in termbase
        for variant in usage.avoid
    )
    return Style(rules, avoided)
