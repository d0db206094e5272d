#!/usr/bin/env bash
# cordon check on bad input: malformed JSON, an unknown country, a malformed HS code, a missing
# field, a party without a name, a shipment that is no object, a missing file; bad options; an
# unusable rules pack or snapshot. Each must fail with its exit status (2 for the shipment and
# usage, 1 for the pack or snapshot), a message naming the file and the field, nothing on
# standard output, and no crash.
# usage: check_errors.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-check-errors"
rm -rf "$work"; mkdir -p "$work"
snap="$work/bundled.cordonsnap"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$cordon" build --quiet --config "$src/data/sources.conf" --out "$snap" || { echo "FAIL: build exited $?" >&2; exit 1; }
rules="$src/data/rules/default.json"

# variant NAME PYTHON: the GPU example changed by PYTHON (s is the shipment), written to $work/NAME.json
variant() {
  python3 -c "import json; s=json.load(open('$src/examples/shipment-gpu-china.json')); $2; json.dump(s, open('$work/$1.json','w'), ensure_ascii=False)"
}
# refused WHAT EXPECTED_STATUS NEEDLE... -- ARGS: runs cordon check ARGS, wants the status and every needle in stderr
refused() {
  local what="$1" want="$2"; shift 2
  local needles=()
  while [ "$1" != -- ]; do needles+=("$1"); shift; done; shift
  "$cordon" check "$@" >"$work/out" 2>"$work/err"; local rc=$?
  [ $rc = "$want" ] || fail "$what: exit status $rc, expected $want ($(head -c 200 "$work/err"))"
  [ -s "$work/out" ] && fail "$what: wrote to standard output"
  for n in "${needles[@]}"; do
    grep -qF -- "$n" "$work/err" || fail "$what: message lacks \"$n\": $(head -c 300 "$work/err")"
  done
}
base=(--snapshot "$snap" --rules "$rules")

printf '{"id": "x",\n  "date": \n' >"$work/truncated.json"
refused "malformed JSON" 2 "$work/truncated.json:" "not valid JSON" -- "${base[@]}" "$work/truncated.json"

variant unknown-country 's["destination"] = "XX"'
refused "unknown country" 2 "unknown-country.json" "destination" "unknown country" "XX" -- "${base[@]}" "$work/unknown-country.json"

variant party-country 's["parties"][1]["country"] = "Narnia"'
refused "unknown party country" 2 "parties[1].country" "Narnia" -- "${base[@]}" "$work/party-country.json"

variant bad-hs 's["items"][0]["hs_code"] = "84AB.30"'
refused "malformed HS code" 2 "bad-hs.json" "items[0].hs_code" "84AB.30" -- "${base[@]}" "$work/bad-hs.json"

variant short-hs 's["items"][0]["hs_code"] = "8473"'
refused "HS code of 4 digits" 2 "items[0].hs_code" -- "${base[@]}" "$work/short-hs.json"

variant no-parties 'del s["parties"]'
refused "missing parties" 2 "no-parties.json" "parties" "missing" -- "${base[@]}" "$work/no-parties.json"

variant no-destination 'del s["destination"]'
refused "missing destination" 2 "destination" -- "${base[@]}" "$work/no-destination.json"

variant no-name 'del s["parties"][2]["name"]'
refused "party without a name" 2 "parties[2].name" -- "${base[@]}" "$work/no-name.json"

variant bad-date 's["date"] = "2024-02-30"'
refused "a day that does not exist" 2 "date" "2024-02-30" -- "${base[@]}" "$work/bad-date.json"

variant punctuation-name 's["parties"][0]["name"] = "?!?"'
refused "a name with nothing to match" 2 "parties[0].name" "no letters or digits" -- "${base[@]}" "$work/punctuation-name.json"

printf '{"id": "\xff\xfe", "date": "2024-01-01"}' >"$work/latin1.json"
refused "text that is not UTF-8" 2 "latin1.json" "not valid JSON" -- "${base[@]}" "$work/latin1.json"

echo '{"id": "a", "id": "b"}' >"$work/duplicate.json"
refused "a key given twice" 2 "duplicate.json" "duplicate" -- "${base[@]}" "$work/duplicate.json"

echo '[1, 2]' >"$work/array.json"
refused "not an object" 2 "array.json" "JSON object" -- "${base[@]}" "$work/array.json"

refused "missing file" 2 "$work/nowhere.json" -- "${base[@]}" "$work/nowhere.json"
refused "no file given" 2 "which shipment" -- "${base[@]}"
refused "two files" 2 "one shipment" -- "${base[@]}" "$work/array.json" "$work/array.json"
refused "bad threshold" 2 "--threshold" -- "${base[@]}" --threshold 1.5 "$src/examples/shipment-benign.json"
refused "bad format" 2 "--format" -- "${base[@]}" --format xml "$src/examples/shipment-benign.json"
refused "unknown option" 2 "--frobnicate" -- "${base[@]}" --frobnicate "$src/examples/shipment-benign.json"

refused "missing rules pack" 1 "$work/no-pack.json" -- --snapshot "$snap" --rules "$work/no-pack.json" \
  "$src/examples/shipment-benign.json"
printf '{"id": "broken", ' >"$work/broken-pack.json"
refused "malformed rules pack" 1 "broken-pack.json" -- --snapshot "$snap" --rules "$work/broken-pack.json" \
  "$src/examples/shipment-benign.json"
printf 'not a snapshot' >"$work/bad.cordonsnap"
refused "unusable snapshot" 1 "cannot open snapshot" -- --snapshot "$work/bad.cordonsnap" --rules "$rules" \
  "$src/examples/shipment-benign.json"

[ $failures = 0 ] && echo "check errors: all passed"
exit $((failures > 0))
