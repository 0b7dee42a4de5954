#!/usr/bin/env bash
# Rebuilds the input fixtures in testdata/ from the sources in testdata/src/.
#
# The XLSX files are written by LibreOffice itself (headless), from flat-ODS sources that set
# real cell types (date cells with date styles, numbers, booleans, a formula with its cached
# value), so the readers are tested on what a real spreadsheet program writes, not on what
# our own writer thinks it writes. The CSV files are written byte by byte here (printf and
# iconv), because their point is the exact bytes: encodings, BOMs, delimiters, CRLF.
#
# Needs: soffice (apt-get install libreoffice-calc-nogui), python3 (its zipfile module
# only), iconv. Optional: node and npm for exceljs-types.xlsx (skipped without them).
# Idempotent: every run rebuilds the same files (LibreOffice stamps a new creation date
# into docProps/core.xml, so the bytes differ; the cells do not).
#
# Usage: bash testdata/make-fixtures.sh        (from anywhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }
command -v iconv >/dev/null || { echo "iconv not found" >&2; exit 1; }
py="$(command -v python3)"

# A private LibreOffice profile: no clash with a LibreOffice already running, no first-run
# state leaking between runs.
profile="file://$work/profile"
lo_convert() { # lo_convert OUTDIR FILE...
	local out="$1"
	shift
	soffice -env:UserInstallation="$profile" --headless --norestore \
		--convert-to xlsx --outdir "$out" "$@" >"$work/soffice.log" 2>&1 ||
		{ cat "$work/soffice.log" >&2; exit 1; }
}

# --- lo-types.xlsx ---------------------------------------------------------------------
# Sheets: "Oculta" (hidden, first), "Reuniones", "Otra". LibreOffice can hide the first
# sheet only when another sheet is the active one, and a headless conversion has no view
# to take the active sheet from: it always exports activeTab=0 and so un-hides sheet 1
# whatever the source says. Hence two passes: (1) LibreOffice converts the flat ODS;
# (2) we mark "Oculta" hidden and make the first visible sheet the active one in that
# file's workbook.xml (two attributes, nothing else); (3) LibreOffice opens that XLSX and
# writes it again. The file we keep is LibreOffice's own output of step 3: every part in
# it is written by LibreOffice. (A side effect, kept on purpose because real files have it:
# on its XLSX->XLSX round trip LibreOffice turns boolean cells into the formula TRUE() or
# FALSE() with a numeric cached value 1/0 and the number format "TRUE";"TRUE";"FALSE".)
mkdir -p "$work/pass1" "$work/pass2" "$work/pass3"
lo_convert "$work/pass1" "$src/lo-types.fods"
"$py" - "$work/pass1/lo-types.xlsx" "$work/pass2/lo-types.xlsx" Oculta <<'PY'
import re, sys, zipfile
src, dst, hidden = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
zin = zipfile.ZipFile(src)
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/workbook.xml":
            s = data.decode("utf-8")
            names = re.findall(r'<sheet name="([^"]*)"', s)
            for h in hidden:
                s, n = re.subn(r'(<sheet name="%s"[^>]*?state=")visible(")' % re.escape(h), r"\1hidden\2", s)
                assert n == 1, "sheet %s not found" % h
            first = next(i for i, name in enumerate(names) if name not in hidden)
            s = re.sub(r'activeTab="\d+"', 'activeTab="%d"' % first, s)
            data = s.encode("utf-8")
        zout.writestr(item, data)
PY
lo_convert "$work/pass3" "$work/pass2/lo-types.xlsx"
cp "$work/pass3/lo-types.xlsx" "$here/lo-types.xlsx"

# --- lo-1904.xlsx ----------------------------------------------------------------------
# One pass: the flat ODS sets table:null-date 1904-01-01, which LibreOffice exports as
# workbookPr date1904="true" with serials counted from 1904. Its booleans stay t="b" cells
# (a single ODS->XLSX pass writes real boolean cells).
lo_convert "$work/pass1" "$src/lo-1904.fods"
cp "$work/pass1/lo-1904.xlsx" "$here/lo-1904.xlsx"

# --- win1252-semicolon.csv -------------------------------------------------------------
# What Excel's "CSV (separado por comas)" writes on a Spanish Windows: Windows-1252 bytes
# (0x80 is the euro sign there, not in Latin-1), ';' between fields, CRLF line ends. Rows:
#   1 header with accents; 2 a quoted field holding ';' and a CRLF line break (one row,
#   lines 2-3); 3 a stray '"' inside an unquoted field, as hand-edited files have; then an
#   empty line (row 4 for Excel); 5 a row with empty cells; 6 only delimiters (an empty
#   row, skipped); 7 one cell more than the header.
printf '%s\r\n' \
	'Asunto;Prioridad;Fecha inicio;Notas;Participantes;Año' \
	'Reunión de revisión;Alta;26/07/2024 09:30;"Llevar contrato; revisar cláusula 3' \
	'y anexos (€ 120)";"Ana; Luis, Marta";2024' \
	'Llamada;Media;27/07/2024 15:00;La señora Muñoz pidió "urgente";Pedro;2024' \
	'' \
	'Seguimiento;Baja;01/08/2024 10:00;;;2024' \
	';;;;;' \
	'Cierre;Alta;02/08/2024 12:00;Nota final;Marta;2024;sobra' |
	iconv -f UTF-8 -t WINDOWS-1252 >"$here/win1252-semicolon.csv"

# --- utf16-tab.csv ---------------------------------------------------------------------
# What Excel's "Unicode text" writes: UTF-16LE with a BOM (FF FE), tab-delimited, CRLF.
# Has a CJK word, a character outside the BMP (a surrogate pair in UTF-16) and a quoted
# field with doubled quotes.
{
	printf '\xff\xfe'
	printf '%s\r\n' \
		$'Asunto\tFecha inicio\tCaso\tNotas' \
		$'Reunión 東京\t2024-07-26 09:30\t00123\tEmoji 🙂 ok' \
		$'Visita\t2024-07-27 10:00\t456\t"Texto con ""comillas"""' |
		iconv -f UTF-8 -t UTF-16LE
} >"$here/utf16-tab.csv"

# --- utf8-bom-comma.csv ----------------------------------------------------------------
# UTF-8 with a BOM (what Excel's "CSV UTF-8" writes), commas, LF line ends, a quoted field
# with a comma, a quoted field with a line break, a short row, a trailing empty header.
{
	printf '\xef\xbb\xbf'
	printf '%s\n' \
		'Asunto,Prioridad,Caso,Notas,' \
		'"Reunión, con coma",Alta,1,"línea 1' \
		'línea 2"' \
		'Corta' \
		'Otra,Baja,3,ñandú,'
} >"$here/utf8-bom-comma.csv"

# --- exceljs-types.xlsx (optional) -----------------------------------------------------
# Written by the exceljs npm package, a second XLSX writer with its own habits: no style on
# plain cells (s omitted), a date left to its default format gets built-in numFmtId 14,
# rich text is a shared string made of runs. See testdata/src/exceljs-types.js.
if command -v node >/dev/null && command -v npm >/dev/null; then
	(cd "$work" && npm install --silent --no-audit --no-fund exceljs@4.4.0 >/dev/null 2>&1) &&
		NODE_PATH="$work/node_modules" node "$here/src/exceljs-types.js" "$here/exceljs-types.xlsx" ||
		echo "exceljs-types.xlsx: npm install exceljs failed; kept the committed file" >&2
else
	echo "exceljs-types.xlsx: node/npm not found; kept the committed file" >&2
fi

echo "fixtures rebuilt in $here"
