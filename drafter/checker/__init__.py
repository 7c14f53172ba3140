"""The proofreader: what gets a reply sent back, found before it goes out.

Public API (the CLI and the TUI use only these):

``check_reply(reply, blocks=None, *, today=None, disable=()) -> list[Finding]``
    Proofread a loaded ``sheets.load.Reply``. Pass the composed blocks when you have them
    (the TUI does); otherwise they are composed here. A reply that does not compose (an
    undefined fact) is still checked field by field, and the undefined fact is a finding.
``check_paths(paths, loader=None, *, today=None) -> list[Finding]``
    Sheets and folders of sheets. A sheet that cannot be read or composed gives a finding with
    rule ``input`` (severity error) carrying the file position and the field key.
``check_text(paragraphs, *, path=None, kind=None, proposal_title=None, handling_type=None,
scheme=None, today=None, ascii_punctuation=False, disable=()) -> list[Finding]``
    A plain reply text (a list of paragraphs, or one string with one paragraph a line), as
    printed; the parts of the letter are recognised by their shape. Findings carry the
    paragraph's 1-based index as line. ``ascii_punctuation=True`` for copies whose full-width
    punctuation was turned into ASCII (web pages, the shared corpus).
``Finding``
    ``path, line, column, severity ("error" | "warning" | "hint"), rule ("numbering.gap"),
    message (Chinese), fix (replacement for ``found``; "" = delete; None = no mechanical
    fix), key (the sheet field, e.g. ("sections", 0, "items", 1, "text")), found, offset``
    (position inside the field's value), ``context`` (a few characters around). ``format()``
    gives ``file:line:column: 级别 规则编号 message（建议：…）``; ``to_json()`` a dict.
``RULES`` (drafter.checker.registry)
    Every rule id with its default severity and a Chinese description
    (``drafter check --rules`` prints them).

Positions point into the YAML file: the line and column of the offending characters inside
the field's value where they can be traced (one-line scalars, block scalars ``|``/``>``,
multi-line plain scalars), else the start of the field. Text that a template wrote rather than
the sheet points at the field that would replace it (``title``, ``salutation``, ``opening``).

Silencing, from the widest to the narrowest:

* per workspace, in ``profile.yaml``, and per sheet::

      check:
        disable: [doubled-word, numbering.single]

  A family name (``doubled-word``) switches off all its rules, a full id only that rule.
* in place, a YAML comment ``# drafter: ignore[rule, …]`` (or ``# drafter: ignore`` for every
  rule) on the line where a field starts, or alone on the line just above it. It silences that
  field and everything nested in it, e.g.::

      - lead: 引育集聚高水平科技人才。
        text: |   # drafter: ignore[doubled-word]
          ……全年引育引育科技人才1000人以上。

  Inside a block scalar a ``#`` is text, so the comment goes on the ``text: |`` line. An
  unknown rule id in either place is itself reported (``check.unknown-rule``).

Severities: errors break a rule (GB/T 9704, GB/T 15834, the numbering system, an undefined fact)
and make ``drafter check`` exit 1; warnings are likely slips; hints are suggestions.
"""

from drafter.checker.engine import check_paths, check_reply, check_text
from drafter.checker.finding import SEVERITIES, SEVERITY_LABELS, Finding
from drafter.checker.registry import RULES

__all__ = ["check_reply", "check_paths", "check_text", "Finding", "RULES", "SEVERITIES", "SEVERITY_LABELS"]
