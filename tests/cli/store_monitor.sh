#!/usr/bin/env bash
# cordon monitor as a scheduled job would run it: the first run screens everything; a second run on
# the same snapshot has nothing to do; after the snapshot file is replaced by a rebuild (rename, as
# cordon build and cordon update do), the run compares with the kept copy of the old version and
# flags only the parties an added or changed entity matches; the kept copy follows the newest
# version, the audit trail records every run.
# usage: store_monitor.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; work="$3/cli-store-monitor"
rm -rf "$work"; mkdir -p "$work"
store="$work/store.db"; snap="$work/lists.cordonsnap"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cat > "$work/a.ftm.json" <<'EOF2'
{"id": "ivan", "schema": "Person", "properties": {"name": ["Ivan Petrenko"]}, "target": true}
{"id": "acme", "schema": "Company", "properties": {"name": ["Acme Trading LLC"]}, "target": true}
EOF2
cat > "$work/b.ftm.json" <<'EOF2'
{"id": "ivan", "schema": "Person", "properties": {"name": ["Ivan Petrenko"]}, "target": true}
{"id": "acme", "schema": "Company", "properties": {"name": ["Acme Trading LLC"], "alias": ["Acme Global Trading"]}, "target": true}
{"id": "olga", "schema": "Person", "properties": {"name": ["Olga Sidorova"]}, "target": true}
EOF2
printf 'id,name\nC1,Ivan Petrenko\nC2,Acme Global Trading\nC3,Olga Sidorova\nC4,Peter Jones\n' > "$work/parties.csv"
"$cordon" parties import --store "$store" "$work/parties.csv" > /dev/null || fail "import"
"$cordon" build --quiet --out "$snap" --source "os=$work/a.ftm.json" || fail "build a"

out=$("$cordon" monitor --store "$store" --new "$snap") || fail "first monitor exited $?"
printf '%s\n' "$out" | grep -q "no earlier snapshot" || fail "first run: $out"
printf '%s\n' "$out" | grep -q "^hit .*C1.*os:ivan" || fail "first run: Ivan not hit: $out"
kept_a=$(ls "$store".monitor-*.cordonsnap 2> /dev/null)
[ -n "$kept_a" ] || fail "no kept copy after the first run"

out=$("$cordon" monitor --store "$store" --new "$snap") || fail "second monitor exited $?"
printf '%s\n' "$out" | grep -q "^no change since the last run" || fail "second run: $out"

# the list is rebuilt in place (written aside and renamed over the file)
"$cordon" build --quiet --out "$snap" --source "os=$work/b.ftm.json" || fail "build b"
out=$("$cordon" monitor --store "$store" --new "$snap") || fail "third monitor exited $?"
printf '%s\n' "$out" | grep -q "against 2 entities added or changed" || fail "third run: $out"
printf '%s\n' "$out" | grep -q "^new hit .*C2.*os:acme" || fail "third run: C2 not flagged for Acme's new alias: $out"
printf '%s\n' "$out" | grep -q "^new hit .*C3.*os:olga" || fail "third run: C3 not flagged for the added Olga: $out"
printf '%s\n' "$out" | grep -q "os:ivan" && fail "third run: Ivan is unchanged but was flagged: $out"
[ "$(printf '%s\n' "$out" | grep -c '^new hit')" = 2 ] || fail "third run: not exactly two new hits: $out"
kept_b=$(ls "$store".monitor-*.cordonsnap 2> /dev/null)
[ "$(printf '%s\n' "$kept_b" | wc -l)" = 1 ] && [ "$kept_b" != "$kept_a" ] || fail "kept copies: $kept_b"

"$cordon" cases list --store "$store" | grep -q "C3 .*os:olga" || fail "cases: the new hit is not a case"
"$cordon" audit verify --store "$store" > /dev/null || fail "audit verify"
[ "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM audit WHERE action = 'monitor'\").fetchone()[0])" "$store")" = 3 ] ||
  fail "not one audit record per monitoring run"
# an explicit --old: same comparison, and the store's kept copy still follows the newest
out=$("$cordon" monitor --store "$store" --old "$kept_b" --new "$snap") || fail "monitor --old exited $?"
printf '%s\n' "$out" | grep -q "^no change" || fail "--old: $out"
expect_usage=$("$cordon" monitor --store "$store" --threshold 2 2>&1); [ $? = 2 ] || fail "bad --threshold: $expect_usage"

[ "$failures" = 0 ] && echo "store monitoring: ok"
exit $((failures > 0))
