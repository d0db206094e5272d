#!/usr/bin/env bash
# The README's store commands ("Screening your parties"), run as printed from the repository root
# with the store and export redirected into the work folder, and their outcomes checked.
# usage: store_readme.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-store-readme"
rm -rf "$work"; mkdir -p "$work"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

block=$(awk '/^## Screening your parties/ {on = 1} on && /^```sh/ {grab = 1; next} grab && /^```/ {exit} grab' \
        "$src/README.md")
[ "$(printf '%s\n' "$block" | grep -c '^build/cordon')" -ge 9 ] || fail "README block not found or shorter than expected"
cd "$src" || exit 1
n=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  n=$((n + 1))
  cmd=${line//build\/cordon/\"\$cordon\"}
  cmd=${cmd//\/tmp\/cordon-demo.db/$work/store.db}
  cmd=${cmd//\/tmp\/cordon-audit.json/$work/audit.json}
  eval "$cmd" > "$work/out-$n" 2> "$work/err-$n"
  echo $? > "$work/rc-$n"
done <<< "$block"
unset CORDON_STORE

rc() { cat "$work/rc-$1"; }
out() { cat "$work/out-$1"; }
# 1 export, 2 import, 3 screen, 4 cases, 5-6 decide, 7 screen, 8 monitor, 9 verify, 10 export
[ "$(rc 2)" = 1 ] || fail "import: exit $(rc 2), expected 1 (two bad rows)"
grep -q "5 new" "$work/out-2" || fail "import: $(out 2)"
grep -q "examples/parties.csv:7: field name is empty" "$work/err-2" || fail "import: line 7 not reported"
grep -q "examples/parties.csv:8: field country: unknown country \"Atlantis\"" "$work/err-2" || fail "import: line 8 not reported"
for i in 3 4 5 6 7 8 9 10; do [ "$(rc $i)" = 0 ] || fail "command $i exited $(rc $i): $(cat "$work/err-$i")"; done
grep -q "ofac-sdn:24283" "$work/out-3" || fail "screen: Deripaska not hit"
grep -q "CUST-002 .*ofac-cons:32087" "$work/out-4" || fail "cases: CUST-002 x ofac-cons:32087 not open"
grep -q "1 cleared by the allow-list, 1 confirmed" "$work/out-7" || fail "second screen: $(tail -1 "$work/out-7")"
grep -q "^monitored" "$work/out-8" || fail "monitor: $(out 8)"
grep -q "audit trail intact" "$work/out-9" || fail "verify: $(out 9)"
python3 -c "
import json, sys
records = json.load(open(sys.argv[1]))
actions = {r['action'] for r in records}
assert {'party.insert', 'screening', 'decision', 'monitor'} <= actions, actions
" "$work/audit.json" || fail "export: records missing"
"$cordon" cases list --store "$work/store.db" | grep -q "ofac-cons:32087" && fail "cases: the false positive is still open"

[ "$failures" = 0 ] && echo "README store commands: ok"
exit $((failures > 0))
