"""`drafter intake`: a 交办 list (.xlsx or .csv) → one new reply sheet per row.

table    the file as rows of cells (openpyxl; CSV in UTF-8 or GBK)
columns  the header row under any title rows; headers → fields, with `--columns` overrides
values   cells → numbers (leading zeros back), dates (cells, serials, text), proposers, kinds
rows     each data row → an Entry (the sheet's fields) or the problems that stop it
create   the folder's existing sheets by kind and number; new sheets named and scaffolded like
         `drafter new`; never an overwrite
"""
