#!/usr/bin/env bash
# cordon classify: computed parameters with the arithmetic, entries met by date,
# "cannot classify" for a missing die area, --json, and bad input.
# usage: classify.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-classify"
rm -rf "$work"; mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_contains() { # haystack needle what
  case "$1" in *"$2"*) ;; *) fail "$3: expected to find \"$2\" in: $1";; esac
}

cat > "$work/gpu.json" <<'JSON'
{"description": "Data-center GPU accelerator, SXM module", "hs_code": "8473.30.11", "eccn": "3A090.a",
 "date": "2024-03-04", "parameters": {"bit_length": 16, "dense_tops": 989, "die_area_mm2": 814}}
JSON
out=$("$cordon" classify "$work/gpu.json") || fail "gpu: exit $?"
expect_contains "$out" "tpp  = dense_tops 989 × bit_length 16 = 15824" "gpu TPP arithmetic"
expect_contains "$out" "pd   = tpp 15824 ÷ die_area_mm2 814 = 19.44" "gpu PD arithmetic"
expect_contains "$out" "[met] 3A090.a (3A090.a-2023)" "gpu meets 3A090.a"
expect_contains "$out" "classification: 3A090.a" "gpu classification"

json=$("$cordon" classify --json "$work/gpu.json") || fail "gpu --json: exit $?"
cls=$(printf '%s' "$json" | python3 -c "import json,sys; d=json.load(sys.stdin); print(','.join(d['classification']), round(d['computed']['pd']['value'], 2))")
[ "$cls" = "3A090.a 19.44" ] || fail "gpu --json: classification and pd were \"$cls\""

# the H20 without its die area: 1,600 <= TPP < 4,800 needs the performance density
echo '{"description": "H20", "parameters": {"bit_length": 16, "dense_tops": 148}}' > "$work/h20.json"
out=$("$cordon" classify --date 2024-03-01 "$work/h20.json") || fail "h20: exit $?"
expect_contains "$out" "cannot classify: missing die_area_mm2" "h20 without die area"
expect_contains "$out" "classification: none" "h20 without die area is not classified"

# the A800 (400 GB/s): outside the October 2022 rule, 3A090.a under the October 2023 rule
echo '{"parameters": {"bit_length": 16, "dense_tops": 312, "die_area_mm2": 826, "interconnect_gbps": 400}}' > "$work/a800.json"
out=$("$cordon" classify --date 2023-03-01 "$work/a800.json") || fail "a800 2023-03-01: exit $?"
expect_contains "$out" "classification: none" "a800 under the 2022 rule"
expect_contains "$out" "not: interconnect_gbps 400 >= 600" "a800 fails the interconnect test"
out=$("$cordon" classify --date 2024-03-01 "$work/a800.json") || fail "a800 2024-03-01: exit $?"
expect_contains "$out" "classification: 3A090.a" "a800 under the 2023 rule"

# from standard input
out=$(echo '{"parameters": {"bit_length": 16, "dense_tops": 181.05, "die_area_mm2": 609}}' |
      "$cordon" classify --date 2024-03-01 -) || fail "stdin: exit $?"
expect_contains "$out" "classification: 3A090.b" "L40 from stdin"

# bad input: the field named, exit 2; an unusable pack, exit 1
echo '{"hs_code": "85A231", "parameters": {}}' > "$work/bad-hs.json"
err=$("$cordon" classify "$work/bad-hs.json" 2>&1); rc=$?
[ $rc = 2 ] || fail "bad HS code: exit $rc"
expect_contains "$err" "hs_code: \"85A231\" is not an HS code" "bad HS code message"
echo '{"parameters": {"die_area_mm2": -1}}' > "$work/bad-param.json"
err=$("$cordon" classify "$work/bad-param.json" 2>&1); rc=$?
[ $rc = 2 ] || fail "negative die area: exit $rc"
expect_contains "$err" "parameters.die_area_mm2" "negative die area message"
err=$("$cordon" classify --date 2024-02-30 "$work/gpu.json" 2>&1); rc=$?
[ $rc = 2 ] || fail "bad date: exit $rc"
expect_contains "$err" "not a date" "bad date message"
echo '{"parameters": ' > "$work/broken.json"
err=$("$cordon" classify "$work/broken.json" 2>&1); rc=$?
[ $rc = 2 ] || fail "malformed JSON: exit $rc"
expect_contains "$err" "broken.json:" "malformed JSON names the file"
err=$("$cordon" classify --rules "$work/no-such-pack.json" "$work/gpu.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "missing pack: exit $rc"
expect_contains "$err" "no-such-pack.json" "missing pack named"
"$cordon" classify >/dev/null 2>&1; rc=$?
[ $rc = 2 ] || fail "no file: exit $rc"
"$cordon" classify --help | grep -q "usage: cordon classify" || fail "--help"

# the README's example, as printed: the command and the text block after it
shown=$(awk '/^build\/cordon classify /{f=1; next} f && /^```text$/{g=1; next} g && /^```$/{exit} g' "$src/README.md")
[ -n "$shown" ] || fail "README: no cordon classify example found"
actual=$(cd "$src" && "$cordon" classify --date 2024-03-01 examples/item-h20.json) || fail "README example: exit $?"
[ "$shown" = "$actual" ] || fail "README example differs from the output: $(diff <(echo "$shown") <(echo "$actual"))"

[ $failures = 0 ] && echo "classify: all passed"
exit $((failures > 0))
