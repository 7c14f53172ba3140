"""Deciding, without rendering, whether a reply recorded in the manifest is still current.

Runs in the main process over every sheet, so it must be cheap: a sheet is read and hashed but
not parsed (its facts and template were recorded when it was built, and cannot have changed
unless its bytes did); a profile or facts library is parsed only when its bytes changed, once per
build; a template's closure is worked out once per template. Reasons are Chinese sentences for
`--dry-run`: which fact, which file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.build import deps
from drafter.build.discover import PathCodec
from drafter.errors import InputError
from drafter.textio import MAX_INPUT_BYTES, read_bytes


@dataclass
class Verdict:
    reasons: list[str] = field(default_factory=list)  # empty: up to date
    entry: dict | None = None                          # the entry, refreshed where only formatting changed


def _names(names: list[str], limit: int = 3) -> str:
    shown = "".join(f"“{n}”" for n in names[:limit])
    return shown + (f"等 {len(names)} 条" if len(names) > limit else "")


class Checker:
    """Compares manifest entries with the files on disk; caches per file for one build."""

    def __init__(self, src: PathCodec, fingerprint: str):
        self.src = src
        self.fingerprint = fingerprint
        self._files: dict[Path, str | None] = {}
        self._upward: dict[tuple[Path, str], Path | None] = {}
        self._profiles: dict[Path, str | Exception] = {}
        self._facts: dict[Path | None, dict | Exception] = {}
        self._closures: dict[tuple[Path, Path], dict | Exception] = {}
        self._decoded: dict[str, Path] = {}

    def decode(self, text: str) -> Path:
        """A recorded input path, resolved (cached: a thousand sheets share a few profiles)."""
        if text not in self._decoded:
            self._decoded[text] = self.src.decode(text).resolve()
        return self._decoded[text]

    def file_hash(self, path: Path) -> str | None:
        """Hash of a file's bytes, None if it is missing; path must be resolved already."""
        if path not in self._files:
            try:
                self._files[path] = deps.digest(read_bytes(path, MAX_INPUT_BYTES))
            except InputError:  # missing, unreadable, a device or pipe, too large
                self._files[path] = None
        return self._files[path]

    def _find_upward(self, folder: Path, name: str) -> Path | None:
        from drafter.sheets.load import find_upward

        key = (folder, name)
        if key not in self._upward:
            found = find_upward(folder, name)
            self._upward[key] = found.resolve() if found else None
        return self._upward[key]

    def _resolve(self, sheet_path: Path, recorded: dict, name: str) -> Path | None:
        """Where the sheet's profile/facts file is now (explicit in the unchanged sheet, or the
        nearest one upward, which a newly added file may have changed)."""
        if recorded.get("explicit"):
            return self.decode(recorded["path"])
        return self._find_upward(Path(sheet_path).parent, name)

    def _profile_content(self, path: Path) -> str | Exception:
        from drafter.sheets.load import load_profile

        if path not in self._profiles:
            try:
                self._profiles[path] = deps.object_digest(load_profile(path))
            except Exception as exc:  # noqa: BLE001 - reported as a reason; the render names the error
                self._profiles[path] = exc
        return self._profiles[path]

    def _fact_digests(self, path: Path | None) -> dict | Exception:
        from drafter.model.facts import Facts
        from drafter.sheets.load import load_facts

        if path not in self._facts:
            try:
                self._facts[path] = deps.fact_digests(load_facts(path) if path else Facts())
            except Exception as exc:  # noqa: BLE001
                self._facts[path] = exc
        return self._facts[path]

    def _closure(self, entry: Path, root: Path) -> dict | Exception:
        if (entry, root) not in self._closures:
            try:
                closure = deps.template_closure(entry, root)
                self._closures[entry, root] = {self.src.encode(p): h for p, h in closure.files.items()}
            except Exception as exc:  # noqa: BLE001
                self._closures[entry, root] = exc
        return self._closures[entry, root]

    def check(self, sheet_path: Path, sheet_hash: str, entry: dict | None) -> Verdict:
        """Why the sheet must be rebuilt (all the reasons, for --dry-run), or none."""
        from drafter.sheets.load import FACTS_NAME, PROFILE_NAME

        if entry is None:
            return Verdict(["尚未生成过"])
        if entry.get("failed"):
            return Verdict(["上次生成失败"])
        reasons: list[str] = []
        entry = dict(entry)
        if entry.get("sheet") != sheet_hash:
            reasons.append("事实单已修改")
        if entry.get("drafter") != self.fingerprint:
            reasons.append("drafter 程序已更新")
        try:
            reasons += self._check_profile(sheet_path, entry, PROFILE_NAME)
            reasons += self._check_facts(sheet_path, entry, FACTS_NAME)
            reasons += self._check_template(entry)
        except (KeyError, TypeError, AttributeError):
            reasons.append("构建记录不完整")
        return Verdict(reasons, entry)

    def _check_profile(self, sheet_path: Path, entry: dict, name: str) -> list[str]:
        recorded = entry["profile"]
        path = self._resolve(sheet_path, recorded, name)
        old = self.decode(recorded["path"])
        if path is None or not path.is_file():
            return [f"单位信息文件 {recorded['path']} 不见了"]
        if path != old:
            return [f"改用单位信息文件 {self.src.encode(path)}"]
        file_hash = self.file_hash(path)
        if file_hash == recorded["file"]:
            return []
        content = self._profile_content(path)
        if isinstance(content, Exception):
            return [f"单位信息 {recorded['path']} 有错误"]
        if content != recorded["content"]:
            return [f"单位信息 {recorded['path']} 已修改"]
        entry["profile"] = {**recorded, "file": file_hash}  # only comments or layout changed
        return []

    def _check_facts(self, sheet_path: Path, entry: dict, name: str) -> list[str]:
        recorded = entry["facts"]
        path = self._resolve(sheet_path, recorded, name)
        old = self.decode(recorded["path"]) if recorded["path"] else None
        if path is not None and not path.is_file():
            return [f"事实库 {recorded['path']} 不见了"]
        if path != old:
            return [f"改用事实库 {self.src.encode(path)}" if path else f"事实库 {recorded['path']} 不见了"]
        file_hash = self.file_hash(path) if path else None
        if file_hash == recorded["file"]:
            return []
        digests = self._fact_digests(path)
        if isinstance(digests, Exception):
            return [f"事实库 {recorded['path']} 有错误"]
        used = recorded["used"]
        if deps.ALL_FACTS in used and used[deps.ALL_FACTS] != digests[deps.ALL_FACTS]:
            return [f"事实库 {recorded['path']} 已修改（模板或文字整体引用了事实库）"]
        changed, added, removed = [], [], []
        for fact, h in sorted(used.items()):
            if fact == deps.ALL_FACTS:
                continue
            now = digests.get(fact, deps.MISSING)
            if now == h:
                continue
            (added if h == deps.MISSING else removed if now == deps.MISSING else changed).append(fact)
        out = []
        for names, verb in ((changed, "已修改"), (added, "已添加"), (removed, "已删除")):
            if names:
                out.append(f"事实{_names(names)}{verb}")
        if not out:
            entry["facts"] = {**recorded, "file": file_hash}  # the facts it uses are as they were
        return out

    def _check_template(self, entry: dict) -> list[str]:
        recorded = entry["template"]
        # The workspace the template had to stay in: the folder of the profile the reply used.
        root = self.decode(entry["profile"]["path"]).resolve().parent
        files = self._closure(self.decode(recorded["entry"]), root)
        if isinstance(files, Exception):
            return [f"模板 {recorded['entry']} 有错误或缺失"]
        old = recorded["files"]
        out = [f"模板 {p} 已修改" for p in sorted(files) if p in old and old[p] != files[p]]
        out += [f"模板 {p} 新加入" for p in sorted(files) if p not in old]
        out += [f"模板 {p} 不再使用" for p in sorted(old) if p not in files]
        return out
