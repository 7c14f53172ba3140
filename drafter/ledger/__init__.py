"""`drafter report`: the 办理台账 workbook (collect → summary → xlsx / csv)."""
