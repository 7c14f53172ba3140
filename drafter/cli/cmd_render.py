"""drafter render SHEET [-o OUT] [--pdf] [--force]"""

from __future__ import annotations

from pathlib import Path

from drafter.cli.common import err, say
from drafter.errors import one_line

HELP = "由答复事实单生成 Word 文件"


def configure(p) -> None:
    p.add_argument("sheet", type=Path, metavar="事实单", help="答复事实单（.yaml）")
    p.add_argument("-o", "--output", type=Path, metavar="输出", help="输出的 .docx 文件或文件夹（默认与事实单同名同目录）")
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF（需要 LibreOffice）")
    p.add_argument("--force", action="store_true", help="即使 Word 文件已被手工修改也覆盖")


def run(args) -> int:
    from drafter.output import OutputProblem, write_reply
    from drafter.pipeline import load_and_render, resolve_output

    result = load_and_render(args.sheet)
    target = resolve_output(result.reply, args.output)
    try:
        written = write_reply(target, result.docx, force=args.force)
    except OutputProblem as exc:
        err(str(exc))
        return 1
    say(f"已生成：{one_line(target)}" if written else f"未变化：{one_line(target)}")
    if args.pdf:
        from drafter.layout.pdf import PdfFailed, PdfUnavailable, docx_to_pdf, font_plan

        try:
            pdf = docx_to_pdf(result.docx, target.with_suffix(".pdf"))
        except PdfUnavailable as exc:
            err(f"提示：{exc}")
            return 0
        except PdfFailed as exc:
            err(f"错误：{exc}")
            return 1
        except OSError as exc:
            err(f"{target.with_suffix('.pdf')}: 无法写入：{exc.strerror or exc}（文件可能正在打开，请关闭后重试）")
            return 1
        say(f"已生成：{one_line(pdf)}")
        note = font_plan([result.docx]).note()
        if note:
            err(note)
    return 0
