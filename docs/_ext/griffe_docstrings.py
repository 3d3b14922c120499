"""A griffe extension that lets goldenrecord's docstrings render as they read in the source.

The API reference (mkdocstrings) reads Google-style docstrings. Two habits of the
source do not fit that parser, and this extension adapts them when the package is
loaded, without touching the code:

* Doctest examples written straight in a docstring's text (``>>> ...`` lines and
  their output) would be read as Markdown, where ``['yes', 'no']`` looks like a link
  reference. Each such example becomes a fenced ``pycon`` code block.
* An ``Args:`` or ``Attributes:`` entry naming several parameters at once
  (``left, right: record indices.``) becomes one entry per name, each with the
  shared description, so every name is checked against the signature.
* Sphinx roles (``:class:`~goldenrecord.match.Matcher```, ``:meth:`explain```) would
  show as written. Each becomes the name in code font, linked to its entry in the API
  reference when the name resolves to a documented object (an optional cross-reference:
  a private or undocumented target stays plain code, never a broken link). A name with
  a private part (``goldenrecord.match._location``) is shown as the public package
  that holds it (``goldenrecord.match``), or by its own name: the reference cites only
  public names.
* reST leftovers: a literal block introduced by ``::`` becomes a fenced ``text`` block
  (the ``::`` line itself disappears), and doctest's ``<BLANKLINE>`` marker becomes
  the empty line it stands for.
* A ``Returns:`` section that only names the annotated type again ("A
  :class:`Resolution`.") is dropped: the signature shows the type, and the reference
  would read "Resolution – A Resolution.".
* A function annotated ``-> Any`` whose summary says it returns a ``pyarrow.Table``
  shows that type in its signature.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SECTION = re.compile(r"^(\s*)(Args|Arguments|Parameters|Attributes)( \(.*\))?:\s*$")
_SHARED_ENTRY = re.compile(r"^(\s+)(\w+(?:, \w+)+): (.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ROLE = re.compile(r":(?:py:)?(class|func|meth|mod|data|attr|exc|obj|const):`(~?)([^`<>]+)`")
_DOTTED = re.compile(r"``(goldenrecord(?:\.\w+)+)``")
_LITERAL = re.compile(r"^(\s*)(.*?)::\s*$")
_TAUTOLOGY = re.compile(r"^\s*An? :(?:class|obj):`~?[\w.]+`\.?\s*$")


def _fence_doctests(lines: list[str]) -> list[str]:
    out: list[str] = []
    in_fence = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or not line.lstrip().startswith(">>>"):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(f"{indent}```pycon")
        while i < len(lines) and lines[i].strip():
            out.append("" if lines[i].strip() == "<BLANKLINE>" else lines[i])
            i += 1
        out.append(f"{indent}```")
    return out


def _target(obj: griffe.Object, name: str) -> str:
    """The full path a role's target names, seen from ``obj``; the name itself if unknown."""
    if name.startswith("goldenrecord"):
        return name
    head, _, rest = name.partition(".")
    scope: griffe.Object | None = obj
    while scope is not None:
        try:
            full = scope.resolve(head)
        except (griffe.NameResolutionError, AttributeError, KeyError):
            scope = scope.parent
            continue
        return f"{full}.{rest}" if rest else full
    return name


def _public(role: str, name: str, tilde: str) -> str:
    """The title a role shows: its name, or, when a part of it is private, the public
    package in front of that part (a module) or the object's own name."""
    parts = name.split(".")
    private = next((k for k, p in enumerate(parts) if p.startswith("_")), None)
    if private is None:
        return parts[-1] if tilde else name
    if role == "mod" or private == len(parts) - 1:
        return ".".join(parts[:private]) or name
    return parts[-1]


def _fence_literals(lines: list[str]) -> list[str]:
    """``text::`` (or a lone ``::``) and the indented block after it, as a fence."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _LITERAL.match(lines[i])
        if not found or lines[i].lstrip().startswith(">>>"):
            out.append(lines[i])
            i += 1
            continue
        indent, text = found.groups()
        if text:
            out.append(f"{indent}{text}:")
        i += 1
        block: list[str] = []
        while i < len(lines) and (
            not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > len(indent)
        ):
            block.append(lines[i])
            i += 1
        while block and not block[-1].strip():
            block.pop()
        body = [b for b in block if b.strip()]
        cut = min((len(b) - len(b.lstrip()) for b in body), default=0)
        out.append("")
        out.append(f"{indent}```text")
        out.extend(f"{indent}{b[cut:]}" if b.strip() else "" for b in block if block)
        out.append(f"{indent}```")
        out.append("")
    return out


def _drop_tautological_returns(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "Returns:" and i + 1 < len(lines):
            entry = [j for j in range(i + 1, len(lines)) if lines[j].strip()]
            nxt = entry[0] if entry else None
            ends = nxt is not None and (nxt + 1 == len(lines) or not lines[nxt + 1].strip())
            if nxt is not None and ends and _TAUTOLOGY.match(lines[nxt]):
                i = nxt + 1
                continue
        out.append(lines[i])
        i += 1
    return out


def _link_roles(obj: griffe.Object, lines: list[str]) -> list[str]:
    def replace(match: re.Match[str]) -> str:
        role, tilde, name = match.groups()
        name = name.strip()
        title = _public(role, name, tilde)
        identifier = _target(obj, name)
        return f'<autoref identifier="{identifier}" optional><code>{title}</code></autoref>'

    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence:
            line = _ROLE.sub(replace, line)
            line = _DOTTED.sub(lambda m: f"``{_public('obj', m.group(1), '')}``", line)
        out.append(line)
    return out


def _split_shared_entries(lines: list[str]) -> list[str]:
    out: list[str] = []
    section_indent: str | None = None
    for line in lines:
        header = _SECTION.match(line)
        if header:
            section_indent = header.group(1)
            out.append(line)
            continue
        if section_indent is not None and line.strip():
            indent = line[: len(line) - len(line.lstrip())]
            if len(indent) <= len(section_indent):
                section_indent = None
        entry = _SHARED_ENTRY.match(line) if section_indent is not None else None
        if entry:
            indent, names, text = entry.groups()
            out.extend(f"{indent}{name}: {text}" for name in names.split(", "))
        else:
            out.append(line)
    return out


def _rewrite(obj: griffe.Object) -> None:
    if obj.docstring is not None:
        lines = obj.docstring.value.split("\n")
        lines = _split_shared_entries(_fence_doctests(_fence_literals(lines)))
        if isinstance(obj, griffe.Function) and obj.returns is not None:
            lines = _drop_tautological_returns(lines)
            if str(obj.returns) == "Any" and "``pyarrow.Table``" in lines[0]:
                obj.returns = "pyarrow.Table"
        obj.docstring.value = "\n".join(_link_roles(obj, lines))
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, griffe.Object):
            _rewrite(member)


class GoldenrecordDocstrings(griffe.Extension):
    """Rewrite doctest examples and shared parameter entries once the package is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _rewrite(pkg)
