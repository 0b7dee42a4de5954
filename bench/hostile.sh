#!/usr/bin/env bash
# bench/hostile.sh: the peak memory (RSS) and outcome of a dry run of wolkvox-import on each
# hostile input of the hardening issue (made by bench/hostile: a 200 MB CSV line of
# commas, a 1 GB cell, a 2 GB part the tool never reads, 2 GB of shared strings).
#
#   bench/hostile.sh            full sizes (about a minute to make the files)
#   bench/hostile.sh --quick    sizes divided by 16
#
# Needs GNU time (/usr/bin/time -v, Debian's `time` package). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1
[ "${1:-}" = "--quick" ] && scale=16
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/wolkvox-import" .
go run ./bench/hostile -dir "$work/in" -scale "$scale" >/dev/null
echo "| hostile input | file size | exit | what the tool said | peak RSS |"
echo "|---|---|---|---|---|"
for f in "$work"/in/*; do
	name=$(basename "$f")
	size=$(du -h "$f" | cut -f1)
	set +e
	/usr/bin/time -v "$work/wolkvox-import" import --dry-run --results "$work/out.csv" "$f" >"$work/out.txt" 2>"$work/err.txt"
	code=$?
	set -e
	rss=$(grep "Maximum resident set size" "$work/err.txt" | awk '{print $6}')
	# What a person reads: the error, or the summary's "stopped reading" line, else its first line.
	said=$( (grep -h -E "^error: |^stopped reading" "$work/err.txt" "$work/out.txt" || head -1 "$work/out.txt") | head -1 | sed "s|$work/in/||g" | cut -c1-120 | sed "s/|/\\\\|/g")
	echo "| $name | $size | $code | $said | $((rss / 1024)) MB |"
done
