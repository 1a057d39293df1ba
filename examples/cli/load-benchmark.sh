#!/usr/bin/env bash
# Parallel multi-table load benchmark (never run in CI): TABLES tables of ROWS rows each, generated as CSV, loaded
# into PostgreSQL by `destsdk load` with --parallelism 1 and then 4 (same data, fresh schemas), wall time of each.
# Usage: examples/cli/load-benchmark.sh [TABLES=50] [ROWS=200000]   (DESTSDK_PG_URL / _USER as for the tests)
set -euo pipefail
tables=${1:-50}; rows=${2:-200000}
root="$(cd "$(dirname "$0")/../.." && pwd)"
url=${DESTSDK_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}; user=${DESTSDK_PG_USER:-postgres}
data=$(mktemp -d); trap 'rm -rf "$data"' EXIT
for ((t = 0; t < tables; t++)); do
  awk -v n="$rows" -v t="$t" 'BEGIN { print "id,customer,amount,note"; for (i = 1; i <= n; i++)
    printf "%d,%d,%d.%02d,row %d of table %d\n", i, i % 1000, i % 500, i % 100, i, t }' > "$data/t$t.csv"
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $tables tables x $rows rows, $(du -sh "$data" | cut -f1)"
for p in 1 4; do
  schema="bench_p${p}_$$"
  start=$(date +%s.%N)
  ${DESTSDK_CMD:-"$root/destsdk"} load -d postgresql -s "url=$url" -s "user=$user" -s tls=disable -s "schema=$schema" \
    --no-progress -p "$p" "$data" | tail -1
  end=$(date +%s.%N)
  echo "parallelism $p: $(echo "$end - $start" | bc) s wall; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  psql -h 127.0.0.1 -U "$user" -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1 || true
done
