#!/usr/bin/env bash
# The name-matching evaluation harness (bench/bench_eval.c) on the bundled lists with 30 queries
# per kind: it prints the summary with every kind, totals and the four targets; the exact names
# of listed entities are found first (recall@1 100%); the output is the same on a second run;
# --json writes one line per query; a missing data folder is an error.
# usage: eval_smoke.sh CORDON_BINARY SOURCE_DIR WORK_DIR (bench_eval is in WORK_DIR/../bench)
set -u
src="$2"; work="$3/cli-eval"; bench="$3/../bench/bench_eval"
rm -rf "$work"; mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
[ -x "$bench" ] || { echo "FAIL: $bench not built" >&2; exit 1; }

"$bench" --data "$src/data" --per-kind 30 --no-timing --failures 3 --json "$work/q.jsonl" >"$work/out1" 2>"$work/err"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || fail "bench_eval exited $rc: $(cat "$work/err")"
out=$(cat "$work/out1")
for kind in exact alias typo transposition reorder drop_middle legal_form_swap diacritics spacing case_punct \
            cyrillic greek arabic han neg_people neg_companies; do
  grep -q "^$kind " <<<"$out" || fail "summary has no row for $kind"
done
for row in "all Latin kinds" "all cross-script kinds" "overall" "all negatives" "targets:"; do
  grep -q "^$row" <<<"$out" || fail "summary has no \"$row\" line"
done
verdicts=$(grep -cE '^(PASS|FAIL|SKIP)  ' <<<"$out")
[ "$verdicts" = 4 ] || fail "expected 4 PASS/FAIL lines, got $verdicts"
n=$(awk '$1 == "exact" {print $3}' <<<"$out")
[ "$n" = 30 ] || fail "exact kind has $n queries, expected 30"
r1=$(awk '$1 == "exact" {print $4}' <<<"$out")
[ "$r1" = "100.00%" ] || fail "exact names: recall@1 is $r1, expected 100.00% (misses: $(sed -n '/^misses of exact/,/^$/p' <<<"$out"))"

positives=$(sed -n 's/^queries: \([0-9]*\) positive, \([0-9]*\) negative$/\1 \2/p' <<<"$out")
lines=$(wc -l <"$work/q.jsonl")
[ -n "$positives" ] && [ "$lines" = $(( ${positives% *} + ${positives#* } )) ] ||
  fail "--json wrote $lines lines for \"$positives\" queries"
grep -q '"kind":"exact".*"rank":1' "$work/q.jsonl" || fail "--json lines lack kind and rank"

"$bench" --data "$src/data" --per-kind 30 --no-timing --failures 3 >"$work/out2" 2>/dev/null
cmp -s "$work/out1" "$work/out2" || fail "a second run with the same seed printed something else"

"$bench" --data "$work/missing" --per-kind 30 >/dev/null 2>"$work/err"; rc=$?
[ $rc = 2 ] || fail "a missing data folder should exit 2, got $rc"
grep -q "missing/sources.conf" "$work/err" || fail "the error should name the missing file"

[ $failures = 0 ] && echo "evaluation smoke checks passed"
exit $((failures > 0))
