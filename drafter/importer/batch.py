"""Importing many files: where each sheet goes, the profile beside it, no overwriting."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError, Where, one_line, os_reason
from drafter.importer.convert import Converted, convert, new_profile_text, profile_from_text, read_letter
from drafter.importer.locate import NotAReply
from drafter.importer.segment import Skipped
from drafter.importer.source import SUFFIXES, read_source
from drafter.sheets.load import FACTS_NAME, PROFILE_NAME, find_upward, load_facts, load_profile
from drafter.sheets.naming import sheet_file_name
from drafter.textio import atomic_write_text

OK, WARN, FAIL = "成功", "有警告", "失败"


@dataclass
class FileResult:
    source: Path
    status: str = OK
    target: Path | None = None
    warnings: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    bad_input: bool = False          # the failure is the input's (exit 2), not the run's
    converted: Converted | None = None
    profile_written: Path | None = None
    figures: list[str] = field(default_factory=list)


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files named, and every .txt/.docx under the folders named (hidden and Word lock files skipped)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [Path(root) / n for n in sorted(files)
                          if n.lower().endswith(SUFFIXES) and not n.startswith((".", "~$"))]
            if not found:
                raise InputError("文件夹里没有可导入的 .txt 或 .docx 文件", Where(p))
            out += found
        else:
            out.append(p)
    return out


def _skipped_warnings(path: Path, skipped: list[Skipped]) -> list[str]:
    """One warning per run of skipped lines (page chrome or table debris)."""
    out: list[str] = []
    runs: list[list[Skipped]] = []
    for s in skipped:
        if runs and s.no - runs[-1][-1].no <= 2 and s.why == runs[-1][-1].why:
            runs[-1].append(s)
        else:
            runs.append([s])
    for run in runs:
        first, last = run[0], run[-1]
        span = f"第{first.no}行" if first.no == last.no else f"第{first.no}–{last.no}行"
        what = "网页表格残留的“|”" if first.why == "debris" else "网页内容（不属于答复）"
        sample = first.text.strip()
        sample = sample if len(sample) <= 20 else sample[:20] + "…"
        out.append(f"{one_line(path)}:{first.no}: 已跳过{what}，{span}：“{sample}”")
    return out


class Importer:
    """Imports files one by one, remembering the sheets and profiles written in this run."""

    def __init__(self, output: Path | None = None, into: Path | None = None, suggest: bool = False):
        self.output, self.into, self.suggest = output, into, suggest
        self.written: set[Path] = set()

    def folder_for(self, source: Path) -> Path:
        if self.output is not None:
            return Path(self.output).parent
        if self.into is not None:
            return Path(self.into)
        return source.parent

    def _target(self, source: Path, folder: Path, conv: Converted) -> Path:
        if self.output is not None:
            return Path(self.output)
        rec = conv.recognised
        title = rec.proposal_title[0] if isinstance(rec.proposal_title, list) else (rec.proposal_title or "")
        title = re.sub(r"[，,。、“”‘’\"'《》()（）：:；;！!？?\s]+", "", title)  # file names without punctuation
        name = sheet_file_name(rec.number or "", rec.proposers, title or source.stem)
        target = folder / name
        n = 2
        while target.resolve() in self.written:
            target = folder / f"{Path(name).stem}-{n}.yaml"
            n += 1
        return target

    def import_file(self, path: Path) -> FileResult:
        result = FileResult(Path(path))
        try:
            self._import(result)
        except NotAReply as exc:
            result.status, result.error, result.bad_input = FAIL, str(exc), True
        except InputError as exc:
            result.status, result.error, result.bad_input = FAIL, str(exc), True
        except OSError as exc:
            result.status, result.error = FAIL, f"{one_line(exc.filename or path)}: 错误：无法写入：{os_reason(exc)}"
        except Exception as exc:  # a defect shown on this file's line; the other files still import
            from drafter.crashlog import internal_error

            result.status, result.error = FAIL, internal_error(exc, path)
        if result.status != FAIL and result.warnings:
            result.status = WARN
        return result

    def _import(self, result: FileResult) -> None:
        source = read_source(result.source)
        result.notices += source.notices
        read = read_letter(source)
        letter, rec, skipped = read
        folder = self.folder_for(result.source)
        profile_path = find_upward(folder, PROFILE_NAME)  # a folder still to be made may sit in a workspace
        new_profile = None
        if profile_path is None:
            profile_path = folder / PROFILE_NAME
            new_profile = new_profile_text(rec, result.source)
            profile = profile_from_text(new_profile, profile_path)
        else:
            profile = load_profile(profile_path)
        conv = convert(source, folder / "_import.yaml", profile, read)
        result.converted = conv
        target = self._target(result.source, folder, conv)
        result.target = target
        if target.exists():
            result.status = FAIL
            result.error = f"{target}: 未覆盖：该答复事实单已存在。如需重新导入，请先改名或删除原文件，或用 -o 指定新文件名"
            return
        if new_profile is not None and not profile_path.exists():
            atomic_write_text(profile_path, new_profile)
            result.profile_written = profile_path
        atomic_write_text(target, conv.yaml_text)
        self.written.add(target.resolve())
        path = result.source
        result.warnings += _skipped_warnings(path, conv.skipped)
        shown = one_line(path)
        result.warnings += [f"{shown}:{no}: {msg}" if no else f"{shown}: {msg}" for no, msg in conv.warnings]
        if self.suggest:
            from drafter.importer.suggest import figures, report

            facts_path = find_upward(target.parent, FACTS_NAME)
            from drafter.model.facts import Facts

            facts = load_facts(facts_path) if facts_path else Facts()
            result.figures = report(figures(conv.letter.all_lines(), facts), path)
