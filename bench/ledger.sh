#!/usr/bin/env bash
# bench/ledger.sh: the million-row real run of the issue "The ledger at a million rows":
# ROWS CSV rows (default 1,000,000) sent for real to a 0 ms sandbox at --concurrency 64,
# --rate 0, CSV results, into a fresh ledger; then a second input of as many new rows into
# the same ledger (the cost per row must not grow with history). Prints, per run: peak RSS
# (/usr/bin/time -v), ledger bytes on disk per row (file + WAL, after the run), rows/s over
# the first and the last tenth of the run as the server saw them, syncs per row
# (fsync + fdatasync, counted by `perf stat` tracepoints: no slowdown), wall time.
#
#   bench/ledger.sh              1,000,000 rows per run (about 5 minutes on 2 cores)
#   ROWS=100000 bench/ledger.sh  smaller
#
# Environment: BENCH_TMPDIR  where the work dir (inputs, ledger, results) goes (default
#                            $TMPDIR or /tmp): the ledger's syncs cost what that disk costs
#              BENCH_KEEP=1  keep the work dir
# Needs GNU time (apt-get install time) and perf (apt-get install linux-perf), as root or
# with kernel.perf_event_paranoid ≤ 1 for the syscall tracepoints; without perf, syncs
# are not counted.
set -euo pipefail

ROWS=${ROWS:-1000000}
C=${C:-64}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/wolkvox-ledger-bench.XXXXXX")
SANDBOX_PID=""
cleanup() {
	[ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
	if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
log() { printf '%s\n' "$*" >&2; }
[ -x /usr/bin/time ] || { log "ledger.sh: needs GNU time (apt-get install time)"; exit 2; }
PERF=""
if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_fsync -o /dev/null true 2>/dev/null; then
	PERF=perf
else
	log "ledger.sh: perf cannot count syscalls here: syncs per row are not measured"
fi

log "building in $WORK (CGO_ENABLED=0) ..."
(cd "$ROOT" && CGO_ENABLED=0 go build -o "$WORK/wolkvox-import" . &&
	CGO_ENABLED=0 go build -o "$WORK/gen" ./bench/gen &&
	CGO_ENABLED=0 go build -o "$WORK/measure" ./bench/measure)
BIN="$WORK/wolkvox-import"
log "generating two inputs of $ROWS rows ..."
"$WORK/gen" -mapping "$WORK/mapping.yaml"
"$WORK/gen" -rows "$ROWS" -csv "$WORK/first.csv"
# The second input: other meetings (another subject on every row), same sizes.
sed '2,$ s/^/B-/' "$WORK/first.csv" >"$WORK/second.csv"

echo "| run | rows | peak RSS | ledger bytes/row | rows/s first tenth | rows/s last tenth | last/first | syncs/row | wall |"
echo "|---|---|---|---|---|---|---|---|---|"
for run in first second; do
	out="$WORK/sandbox.out"
	"$BIN" sandbox --listen 127.0.0.1:0 --latency 0s --max-in-flight -1 --quiet >"$out" 2>&1 &
	SANDBOX_PID=$!
	url=""
	for _ in $(seq 100); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -1 || true)
		[ -n "$url" ] && break
		sleep 0.05
	done
	[ -n "$url" ] || { log "the sandbox did not start"; cat "$out" >&2; exit 1; }
	log "$run run: $ROWS rows at C=$C into $url ..."
	cmd=("$BIN" import --server "$url" --mapping "$WORK/mapping.yaml" --concurrency "$C" --rate 0
		--ledger "$WORK/ledger.db" --results "$WORK/$run.results.csv" "$WORK/$run.csv")
	[ -n "$PERF" ] && cmd=(perf stat -x, -o "$WORK/$run.perf" -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -- "${cmd[@]}")
	t0=$EPOCHREALTIME
	if ! WOLKVOX_TOKEN=bench-token /usr/bin/time -v -o "$WORK/$run.time" "${cmd[@]}" >"$WORK/$run.out" 2>"$WORK/$run.err"; then
		log "$run run failed"; tail -5 "$WORK/$run.out" "$WORK/$run.err" >&2; exit 1
	fi
	t1=$EPOCHREALTIME
	count="" ok="" span_s="" mean="" max1s="" first10="" last10=""
	eval "$("$WORK/measure" arrivals -url "$url")"
	kill "$SANDBOX_PID"; wait "$SANDBOX_PID" 2>/dev/null || true; SANDBOX_PID=""
	[ "$ok" = "$ROWS" ] || { log "$run: the server created $ok of $ROWS rows"; exit 1; }
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/$run.time")
	total_rows=$ROWS
	[ "$run" = second ] && total_rows=$((2 * ROWS))
	bytes=$(stat -c %s "$WORK/ledger.db")
	[ -f "$WORK/ledger.db-wal" ] && bytes=$((bytes + $(stat -c %s "$WORK/ledger.db-wal")))
	bpr=$(awk -v b="$bytes" -v n="$total_rows" 'BEGIN { printf "%.1f", b / n }')
	syncs="—"
	if [ -n "$PERF" ]; then
		syncs=$(awk -F, -v n="$ROWS" '/sys_enter_f(data)?sync/ { s += $1 } END { printf "%.4f (%d)", s / n, s }' "$WORK/$run.perf")
	fi
	wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f s", b - a }')
	ratio=$(awk -v a="$first10" -v b="$last10" 'BEGIN { printf "%.3f", b / a }')
	echo "| $run | $ROWS (ledger then holds $total_rows) | $rss MB | $bpr ($bytes bytes) | $first10 | $last10 | $ratio | $syncs | $wall |"
done
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), $(go version | awk '{print $3}'), $(nproc) cores," \
	"load average at the end $(cut -d' ' -f1-3 /proc/loadavg), ledger on $(df --output=fstype "$WORK" | tail -1) ($(df --output=source "$WORK" | tail -1)); sandbox latency 0, C=$C, --rate 0, CSV results."
