#!/usr/bin/env bash
# Rebuilds the spreadsheet fixtures in testdata/sheets/ from the sources in
# testdata/sheets/src/, and what LibreOffice shows of each in testdata/sheets/shown/.
# See testdata/sheets/README.md for what every file holds and what a reader must read.
#
# Who writes what (real programs, not our own writer):
#   - LibreOffice (headless soffice) converts the flat-ODS sources src/*.fods to XLSX;
#   - exceljs (src/number-formats-exceljs.js, optional: needs node and npm) writes
#     number-formats-exceljs.xlsx;
#   - openpyxl (src/openpyxl_fixtures.py) writes the other XLSX files; two of them are
#     then post-processed with python's zipfile (numbers-redefined-id.xlsx: xl/styles.xml;
#     empty-style-attr.xlsx: xl/worksheets/sheet1.xml), as described in that script;
#   - the CSV files are written byte by byte here (printf), because their point is the
#     exact bytes; png-named.csv is a PNG written by python's zlib, pdf-named.csv a PDF
#     written by LibreOffice, xlsx-named.csv a copy of remember-x.xlsx.
#   - shown/<name>.<sheet>.csv: LibreOffice's CSV export with "save cell contents as
#     shown" (token 9 = true) and token 12 = -1 (every sheet to its own file; LibreOffice
#     7.4 names them <name>-<sheet>.csv, renamed here to <name>.<sheet>.csv).
#
# Needs: soffice (apt-get install libreoffice-calc-nogui; made with 7.4.7.2), a python3
# with openpyxl (Debian's /usr/bin/python3 with python3-openpyxl; made with 3.0.9; the
# PYTHON variable overrides). LibreOffice runs with a private profile whose locale is
# pinned to en-US, so the shown CSVs do not depend on the machine's LANG.
# Idempotent: every run rebuilds the same cells (LibreOffice stamps a new creation date
# into docProps/core.xml and the zip entries carry the time of the run, so bytes differ).
#
# Usage: bash testdata/sheets/make.sh        (from anywhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src"
shown="$here/shown"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }
py="${PYTHON:-/usr/bin/python3}"
"$py" -c 'import openpyxl' 2>/dev/null || { echo "$py has no openpyxl: apt-get install python3-openpyxl (or set PYTHON)" >&2; exit 1; }

# A private LibreOffice profile: no clash with a LibreOffice already running, no state
# leaking between runs, and the locale fixed to en-US (number and date display).
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
XCU
soffice_run() { # soffice_run ARGS...
	soffice -env:UserInstallation="file://$work/profile" --headless --norestore "$@" \
		>"$work/soffice.log" 2>&1 || { cat "$work/soffice.log" >&2; exit 1; }
}
# "Text - txt - csv (StarCalc)" export options, by position: 1 = 44 (',' between fields),
# 2 = 34 ('"' around text), 3 = 76 (UTF-8), 4 = 1 (from line 1), 5 empty (no column
# formats), 6 = 0 (the profile's language, en-US here), 7 = false, 8 = true, 9 = true (save
# the cell contents as shown, i.e. formatted), 10 and 11 false, 12 = -1 (every sheet to
# its own file, NAME-SHEET.csv, in LibreOffice 7.4).
SHOWN='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'

# --- XLSX written by LibreOffice from flat ODS --------------------------------------------
# title-rows, date-time, number-formats-lo, merged-data, formula-errors, hidden-rows,
# hidden-filtered: one pass each, src/NAME.fods -> NAME.xlsx.
mkdir -p "$work/lo"
soffice_run --convert-to xlsx --outdir "$work/lo" \
	"$src/title-rows.fods" "$src/date-time.fods" "$src/number-formats-lo.fods" \
	"$src/merged-data.fods" "$src/formula-errors.fods" "$src/hidden-rows.fods" \
	"$src/hidden-filtered.fods"
# (soffice exits 0 even when it could not load a file: check that each one was written)
for name in title-rows date-time number-formats-lo merged-data formula-errors hidden-rows hidden-filtered; do
	[ -s "$work/lo/$name.xlsx" ] || { echo "LibreOffice did not write $name.xlsx" >&2; cat "$work/soffice.log" >&2; exit 1; }
	cp "$work/lo/$name.xlsx" "$here/"
done

# --- XLSX written by openpyxl --------------------------------------------------------------
# instructions-first, date-time-openpyxl, number-formats, numbers-redefined-id,
# empty-style-attr, extra-columns, remember-x.
"$py" "$src/openpyxl_fixtures.py" "$here"

# --- XLSX written by exceljs (optional) -----------------------------------------------------
# number-formats-exceljs: the columns of number-formats.xlsx, from a third writer that
# stores 0.1+0.2 with all 17 digits. Needs node and npm (and the npm registry); without
# them the committed file is kept.
if command -v node >/dev/null && command -v npm >/dev/null; then
	(cd "$work" && npm install --silent --no-audit --no-fund exceljs@4.4.0 >/dev/null 2>&1) &&
		NODE_PATH="$work/node_modules" node "$src/number-formats-exceljs.js" "$here/number-formats-exceljs.xlsx" ||
		echo "number-formats-exceljs.xlsx: npm install exceljs failed; kept the committed file" >&2
else
	echo "number-formats-exceljs.xlsx: node/npm not found; kept the committed file" >&2
fi

# --- CSV files, byte by byte ---------------------------------------------------------------
# lone-cr.csv: old Mac line ends, a lone CR (0x0D) after every line including the last;
# UTF-8 without BOM, ',' between fields.
printf '%s\r' \
	'Asunto,Inicio,Prioridad,Responsable' \
	'Revisión de contrato,05/10/2026 09:30,Alta,Ana Pérez' \
	'Llamada de seguimiento,06/10/2026 15:00,Media,Luis Gómez' \
	'Visita comercial,07/10/2026 08:00,Baja,Marta Ruiz' >"$here/lone-cr.csv"

# sep-line.csv: Excel's "sep=;" first line naming the delimiter, then a ';' file (CRLF,
# UTF-8 without BOM). A field holds a ',' so that ',' cannot pass for the delimiter.
printf '%s\r\n' \
	'sep=;' \
	'Asunto;Inicio;Prioridad;Notas' \
	'Revisión de contrato;05/10/2026 09:30;Alta;Llevar contrato, anexos y sello' \
	'Llamada de seguimiento;06/10/2026 15:00;Media;' \
	'Visita comercial;07/10/2026 08:00;Baja;Cliente nuevo' >"$here/sep-line.csv"

# utf8-stray-byte.csv: UTF-8 (no BOM, CRLF, ',') with accents everywhere, and ONE byte
# that is not UTF-8: 0xE9 (é in Windows-1252) in "Caf\xe9 pendiente", row 3, column D
# (byte offset 145 of 218, 0-based).
printf '%s\r\n' \
	'Asunto,Cliente,Responsable,Notas' \
	'Reunión de apertura,Muñoz Hermanos,Ana Pérez,Todo en orden' \
	$'Llamada de cobro,Café del Valle,Luis Gómez,Caf\xe9 pendiente' \
	'Visita técnica,Señora Núñez,Marta Ruiz,Revisión anual' >"$here/utf8-stray-byte.csv"

# decimal-comma.csv: what Excel "CSV UTF-8" writes in a Spanish-speaking locale: a UTF-8
# BOM, ';' between fields, CRLF, numbers with '.' for thousands and ',' for decimals.
{
	printf '\xef\xbb\xbf'
	printf '%s\r\n' \
		'Asunto;Monto;Saldo;Duración;Caso' \
		'Pago parcial;1.234,50;-1.234,50;0,5;00123' \
		'Ajuste;-0,75;12,00;1,25;456' \
		'Reintegro;1.000.000,00;-1.234,50;2;789'
} >"$here/decimal-comma.csv"

# newline-in-cell.csv: CRLF line ends; row 2's Notas holds a bare LF inside quotes, row 3's
# Notas a CRLF inside quotes. UTF-8 without BOM, ','.
printf 'Asunto,Notas,Responsable\r\nRevisión,"línea 1\nlínea 2",Ana Pérez\r\nLlamada,"primera\r\nsegunda",Luis Gómez\r\nVisita,sin saltos,Marta Ruiz\r\n' \
	>"$here/newline-in-cell.csv"

# header-only.csv: a header line (CRLF-terminated) and nothing else.
printf 'Asunto,Inicio,Fin,Prioridad\r\n' >"$here/header-only.csv"

# blank-rows.csv: empty lines between data rows (rows 3, 5 and 6 as a spreadsheet numbers
# them) and a line of bare delimiters (row 8). CRLF, UTF-8 without BOM, ','.
printf '%s\r\n' \
	'Asunto,Inicio,Prioridad' \
	'Revisión de contrato,05/10/2026 09:30,Alta' \
	'' \
	'Llamada de seguimiento,06/10/2026 15:00,Media' \
	'' \
	'' \
	'Visita comercial,07/10/2026 08:00,Baja' \
	',,' \
	'Cobranza,08/10/2026 10:00,Media' >"$here/blank-rows.csv"

# xlsx-named.csv: an XLSX saved under a .csv name (byte copy of remember-x.xlsx).
cp "$here/remember-x.xlsx" "$here/xlsx-named.csv"

# png-named.csv: a valid 1x1 PNG (one white RGB pixel), written with zlib.
"$py" - "$here/png-named.csv" <<'PY'
import struct, sys, zlib
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff", 9)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

# pdf-named.csv: a one-page PDF made by LibreOffice (calc_pdf_Export) from src/pdf-named.fods.
mkdir -p "$work/pdf"
soffice_run --convert-to pdf --outdir "$work/pdf" "$src/pdf-named.fods"
[ -s "$work/pdf/pdf-named.pdf" ] || { echo "LibreOffice did not write pdf-named.pdf" >&2; exit 1; }
cp "$work/pdf/pdf-named.pdf" "$here/pdf-named.csv"

# --- shown/: what LibreOffice shows ---------------------------------------------------------
# Every XLSX, every sheet. LibreOffice opens the XLSX files with its defaults (it
# recalculates the formulas of formula-errors.xlsx on load, see the README).
rm -rf "$shown"
mkdir -p "$shown" "$work/shown"
shown_of() { # shown_of NAME FILE [INFILTER]: FILE -> shown/NAME.<sheet>.csv
	local name="$1" file="$2" out="$work/shown/$1"
	# the input is copied under NAME (so that LibreOffice names the output files after
	# it) into a directory of its own (LibreOffice refuses to write over its input)
	local in="$out/in/$name.${file##*.}"
	mkdir -p "$out/in"
	cp "$file" "$in"
	if [ $# -ge 3 ]; then
		soffice_run --infilter="$3" --convert-to "$SHOWN" --outdir "$out" "$in"
	else
		soffice_run --convert-to "$SHOWN" --outdir "$out" "$in"
	fi
	local f n=0
	for f in "$out/$name"-*.csv; do
		[ -e "$f" ] || { echo "shown: LibreOffice wrote nothing for $file" >&2; exit 1; }
		local sheet="${f#"$out/$name"-}"
		mv "$f" "$shown/$name.$sheet"
		n=$((n + 1))
	done
}
for f in "$here"/*.xlsx; do
	name="$(basename "$f" .xlsx)"
	shown_of "$name" "$f"
done
# The text CSV files, imported with the delimiter each needs and every column as text
# (CSV import options: delimiter, '"', 76 = UTF-8, from line 1, columns 1-10 of type 2 =
# Text): so the shown file is LibreOffice's split of the bytes into rows and fields, not
# its en-US guesses at dates and numbers (it would read 05/10/2026 as May 10 and drop the
# zeros of 00123). LibreOffice names a CSV's single sheet after the file, so these come
# out as shown/NAME.NAME.csv.
astext='1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2'
shown_of lone-cr "$here/lone-cr.csv" "CSV:44,34,76,1,$astext"
shown_of sep-line "$here/sep-line.csv" "CSV:59,34,76,1,$astext"
shown_of utf8-stray-byte "$here/utf8-stray-byte.csv" "CSV:44,34,76,1,$astext"
shown_of decimal-comma "$here/decimal-comma.csv" "CSV:59,34,76,1,$astext"
shown_of newline-in-cell "$here/newline-in-cell.csv" "CSV:44,34,76,1,$astext"
shown_of header-only "$here/header-only.csv" "CSV:44,34,76,1,$astext"
shown_of blank-rows "$here/blank-rows.csv" "CSV:44,34,76,1,$astext"
# xlsx-named.csv: headless soffice without --infilter refuses it ("source file could not
# be loaded"); with the XLSX filter named it reads it as the XLSX it is.
shown_of xlsx-named "$here/xlsx-named.csv" 'Calc MS Excel 2007 XML'
# png-named.csv and pdf-named.csv have no shown CSV: LibreOffice opens them as CSV text
# (garbage rows of binary bytes); what a reader must do with them is refuse them.

echo "sheets rebuilt in $here"
