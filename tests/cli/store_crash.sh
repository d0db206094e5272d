#!/usr/bin/env bash
# Crash safety of the store: `cordon parties import`, `cordon parties screen` and `cordon decide`
# killed with SIGKILL at a range of delays. After each kill the store must open, pass
# PRAGMA integrity_check and `cordon audit verify`, hold every row whose write was acknowledged
# (the command printed its result line), and hold no half import (all of a file's rows or none)
# and no decision without its allow-list entry.
# usage: store_crash.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; work="$3/cli-store-crash"
rm -rf "$work"; mkdir -p "$work"
store="$work/store.db"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat > "$work/list.ftm.json" <<'EOF'
{"id": "ivan", "schema": "Person", "properties": {"name": ["Ivan Petrenko"], "birthDate": ["1970-03-01"]}, "target": true}
{"id": "acme", "schema": "Company", "properties": {"name": ["Acme Trading LLC"]}, "target": true}
EOF
"$cordon" build --quiet --out "$work/list.cordonsnap" --source "os=$work/list.ftm.json" || fail "build exited $?"

# Six files of 20,000 parties each (distinct ids per file); every 100th party is Ivan Petrenko.
python3 - "$work" <<'EOF'
import sys
work = sys.argv[1]
for f in range(6):
    with open(f"{work}/parties-{f}.csv", "w") as out:
        out.write("id,name,schema,country,birth_date\n")
        for i in range(20000):
            name = "Ivan Petrenko" if i % 100 == 0 else f"Person {f} {i} Kowalczyk-{i * 7919 % 10007}"
            out.write(f"F{f}-{i:05d},{name},person,PL,19{50 + i % 50}\n")
EOF

check_store() { # what
  python3 - "$store" <<'EOF' || fail "$1: integrity check"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
if ok != "ok":
    print("integrity_check:", ok, file=sys.stderr); sys.exit(1)
EOF
  "$cordon" audit verify --store "$store" > /dev/null || fail "$1: audit verify"
}

rows_of() { # FILE_NUMBER -> parties of that file in the store
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM parties WHERE external_id LIKE 'F$1-%'\").fetchone()[0])" "$store"
}

# ---- imports killed at increasing delays ----
delays=(0 0.1 0.3 0.6 1.0 4)
acked_imports=0
for f in 0 1 2 3 4 5; do
  "$cordon" parties import --store "$store" "$work/parties-$f.csv" > "$work/import-$f.out" 2> "$work/import-$f.err" &
  pid=$!
  sleep "${delays[$f]}"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  check_store "import $f killed after ${delays[$f]} s"
  n=$(rows_of "$f")
  if grep -q '^imported' "$work/import-$f.out"; then
    acked_imports=$((acked_imports + 1))
    [ "$n" = 20000 ] || fail "import $f was acknowledged but the store holds $n of its 20000 parties"
  else
    [ "$n" = 0 ] || [ "$n" = 20000 ] || fail "import $f killed after ${delays[$f]} s left a half import ($n rows)"
  fi
done
# the last file unkilled, so that there is always something to screen and decide on
"$cordon" parties import --store "$store" "$work/parties-5.csv" > /dev/null || fail "import 5 exited $?"
[ "$(rows_of 5)" = 20000 ] || fail "import 5 incomplete"
echo "imports acknowledged before the kill: $acked_imports of 6"

# ---- screening killed: each committed page stays whole, every hit printed is stored ----
for d in 0.05 0.3 0.8; do
  "$cordon" parties screen --store "$store" --snapshot "$work/list.cordonsnap" > "$work/screen-$d.out" 2>&1 &
  pid=$!
  sleep "$d"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  check_store "screen killed after $d s"
  python3 - "$store" "$work/screen-$d.out" <<'EOF' || fail "screen killed after $d s: a printed hit is not in the store"
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
printed = [m.groups() for m in re.finditer(r"^hit  screening (\d+)  party (\S+) .*  (os:\w+) ", open(sys.argv[2]).read(), re.M)]
missing = [p for p in printed if not db.execute(
    """SELECT 1 FROM screening_hits h JOIN screenings s ON s.id = h.screening_id JOIN parties p ON p.id = s.party_id
       WHERE s.id = ? AND p.external_id = ? AND h.entity_id = ?""", (int(p[0]), p[1], p[2])).fetchone()]
print(f"screen killed: {len(printed)} hits printed", file=sys.stderr)
if missing:
    print("printed but not stored:", missing[:5], file=sys.stderr); sys.exit(1)
EOF
done
"$cordon" parties screen --store "$store" --snapshot "$work/list.cordonsnap" > "$work/screen.out" || fail "screen exited $?"
python3 - "$store" <<'EOF' || fail "screenings without their hits or audit records"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# every screening of an Ivan Petrenko has its hit row, and every screening its audit record
missing = db.execute("""SELECT count(*) FROM screenings s JOIN parties p ON p.id = s.party_id
  WHERE p.name = 'Ivan Petrenko' AND NOT EXISTS (SELECT 1 FROM screening_hits h WHERE h.screening_id = s.id)""").fetchone()[0]
audited = db.execute("SELECT count(*) FROM audit WHERE action = 'screening'").fetchone()[0]
screenings = db.execute("SELECT count(*) FROM screenings").fetchone()[0]
if missing or audited != screenings:
    print(f"screenings without hits: {missing}; audit records {audited} for {screenings} screenings", file=sys.stderr)
    sys.exit(1)
EOF

# ---- decisions killed at random points ----
parties=$(python3 -c "import sqlite3,sys; print(' '.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"SELECT external_id FROM parties WHERE name = 'Ivan Petrenko' ORDER BY external_id LIMIT 40\")))" "$store")
: > "$work/acked"
RANDOM=7
for p in $parties; do
  "$cordon" decide --store "$store" "$p" os:ivan --false-positive --reviewer crash-test --reason "kill -9 test" \
    > "$work/decide-$p.out" 2> /dev/null &
  pid=$!
  sleep "0.0$((RANDOM % 7))$((RANDOM % 10))"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  # one file per decision: a process killed before its shell opened the file must not find an earlier one
  grep -qs '^decision' "$work/decide-$p.out" && echo "$p" >> "$work/acked"
done
check_store "decisions killed"
echo "decisions acknowledged before the kill: $(wc -l < "$work/acked") of 40"
python3 - "$store" "$work/acked" <<'EOF' || fail "acknowledged decisions lost, or a decision without its allow-list entry"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
acked = [l.strip() for l in open(sys.argv[2]) if l.strip()]
bad = 0
for p in acked:
    n = db.execute("""SELECT count(*) FROM decisions d JOIN parties p ON p.id = d.party_id
                      WHERE p.external_id = ? AND d.entity_id = 'os:ivan'""", (p,)).fetchone()[0]
    if n < 1:
        print("acknowledged decision missing for", p, file=sys.stderr); bad += 1
half = db.execute("""SELECT count(*) FROM decisions d WHERE verdict = 'false_positive'
                     AND NOT EXISTS (SELECT 1 FROM allow_list a WHERE a.decision_id = d.id)""").fetchone()[0]
unaudited = db.execute("SELECT count(*) FROM decisions").fetchone()[0] - \
            db.execute("SELECT count(*) FROM audit WHERE action = 'decision'").fetchone()[0]
if half or unaudited:
    print(f"{half} decisions without allow-list entry, {unaudited} without audit record", file=sys.stderr); bad += 1
sys.exit(1 if bad else 0)
EOF

[ "$failures" = 0 ] && echo "store crash safety: ok"
exit $((failures > 0))
