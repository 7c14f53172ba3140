"""The Jinja environment templates and sheet texts run in: Jinja's immutable sandbox (no Python
internals, no changing lists or dicts in place) over plain data, with every loop step, call, filter,
operator and output checked against the reply's time and size budget (budget.py)."""

from __future__ import annotations

from string import Formatter

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter, SecurityError

from drafter.compose import budget
from drafter.compose.plain import Record


# The filter every `for` iterable is passed through (Jinja allows no custom node types).
ITER_FILTER = "drafter_guarded_iter"


class GuardedCodeGenerator(CodeGenerator):
    """Jinja's code generator with the budget's hooks: every `for` iterable goes through
    budget.guarded_iter, `loop`-using and recursive loops through a LoopContext that checks the
    clock, and `~` through a size-checked join (captured output is joined by environment.concat).
    Generating code checks the clock at every node: compiling is part of a reply's budget."""

    def visit(self, node, *args, **kwargs):
        budget.current().tick()
        return super().visit(node, *args, **kwargs)

    def visit_Template(self, node, frame=None):
        for loop in list(node.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, ITER_FILTER, [], [], None, None, lineno=loop.iter.lineno)
        super().visit_Template(node, frame)
        # Rebinds names the generated module imported from jinja2.runtime; its functions look
        # them up when they run, after this line.
        self.writeline("from drafter.compose.budget import GuardedLoopContext as LoopContext, "
                       "guarded_join as str_join")


class ClockedLexing(Extension):
    """Reading a template checks the clock at every token: a template or sheet text of 30,000
    `{% for %}` statements takes longer to compile than any reply takes to render. A source past
    MAX_SOURCE is not read at all (Jinja's lexer needs ~300 bytes a character for some tokens)."""

    def preprocess(self, source, name, filename=None):
        if len(source) > budget.MAX_SOURCE:
            raise budget.BudgetExceeded(f"模板或文字过长（超过 {budget.MAX_SOURCE:,} 个字符），不像是模板，已拒绝")
        return source

    def filter_stream(self, stream):
        b = budget.current()
        for token in stream:
            b.tick()
            yield token


class GuardedFormatter(SandboxedFormatter):
    """str.format in the sandbox, with widths and precisions capped."""

    def format_field(self, value, format_spec):
        budget.check_format_spec(format_spec)
        budget.check_text(value)
        return Formatter.format_field(self, value, format_spec)


class DrafterEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox drafter renders in (see the module docstring)."""

    code_generator_class = GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options):
        super().__init__(finalize=budget.finalize, extensions=[ClockedLexing], **options)
        self.concat = budget.guarded_concat
        del self.globals["lipsum"]  # Latin filler text has no place in a reply, and n=10**7 is a gigabyte
        self.filters["sum"] = budget.sum_filter
        self.filters = {name: budget.guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[ITER_FILTER] = budget.guarded_iter

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except Exception as exc:
            # The file being compiled (an included one, perhaps) is where the error is: its
            # traceback has no template frame yet.
            if filename and not hasattr(exc, "template_file"):
                exc.template_file = filename
            raise

    def is_safe_attribute(self, obj, attr, value):
        # Nothing of a class: `dict.update(d, …)` would change a mapping in place (the sandbox
        # checks instances only), and a template needs no class's attributes.
        return not isinstance(obj, type) and super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj, attribute):
        # Refused at once, not as an undefined value that `map(attribute=…)` or `is defined`
        # would quietly carry on with.
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")

    def getattr(self, obj, attribute):
        # A Record's keys come before its Mapping methods: `s.items` is a section's items.
        if isinstance(obj, Record):
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):
        return budget.binop(operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        budget.current().tick()
        if isinstance(getattr(__obj, "__self__", None), str):
            args = budget.check_str_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        budget.check_value(result)
        return result

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None or isinstance(value.__self__, jinja2.runtime.Markup):
            return wrapped
        formatter = GuardedFormatter(self)
        is_format_map = value.__name__ == "format_map"
        text = value.__self__

        def format_(*args, **kwargs):
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return formatter.vformat(text, args, kwargs)

        return format_
