#!/usr/bin/env bash
# cordon diff on two snapshots built from tests/data/diff/{old,new}.ftm.json: the exact text report,
# the JSON document, --summary, --dataset, and bad input (exit 1 naming the file, exit 2 on usage).
# usage: diff_report.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-diff"
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$cordon" build --quiet --source t:ftm="$src/tests/data/diff/old.ftm.json" --out old.snap || fail "build old"
"$cordon" build --quiet --source t:ftm="$src/tests/data/diff/new.ftm.json" --out new.snap || fail "build new"

cat > expected.txt <<'TXT'
old: old.snap
new: new.snap

dataset             old      new    added  removed  changed unchanged
t                     4        4        1        1        1         2
total                 4        4        1        1        1         2

added (1):
  + t:c-added  organization  Newco Trading LLC

removed (1):
  - t:p-removed  person  Olga Removed

changed (1):
  ~ t:p-changed  person  Petr Changed
      aliases: Pyotr Changed [aka] -> Piotr Changed [aka]
      birth_dates: 1960-01-01 -> 1961-02-03
      remarks: …several times; the vessel owner since 2019; the vessels were renamed, reflagged and sold between related companies, and their transponders were switched off near the ports of call; payments went throu… -> …several times; the vessel owner since 2021; the vessels were renamed, reflagged and sold between related companies, and their transponders were switched off near the ports of call; payments went throu…
TXT
"$cordon" diff old.snap new.snap > actual.txt || fail "diff exited $?"
diff -u expected.txt actual.txt >&2 || fail "text report differs from the expected one"

"$cordon" diff --json old.snap new.snap > diff.json || fail "diff --json exited $?"
python3 - diff.json <<'PY' || fail "JSON report"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["datasets"]["t"] == {"old": 4, "new": 4, "added": 1, "removed": 1, "changed": 1, "unchanged": 2}, d["summary"]
assert [e["id"] for e in d["added"]] == ["t:c-added"] and [e["id"] for e in d["removed"]] == ["t:p-removed"]
c = d["changed"][0]
assert c["fields"] == ["aliases", "birth_dates", "remarks"], c
assert c["changes"]["remarks"]["old"].startswith("\u2026several times; the vessel owner since 2019;"), c
assert c["changes"]["aliases"] == {"removed": ["Pyotr Changed [aka]"], "added": ["Piotr Changed [aka]"]}, c
assert c["changes"]["birth_dates"] == {"removed": ["1960-01-01"], "added": ["1961-02-03"]}, c
PY

summary=$("$cordon" diff --summary old.snap new.snap)
case "$summary" in *"Newco"*) fail "--summary lists entities";; esac
case "$summary" in *"total                 4        4        1        1        1         2"*) ;; *) fail "--summary counts";; esac
other=$("$cordon" diff --dataset other old.snap new.snap)
case "$other" in *"total                 0        0        0        0        0         0"*) ;; *) fail "--dataset other: $other";; esac
same=$("$cordon" diff new.snap new.snap)
case "$same" in *"changed ("*|*"added ("*) fail "a snapshot against itself has differences";; esac

err=$("$cordon" diff old.snap missing.snap 2>&1); rc=$?
[ $rc = 1 ] || fail "missing snapshot: exit $rc, expected 1"
case "$err" in *missing.snap*) ;; *) fail "missing snapshot: message does not name the file: $err";; esac
echo "not a snapshot" > junk.snap
err=$("$cordon" diff old.snap junk.snap 2>&1); rc=$?
[ $rc = 1 ] || fail "junk snapshot: exit $rc, expected 1"
case "$err" in *junk.snap*) ;; *) fail "junk snapshot: message does not name the file: $err";; esac
"$cordon" diff old.snap >/dev/null 2>&1; rc=$?
[ $rc = 2 ] || fail "one argument: exit $rc, expected 2"

[ $failures = 0 ] && echo "diff_report: all checks passed"
exit $((failures > 0))
