"""Time and size budgets for templates and sheet texts.

A template from a colleague's commit runs as soon as a folder is opened, so it must not be able to
hang drafter or fill the memory: `{% for i in range(99999) %}{% for j in range(99999) %}`,
`'x' * 10**9`, `10**10**10`, a macro calling itself, `'x'|center(10**9)`. Jinja's sandbox caps
`range` at 100,000 items and nothing else. The guards here are called from the sandboxed
environment (`environment.py`): every loop step, call and filter checks the clock; every value a
template builds is checked against the size budget *before* it is built where one step could be
huge (repetition, powers, padding, joining, replacing) and after it is built everywhere else.

Use: `with budget_scope(): ...render...` — renders inside share one Budget (one reply = one budget).
`Budget.cancel()` stops a render from another thread (the TUI, when the clerk quits).
"""

from __future__ import annotations

import itertools
import math
import re
import time
from collections import Counter
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2.environment import TemplateModule
from jinja2.filters import make_attrgetter
from jinja2.utils import pass_environment
from jinja2.runtime import LoopContext, Namespace, Undefined

from drafter.compose.plain import Record

MAX_SECONDS = 2.0          # a reply renders in a few ms; 2 s is a runaway template
MAX_CHARS = 1_000_000      # characters (or items) in any one value; a reply is ~10–50 KB. Splitting one
                           # value into a list of one-character strings costs ~80 bytes a character
MAX_BUILT = 16_000_000     # all the values one reply builds together (the examples build 4,000–20,000):
                           # many values each below MAX_CHARS must not add up to gigabytes either
MAX_OUTPUT = 500_000       # characters a template or sheet text prints: the longest real reply has ~5,000,
                           # and what follows (markup, punctuation, layout, checker) is linear but in Python
ITEM_COST = 4              # a list item (a pointer) counts as 4 characters: both limits are about memory
MAX_WIDTH = 10_000         # a padding width, format width or precision, batch or slice count
MAX_SOURCE = 256_000       # characters of one template or text read by Jinja (the built-in templates: 3,000)
MAX_INT_BITS = 100_000     # about 30,000 digits
MAX_SLOW_INPUT = 200_000   # characters fed to the filters that work character by character in Python


class BudgetExceeded(Exception):
    """A template or sheet text ran past its budget; the message is Chinese and names the limit."""


class RenderCancelled(BudgetExceeded):
    """The render was stopped from outside (Budget.cancel)."""


class Budget:
    """One reply's allowance: a deadline (from start()) and a size limit for every value."""

    def __init__(self, seconds: float = MAX_SECONDS, max_chars: int = MAX_CHARS, max_built: int = MAX_BUILT,
                 max_output: int = MAX_OUTPUT):
        self.seconds = seconds
        self.max_chars = max_chars
        self.max_built = max_built
        self.max_output = max_output
        self.built = 0
        self.deadline = math.inf
        self.cancelled = False

    def start(self) -> "Budget":
        """Start the clock (once: a budget reused for several texts of one reply keeps its deadline)."""
        if self.deadline == math.inf:
            self.deadline = time.monotonic() + self.seconds
        return self

    def cancel(self) -> None:
        """Stop the render using this budget at its next loop step or call (thread-safe)."""
        self.cancelled = True

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"模板运行超过 {self.seconds:g} 秒，已停止（可能是循环次数过多或宏无限调用自身）")
        if self.cancelled:
            raise RenderCancelled("已停止生成")

    def size(self, n: int, what: str = "生成的内容") -> None:
        if n > self.max_chars:
            raise BudgetExceeded(f"模板{what}超过上限（{self.max_chars:,} 个字符），已停止")

    def output(self, n: int) -> None:
        if n > self.max_output:
            raise BudgetExceeded(f"生成的答复文字超过上限（{self.max_output:,} 个字符），已停止"
                                 "（模板循环输出过多，或事实单里的文字过长）")

    def built_value(self, n: int, what: str = "生成的内容") -> None:
        """A value of size n was just built: within the limit for one value and for all together."""
        self.size(n, what)
        self.built += n
        if self.built > self.max_built:
            raise BudgetExceeded(f"模板累计生成的内容超过上限（{self.max_built:,} 个字符），已停止")


_ACTIVE: ContextVar[Budget | None] = ContextVar("drafter_budget", default=None)
# Outside a scope (a template folded at compile time, a tool parsing templates) sizes are still
# checked; only the clock is off.
_UNTIMED = Budget(seconds=math.inf)


def current() -> Budget:
    return _ACTIVE.get() or _UNTIMED


@contextmanager
def budget_scope(budget: Budget | None = None):
    """Renders inside share one budget. Without an argument, an enclosing scope's budget is reused,
    else a fresh default one starts; a budget passed in is started here."""
    active = _ACTIVE.get()
    if budget is None and active is not None:
        yield active
        return
    budget = (budget or Budget()).start()
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


# ---- sizes -----------------------------------------------------------------------------------

_SIZED = (str, list, tuple, dict, set, frozenset, Mapping)


def text_size(value, _memo: dict | None = None) -> int:
    """About how many characters str(value) has, without building it (a list holding the same big
    list a thousand times is counted once per reference, not expanded)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, float):
        return 24
    if isinstance(value, Undefined):  # printing it raises the undefined error; `default` replaces it
        return 0
    if isinstance(value, Record) and value._text is not None:  # a fact prints as its text
        return len(value._text)
    memo = {} if _memo is None else _memo
    key = id(value)
    if key in memo:
        return memo[key]
    memo[key] = 0  # a container that holds itself
    if isinstance(value, (list, tuple, set, frozenset)):
        n = 2 + sum(text_size(v, memo) + 4 for v in value)
    elif isinstance(value, Mapping):
        n = 2 + sum(text_size(k, memo) + text_size(v, memo) + 6 for k, v in value.items())
    elif isinstance(value, Namespace):
        n = 16 + text_size(dict(value._Namespace__attrs), memo)
    elif isinstance(value, TemplateModule):  # an imported template prints as its output
        n = sum(len(s) for s in value._body_stream)
    else:
        n = 64
    memo[key] = n
    return n


def _cost(value) -> int:
    return len(value) if isinstance(value, str) else ITEM_COST * len(value)


def check_value(value) -> None:
    """A value a template just built is within the size budget."""
    if isinstance(value, _SIZED):
        current().built_value(_cost(value))


def check_text(value) -> None:
    """str(value) would be within the size budget."""
    if type(value) is str:  # already built, so already checked
        return
    if not isinstance(value, (str, int, float)) or isinstance(value, int) and value.bit_length() > 64:
        current().size(text_size(value))


def _width(n) -> None:
    if isinstance(n, int) and n > MAX_WIDTH:
        raise BudgetExceeded(f"宽度或数量 {n} 过大（上限 {MAX_WIDTH:,}），已停止")


# ---- operators -------------------------------------------------------------------------------

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def check_percent_format(fmt: str) -> None:
    """`'%0999999999d' % 1` would build a gigabyte: widths and precisions are capped."""
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*":
                raise BudgetExceeded("格式里的宽度不能写成 *")
            if part:
                _width(int(part))


def check_format_spec(spec: str) -> None:
    """`'{:>1000000000}'.format(x)`: the same cap for str.format specs."""
    for m in _DIGITS.finditer(spec):
        _width(int(m.group()) if len(m.group()) < 12 else MAX_WIDTH + 1)


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _repeat(seq, n) -> None:
    if _is_int(n) and isinstance(seq, (str, list, tuple)):
        current().size(_cost(seq) * max(n, 0))


def binop(op: str, left, right):
    """The intercepted operators * ** % +: refuse before building what would be too big."""
    b = current()
    if op == "*":
        _repeat(left, right)
        _repeat(right, left)
        if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded("数字过大，已停止")
        result = left * right
    elif op == "**":
        if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1 \
                and right * abs(left).bit_length() > MAX_INT_BITS:
            raise BudgetExceeded("数字过大（乘方），已停止")
        result = left ** right
    elif op == "%":
        if isinstance(left, str):
            check_percent_format(left)
            check_text(right)
        result = left % right
    else:  # "+"
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            b.size(_cost(left) + _cost(right))
        result = left + right
    check_value(result)
    return result


# ---- compiled template hooks (see environment.GuardedCodeGenerator) ----------------------------

def guarded_concat(parts) -> str:
    """environment.concat: joins a template's output (a generator: held to the output limit as it
    runs) and every captured block ({% set %}, macros: a list)."""
    b = current()
    if isinstance(parts, list):
        b.built_value(sum(map(len, parts)), "输出的文字")
        return "".join(parts)
    out, n, limit = [], 0, b.max_output
    for part in parts:
        n += len(part)
        if n > limit:
            try:
                b.output(n)
            except BudgetExceeded as exc:
                # Raised inside the template's generator, so that the error names the template
                # line that produced the text, not the one that asked for it.
                if hasattr(parts, "throw"):
                    parts.throw(exc)
                raise
        out.append(part)
    b.built_value(n, "输出的文字")
    return "".join(out)


def guarded_join(seq) -> str:
    """The `~` operator."""
    seq = list(seq)
    current().built_value(sum(text_size(v) for v in seq))
    return "".join(map(str, seq))


def guarded_iter(iterable):
    """Every `for` loop's iterable: the clock is checked at every step."""
    b = current()
    for item in iterable:
        b.tick()
        yield item


class GuardedLoopContext(LoopContext):
    """`loop`-using and recursive loops: the clock is checked at every step."""

    def __next__(self):
        current().tick()
        return super().__next__()


def finalize(value):
    """Every `{{ value }}` before it is turned into text."""
    check_text(value)
    return value


# ---- calls and filters -----------------------------------------------------------------------

def _predicted_replace(s: str, old: str, new: str, count=None) -> int:
    hits = s.count(old) if old else len(s) + 1
    if _is_int(count) and count >= 0:
        hits = min(hits, count)
    return len(s) + hits * (len(new) - len(old))


def _joined_size(items, sep) -> int:
    items = list(items)
    return sum(text_size(v) for v in items) + len(sep) * max(len(items) - 1, 0)


def _translated_size(s: str, table) -> int:
    """len(s.translate(table)), counted per distinct character."""
    n = 0
    for ch, count in Counter(s).items():
        try:
            to = table[ord(ch)]
        except LookupError:
            to = ch
        except TypeError:  # not a table at all: translate itself says so
            return len(s)
        n += count * (len(to) if isinstance(to, str) else 0 if to is None else 1)
    return n


def check_str_method(method, args, kwargs) -> tuple:
    """The str methods that can grow a string a lot in one call: refused before they run.
    Returns the arguments to call with (an iterable to join is read into a list first, within
    the budget, so that its size is known)."""
    s, name, b = method.__self__, method.__name__, current()
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _width(args[0])
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if _is_int(size):
            b.size(len(s) + s.count("\t") * size)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        b.size(_predicted_replace(s, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count")))
    elif name == "join" and args:
        items = args[0]
        if not isinstance(items, (list, tuple)):
            items = list(guarded_iter(items))
            check_value(items)
            args = (items,) + tuple(args[1:])
        b.size(_joined_size(items, s))
    elif name == "translate" and args:
        b.size(_translated_size(s, args[0]))
    return args


def _filter_checks(name: str, value, args: tuple, kwargs: dict, env) -> None:
    """Before a built-in filter runs: the arguments that make its result huge or its run long."""
    b = current()
    arg = (lambda i, key, default=None: args[i] if len(args) > i else kwargs.get(key, default))
    if name in ("center", "slice", "batch"):
        _width(arg(0, {"center": "width", "slice": "slices", "batch": "linecount"}[name]))
    elif name == "indent":
        width = arg(0, "width", 4)
        if isinstance(width, str):
            width = len(width)
        if _is_int(width):
            _width(width)
            b.size(text_size(value) + (str(value).count("\n") + 1) * width)
    elif name == "tojson":
        _width(arg(0, "indent"))
    elif name == "format" and isinstance(value, str):
        check_percent_format(value)
        for a in list(args) + list(kwargs.values()):
            check_text(a)
    elif name == "replace" and isinstance(value, str):
        old, new = arg(0, "old", ""), arg(1, "new", "")
        if isinstance(old, str) and isinstance(new, str):
            b.size(_predicted_replace(value, old, new, arg(2, "count")))
    elif name == "join" and isinstance(value, (list, tuple)):
        attribute = arg(1, "attribute")
        if attribute is not None:
            from jinja2.filters import make_attrgetter

            getter = make_attrgetter(env, attribute)
            value = [getter(v) for v in value]
        b.size(_joined_size(value, str(arg(0, "d", ""))))
    elif name == "list" and isinstance(value, str):
        b.size(ITEM_COST * len(value))
    elif name in ("wordwrap", "urlize", "striptags", "title", "wordcount", "truncate", "urlencode") \
            and text_size(value) > MAX_SLOW_INPUT:
        raise BudgetExceeded(f"交给 {name} 过滤器的文字过长（上限 {MAX_SLOW_INPUT:,} 字符）")


# Filters that do not turn their input into text (their input's printed size does not matter).
_STRUCTURAL = frozenset({"length", "count", "first", "last", "list", "sort", "unique", "map", "select", "reject",
                         "selectattr", "rejectattr", "sum", "min", "max", "batch", "slice", "groupby", "dictsort",
                         "items", "attr", "default", "d", "int", "float", "abs", "round", "random", "reverse",
                         "join", "bool"})


def guard_filter(name: str, func):
    """func wrapped: clock, argument checks, input size (filters turn their input into text) and the
    size of what it returns. Keeps Jinja's pass_context/pass_environment marker."""
    pass_arg = getattr(func, "jinja_pass_arg", None)
    skip = 0 if pass_arg is None else 1
    stringifies = name not in _STRUCTURAL

    def guarded(*args, **kwargs):
        current().tick()
        value = args[skip] if len(args) > skip else None
        if name == "join" and not isinstance(value, (str, list, tuple, Mapping, type(None))):
            # A generator is read into a list first (within the budget), so its joined size is known.
            value = list(guarded_iter(value))
            check_value(value)
            args = args[:skip] + (value,) + args[skip + 1:]
        if stringifies:
            check_text(value)
        env = None
        if skip:
            first = args[0]
            env = getattr(first, "environment", first)
        _filter_checks(name, value, args[skip + 1:], kwargs, env)
        result = func(*args, **kwargs)
        check_value(result)
        return result

    guarded.__name__ = getattr(func, "__name__", name)
    guarded.__doc__ = func.__doc__
    if pass_arg is not None:
        guarded.jinja_pass_arg = pass_arg
    return guarded


@pass_environment
def sum_filter(environment, iterable, attribute=None, start=0):
    """Jinja's `sum`, but lists (or tuples) are joined in one pass: `sum` adds them one by one,
    copying the growing result each time (10,000 lists of 100 take minutes in one C call)."""
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    if not isinstance(start, (list, tuple)):
        return sum(guarded_iter(iterable), start)
    items = list(guarded_iter(iterable))
    if not all(type(item) is type(start) for item in items):
        return sum(items, start)  # a mix: sum raises the TypeError it always did
    current().size(ITEM_COST * (len(start) + sum(map(len, items))))
    return type(start)(itertools.chain(start, *items))
