"""drafter import: old replies (.txt, .docx) → reply sheets that render back to the same text.

source / docx_reader   reading a file into numbered lines (GBK noticed; Word numbering, tables,
                       text boxes, letterhead)
segment                table debris removed, run-on web lines split into the letter's lines
locate                 the reply found inside page chrome (or NotAReply)
recognise              regions (header, title, salutation, opening, body, closing, signature block)
                       and values (kind, proposers, meeting, number, 文号, class, date, contact, 抄送…)
build                  sheet data in the template's order, verbatim where the template prints otherwise
yaml_out               commented YAML in SHEET_FIELDS order; the minimal profile
convert                one file → YAML, verified by rendering it back
batch                  many files → sheets beside them or in a folder, never overwriting
suggest                --suggest-facts: figures with context, and those a fact already holds
"""
