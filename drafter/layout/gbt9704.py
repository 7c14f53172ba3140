"""Every GB/T 9704-2012 number drafter uses, in one place (rule ids refer to docs/gbt9704.md).

Units: twips (1/20 pt, 1/1440 in) for lengths, half-points for font sizes (w:sz), twentieths
of a point for character spacing (w:spacing w:val).
"""

from __future__ import annotations


def mm(value: float) -> int:
    """Millimetres to twips."""
    return round(value * 1440 / 25.4)


# R1: A4 paper, margins 37 (top) / 35 (bottom) / 28 (left, 订口) / 26 (right) mm → type area 156 × 225 mm.
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_TOP = mm(37)        # 2098
MARGIN_BOTTOM = mm(35)     # 1984
MARGIN_LEFT = mm(28)       # 1587
MARGIN_RIGHT = mm(26)      # 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT     # 8845 ≈ 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM   # 12756 = 225 mm

# R2.2/R2.3: 22 lines of 28 characters. 12756 / 22 = 579.8, so the exact pitch is 579
# (580 leaves only 21 lines on a page, in Word and in LibreOffice).
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = 579

# R2.4: 28 characters of 16 pt need 442.2 pt; 16 pt glyphs are tightened by 0.25 pt each
# (5 twentieths) so that 28 fit in both Word and LibreOffice (gbt9704 §W, rendered).
BODY_CHAR_SPACING = -5

# Sizes (w:sz half-points): 二号 22 pt, 三号 16 pt, 四号 14 pt.
SIZE_ERHAO = 44
SIZE_SANHAO = 32
SIZE_SIHAO = 28
SIZE_LETTERHEAD = 52       # 一号: the 信函 标志 size is free (R7.1); 一号 is common practice
TITLE_SIZE = SIZE_ERHAO    # R4.1
BODY_SIZE = SIZE_SANHAO    # R2.1
CC_SIZE = SIZE_SIHAO       # R5.2
PAGE_NUMBER_SIZE = SIZE_SIHAO  # R6.1

# R0.1: one 字 is one full-width character of the element's size.
CHAR_SANHAO = 320
CHAR_SIHAO = 280
DIGIT_SANHAO = 160         # half-width digits in dates and 文号

FIRST_LINE_INDENT = 2 * CHAR_SANHAO        # R4.3 左空二字: 640
FIRST_LINE_INDENT_CHARS = 200              # w:firstLineChars, hundredths of a character
DATE_RIGHT_INDENT = 4 * CHAR_SANHAO        # R4.6 成文日期右空四字: 1280
CC_INDENT = CHAR_SIHAO                     # R5.2 抄送左右各空一字: 280
PAGE_NUMBER_INDENT = CHAR_SIHAO            # R6.3 页码居右/居左空一字: 280
PAGE_NUMBER_DASH = "\u2014"                # R6.2 一字线

# Vertical gaps, in empty body lines (R0.2 "空N行" = N lines at the body pitch).
LINES_BEFORE_TITLE = 2     # R4.1/R7.4 标题在上一要素下空二行
LINES_AFTER_TITLE = 1      # R4.2 主送在标题下空一行
LINES_BEFORE_SIGNATURE = 2  # R4.6 sealed: room for the seal over 署名 and date
LINES_BEFORE_CC = 1

# R6.4, R7.2: the footer starts 20 mm above the page's bottom edge, where 信函格式 draws its lower
# red rule on page 1; page numbers stand 4 mm higher, so their dash's top sits about 7 mm below
# the type area.
FOOTER_DISTANCE = mm(20)
PAGE_NUMBER_LIFT = mm(4)
# R7.1: 信函 标志 top edge 30 mm from the top of the page.
LETTERHEAD_TOP = mm(30)
# R7.2: red double rules 170 mm long, centred: 7 mm beyond the type area on each side.
LETTERHEAD_RULE_OVERHANG = mm(7)
LETTERHEAD_RULE_GAP_PT = 11                # 4 mm below the 标志 (w:space is in points)
RED = "FF0000"

# R5.1: 版记 rules, w:sz in eighths of a point: 0.35 mm ≈ 1 pt → 8; 0.25 mm ≈ 0.7 pt → 6.
RULE_THICK = 8
RULE_THIN = 6

# R4.10 (drafter's rule, docs/page-layout.md): the end block never leaves more than 4 blank body
# lines at the foot of the page before it. When it would, LibreOffice keeps only the last line of
# the last paragraph with it (as Word does), else its lines close up to fit the page of the text
# above: the two seal lines down to half a line each, then 署名, date and 附注 down to 20 pt (1.25 ×
# 三号) — "如不能满足…调整行距、字距".
MAX_BLANK_LINES_BEFORE_END = 4
SEAL_LINE_MIN = LINE_PITCH // 2    # 289
SQUEEZED_PITCH_MIN = 400           # 20 pt
SQUEEZE_SLACK = 40                 # left free under a closed-up end block: LibreOffice rounds to 1/100 mm
# 信函格式: the 标志 and its rule push page 1's body about 590 twips (10.4 mm) below the type area's
# top: page 1 holds 21 lines and a few twips (measured in LibreOffice's PDF: 21 lines fit, an end
# block closed up to 40 twips more than those 21 lines did not).
LETTERHEAD_BODY_DROP = 590
# The 版记 frame: its lines and, outside 信函格式, a 1 pt rule 1 pt away above and below (R5.1).
CC_RULES_HEIGHT = 4 * 20
CC_ANCHOR_HEIGHT = 20               # the empty 1 pt paragraph the 版记 frame is anchored to
