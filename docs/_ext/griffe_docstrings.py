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
  a private or undocumented target stays plain code, never a broken link).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_SECTION = re.compile(r"^(\s*)(Args|Arguments|Parameters|Attributes)( \(.*\))?:\s*$")
_SHARED_ENTRY = re.compile(r"^(\s+)(\w+(?:, \w+)+): (.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const):`(~?)([^`<>]+)`")


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
            out.append(lines[i])
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


def _link_roles(obj: griffe.Object, lines: list[str]) -> list[str]:
    def replace(match: re.Match[str]) -> str:
        tilde, name = match.groups()
        name = name.strip()
        title = name.rsplit(".", 1)[-1] if tilde else name
        identifier = _target(obj, name)
        return f'<autoref identifier="{identifier}" optional><code>{title}</code></autoref>'

    out: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        out.append(line if in_fence else _ROLE.sub(replace, line))
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
        lines = _split_shared_entries(_fence_doctests(lines))
        obj.docstring.value = "\n".join(_link_roles(obj, lines))
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, griffe.Object):
            _rewrite(member)


class GoldenrecordDocstrings(griffe.Extension):
    """Rewrite doctest examples and shared parameter entries once the package is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _rewrite(pkg)
