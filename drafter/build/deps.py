"""Content hashes of what a reply depends on.

A reply's output is a function of: the sheet's bytes, its profile (normalised content), the
facts it cites (each fact's normalised content, not the whole library), the template files it
renders through (the entry template and everything it extends or includes), and drafter's own
code. Each is reduced to a short hash here; the manifest records them and compares them on the
next build. Normalising profiles and facts means an edited comment or re-indented YAML does not
rebuild a year of replies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from enum import Enum
from functools import lru_cache
from pathlib import Path

from drafter.compose.budget import budget_scope
from drafter.compose.citations import ALL_FACTS, facts_in_ast  # ALL_FACTS: depends on every fact

MISSING = "missing"    # a cited fact that the library does not have (yet)


def digest(data: bytes) -> str:
    """A 128-bit content hash, hex (blake2b: faster than sha256 and long enough here)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _normal(value):
    """Plain, order-stable JSON data for a model object (sets sorted: hash seeds differ per process)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _normal(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "path"}
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_normal(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, Path)):
        return str(value)
    return value


def object_digest(value) -> str:
    """Hash of a model object's content (its source path and YAML formatting do not count)."""
    text = json.dumps(_normal(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return digest(text.encode("utf-8"))


def fact_digests(facts) -> dict[str, str]:
    """name -> hash of that fact and of every fact it cites (a fact may print another one),
    plus ALL_FACTS -> hash of the whole library."""
    from drafter.compose.facts import fact_citations

    own = {name: object_digest(fact) for name, fact in facts.items.items()}
    citations = fact_citations(facts)
    out = {}
    for name in own:
        reached, pending = {name}, [name]
        while pending:  # every fact it cites, directly or through others (cycles end here too)
            for cited in citations[pending.pop()] - reached:
                reached.add(cited)
                pending.append(cited)
        out[name] = own[name] if reached == {name} else \
            digest(json.dumps(sorted((n, own[n]) for n in reached), ensure_ascii=False).encode("utf-8"))
    out[ALL_FACTS] = digest(json.dumps(sorted(own.items()), ensure_ascii=False).encode("utf-8"))
    return out


def used_digests(all_digests: dict[str, str], names) -> dict[str, str]:
    """The hashes of the facts named (a name the library lacks hashes as MISSING)."""
    return {name: all_digests.get(name, MISSING) for name in sorted(names)}


# --- facts cited by sheet texts -------------------------------------------------------------

_REGION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_FACTS = re.compile(r"(?<![\w.])facts(?!\w)")
_ATTR = re.compile(r"\s*\.\s*([^\W\d]\w*)")
_ITEM = re.compile(r"""\s*\[\s*(['"])(.*?)\1\s*\]""")


def facts_in_text(text: str, out: set[str]) -> None:
    """Add the facts a sheet text cites (`facts.NAME`, `facts["NAME"]`) to out; any other use of
    `facts` inside {{ }} or {% %} (a loop, a computed key) adds ALL_FACTS."""
    for region in _REGION.findall(text):
        for m in _FACTS.finditer(region):
            rest = region[m.end():]
            attr = _ATTR.match(rest)
            item = None if attr else _ITEM.match(rest)
            if attr:
                out.add(attr.group(1))
            elif item:
                out.add(item.group(2))
            else:
                out.add(ALL_FACTS)


def facts_in_sheet(data) -> set[str]:
    """The facts cited anywhere in a parsed sheet (every string value is a possible text)."""
    out: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "{" in value:
                facts_in_text(value, out)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out


# --- templates ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Closure:
    """A template and every file it pulls in, resolved as Jinja resolves them."""

    files: dict[Path, str]       # resolved path -> content hash
    facts: frozenset[str]        # facts the templates cite themselves


def template_closure(entry: Path, root: Path) -> Closure:
    """The files the template at entry renders through. Uses the same search path and loader
    as compose (the template's own folder, then drafter's templates/; nothing outside root, the
    workspace), so a clerk's `_base.j2` shadowing the built-in one is seen. A dynamic
    `{% include name %}` depends on every template in the search path. Raises jinja2 errors (TemplateNotFound, TemplateSyntaxError)."""
    from jinja2 import meta

    from drafter.compose.environment import TemplateOutside, template_env

    entry = Path(entry).resolve()
    env = template_env(entry.parent, root)
    files: dict[Path, str] = {}
    facts: set[str] = set()
    pending, seen = [entry.name], set()
    with budget_scope():  # reading templates is clocked: one that takes seconds to parse is refused
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            try:
                source, filename, _ = env.loader.get_source(env, name)
            except TemplateOutside:  # never read; compose refuses it if the template really uses it
                continue
            files[Path(filename).resolve()] = digest(source.encode("utf-8"))
            ast = env.parse(source, name, filename)
            facts_in_ast(ast, facts)
            for ref in meta.find_referenced_templates(ast):
                pending.extend(env.loader.list_templates() if ref is None else [ref])
    return Closure(files, frozenset(facts))


# --- drafter itself -------------------------------------------------------------------------

# Where rendering starts; the fingerprint covers these and every drafter module they import.
_RENDER_ROOTS = ("drafter", "drafter.pipeline", "drafter.output", "drafter.layout.pdf")
_NOT_RENDERING = ("drafter.build", "drafter.cli", "drafter.tui", "drafter.checker", "drafter.importer",
                  "drafter.workspace")


def _module_file(root: Path, name: str) -> Path | None:
    base = root.parent.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def render_modules() -> list[Path]:
    """The source files of the drafter modules rendering uses: the static import closure of
    _RENDER_ROOTS (imports inside functions included), read with ast so that the answer does
    not depend on what this process happens to have imported (the TUI imports more than the CLI)."""
    import ast

    import drafter

    root = Path(drafter.__file__).resolve().parent
    found: dict[str, Path] = {}
    pending = list(_RENDER_ROOTS)
    while pending:
        name = pending.pop()
        if name in found or name.startswith(_NOT_RENDERING):
            continue
        path = _module_file(root, name)
        if path is None:
            continue
        found[name] = path
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                pending += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                pending.append(base)
                pending += [f"{base}.{a.name}" for a in node.names]  # `from pkg import module`
            # parents of a module run too (their __init__)
        pending += [name.rsplit(".", k)[0] for k in range(1, name.count(".") + 1)]
    return sorted(p for n, p in found.items() if n.startswith("drafter"))


@lru_cache(maxsize=1)
def drafter_fingerprint() -> str:
    """drafter's version plus a hash of the code rendering runs, so a changed writer rebuilds
    everything even before the version number moves (and a new TUI screen does not)."""
    import drafter

    root = Path(drafter.__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    try:
        paths = render_modules()
    except (OSError, SyntaxError):  # frozen or half-written: the version alone
        paths = []
    for path in paths:
        try:
            data = path.read_bytes().replace(b"\r\n", b"\n")  # a CRLF checkout is the same code
        except OSError:
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + data + b"\0")
    return f"{drafter.__version__}+{h.hexdigest()}"
