"""Rendering templates and sheet texts: they are user input and run in drafter's sandbox
(sandbox.py: plain data, StrictUndefined, time and size budgets), reading templates only from the
workspace and the built-in ones (loader.py).

Errors (an undefined fact, a reach for Python internals, a syntax slip, a runaway loop) become
InputErrors that name the template or sheet file and line.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SecurityError

from drafter.compose.budget import BudgetExceeded, budget_scope, guard_filter
from drafter.compose.provenance import finalizing, marking, same_origin
from drafter.compose.loader import BUILTIN_TEMPLATES, TemplateOutside, WorkspaceLoader
from drafter.compose.sandbox import DrafterEnvironment
from drafter.errors import InputError, Where
from drafter.model.conventions import cn_number

__all__ = ["BUILTIN_TEMPLATES", "TemplateOutside", "cn_number", "render_template", "render_text", "template_env"]

_UNDEFINED_ATTR = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")


def escape_parts(text: str) -> str:
    """Escape a value that goes into a |-separated block (heading, item); it keeps its origin."""
    if "\\" not in text and "|" not in text:
        return text
    return same_origin(text.replace("\\", "\\\\").replace("|", "\\|"), text)


def _make_env(loader: jinja2.BaseLoader | None, marked: bool = False) -> DrafterEnvironment:
    env = DrafterEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # XML escaping is the writer's job, never the templates'
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
    )
    env.filters["cn"] = guard_filter("cn", cn_number)
    if marked:  # reply templates: their output says where each piece of text came from (provenance.py)
        env.code_generator_class = marking(env.code_generator_class)
        env.finalize = finalizing(env.finalize)
    return env


@lru_cache(maxsize=32)
def _cached_env(search_path: tuple[str, ...], roots: tuple[str, ...], stamps: tuple[int, ...]) -> DrafterEnvironment:
    return _make_env(WorkspaceLoader(list(search_path), [Path(r) for r in roots]), marked=True)


def template_env(folder: Path, root: Path) -> DrafterEnvironment:
    """The environment for the reply templates in folder: names are looked up there, then among
    the built-in templates; only files inside root (the workspace) or the built-in templates are
    read. Jinja re-checks the files it loaded; a template added or removed in a folder (a clerk's
    new _base.j2 shadowing ours) changes the folder's mtime, which starts a fresh environment."""
    search_path = (str(folder), str(BUILTIN_TEMPLATES))
    stamps = []
    for folder in search_path:
        try:
            stamps.append(os.stat(folder).st_mtime_ns)
        except OSError:
            stamps.append(-1)
    return _cached_env(search_path, (str(root), str(BUILTIN_TEMPLATES)), tuple(stamps))


_TEXT_ENV = _make_env(None)


def text_env() -> DrafterEnvironment:
    """The environment sheet texts and fact texts are rendered in."""
    return _TEXT_ENV


@lru_cache(maxsize=4096)
def _compile_text(source: str) -> jinja2.Template:
    return _TEXT_ENV.from_string(source)


# What a template or sheet text can raise while it runs (it is code from someone else's commit).
RENDER_ERRORS = (jinja2.TemplateError, BudgetExceeded, ArithmeticError, LookupError, TypeError, ValueError,
                 AttributeError, RuntimeError, MemoryError, SyntaxError)


def describe_error(exc: Exception) -> str:
    """A Chinese sentence for an error raised while rendering."""
    msg = str(exc)
    if isinstance(exc, BudgetExceeded):
        return msg
    if isinstance(exc, RecursionError):
        return "模板嵌套或递归过深（可能是宏或循环无限调用自身），已停止"
    if isinstance(exc, MemoryError):
        return "模板用尽了内存，已停止"
    if isinstance(exc, ZeroDivisionError):
        return "模板里出现了除以零"
    if isinstance(exc, OverflowError):
        return "数字或循环范围过大，已停止（range 最多 100,000 项）"
    if isinstance(exc, ValueError) and "integer string conversion" in msg:
        return f"数字位数过多（超过 {sys.get_int_max_str_digits():,} 位），已停止"
    if isinstance(exc, TypeError) and "no loader" in msg:  # the text environment has no templates to read
        return "事实单和事实库里的文字不能引入模板（include、import、extends 只能写在模板里）"
    if isinstance(exc, SyntaxError):  # Python's own limits on the code a template compiles to
        return "模板的循环、判断或宏嵌套层次过多，已停止"
    if isinstance(exc, SecurityError):
        return f"模板或文字试图访问 Python 内部属性，已拒绝（{msg}）"
    if isinstance(exc, jinja2.UndefinedError):
        m = _UNDEFINED_ATTR.search(msg)
        if m and "FactLibrary" in msg:
            return f"引用了未定义的事实“{m.group(1)}”，请先在事实库（facts.yaml）里添加"
        if m:
            return f"引用了不存在的字段“{m.group(1)}”"
        m = _UNDEFINED_NAME.search(msg)
        if m:
            return f"引用了未定义的名称“{m.group(1)}”（事实请写成 {{{{ facts.名称 }}}}）"
        return f"引用了未定义的内容（{msg}）"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"模板语法错误（{exc.message}）"
    return f"渲染出错（{type(exc).__name__}: {msg}）"


def render_text(source: str, context: dict, where: Where) -> str:
    """Render one sheet text (which may cite {{ facts.name }}) within the active budget (a fresh
    one outside a budget_scope); errors name where it came from."""
    if "{" not in source:
        return source
    try:
        with budget_scope():
            # Sheet values are single lines by the schema; a fact must not break the block markup either.
            return _compile_text(source).render(context).replace("\n", "")
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"文字里的 {{{{ }}}} 写法有误（{exc.message}）", where) from None
    except RENDER_ERRORS as exc:
        raise InputError(describe_error(exc), where) from None


def render_template(path: Path, context: dict, root: Path) -> str:
    """Render the reply template at path (inside root, the workspace, or built in); it may extend
    templates beside it or built in."""
    path = Path(path).resolve()
    env = template_env(path.parent, root)
    try:
        with budget_scope():
            template = env.get_template(path.name)
            return template.render(context)
    except TemplateOutside as exc:
        raise InputError(exc.message, _template_where(exc, path), exc.hint) from None
    except jinja2.TemplateNotFound as exc:
        raise InputError(f"找不到模板 {exc.name}", _template_where(exc, path)) from None
    except jinja2.TemplateSyntaxError as exc:
        where = Where(Path(exc.filename) if exc.filename else path, exc.lineno)
        raise InputError(f"模板语法错误（{exc.message}）", where) from None
    except RENDER_ERRORS as exc:
        raise InputError(describe_error(exc), _template_where(exc, path)) from None


def _template_where(exc: Exception, path: Path) -> Where:
    """The template file and line an error was raised at (the innermost template frame in the
    traceback Jinja rewrites; the file being compiled when compiling it failed), else the entry
    template."""
    compiling = getattr(exc, "template_file", None)
    if compiling:
        return Where(Path(compiling))
    tb = exc.__traceback__
    where = Where(path)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = Where(Path(filename), tb.tb_lineno)
        tb = tb.tb_next
    return where
