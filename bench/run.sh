#!/usr/bin/env bash
# bench/run.sh: measure wolkvox-import against the targets of the issue "Performance,
# measured", and print a Markdown table (case, measured, target, ratio, met?).
#
#   bench/run.sh            full sizes, 3 runs per case (about 5 minutes on 2 cores)
#   bench/run.sh --quick    smaller inputs, 1 run per case (about 1 minute)
#   bench/run.sh --reps N   N runs per case
#   bench/run.sh --only throughput,shape   only these parts (throughput, shape, seq, rate, dry)
#
# Environment: BENCH_TMPDIR  where the work dir goes (default $TMPDIR or /tmp); the ledger
#                            lives there too, so its fsyncs cost what that disk costs
#              BENCH_KEEP=1  keep the work dir (inputs, logs, results) for a look
#
# What it does: builds the binary (CGO_ENABLED=0), the generator (bench/gen) and the
# measuring tool (bench/measure) into a temp dir; generates the inputs there; for each
# case starts `wolkvox-import sandbox` on a free loopback port and runs the binary under
# /usr/bin/time -v. Rows/s = rows / wall time of the import process (start-up, preflight
# and the results sheet included). Rates and 1-second windows are measured at the server,
# from GET /sandbox/requests. Of N runs the table shows the median (throughput, rate,
# speed) or the worst (peak RSS, max in any 1-s window); every run is listed.
#
# The machine's limit: before and after each importer run of a throughput case, a bare Go
# POST loop (bench/measure loop: C goroutines, the same bodies, the same sandbox, no
# ledger) measures what this machine can do at that moment. The ratio is the best
# importer run over the best loop run, both as the server saw them (inserts from the
# first arrival to the last answer); the same end to end (process wall times) is beside
# it. With `hey` installed it runs once per case too (one body, for reference). The
# real-latency case (C=2, 250 ms) is measured at the server: the mean requests in flight
# from the first arrival to the last answer.
set -euo pipefail

QUICK=0
REPS=3
ONLY=",throughput,shape,seq,rate,dry,"
while [ $# -gt 0 ]; do
	case "$1" in
	-q | --quick) QUICK=1; REPS=1 ;;
	--reps) REPS="$2"; shift ;;
	--only) ONLY=",$2,"; shift ;;
	-h | --help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
	esac
	shift
done

if [ ! -x /usr/bin/time ]; then
	echo "run.sh: /usr/bin/time is missing (peak RSS comes from its -v report)." >&2
	echo "        Install it with: sudo apt-get install -y time   (Debian/Ubuntu)" >&2
	exit 2
fi
if ! /usr/bin/time -v true 2>&1 | grep -q "Maximum resident set size"; then
	echo "run.sh: /usr/bin/time is not GNU time (no -v report); install it: sudo apt-get install -y time" >&2
	exit 2
fi
command -v go >/dev/null || { echo "run.sh: go is not on PATH" >&2; exit 2; }
[ -n "${EPOCHREALTIME:-}" ] || { echo "run.sh: needs bash 5 (EPOCHREALTIME)" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/wolkvox-bench.XXXXXX")
SANDBOX_PID=""
cleanup() {
	stop_sandbox
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "work dir kept: $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LATENCY=20ms
LATENCY_S=0.020
RATE=50
BURST=1
if [ "$QUICK" = 1 ]; then
	ROWS_C2=200 ROWS_C16=1600 ROWS_C64=6400 ROWS_SEQ=100 ROWS_RATE=250 ROWS_SHAPE=80
	ROWS_CSV=200000 ROWS_XLSX=50000
else
	# About 5 s of sending per run at the ideal rate; 10 s for the rate case.
	ROWS_C2=600 ROWS_C16=4000 ROWS_C64=16000 ROWS_SEQ=300 ROWS_RATE=500
	ROWS_SHAPE=400 # Wolkvox's real shape: C=2, 250 ms per answer, 50 s per run
	ROWS_CSV=1000000 ROWS_XLSX=200000
fi

SHAPE_LATENCY=250ms
SHAPE_LATENCY_S=0.250

log() { printf '%s\n' "$*" >&2; }
part() { [[ $ONLY == *",$1,"* ]]; }

# ---- build ------------------------------------------------------------------------------
log "building in $WORK (CGO_ENABLED=0) ..."
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$WORK/wolkvox-import" . &&
	CGO_ENABLED=0 go build -o "$WORK/gen" ./bench/gen &&
	CGO_ENABLED=0 go build -o "$WORK/measure" ./bench/measure)
BIN="$WORK/wolkvox-import"

# ---- inputs -----------------------------------------------------------------------------
log "generating inputs ..."
"$WORK/gen" -mapping "$WORK/mapping.yaml"
for n in "$ROWS_C2" "$ROWS_C16" "$ROWS_C64" "$ROWS_SEQ" "$ROWS_RATE" "$ROWS_SHAPE"; do
	[ -f "$WORK/rows-$n.csv" ] || "$WORK/gen" -rows "$n" -csv "$WORK/rows-$n.csv"
done
if part dry; then
	"$WORK/gen" -rows "$ROWS_CSV" -csv "$WORK/big.csv"
	"$WORK/gen" -rows "$ROWS_XLSX" -xlsx "$WORK/big.xlsx"
fi

# ---- helpers ----------------------------------------------------------------------------
SANDBOX_URL=""
start_sandbox() { # start_sandbox MAX_IN_FLIGHT [LATENCY]
	local out="$WORK/sandbox.out"
	: >"$out"
	"$BIN" sandbox --listen 127.0.0.1:0 --latency "${2:-$LATENCY}" --max-in-flight "$1" --quiet >"$out" 2>&1 &
	SANDBOX_PID=$!
	for _ in $(seq 100); do
		SANDBOX_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 || true)
		[ -n "$SANDBOX_URL" ] && return 0
		sleep 0.05
	done
	log "the sandbox did not start:"; cat "$out" >&2
	exit 1
}
stop_sandbox() {
	if [ -n "$SANDBOX_PID" ]; then
		kill "$SANDBOX_PID" 2>/dev/null || true
		wait "$SANDBOX_PID" 2>/dev/null || true
		SANDBOX_PID=""
	fi
}

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL (s), RSS_MB, CPU; fails
# the script on a non-zero exit.
timed() {
	local name=$1; shift
	local t0 t1
	t0=$EPOCHREALTIME
	if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
		log "$name failed: $*"; cat "$WORK/$name.out" "$WORK/$name.err" >&2
		exit 1
	fi
	t1=$EPOCHREALTIME
	WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/$name.time")
	CPU=$(awk -F': ' '/Percent of CPU/ { print $2 }' "$WORK/$name.time")
	CPU_S=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$WORK/$name.time")
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

ROWS_MD=()
row() { # row CASE MEASURED TARGET RATIO MET RUNS
	ROWS_MD+=("| $1 | $2 | $3 | $4 | $5 | $6 |")
}
# met VALUE OP THRESHOLD -> yes/NO
met() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print ok ? "yes" : "**NO**" }'; }

bestof() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -1; }

# import_run NAME ROWS MAX_IN_FLIGHT IMPORT-FLAGS...: one import of rows-ROWS.csv into a
# fresh sandbox (latency $RUN_LATENCY, else $LATENCY) with a fresh ledger; sets RPS (end
# to end), and the server's view: COUNT, OK, MEAN, MAX1S, INFLIGHT, SENDING.
import_run() {
	local name=$1 rows=$2 mif=$3; shift 3
	start_sandbox "$mif" "${RUN_LATENCY:-$LATENCY}"
	WOLKVOX_TOKEN=bench-token timed "$name" "$BIN" import --server "$SANDBOX_URL" --mapping "$WORK/mapping.yaml" \
		--ledger "$WORK/$name.ledger.db" --results "$WORK/$name.results.csv" "$@" "$WORK/rows-$rows.csv"
	local count ok span_s mean max1s first10 last10 inflight sending_s rate
	eval "$("$WORK/measure" arrivals -url "$SANDBOX_URL")"
	stop_sandbox
	rm -f "$WORK/$name.ledger.db" "$WORK/$name.results.csv"
	if [ "$ok" != "$rows" ]; then
		log "$name: the server created $ok of $rows rows"; cat "$WORK/$name.out" >&2
		exit 1
	fi
	RPS=$(calc "%.1f" "$rows / $WALL")
	COUNT=$count MEAN=$mean MAX1S=$max1s SPAN=$span_s INFLIGHT=$inflight SENDING=$sending_s SRV_RPS=$rate
}

# loop_run NAME ROWS C MAX_IN_FLIGHT: the bare Go POST loop (bench/measure loop) of the
# same bodies at concurrency C into a fresh sandbox; sets LOOP_RPS (end to end: the
# process's wall time, reading the input included, as for the importer), LOOP_SRV_RPS and
# LOOP_INFLIGHT (at the server).
loop_run() {
	local name=$1 rows=$2 c=$3 mif=$4
	start_sandbox "$mif" "${RUN_LATENCY:-$LATENCY}"
	WOLKVOX_TOKEN=bench-token timed "$name" "$WORK/measure" loop -c "$c" -url "$SANDBOX_URL" \
		-input "$WORK/rows-$rows.csv" -mapping "$WORK/mapping.yaml"
	local count ok span_s mean max1s first10 last10 inflight sending_s rate
	eval "$("$WORK/measure" arrivals -url "$SANDBOX_URL")"
	stop_sandbox
	local created rows_per_s seconds
	eval "$(cat "$WORK/$name.out")" # rows= created= seconds= rows_per_s=
	[ "$created" = "$rows" ] || { log "POST loop $name: created $created of $rows"; exit 1; }
	LOOP_RPS=$(calc "%.1f" "$rows / $WALL") LOOP_SRV_RPS=$rate LOOP_INFLIGHT=$inflight
}

# hey_run ROWS C MAX_IN_FLIGHT: hey (if installed) posting the first body ROWS times at
# concurrency C; sets HEY_RPS ("" without hey).
hey_run() {
	HEY_RPS=""
	command -v hey >/dev/null || return 0
	local rows=$1 c=$2 mif=$3
	"$WORK/measure" body -input "$WORK/rows-$rows.csv" -mapping "$WORK/mapping.yaml" >"$WORK/body.json"
	start_sandbox "$mif" "${RUN_LATENCY:-$LATENCY}"
	hey -n "$rows" -c "$c" -m POST -T application/json -H "Wolkvox-Token: bench-token" -D "$WORK/body.json" \
		"$SANDBOX_URL/server/API/v2/custom/insert.php" >"$WORK/hey-$c.out" 2>&1 || true
	stop_sandbox
	HEY_RPS=$(awk '/Requests\/sec:/ { printf "%.1f", $2 }' "$WORK/hey-$c.out")
	grep -q '\[200\]' "$WORK/hey-$c.out" || HEY_RPS=""
}

# ---- throughput: --rate 0, concurrency C, latency 20 ms, beside the machine's limit -------
declare -A C_RPS
C_RPS[2]=""
if part throughput; then
	for c in 2 16 64; do
		rows_var=ROWS_C$c
		rows=${!rows_var}
		mif=-1
		[ "$c" = 2 ] && mif=2 # Wolkvox's own limit stays on at C=2
		runs="" e2e="" loops="" le2e="" ratios=""
		loop_run "loop$c-0" "$rows" "$c" "$mif"
		prev=$LOOP_SRV_RPS loops="$LOOP_SRV_RPS" le2e="$LOOP_RPS"
		for rep in $(seq "$REPS"); do
			log "throughput C=$c, run $rep/$REPS: $rows rows, then the POST loop ..."
			import_run "c$c-$rep" "$rows" "$mif" --rate 0 --concurrency "$c"
			runs="$runs $SRV_RPS" e2e="$e2e $RPS"
			loop_run "loop$c-$rep" "$rows" "$c" "$mif"
			loops="$loops $LOOP_SRV_RPS" le2e="$le2e $LOOP_RPS"
			# This run against the mean of the loop runs just before and after it.
			ratios="$ratios $(calc "%.3f" "2 * $SRV_RPS / ($prev + $LOOP_SRV_RPS)")"
			prev=$LOOP_SRV_RPS
		done
		hey_run "$rows" "$c" "$mif"
		ideal=$(calc "%.0f" "$c / $LATENCY_S")
		best=$(echo "$runs" | bestof) lbest=$(echo "$loops" | bestof)
		ebest=$(echo "$e2e" | bestof) lebest=$(echo "$le2e" | bestof)
		C_RPS[$c]=$(echo "$e2e" | median)
		ratio=$(calc "%.4f" "$best / $lbest")
		heytext=""
		[ -n "$HEY_RPS" ] && heytext="; hey (one body, its own count, 1 run): $HEY_RPS"
		row "throughput C=$c, L=$LATENCY, --rate 0 ($rows rows): rows/s at the server, best of $REPS" \
			"$best (loop $lbest)" "≥ 97% of the POST loop" \
			"$(calc "%.1f" "100 * $ratio")% of the loop; end to end $(calc "%.1f" "100 * $ebest / $lebest")% ($ebest vs $lebest); $(calc "%.1f" "100 * $best / $ideal")% of ideal $ideal" \
			"$(met "$ratio" ">=" 0.97)" \
			"importer:$runs; loop (before, between, after):$loops; each run / the loops around it:$ratios; end to end, importer:$e2e, loop:$le2e$heytext"
	done
fi

# ---- Wolkvox's real shape: C=2, 250 ms per answer; the pipe's use at the server -----------
if part shape; then
	RUN_LATENCY=$SHAPE_LATENCY
	runs="" loops=""
	for rep in $(seq "$REPS"); do
		log "real shape (C=2, $SHAPE_LATENCY), run $rep/$REPS: $ROWS_SHAPE rows, then the POST loop ..."
		import_run "shape-$rep" "$ROWS_SHAPE" 2 --rate 0 --concurrency 2
		runs="$runs $INFLIGHT"
		loop_run "shapeloop-$rep" "$ROWS_SHAPE" 2 2
		loops="$loops $LOOP_INFLIGHT"
	done
	unset RUN_LATENCY
	med=$(echo "$runs" | median)
	lmed=$(echo "$loops" | median)
	row "real shape: mean requests in flight at the server, C=2, L=$SHAPE_LATENCY, --rate 0 ($ROWS_SHAPE rows)" \
		"$med (median of $REPS)" "≥ 1.98 (pipe busy ≥ 99%)" \
		"$(calc "%.3f" "$med / 1.98") ($(calc "%.2f" "50 * $med")% busy; the loop: $lmed)" "$(met "$med" ">=" 1.98)" \
		"importer:$runs; loop:$loops"
fi

# ---- the simplest alternative: one request after another ---------------------------------
if part seq; then
	runs="" loops=""
	for rep in $(seq "$REPS"); do
		log "sequential, run $rep/$REPS: importer --concurrency 1 --rate 0, then a Go POST loop, $ROWS_SEQ rows each ..."
		import_run "seq-$rep" "$ROWS_SEQ" 2 --rate 0 --concurrency 1
		runs="$runs $RPS"
		start_sandbox 2
		WOLKVOX_TOKEN=bench-token timed "loop-$rep" "$WORK/measure" seq -url "$SANDBOX_URL" -input "$WORK/rows-$ROWS_SEQ.csv" -mapping "$WORK/mapping.yaml"
		stop_sandbox
		eval "$(cat "$WORK/loop-$rep.out")" # rows= created= seconds= rows_per_s=
		[ "$created" = "$ROWS_SEQ" ] || { log "POST loop: created $created of $ROWS_SEQ"; exit 1; }
		loops="$loops $rows_per_s"
	done
	ideal1=$(calc "%.0f" "1 / $LATENCY_S")
	seq_med=$(echo "$runs" | median)
	loop_med=$(echo "$loops" | median)
	row "sequential: importer --concurrency 1 --rate 0 ($ROWS_SEQ rows)" "$seq_med rows/s" "— (ideal $ideal1)" \
		"$(calc "%.1f" "100 * $seq_med / $ideal1")% of ideal" "—" "runs:$runs"
	row "sequential: Go POST loop, same bodies, no ledger ($ROWS_SEQ rows)" "$loop_med rows/s" "— (ideal $ideal1)" \
		"$(calc "%.1f" "100 * $loop_med / $ideal1")% of ideal" "—" "runs:$loops (loop only, bodies built before)"
	[ -n "${C_RPS[2]}" ] && row "importer C=2 vs the sequential POST loop" "×$(calc "%.2f" "${C_RPS[2]} / $loop_med")" "— (ideal ×2)" \
		"$(calc "%.1f" "100 * ${C_RPS[2]} / $loop_med / 2")% of ×2" "—" "importer C=1 vs loop: ×$(calc "%.2f" "$seq_med / $loop_med")"
fi

# ---- rate at the server: --rate 50 --burst 1 -------------------------------------------------
if part rate; then
	means="" windows=""
	for rep in $(seq "$REPS"); do
		log "rate $RATE/s burst $BURST, run $rep/$REPS: $ROWS_RATE rows ..."
		import_run "rate-$rep" "$ROWS_RATE" 2 --rate "$RATE" --burst "$BURST" --concurrency 2
		means="$means $MEAN"
		windows="$windows $MAX1S"
	done
	mean_med=$(echo "$means" | median)
	win_max=$(echo "$windows" | maxof)
	rtarget=$(calc "%.1f" "0.98 * $RATE")
	row "rate: mean at the server, --rate $RATE --burst $BURST, C=2 ($ROWS_RATE rows)" "$mean_med req/s" "≥ $rtarget req/s (98%)" \
		"$(calc "%.3f" "$mean_med / $rtarget") ($(calc "%.1f" "100 * $mean_med / $RATE")% of $RATE)" "$(met "$mean_med" ">=" "$rtarget")" "runs:$means"
	row "rate: most requests in any 1-s window (worst run)" "$win_max" "≤ $((RATE + BURST))" \
		"$(calc "%.3f" "$win_max / ($RATE + $BURST)")" "$(met "$win_max" "<=" "$((RATE + BURST))")" "runs:$windows"
fi

# ---- dry runs: memory and local speed ---------------------------------------------------------
if part dry; then
	dry() { # dry NAME INPUT ROWS RESULTS-EXT: sets DRY_RPS, DRY_RSS (lists over runs)
		local name=$1 input=$2 rows=$3 ext=$4
		DRY_RPS="" DRY_RSS="" DRY_CPU=""
		for rep in $(seq "$REPS"); do
			log "dry run $name, run $rep/$REPS: $rows rows, $ext results ..."
			timed "$name-$rep" "$BIN" import --dry-run --mapping "$WORK/mapping.yaml" --results "$WORK/$name.results.$ext" "$input"
			tr -d , <"$WORK/$name-$rep.out" | grep -q "$rows rows checked" || { log "$name: not all rows checked"; cat "$WORK/$name-$rep.out" >&2; exit 1; }
			rm -f "$WORK/$name.results.$ext"
			DRY_RPS="$DRY_RPS $(calc "%.0f" "$rows / $WALL")"
			DRY_RSS="$DRY_RSS $RSS_MB"
		DRY_CPU="$DRY_CPU $(calc "%.0f" "$rows / $CPU_S")"
		done
	}
	fmt_rows() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }; print s o }'; }

	dry csv "$WORK/big.csv" "$ROWS_CSV" csv
	rss=$(echo "$DRY_RSS" | maxof) rps=$(echo "$DRY_RPS" | median)
	row "memory: --dry-run, $(fmt_rows "$ROWS_CSV")-row CSV, CSV results" "$rss MB peak RSS" "≤ 100 MB" \
		"$(calc "%.3f" "$rss / 100")" "$(met "$rss" "<=" 100)" "runs:$DRY_RSS"
	row "speed: --dry-run, $(fmt_rows "$ROWS_CSV")-row CSV" "$rps rows/s" "≥ 300000 rows/s" \
		"$(calc "%.3f" "$rps / 300000")" "$(met "$rps" ">=" 300000)" "runs:$DRY_RPS; rows per CPU-second (user+sys):$DRY_CPU"

	# The results sheet streamed into the zip: memory does not grow with the rows.
	dry csv-xlsx "$WORK/big.csv" "$ROWS_CSV" xlsx
	rss=$(echo "$DRY_RSS" | maxof) rps=$(echo "$DRY_RPS" | median)
	row "memory: --dry-run, $(fmt_rows "$ROWS_CSV")-row CSV, XLSX results" "$rss MB peak RSS" "≤ 100 MB" \
		"$(calc "%.3f" "$rss / 100")" "$(met "$rss" "<=" 100)" "runs:$DRY_RSS"
	row "(speed) --dry-run, $(fmt_rows "$ROWS_CSV")-row CSV, XLSX results" "$rps rows/s" "—" "—" "—" "runs:$DRY_RPS"

	dry xlsx "$WORK/big.xlsx" "$ROWS_XLSX" xlsx
	rss=$(echo "$DRY_RSS" | maxof) rps=$(echo "$DRY_RPS" | median)
	row "memory: --dry-run, $(fmt_rows "$ROWS_XLSX")-row XLSX, XLSX results" "$rss MB peak RSS" "≤ 300 MB" \
		"$(calc "%.3f" "$rss / 300")" "$(met "$rss" "<=" 300)" "runs:$DRY_RSS"
	row "speed: --dry-run, $(fmt_rows "$ROWS_XLSX")-row XLSX, XLSX results" "$rps rows/s" "≥ 60000 rows/s" \
		"$(calc "%.3f" "$rps / 60000")" "$(met "$rps" ">=" 60000)" "runs:$DRY_RPS; rows per CPU-second:$DRY_CPU"

	REPS_SAVED=$REPS REPS=1
	dry xlsx-csv "$WORK/big.xlsx" "$ROWS_XLSX" csv
	REPS=$REPS_SAVED
	DRY_RPS=${DRY_RPS# } DRY_RSS=${DRY_RSS# }
	row "(for comparison) --dry-run, $(fmt_rows "$ROWS_XLSX")-row XLSX, CSV results, 1 run" "$DRY_RPS rows/s, $DRY_RSS MB" "≥ 60000 rows/s, ≤ 300 MB" \
		"$(calc "%.3f" "$DRY_RPS / 60000"), $(calc "%.3f" "$DRY_RSS / 300")" "$(met "$DRY_RPS" ">=" 60000), $(met "$DRY_RSS" "<=" 300)" "—"
fi

# ---- report -------------------------------------------------------------------------------
rev=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "(not a git checkout: $ROOT)")
dirty=$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -qv '^?? bench/' && echo " + uncommitted changes" || true)
mode="full, median of $REPS runs (worst run for RSS and the 1-s window)"
[ "$QUICK" = 1 ] && mode="quick (smaller inputs, 1 run: not the issue's sizes)"
echo
echo "## wolkvox-import performance ($mode)"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $rev$dirty, $(go version | awk '{print $3}'), $(nproc) cores," \
	"load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg), work dir (and ledger) on $(df --output=fstype "$WORK" | tail -1) ($(df --output=source "$WORK" | tail -1))."
echo "Sandbox: separate process, latency $LATENCY, 2-in-flight check on at C ≤ 2, off above. Rows/s are end to end (process wall time)."
echo
echo "| case | measured | target | ratio (measured/target) | met? | runs |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS_MD[@]}"
echo
echo "total time of bench/run.sh: ${SECONDS} s"
