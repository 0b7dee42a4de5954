"""Writes the openpyxl-made fixtures of testdata/sheets/ (see make.sh).

Usage: /usr/bin/python3 openpyxl_fixtures.py OUTDIR

Needs openpyxl (Debian: python3-openpyxl; written and checked with 3.0.9). Two fixtures are
openpyxl files post-processed with zipfile, because no program here writes what they
imitate; each post-processing step is described at its function and asserts that it
changed exactly what it meant to change.
"""

import datetime as dt
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.styles import Font

OUT = sys.argv[1]
# A fixed creation date, so that the cells and the properties do not change between runs
# (the zip entries still carry the time of the run).
STAMP = dt.datetime(2026, 10, 1, 8, 0, 0)
DT = "dd/mm/yyyy hh:mm"


def new_book(title):
    wb = openpyxl.Workbook()
    wb.properties.creator = "wolkvox-import testdata"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    ws = wb.active
    ws.title = title
    return wb, ws


def header(ws, names, row=1):
    for col, name in enumerate(names, 1):
        ws.cell(row=row, column=col, value=name).font = Font(bold=True)


def save(wb, name):
    path = os.path.join(OUT, name)
    wb.save(path)
    return path


def rewrite(path, part, fn):
    """Replaces one part of the zip at path by fn(old text); keeps every other entry."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = fn(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)


# --- instructions-first.xlsx ---------------------------------------------------------------
def instructions_first():
    wb, ins = new_book("Instrucciones")
    ins["A1"] = "Instrucciones para cargar reuniones"
    ins["A1"].font = Font(bold=True, size=14)
    ins["A3"] = "1. Escriba una reunión por fila en la hoja Reuniones."
    ins["A4"] = "2. Use el formato DD/MM/AAAA HH:MM para Inicio y Fin."
    ins["A5"] = "3. No cambie los nombres de las columnas."
    ins["A6"] = "Dudas: extensión 4455 (mesa de ayuda)."
    ws = wb.create_sheet("Reuniones")
    header(ws, ["Asunto", "Inicio", "Fin", "Prioridad", "Responsable", "Participantes"])
    rows = [
        ("Revisión de contrato", dt.datetime(2026, 10, 5, 9, 30), dt.datetime(2026, 10, 5, 10, 15), "Alta", "Ana Pérez", "Luis Gómez; Marta Ruiz"),
        ("Llamada de seguimiento", dt.datetime(2026, 10, 6, 15, 0), dt.datetime(2026, 10, 6, 15, 30), "Media", "Luis Gómez", "Pedro Díaz"),
        ("Visita comercial", dt.datetime(2026, 10, 7, 8, 0), dt.datetime(2026, 10, 7, 9, 0), "Baja", "Marta Ruiz", ""),
    ]
    for r in rows:
        ws.append([v if v != "" else None for v in r])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for c in row:
            c.number_format = DT
    wb.active = 0  # the file opens on the instructions, as the staff leave it
    save(wb, "instructions-first.xlsx")


# --- date-time-openpyxl.xlsx ---------------------------------------------------------------
def date_time_openpyxl():
    wb, ws = new_book("Reuniones")
    header(ws, ["Asunto", "Fecha", "Hora", "Duración", "Inicio"])
    rows = [
        ("Visita técnica", dt.date(2026, 10, 5), dt.time(9, 30), dt.timedelta(hours=26), dt.datetime(2026, 10, 5, 9, 30)),
        ("Llamada con cliente", dt.date(2026, 10, 12), dt.time(14, 45), dt.timedelta(hours=1, minutes=30), dt.datetime(2026, 10, 12, 14, 45)),
        ("Capacitación", dt.date(2026, 2, 3), dt.time(0, 0), dt.timedelta(minutes=5), dt.datetime(2026, 2, 3, 0, 0)),
    ]
    for r in rows:
        ws.append(list(r))
    for row in range(2, 2 + len(rows)):
        ws.cell(row, 2).number_format = "DD/MM/YYYY"
        ws.cell(row, 3).number_format = "HH:MM"
        ws.cell(row, 4).number_format = "[h]:mm"
        ws.cell(row, 5).number_format = "DD/MM/YYYY HH:MM"
    save(wb, "date-time-openpyxl.xlsx")


# --- number-formats.xlsx -------------------------------------------------------------------
NUMBER_COLUMNS = [
    ("Código", "00000", [7, 123]),
    ("Porcentaje", "0%", [0.15, 0.125]),
    ("Tasa", "0.00%", [0.1234, 0.5]),
    ("Entero", "0", [12345.6789, 2.5]),
    ("Decimal", "0.00", [3.14159, 2.675]),
    ("Miles", "#,##0", [1234567, -1234.5]),
    ("Valor", '"$"#,##0.00', [1234.5, -5]),
    ("Teléfono", "000 000 0000", [3001234567, 6015550199]),
    ("Celular", "[<=9999999]###-####;(###) ###-####", [3001234567, 5550199]),
    ("General", "General", [12345, 0.1 + 0.2]),
]


def number_formats():
    wb, ws = new_book("Formatos")
    header(ws, [c[0] for c in NUMBER_COLUMNS] + ["Texto"])
    for col, (_, fmt, values) in enumerate(NUMBER_COLUMNS, 1):
        for row, v in enumerate(values, 2):
            c = ws.cell(row, col, v)
            c.number_format = fmt
    t = len(NUMBER_COLUMNS) + 1
    ws.cell(2, t, "00123").number_format = "@"  # a text cell formatted as Text
    ws.cell(3, t, "007")  # a text cell in a General cell (typed as '007 in Excel)
    save(wb, "number-formats.xlsx")


# --- numbers-redefined-id.xlsx -------------------------------------------------------------
# Imitates the Apple Numbers habit of declaring custom <numFmt> entries under ids that
# ECMA-376 reserves for built-in formats. openpyxl writes custom formats from id 164 up, so
# the file is written with placeholder formats and xl/styles.xml is then rewritten: each
# placeholder's <numFmt numFmtId="16x" formatCode="..."/> becomes the id and code below,
# and every numFmtId="16x" in <cellXfs> follows. Nothing else in the file is touched.
REDEFINED = {
    # placeholder code: (reserved id, code the workbook declares under it, built-in meaning)
    "dd/mm/yyyy hh:mm": (14, "dd/mm/yyyy hh:mm", "m/d/yyyy (date)"),
    "d/m/yyyy": (59, "d/m/yyyy", "Thai locale format t0, not a date in most readers"),
    "0.000": (20, "#,##0.00", "h:mm (time)"),
}


def numbers_redefined_id():
    wb, ws = new_book("Hoja 1")
    header(ws, ["Asunto", "Inicio", "Fecha", "Monto", "Caso"])
    rows = [
        ("Revisión de contrato", dt.datetime(2026, 10, 5, 9, 30), dt.date(2026, 10, 5), 1234.5, 48213),
        ("Llamada de seguimiento", dt.datetime(2026, 10, 13, 15, 0), dt.date(2026, 10, 13), 0.75, 48214),
        ("Visita comercial", dt.datetime(2026, 11, 2, 8, 0), dt.date(2026, 11, 2), 250000, 48215),
    ]
    for r in rows:
        ws.append(list(r))
    for row in range(2, 2 + len(rows)):
        ws.cell(row, 2).number_format = "dd/mm/yyyy hh:mm"
        ws.cell(row, 3).number_format = "d/m/yyyy"
        ws.cell(row, 4).number_format = "0.000"
    path = save(wb, "numbers-redefined-id.xlsx")

    def fix(s):
        fmts = dict((code, int(i)) for i, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/>', s))
        # openpyxl also declares yyyy-mm-dd h:mm:ss and yyyy-mm-dd (its defaults for datetime
        # and date values, registered before our number_format replaced them); no xf uses
        # them and they are left as they are.
        assert set(REDEFINED) <= set(fmts), fmts
        for code, (new_id, new_code, _) in REDEFINED.items():
            old = fmts[code]
            assert old >= 164
            s, n = re.subn(r'<numFmt numFmtId="%d" formatCode="[^"]*"/>' % old,
                           '<numFmt numFmtId="%d" formatCode="%s"/>' % (new_id, new_code), s)
            assert n == 1
            head, xfs, tail = re.split(r"(<cellXfs.*?</cellXfs>)", s, flags=re.S)
            xfs, n = re.subn(r'numFmtId="%d"' % old, 'numFmtId="%d"' % new_id, xfs)
            assert n == 1, (code, n)
            s = head + xfs + tail
        return s

    rewrite(path, "xl/styles.xml", fix)


# --- empty-style-attr.xlsx -----------------------------------------------------------------
# Some generators write s="" (an empty style index, invalid per the schema but seen in real
# files) on cells that have no style. openpyxl omits s on unstyled cells, so the sheet XML
# is rewritten: the cells listed in EMPTY_S, all unstyled in openpyxl's output, get s="".
EMPTY_S = ["A1", "B1", "C1", "D1", "E1", "A2", "D2", "A3", "C3", "D3", "E3", "D4", "E4"]


def empty_style_attr():
    wb, ws = new_book("Reuniones")
    for col, name in enumerate(["Asunto", "Inicio", "Prioridad", "Caso", "Responsable"], 1):
        ws.cell(1, col, name)  # no bold: the header cells stay unstyled
    rows = [
        ("Revisión de contrato", dt.datetime(2026, 10, 5, 9, 30), "Alta", 48213, "Ana Pérez"),
        ("Llamada de seguimiento", dt.datetime(2026, 10, 6, 15, 0), "Media", 48214, "Luis Gómez"),
        ("Visita comercial", dt.datetime(2026, 10, 7, 8, 0), "Baja", 48215, "Marta Ruiz"),
    ]
    for r in rows:
        ws.append(list(r))
    for row in (2, 3, 4):
        ws.cell(row, 2).number_format = DT
    path = save(wb, "empty-style-attr.xlsx")

    def fix(s):
        for ref in EMPTY_S:
            s, n = re.subn(r'<c r="%s"(?![^>]* s=)' % ref, '<c r="%s" s=""' % ref, s)
            assert n == 1, ref
        return s

    rewrite(path, "xl/worksheets/sheet1.xml", fix)


# --- extra-columns.xlsx --------------------------------------------------------------------
def extra_columns():
    wb, ws = new_book("Reuniones")
    header(ws, ["Asunto", "Inicio", "Fin", "Prioridad", "Responsable"])
    rows = [
        ("Revisión de contrato", dt.datetime(2026, 10, 5, 9, 30), dt.datetime(2026, 10, 5, 10, 0), "Alta", "Ana Pérez"),
        ("Llamada de seguimiento", dt.datetime(2026, 10, 6, 15, 0), dt.datetime(2026, 10, 6, 15, 30), "Media", "Luis Gómez"),
        ("Visita comercial", dt.datetime(2026, 10, 7, 8, 0), dt.datetime(2026, 10, 7, 9, 0), "Baja", "Marta Ruiz"),
        ("Cobranza", dt.datetime(2026, 10, 8, 10, 0), dt.datetime(2026, 10, 8, 10, 20), "Media", "Pedro Díaz"),
        ("Cierre de mes", dt.datetime(2026, 10, 30, 17, 0), dt.datetime(2026, 10, 30, 18, 0), "Alta", "Ana Pérez"),
    ]
    for r in rows:
        ws.append(list(r))
    for row in range(2, 2 + len(rows)):
        ws.cell(row, 2).number_format = DT
        ws.cell(row, 3).number_format = DT
    # notes typed to the right of the table, column F left empty, no header over G or H
    ws["G3"] = "llamar antes de ir"
    ws["H3"] = "confirmar sala"
    ws["G5"] = "el cliente pidió factura"
    ws["H6"] = "ver correo del 28/10"
    save(wb, "extra-columns.xlsx")


# --- remember-x.xlsx -----------------------------------------------------------------------
def remember_x():
    wb, ws = new_book("Reuniones")
    header(ws, ["Asunto", "Inicio", "Recordar", "Recordatorio"])
    rows = [
        ("Revisión de contrato", dt.datetime(2026, 10, 5, 9, 30), "x", dt.datetime(2026, 10, 4, 17, 0)),
        ("Llamada de seguimiento", dt.datetime(2026, 10, 6, 15, 0), None, None),
        ("Visita comercial", dt.datetime(2026, 10, 7, 8, 0), "X", dt.datetime(2026, 10, 6, 16, 0)),
        ("Cobranza", dt.datetime(2026, 10, 8, 10, 0), None, None),
        ("Comité de calidad", dt.datetime(2026, 10, 9, 9, 0), "x ", dt.datetime(2026, 10, 9, 8, 30)),
        ("Cierre de mes", dt.datetime(2026, 10, 30, 17, 0), "x", dt.datetime(2026, 10, 29, 9, 0)),
    ]
    for r in rows:
        ws.append(list(r))
    for row in range(2, 2 + len(rows)):
        ws.cell(row, 2).number_format = DT
        ws.cell(row, 4).number_format = DT
    save(wb, "remember-x.xlsx")


for fn in (instructions_first, date_time_openpyxl, number_formats, numbers_redefined_id,
           empty_style_attr, extra_columns, remember_x):
    fn()
