#!/usr/bin/env bash
# bench/corpus.sh: compare what the project's reader (importer/source) reads from real-world
# spreadsheets with what LibreOffice shows, and print mismatches by class.
#
#   bench/corpus.sh [options] CORPUS_DIR...
#
#   --bin PATH        use this bench/corpus binary (default: build it from the current tree
#                     with `go build -o OUT/corpus-bin ./bench/corpus`)
#   --out DIR         work dir: tool CSVs, LibreOffice CSVs, jobs.tsv, report.txt,
#                     mismatches.tsv (every mismatch: file, row, col, class, texts)
#                     (default: a new dir under $TMPDIR or /tmp)
#   --timeout SECS    per file, for the tool and for LibreOffice (default 60)
#   --max-size BYTES  skip files larger than this (default: no limit)
#   --sheet NAME      read this sheet (tool: -sheet; LibreOffice: the same sheet)
#   --no-csv          only .xlsx/.xlsm
#   --all-csv         also the CSV files named like NAME.EXT.N.csv (by default they are
#                     skipped: in SheetJS/test_files they are SheetJS's own exports)
#
# Every .xlsx/.xlsm/.csv file under each CORPUS_DIR (recursively) is (a) read by the
# tool, (b) converted by LibreOffice headless to CSV, the sheet the tool reads (the first
# visible one, or --sheet), cell contents as shown; CSV inputs are imported by LibreOffice
# with every column as text, with the delimiter and charset that bench/corpus/compare.py
# guesses; (c) compared by bench/corpus/compare.py, rows aligned by spreadsheet row number.
# The report (stdout and OUT/report.txt) has, per corpus and in total: files, files read
# without error, cells compared, mismatches by class, up to 3 examples per class.
#
# Needs: go, python3 (standard library only), soffice (apt-get install
# libreoffice-calc-nogui), timeout (coreutils). The corpora live OUTSIDE the repo; e.g.
# SheetJS/test_files, tafia/calamine (its tests/), maxogden/csv-spectrum checked out
# under /work/corpora:
#
#   bench/corpus.sh --max-size 2000000 /work/corpora/sheetjs /work/corpora/calamine/tests \
#       /work/corpora/csv-spectrum > /work/corpus-report.txt
#
# LibreOffice runs with its own profile (/tmp/lo-corpus-profile), one file at a time, under
# timeout(1), which kills its whole process group; in the report "LibreOffice failed(124)"
# or "failed(137)" is a timeout, "nooutput" a file it could not load. A tool "timeout" is
# the tool hanging (or crashing without a line on stdout).
# Classes: see bench/corpus/compare.py (classify); every mismatch is in OUT/mismatches.tsv.
set -euo pipefail

BIN=""
OUT=""
TIMEOUT=60
MAXSIZE=""
SHEET=""
CSV=1
ALLCSV=0
while [ $# -gt 0 ]; do
	case "$1" in
	--bin) BIN="$2"; shift ;;
	--out) OUT="$2"; shift ;;
	--timeout) TIMEOUT="$2"; shift ;;
	--max-size) MAXSIZE="$2"; shift ;;
	--sheet) SHEET="$2"; shift ;;
	--no-csv) CSV=0 ;;
	--all-csv) ALLCSV=1 ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "corpus.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
if [ $# -eq 0 ]; then
	echo "corpus.sh: no corpus dir (try --help)" >&2
	exit 2
fi
for d in "$@"; do
	[ -d "$d" ] || { echo "corpus.sh: $d is not a directory" >&2; exit 2; }
done
command -v soffice >/dev/null || { echo "corpus.sh: soffice not found (apt-get install libreoffice-calc-nogui)" >&2; exit 2; }

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
COMPARE="$HERE/corpus/compare.py"
[ -n "$OUT" ] || OUT="$(mktemp -d "${TMPDIR:-/tmp}/corpus.XXXXXX")"
mkdir -p "$OUT/tool" "$OUT/lo"
OUT="$(cd "$OUT" && pwd)"
if [ -z "$BIN" ]; then
	BIN="$OUT/corpus-bin"
	(cd "$ROOT" && go build -o "$BIN" ./bench/corpus)
fi
PROFILE="file:///tmp/lo-corpus-profile"
JOBS="$OUT/jobs.tsv"
: >"$JOBS"
start=$(date +%s)
nfiles=0

# Each file: one line of jobs.tsv (corpus, file, tool status, tool CSV, tool message,
# LibreOffice status, LibreOffice CSV, sheet, milliseconds for both).
for corpus in "$@"; do
	corpus="$(cd "$corpus" && pwd)"
	pat=(-iname '*.xlsx' -o -iname '*.xlsm')
	[ "$CSV" = 1 ] && pat+=(-o -iname '*.csv')
	while IFS= read -r -d '' f; do
		lower="${f,,}"
		if [[ "$lower" == *.csv && "$ALLCSV" == 0 && "$(basename "$lower")" =~ \.[a-z0-9]+\.[0-9]+\.csv$ ]]; then
			continue
		fi
		if [ -n "$MAXSIZE" ] && [ "$(stat -c %s "$f")" -gt "$MAXSIZE" ]; then
			continue
		fi
		nfiles=$((nfiles + 1))
		t0=$(date +%s%N)

		# (a) the tool
		targs=(-out "$OUT/tool")
		[ -n "$SHEET" ] && targs+=(-sheet "$SHEET")
		line="$(timeout -k 5 "$TIMEOUT" "$BIN" "${targs[@]}" "$f" 2>"$OUT/tool/last.stderr" | head -n 1)" || true
		if [ -n "$line" ]; then
			IFS=$'\t' read -r _ tstatus tcsv tmsg <<<"$line" || true
		else
			tstatus="timeout"; tcsv=""; tmsg="no answer in ${TIMEOUT}s (or crashed): $(head -c 300 "$OUT/tool/last.stderr" | tr '\t\n' '  ')"
		fi

		# (b) LibreOffice: the sheet the tool reads; CSV inputs as text
		lodir="$OUT/lo/$nfiles"
		mkdir -p "$lodir"
		lstatus="ok"
		infilter=()
		opts='44,34,76,1,,0,false,true,true'
		case "$lower" in
		*.csv)
			read -r sep charset ncols < <(python3 "$COMPARE" csvinfo "$f")
			fmt="$(seq -s/ 1 "$ncols" | sed 's#\([0-9]*\)#\1/2#g')"
			infilter=("--infilter=Text - txt - csv (StarCalc):$sep,34,$charset,1,$fmt,0,true,false")
			;;
		*)
			# The sheet's 1-based index (LibreOffice counts hidden sheets too); when the
			# workbook cannot be parsed, LibreOffice's own choice (and "ok?" as status).
			if idx="$(python3 "$COMPARE" sheet "$f" "$SHEET" 2>/dev/null)"; then
				opts="$opts,false,false,$idx"
			elif [ -n "$SHEET" ]; then
				lstatus="nosheet"
			else
				lstatus="ok?"
			fi
			;;
		esac
		lcsv=""
		if [ "$lstatus" = ok ] || [ "$lstatus" = "ok?" ]; then
			if timeout -k 5 "$TIMEOUT" soffice -env:UserInstallation="$PROFILE" --headless "${infilter[@]}" \
				--convert-to "csv:Text - txt - csv (StarCalc):$opts" --outdir "$lodir" "$f" \
				>"$lodir/log" 2>&1 </dev/null; then
				lcsv="$(find "$lodir" -name '*.csv' -print -quit)"
				if [ -n "$lcsv" ]; then lstatus="ok"; else lstatus="nooutput"; fi
			else
				lstatus="failed($?)"
			fi
		fi
		ms=$((($(date +%s%N) - t0) / 1000000))
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$corpus" "$f" "$tstatus" "$tcsv" "$tmsg" "$lstatus" "$lcsv" "$SHEET" "$ms" >>"$JOBS"
		printf '\r%d files, %ds' "$nfiles" $(($(date +%s) - start)) >&2
	done < <(find "$corpus" -type f \( "${pat[@]}" \) -print0 | sort -z)
done
echo >&2
convert_secs=$(($(date +%s) - start))

# (c) the comparison
python3 "$COMPARE" report "$JOBS" "$OUT/mismatches.tsv" >"$OUT/report.txt"
{
	echo "# bench/corpus.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "# tree: $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo '?'); binary: $BIN"
	echo "# corpora: $*"
	echo "# options: timeout ${TIMEOUT}s${MAXSIZE:+, max size $MAXSIZE bytes}${SHEET:+, sheet $SHEET}; csv $CSV, all-csv $ALLCSV"
	echo "# $nfiles files; reading and converting took ${convert_secs}s, the whole run $(($(date +%s) - start))s; work dir $OUT"
	echo
	cat "$OUT/report.txt"
} | tee "$OUT/report.full.txt"
