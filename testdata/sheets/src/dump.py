"""Prints what openpyxl reads from the XLSX fixtures, to check them against README.md.

Usage: /usr/bin/python3 testdata/sheets/src/dump.py testdata/sheets/*.xlsx

Per workbook: the sheets (state, which is active), the <numFmts> of xl/styles.xml as
written; per sheet: dimension, merged ranges, hidden rows, autofilter; per non-empty cell:
the type openpyxl gives it, its value and its number format. Not used by make.sh.
"""

import re
import sys
import zipfile

import openpyxl

for path in sys.argv[1:]:
    print("=" * 8, path)
    with zipfile.ZipFile(path) as z:
        styles = z.read("xl/styles.xml").decode("utf-8")
    print("numFmts:", re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    try:
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # empty-style-attr.xlsx: openpyxl 3.0.9 fails on s=""
        print("openpyxl cannot read it: %s: %s; the raw cells of the first sheet:" % (type(e).__name__, e))
        with zipfile.ZipFile(path) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        for cell in re.findall(r"<c .*?</c>", sheet):
            print("  ", cell)
        continue
    print("sheets:", [(ws.title, ws.sheet_state) for ws in wb.worksheets], "active:", wb.active.title)
    for ws in wb.worksheets:
        print("--", ws.title, "dimension", ws.dimensions)
        print("   merged:", sorted(str(r) for r in ws.merged_cells.ranges))
        print("   hidden rows:", sorted(r for r, d in ws.row_dimensions.items() if d.hidden))
        print("   autofilter:", ws.auto_filter.ref,
              [(fc.colId, fc.filters.filter if fc.filters else None) for fc in ws.auto_filter.filterColumn])
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    print("   %-4s %s %r  [%s]" % (c.coordinate, c.data_type, c.value, c.number_format))
