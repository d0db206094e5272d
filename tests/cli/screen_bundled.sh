#!/usr/bin/env bash
# End-to-end: build a snapshot from the bundled lists with the real binary, then
# info, screen (text, JSON, batch JSONL and CSV), compare, entity, and bad input.
# usage: screen_bundled.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-screen"
rm -rf "$work"; mkdir -p "$work"
snap="$work/bundled.cordonsnap"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_contains() { # haystack needle what
  case "$1" in *"$2"*) ;; *) fail "$3: expected to find \"$2\"";; esac
}

"$cordon" build --quiet --config "$src/data/sources.conf" --out "$snap" || fail "build exited $?"
[ -s "$snap" ] || { echo "FAIL: no snapshot written" >&2; exit 1; }

info=$("$cordon" info --snapshot "$snap" --json) || fail "info exited $?"
for ds in ofac-sdn ofac-cons un us-csl us-dpl os; do
  n=$(printf '%s' "$info" | python3 -c "import json,sys; print(json.load(sys.stdin)['datasets']['$ds']['total'])" 2>/dev/null)
  [ "${n:-0}" -gt 0 ] || fail "info: dataset $ds has no entities"
done
sdn=$(printf '%s' "$info" | python3 -c "import json,sys; print(json.load(sys.stdin)['datasets']['ofac-sdn']['total'])")
[ "$sdn" = 8976 ] || fail "info: ofac-sdn has $sdn entities, expected 8976 (rows of sdn.csv)"
un=$(printf '%s' "$info" | python3 -c "import json,sys; print(json.load(sys.stdin)['datasets']['un']['total'])")
[ "$un" = 1003 ] || fail "info: un has $un entities, expected 1003 (730 individuals + 273 entities)"

top() { # name [options] -> id of the best match
  "$cordon" screen --snapshot "$snap" --json --limit 1 "$@" |
    python3 -c "import json,sys; m=json.load(sys.stdin)['matches']; print(m[0]['entity_id'] if m else '')"
}
[ "$(top "PRIGOZHIN, Yevgeniy")" = "ofac-sdn:21171" ] || fail "PRIGOZHIN, Yevgeniy"
[ "$(top "Oleg Deripaska")" = "ofac-sdn:24283" ] || fail "Oleg Deripaska"
[ "$(top "Евгений Пригожин")" = "ofac-sdn:21171" ] || fail "Евгений Пригожин (Cyrillic)"
[ "$(top "DAEDONG CREDIT BANK" --dataset un)" = "un:KPe.023" ] || fail "UN entity DAEDONG CREDIT BANK"
[ "$(top "Taedong Credit Bank" --dataset un)" = "un:KPe.023" ] || fail "UN alias Taedong Credit Bank"
[ "$(top "Дерипаска Олег")" = "ofac-sdn:24283" ] || fail "Дерипаска Олег (Cyrillic, family name first)"
[ "$(top "华为技术有限公司")" = "ofac-cons:30947" ] || fail "华为技术有限公司 (Han) -> HUAWEI TECHNOLOGIES CO., LTD."
[ "$(top "صدام حسين التكريتي" --dataset un)" = "un:IQi.001" ] || fail "Arabic script name"
[ "$(top "Renamed Tanker" --id imo:9187629)" != "" ] || fail "an IMO number alone finds the vessel"

why=$("$cordon" screen --snapshot "$snap" --explain "Евгений Пригожин") || fail "screen --explain exited $?"
expect_contains "$why" "why: query" "explanation header"
expect_contains "$why" "(bgn)" "explanation names the romanisation"
expect_contains "$why" "name " "explanation lists the features"
xj=$("$cordon" screen --snapshot "$snap" --json --explain "Huawei Technologies")
printf '%s' "$xj" | python3 -c "import json,sys; m=json.load(sys.stdin)['matches'][0]; assert m['explanation']['alignment'], 'no alignment'" || fail "JSON explanation has an alignment"

text=$("$cordon" screen --snapshot "$snap" "Oleg Deripaska") || fail "screen text exited $?"
expect_contains "$text" "DERIPASKA, Oleg Vladimirovich" "screen text output"
expect_contains "$text" "UKRAINE-EO13661" "screen text shows programs"

printf '%s\n' '{"id": "a", "query": "Oleg Deripaska"}' 'not json' '{"id": 7, "query": "BANCO NACIONAL DE CUBA", "schema": "organization"}' > "$work/q.jsonl"
out=$("$cordon" screen --snapshot "$snap" --batch "$work/q.jsonl" 2>"$work/err"); rc=$?
[ $rc = 1 ] || fail "batch with a bad line should exit 1, got $rc"
lines=$(printf '%s\n' "$out" | wc -l)
[ "$lines" = 3 ] || fail "batch wrote $lines lines, expected 3"
expect_contains "$(sed -n 1p <<<"$out")" '"entity_id":"ofac-sdn:24283"' "batch line 1"
expect_contains "$(sed -n 1p <<<"$out")" '"elapsed_us"' "batch line 1"
expect_contains "$(sed -n 2p <<<"$out")" '"line":2' "batch line 2 reports the bad line"
expect_contains "$(cat "$work/err")" "q.jsonl:2" "batch error names file and line"
expect_contains "$(sed -n 3p <<<"$out")" '"id":"7"' "batch line 3 keeps the id"
expect_contains "$(sed -n 3p <<<"$out")" '"entity_id":"ofac-sdn:306"' "batch line 3"

printf 'id,query,schema\nc1,"DERIPASKA, Oleg",person\n' > "$work/q.csv"
out=$("$cordon" screen --snapshot "$snap" --batch "$work/q.csv" --format csv) || fail "csv batch exited $?"
expect_contains "$out" '"id":"c1"' "csv batch"
expect_contains "$out" '"entity_id":"ofac-sdn:24283"' "csv batch"

cmp=$("$cordon" compare "Oleg Deripaska" "DERIPASKA, Oleg Vladimirovich") || fail "compare exited $?"
expect_contains "$cmp" '"score":' "compare output"

ent=$("$cordon" entity --snapshot "$snap" ofac-sdn:306) || fail "entity exited $?"
expect_contains "$ent" '"NATIONAL BANK OF CUBA"' "entity shows aliases"

# bad input: usage errors, missing snapshot, failed build keeps the old snapshot
"$cordon" screen --snapshot "$snap" >/dev/null 2>&1; [ $? = 2 ] || fail "screen without a name should exit 2"
"$cordon" screen --snapshot "$work/missing.cordonsnap" x >/dev/null 2>&1; [ $? = 1 ] || fail "missing snapshot should exit 1"
before=$(sha256sum "$snap" | cut -d' ' -f1)
: > "$work/empty.txt"
"$cordon" build --quiet --source "us-dpl=$work/empty.txt" --out "$snap" 2>"$work/err"; rc=$?
[ $rc = 1 ] || fail "build from an empty file should exit 1, got $rc"
expect_contains "$(cat "$work/err")" "empty.txt" "build error names the file"
[ "$(sha256sum "$snap" | cut -d' ' -f1)" = "$before" ] || fail "failed build changed the snapshot"
ls "$work" | grep -q '\.tmp\.' && fail "failed build left a temporary file"

[ $failures = 0 ] && echo "all CLI checks passed"
exit $((failures > 0))
