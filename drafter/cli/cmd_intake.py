"""drafter intake LIST.xlsx|.csv [--into FOLDER] [--dry-run] [--columns …] [--kind …] [--session …]"""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, say

HELP = "按交办清单（Excel 或 CSV）为每件提案/建议新建答复事实单"


def configure(p) -> None:
    p.add_argument("list", type=Path, metavar="交办清单", help="交办清单文件（.xlsx 或 .csv）")
    p.add_argument("--into", type=Path, default=Path("."), metavar="文件夹", help="事实单放在这个文件夹（默认当前文件夹）")
    p.add_argument("--dry-run", action="store_true", help="只列出将要新建的事实单，不写入任何文件")
    p.add_argument("--columns", metavar="字段=表头,…",
                   help="列名特殊时指定对应关系，如 编号=案号,提出人=领衔代表（也可写列字母：编号=B）")
    p.add_argument("--kind", choices=["提案", "建议", "政协提案", "人大建议"], help="清单里没有“类别”列时，全部按这一类型")
    p.add_argument("--session", metavar="会议", help="清单里没有“会议”列、标题行也没写时，如 市政协十五届三次会议")


def run(args) -> int:
    from drafter.intake.create import intake

    result = intake(args.list, args.into, dry_run=args.dry_run, columns=args.columns, kind=args.kind,
                    session=args.session)
    verb = "将新建" if args.dry_run else "新建"
    for entry, path in result.created:
        say(f"{verb}  {path}（第 {entry.row} 行）")
        for warning in entry.warnings:
            say(f"  注意：{warning}")
    for entry, path in result.existing:
        say(f"已有  {entry.kind[2:]} {entry.number}：{path}，未改动")
    for notice in result.notices:
        say(f"提示：{notice}")
    for problem in result.problems:
        err(str(problem))
    failed_rows = len({(p.path, p.row) for p in result.problems})
    say(f"共 {result.rows} 行：{verb} {len(result.created)} 份，已有 {len(result.existing)} 份，"
        f"出错 {failed_rows} 行" + ("（试运行，未写入任何文件）" if args.dry_run else ""))
    return 1 if result.failed else 0
