#!/usr/bin/env bash
# The store commands on bad input: usage errors (exit 2), missing files, unknown parties and hits,
# an ambiguous hit name, a store from a newer cordon, a foreign file, a tampered audit record and a
# deleted one reported by sequence and position (exit 1), never a crash.
# usage: store_errors.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; work="$3/cli-store-errors"
rm -rf "$work"; mkdir -p "$work"
store="$work/store.db"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() { # STATUS MESSAGE-FRAGMENT command...
  local want="$1" text="$2"; shift 2
  "$@" > "$work/out" 2> "$work/err"
  local got=$?
  [ "$got" = "$want" ] || fail "$*: exit $got, expected $want ($(head -c 300 "$work/err"))"
  [ -z "$text" ] || grep -qF -- "$text" "$work/err" || fail "$*: stderr lacks \"$text\": $(head -c 300 "$work/err")"
}

cat > "$work/list.ftm.json" <<'EOF2'
{"id": "ivan", "schema": "Person", "properties": {"name": ["Ivan Petrenko"]}, "target": true}
EOF2
"$cordon" build --quiet --out "$work/list.cordonsnap" --source "os=$work/list.ftm.json" || fail "build"
printf 'id,name\n42,Ivan Petrenko\nP2,Ivan Petrenko\nP3,Maria Lopez\n' > "$work/parties.csv"
printf 'name,country\nIvan Petrenko,UA\n' > "$work/noid.csv"

expect 2 "no file given" "$cordon" parties import --store "$store"
expect 2 "unknown option" "$cordon" parties import --store "$store" --bogus "$work/parties.csv"
expect 1 "$work/missing.csv" "$cordon" parties import --store "$store" "$work/missing.csv"
expect 1 "must name an \"id\" and a \"name\" column" "$cordon" parties import --store "$store" "$work/noid.csv"
expect 0 "" "$cordon" parties import --store "$store" "$work/parties.csv"
expect 0 "" "$cordon" parties screen --store "$store" --snapshot "$work/list.cordonsnap"
expect 2 "--threshold" "$cordon" parties screen --store "$store" --threshold 7
expect 2 "--reviewer and --reason are required" "$cordon" decide --store "$store" P2 os:ivan --false-positive
expect 2 "--false-positive or --true-match is required" "$cordon" decide --store "$store" P2 os:ivan --reviewer a --reason b
expect 2 "not both" "$cordon" decide --store "$store" P2 os:ivan --true-match --false-positive --reviewer a --reason b
expect 1 "no party \"nobody\"" "$cordon" decide --store "$store" nobody os:ivan --true-match --reviewer a --reason b
expect 1 "has a hit on os:nothing" "$cordon" decide --store "$store" P2 os:nothing --true-match --reviewer a --reason b
expect 1 "screening 999 has no hit" "$cordon" decide --store "$store" 999 os:ivan --true-match --reviewer a --reason b
# "42" is a party id and a screening number could be 42 too: a bare number must say which
expect 2 "both a screening number and a party id" "$cordon" decide --store "$store" 42 os:ivan --true-match --reviewer a --reason b
expect 0 "" "$cordon" decide --store "$store" party:42 os:ivan --true-match --reviewer a --reason "same person"
expect 2 "--format is csv or json" "$cordon" audit export --store "$store" --format xml
expect 2 "" "$cordon" audit frobnicate --store "$store"
expect 2 "" "$cordon" cases
expect 0 "" "$cordon" audit verify --store "$store"

# tampering, as an attacker with the file would do it
cp "$store" "$work/edited.db"
python3 - "$work/edited.db" <<'EOF2'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER audit_no_update; UPDATE audit SET content = replace(content, 'Maria', 'Marie') WHERE seq = 3;")
db.commit()
EOF2
expect 1 "chain broken at record 3 (position 3): record 3 (position 3) was edited" "$cordon" audit verify --store "$work/edited.db"
cp "$store" "$work/deleted.db"
python3 - "$work/deleted.db" <<'EOF2'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;")
db.commit()
EOF2
expect 1 "chain broken at record 2 (position 2): record 2 is missing" "$cordon" audit verify --store "$work/deleted.db"

# stores this program must not touch
cp "$store" "$work/newer.db"
python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute(\"INSERT INTO schema_version VALUES (99, 'future')\"); db.commit()" "$work/newer.db"
expect 1 "newer than this program's" "$cordon" cases list --store "$work/newer.db"
python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute('CREATE TABLE accounts (x)'); db.commit()" "$work/foreign.db"
expect 1 "not a cordon store" "$cordon" cases list --store "$work/foreign.db"
head -c 4096 /dev/urandom > "$work/garbage.db"
expect 1 "garbage.db" "$cordon" cases list --store "$work/garbage.db"
expect 1 "cannot open store" "$cordon" cases list --store "$work"

[ "$failures" = 0 ] && echo "store errors: ok"
exit $((failures > 0))
