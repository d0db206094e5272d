#!/usr/bin/env bash
# Concurrent writers on one store: two processes deciding at once (each over its own parties),
# while a third imports a party file. Every command must succeed (writers wait for each other
# instead of failing), every decision must be there once, and the database and the audit chain
# must verify with exactly one audit record per write.
# usage: store_concurrent.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; work="$3/cli-store-concurrent"
rm -rf "$work"; mkdir -p "$work"
store="$work/store.db"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat > "$work/list.ftm.json" <<'EOF2'
{"id": "ivan", "schema": "Person", "properties": {"name": ["Ivan Petrenko"]}, "target": true}
EOF2
"$cordon" build --quiet --out "$work/list.cordonsnap" --source "os=$work/list.ftm.json" || fail "build exited $?"
python3 - "$work" <<'EOF2'
import sys
work = sys.argv[1]
with open(f"{work}/hits.csv", "w") as f:
    f.write("id,name\n")
    for i in range(60):
        f.write(f"H{i:02d},Ivan Petrenko\n")
with open(f"{work}/more.csv", "w") as f:
    f.write("id,name,country\n")
    for i in range(5000):
        f.write(f"M{i:04d},Someone Else {i},DE\n")
EOF2
"$cordon" parties import --store "$store" "$work/hits.csv" > /dev/null || fail "import exited $?"
"$cordon" parties screen --store "$store" --snapshot "$work/list.cordonsnap" > /dev/null || fail "screen exited $?"

decide_range() { # FIRST LAST LOG
  for i in $(seq "$1" "$2"); do
    p=$(printf 'H%02d' "$i")
    "$cordon" decide --store "$store" "$p" os:ivan --false-positive --reviewer "writer-$1" --reason concurrent \
      >> "$3" 2>&1 || echo "FAILED $p" >> "$3"
  done
}
decide_range 0 29 "$work/a.log" &
a=$!
decide_range 30 59 "$work/b.log" &
b=$!
"$cordon" parties import --store "$store" "$work/more.csv" > "$work/import.log" 2>&1 || fail "concurrent import exited $?"
wait "$a" "$b"
grep -h FAILED "$work/a.log" "$work/b.log" && fail "a decision failed under concurrency"
grep -hv '^decision' "$work/a.log" "$work/b.log" | grep . && fail "unexpected output from a writer"

python3 - "$store" <<'EOF2' || fail "store contents after concurrent writes"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
q = lambda sql: db.execute(sql).fetchone()[0]
problems = []
if q("PRAGMA integrity_check") != "ok": problems.append("integrity_check failed")
if q("SELECT count(*) FROM decisions") != 60: problems.append(f"{q('SELECT count(*) FROM decisions')} decisions, expected 60")
if q("SELECT count(DISTINCT party_id) FROM decisions") != 60: problems.append("a party decided twice or not at all")
if q("SELECT count(*) FROM allow_list") != 60: problems.append("allow-list entries missing")
if q("SELECT count(*) FROM parties") != 5060: problems.append("parties missing")
writes = q("SELECT count(*) FROM parties") + q("SELECT count(*) FROM screenings") + q("SELECT count(*) FROM decisions")
if q("SELECT count(*) FROM audit") != writes: problems.append(f"{q('SELECT count(*) FROM audit')} audit records for {writes} writes")
if q("SELECT max(seq) - min(seq) + 1 FROM audit") != q("SELECT count(*) FROM audit"): problems.append("gap in audit sequence")
for p in problems: print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF2
"$cordon" audit verify --store "$store" || fail "audit verify"
[ "$("$cordon" cases list --store "$store" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 0 ] ||
  fail "cases remain open after every hit was decided"

[ "$failures" = 0 ] && echo "store concurrent writers: ok"
exit $((failures > 0))
