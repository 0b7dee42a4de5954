#!/usr/bin/env bash
# Rebuilds samples/meetings.xlsx from samples/meetings.csv with LibreOffice (headless), so the
# two samples hold the same meetings: in the XLSX the three date columns are real date cells
# (LibreOffice parses them as day/month/year), Caso is a number, everything else is text.
#
# Needs: soffice (apt-get install libreoffice-calc-nogui). Idempotent.
# Usage: bash samples/make-samples.sh        (from anywhere)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }

# CSV import options (LibreOffice "Filter Options" token list): field separator 44 (,),
# text delimiter 34 ("), character set 76 (UTF-8), start at line 1, then column/type pairs:
# 1 = standard (numbers become numbers), 2 = text, 4 = date D/M/Y.
#   1 Asunto, 2 Prioridad: text; 3 Fecha inicio, 4 Fecha fin: date D/M/Y; 5 Recordar: text;
#   6 Recordatorio: date D/M/Y; 7 Notas, 8 Cliente: text; 9 Caso: standard (a number);
#   10 Lugar, 11 Responsable, 12 Participantes: text.
# LibreOffice gives the date cells its default format, mm/dd/yy hh:mm AM/PM: only how they
# look; the cells hold date serials, which is what the reader goes by.
filter='CSV:44,34,76,1,1/2/2/2/3/4/4/4/5/2/6/4/7/2/8/2/9/1/10/2/11/2/12/2'
soffice -env:UserInstallation="file://$work/profile" --headless --norestore \
	--infilter="$filter" --convert-to xlsx --outdir "$work" "$here/meetings.csv" >"$work/log" 2>&1 ||
	{ cat "$work/log" >&2; exit 1; }
cp "$work/meetings.xlsx" "$here/meetings.xlsx"
echo "wrote $here/meetings.xlsx"
