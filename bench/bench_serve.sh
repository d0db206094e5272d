#!/usr/bin/env bash
# HTTP throughput of `cordon serve` under wrk on loopback: POST /v1/screen with single names
# cycling through a few hundred taken from the bundled lists (plus unlisted people, made-up
# companies and Cyrillic names), against GET /healthz with the same wrk settings as the baseline
# (the HTTP cost without screening). Prints requests/s, latency percentiles, errors, the server's
# memory over the run, and PASS/FAIL against the targets of issue 4.
#
# Usage: bench/bench_serve.sh [options] [CORDON_BINARY]
#   --cordon FILE        the cordon binary (default build-release/cordon); this script builds nothing
#   --snapshot FILE      snapshot to serve (default: `cordon build` from data/sources.conf into a temp dir)
#   --duration S         seconds of each measured wrk run (default 30)
#   --warmup S           seconds of screening before measuring, not counted (default 5)
#   --baseline-duration S  seconds of the /healthz run (default: as --duration; 0 skips it)
#   --wrk-threads N      wrk threads (default 2)
#   --connections N      wrk connections (default 16: enough to keep every server thread busy on 2
#                        cores, so throughput is at its highest; more only queue longer: at 32 the
#                        throughput is the same and p99 doubles, 4.4-6.0 ms measured on 2026-11-25)
#   --server-threads N   cordon serve --threads (default: its own, one per core)
#   --count-statuses     count answers per status in Lua (wrk then parses every body: slower)
#   --keep DIR           keep names, wrk output and RSS samples in DIR
# Targets: >= 15000 requests/s, p99 <= 5 ms, zero non-2xx and socket errors, and RSS at the end
# of the run within 10% of RSS after the warm-up. Exit status 0 when all are met, 1 otherwise,
# 2 on usage errors. Installs wrk with apt-get when it is missing (Debian package `wrk`).
set -euo pipefail
cd "$(dirname "$0")/.."

cordon=build-release/cordon snapshot="" duration=30 warmup=5 baseline="" wrk_threads=2 connections=16
server_threads="" count="" keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cordon) cordon="$2"; shift ;;
    --snapshot) snapshot="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --baseline-duration) baseline="$2"; shift ;;
    --wrk-threads) wrk_threads="$2"; shift ;;
    --connections) connections="$2"; shift ;;
    --server-threads) server_threads="$2"; shift ;;
    --count-statuses) count=count ;;
    --keep) keep="$2"; shift ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    -*) echo "bench_serve: unknown option $1" >&2; exit 2 ;;
    *) cordon="$1" ;;
  esac
  shift
done
baseline="${baseline:-$duration}"
[ -x "$cordon" ] || { echo "bench_serve: $cordon is not an executable cordon binary (build it first)" >&2; exit 2; }
cordon="$(cd "$(dirname "$cordon")" && pwd)/$(basename "$cordon")"

if ! command -v wrk >/dev/null; then
  echo "bench_serve: installing wrk" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

tmp="$(mktemp -d /tmp/cordon-bench-serve.XXXXXX)"
server_pid=""
sampler_pid=""
cleanup() {
  [ -z "$sampler_pid" ] || kill "$sampler_pid" 2>/dev/null || true
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  [ -z "$keep" ] || { mkdir -p "$keep" && cp -r "$tmp"/. "$keep"/; }
  rm -rf "$tmp"
}
trap cleanup EXIT

# ---- the names: listed primary names and aliases, some turned "First Last" as people type them,
# UN names, Cyrillic originals, and names that are on no list ----
make_names() {
  local d=data
  # OFAC SDN primary names, every 45th row (about 200); "LAST, First" persons as "First Last" every other one
  zcat "$d/ofac-sdn-2021/sdn.csv.gz" | awk -F'"' 'NR % 45 == 0 { n = $2
      if (NR % 90 == 0 && split(n, p, ", ") == 2) n = p[2] " " p[1]
      print n }'
  # OFAC SDN aliases, every 200th (about 60)
  zcat "$d/ofac-sdn-2021/alt.csv.gz" | awk -F'"' 'NR % 200 == 0 { print $4 }'
  # UN individuals as given and forenames first (about 50)
  zcat "$d/un-2026/consolidated.xml.gz" | awk '
      /<DATAID>/ { n = "" }
      match($0, /<(FIRST|SECOND|THIRD)_NAME>[^<]+/) { v = substr($0, RSTART, RLENGTH); sub(/^<[A-Z_]+>/, "", v); n = n (n ? " " : "") v }
      /<UN_LIST_TYPE>/ { if (n != "" && ++k % 20 == 0) print n }'
  # names in Cyrillic: the UN list's originals and a few of the OpenSanctions sample's aliases
  zcat "$d/un-2026/consolidated.xml.gz" | grep -o '<NAME_ORIGINAL_SCRIPT>[^<]*' | sed 's/^<[A-Z_]*>//' |
    grep -P '[\x{0400}-\x{04FF}]' || true
  grep -ohP '"[\x{0400}-\x{04FF}][^"]*"' "$d/opensanctions-sample/delta-20240527194702-wnk.json" | tr -d '"' | head -5
  echo "Евгений Пригожин"
  echo "Олег Дерипаска"
  # on no list: members of the US Congress (every 20th, about 70) and made-up companies
  zcat "$d/people-not-listed/us_congress_senzing.json.gz" | grep -o '"NAME_FULL":"[^"]*"' |
    awk -F'"' 'NR % 20 == 0 { print $4 }'
  printf '%s\n' "Northwind Traders Ltd" "Contoso Pharmaceuticals GmbH" "Blue Harbor Logistics LLC" \
    "Fabrikam Steel Works" "Alder Creek Farms Inc" "Meridian Solar Holdings BV" "Tailspin Toys SA" \
    "Greenfield Dental Clinic" "Adventure Works Cycles" "Litware Consulting AB" "Maria Gonzalez Fernandez" \
    "John Michael Smith" "Wei Zhang" "Anna Kowalska" "Pierre Dubois" "Hans-Peter Mueller"
}
# a name with a quote, a backslash or a control character would need JSON escaping: left out
make_names | tr -s ' ' | grep -v '^ *$' | grep -vP '["\\\x00-\x1f]' > "$tmp/names.txt"

if [ -z "$snapshot" ]; then
  snapshot="$tmp/lists.cordonsnap"
  "$cordon" build --config data/sources.conf --out "$snapshot" >/dev/null 2>"$tmp/build.err" ||
    { cat "$tmp/build.err" >&2; exit 1; }
fi

# ---- the server ----
args=(serve --listen 127.0.0.1:0 --snapshot "$snapshot" --access-log none)
[ -z "$server_threads" ] || args+=(--threads "$server_threads")
: > "$tmp/serve.err" # before the server starts, so the loop below can read it at once
"$cordon" "${args[@]}" 2>"$tmp/serve.err" &
server_pid=$!
port=""
for _ in $(seq 1 600); do # port 0: the server picks a free port and says which on stderr
  port="$(sed -n 's|.*listening on http://[^ ]*:\([0-9]*\)$|\1|p' "$tmp/serve.err")"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "bench_serve: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"

# CPU time in clock ticks, of the whole machine (busy: not idle or iowait) and of the server: with
# wrk's, it tells what else was running beside the benchmark
busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
rss_kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$server_pid/status"; }

run_wrk() { # run_wrk NAME SECONDS MODE...: wrk with the Lua script; its output in $tmp/NAME.wrk
  local name="$1" secs="$2"
  shift 2
  wrk -t"$wrk_threads" -c"$connections" -d"${secs}s" --timeout 10s --latency -s bench/bench_serve.lua "$url" \
    -- "$@" $count > "$tmp/$name.wrk"
}
fig() { awk -v k="$2" '$1 == "bench_serve" && $2 == k { print $3 }' "$tmp/$1.wrk"; }

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
rss_start="$(rss_kb VmRSS)"
[ "$warmup" -gt 0 ] && run_wrk warmup "$warmup" screen "$tmp/names.txt"
rss_warm="$(rss_kb VmRSS)"
# one VmRSS sample a second while the measured run goes on
( while kill -0 "$server_pid" 2>/dev/null; do rss_kb VmRSS; sleep 1; done ) > "$tmp/rss.samples" 2>/dev/null &
sampler_pid=$!
busy_before="$(busy_ticks)" server_before="$(server_ticks)"
TIMEFORMAT='%U %S' # wrk's own CPU seconds, from the shell's `time`
{ time run_wrk screen "$duration" screen "$tmp/names.txt" 2>"$tmp/wrk.err"; } 2>"$tmp/wrk.cpu"
busy_after="$(busy_ticks)" server_after="$(server_ticks)"
wrk_ticks="$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($1 + $2) * hz }' "$tmp/wrk.cpu")"
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
rss_end="$(rss_kb VmRSS)"
hwm="$(rss_kb VmHWM)"
[ "$baseline" -gt 0 ] && run_wrk healthz "$baseline" healthz
kill -TERM "$server_pid"
wait "$server_pid" || { echo "bench_serve: cordon serve exited with $? on SIGTERM" >&2; exit 1; }
server_pid=""

# ---- the figures ----
echo "cordon serve under wrk: $(wc -l < "$tmp/names.txt") names ($(grep -cP '[\x{0400}-\x{04FF}]' "$tmp/names.txt") Cyrillic)," \
  "wrk -t$wrk_threads -c$connections -d${duration}s on loopback, server threads ${server_threads:-default (one per core)}," \
  "$(nproc) cores, load average at the start $load_start"
report() { # report NAME LABEL
  local n="$1"
  awk -v label="$2" '$1 == "bench_serve" { v[$2] = $3 } END {
      printf "%-22s %9.0f requests/s   latency p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms\n",
        label, v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1e3, v["p90_us"] / 1e3, v["p99_us"] / 1e3,
        v["p999_us"] / 1e3, v["max_us"] / 1e3
      printf "%-22s %9d requests, %d non-2xx, socket errors: connect %d read %d write %d timeout %d\n", "",
        v["requests"], v["non2xx"], v["err_connect"], v["err_read"], v["err_write"], v["err_timeout"]
      s = ""; for (k in v) if (k ~ /^status_/) s = s " " substr(k, 8) ": " v[k]
      if (s != "") printf "%-22s statuses%s\n", "", s }' "$tmp/$n.wrk"
}
report screen "POST /v1/screen"
[ "$baseline" -gt 0 ] && report healthz "GET /healthz (baseline)"
awk -v a="$rss_start" -v w="$rss_warm" -v e="$rss_end" -v h="$hwm" '{ n++; s += $1; if ($1 > mx) mx = $1; if (!mn || $1 < mn) mn = $1 }
  END { printf "server RSS: %.1f MB at start, %.1f MB after warm-up, %.1f-%.1f MB during the run (%d samples), %.1f MB after; VmHWM %.1f MB\n",
        a / 1024, w / 1024, mn / 1024, mx / 1024, n, e / 1024, h / 1024 }' "$tmp/rss.samples"

awk -v b="$((busy_after - busy_before))" -v s="$((server_after - server_before))" -v w="$wrk_ticks" \
    -v d="$duration" -v hz="$(getconf CLK_TCK)" 'BEGIN { o = b - s - w; if (o < 0) o = 0
  printf "cores busy during the run: server %.2f, wrk %.2f, anything else %.2f (of %d)\n", s / hz / d, w / hz / d, o / hz / d, '"$(nproc)"' }'

# ---- against the targets, in the format of the C benchmarks (bench/lib/util.c) ----
per_s() { awk -v r="$(fig "$1" requests)" -v d="$(fig "$1" duration_us)" 'BEGIN { printf "%.0f", r / (d / 1e6) }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1e3 }'; }
rps="$(per_s screen)"
p99="$(fig screen p99_us)"
errors=$(( $(fig screen non2xx) + $(fig screen err_connect) + $(fig screen err_read) + $(fig screen err_write) + $(fig screen err_timeout) ))
growth="$(awk -v w="$rss_warm" -v e="$rss_end" 'BEGIN { printf "%.1f", (e - w) * 100 / w }')"
base_rps="" base_p99=""
if [ "$baseline" -gt 0 ]; then
  base_rps="  (GET /healthz $(per_s healthz) req/s)"
  base_p99="  (GET /healthz p99 $(ms "$(fig healthz p99_us)") ms)"
fi
fails=0
target() { # target NAME VALUE UNIT <=|>= LIMIT BASELINE
  local pass
  pass="$(awk -v v="$2" -v op="$4" -v l="$5" 'BEGIN { print (op == "<=" ? v <= l : v >= l) ? "PASS" : "FAIL" }')"
  printf '  %-44s %10s %-5s target %s %s %s: %s%s\n' "$1" "$2" "$3" "$4" "$5" "$3" "$pass" "$6"
  [ "$pass" = PASS ] || fails=$((fails + 1))
}
echo
target "POST /v1/screen throughput" "$rps" "req/s" ">=" 15000 "$base_rps"
target "POST /v1/screen latency p99" "$(ms "$p99")" "ms" "<=" 5 "$base_p99"
target "POST /v1/screen errors (non-2xx and socket)" "$errors" "" "<=" 0 ""
target "server RSS growth over the run" "$growth" "%" "<=" 10 \
  "  ($(awk -v w="$rss_warm" -v e="$rss_end" 'BEGIN { printf "%.1f MB after the warm-up, %.1f MB at the end", w / 1024, e / 1024 }'))"
[ "$fails" -eq 0 ]
