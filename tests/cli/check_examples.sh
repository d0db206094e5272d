#!/usr/bin/env bash
# cordon check on every shipment in examples/ against the bundled lists and the default rules
# pack: the decision each must get (examples/README.md), its exit status, the parties' hits (a
# listed end user written in Cyrillic found, with its list tags), the result's fields, the text
# report, standard input.
# usage: check_examples.sh CORDON_BINARY SOURCE_DIR WORK_DIR
set -u
cordon="$1"; src="$2"; work="$3/cli-check-examples"
rm -rf "$work"; mkdir -p "$work"
snap="$work/bundled.cordonsnap"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

"$cordon" build --quiet --config "$src/data/sources.conf" --out "$snap" || { echo "FAIL: build exited $?" >&2; exit 1; }
rules="$src/data/rules/default.json"

# check NAME -> the JSON result in $work/NAME.json, the exit status in $work/NAME.rc
check() {
  "$cordon" check --snapshot "$snap" --rules "$rules" --json "$src/examples/$1.json" >"$work/$1.json" 2>"$work/$1.err"
  echo $? >"$work/$1.rc"
}
# py NAME EXPR: EXPR evaluated with r = the result; prints it
py() { python3 -c "import json,sys; r=json.load(open('$work/$1.json')); print($2)"; }
expect() { # NAME DECISION EXIT_STATUS
  check "$1"
  local d rc
  d=$(py "$1" "r['decision']" 2>/dev/null); rc=$(cat "$work/$1.rc")
  [ "$d" = "$2" ] || fail "$1: decision \"$d\", expected \"$2\" ($(head -c 300 "$work/$1.err"))"
  [ "$rc" = "$3" ] || fail "$1: exit status $rc, expected $3"
}
# assert NAME PYTHON-CONDITION WHAT
assert() { [ "$(py "$1" "bool($2)" 2>&1)" = True ] || fail "$1: $3"; }

# every result has the fields examples/README.md requires, whatever its decision
fields='all(k in r for k in ("decision","parties","items","reasons")) and all("role" in p and "name" in p and all("entity_id" in h and "score" in h for h in p["hits"]) for p in r["parties"]) and all("line" in i and "determination" in i and all("id" in x and "citation" in x for x in i["rules"]) for i in r["items"]) and all("rule" in x and "citation" in x and "facts" in x for x in r["reasons"])'

expect shipment-gpu-china license_required 4
assert shipment-gpu-china "$fields" "result fields"
assert shipment-gpu-china "r['items'][0]['determination'] == 'license_required' and r['items'][0]['rules']" \
  "item 1 (3A090.a to China) needs a licence, with the rule named"
assert shipment-gpu-china "all(x['citation'] for x in r['reasons'])" "every reason has a citation"
assert shipment-gpu-china "all(not p['hits'] for p in r['parties'])" "nobody in the GPU example is listed"
assert shipment-gpu-china "r['provenance']['rules_pack']['id'] and r['shipment']['id'] == 'SO-2024-0117'" "provenance"

# CHPL goods to a transshipment country for a Russian end user: review at least, nobody listed
check shipment-chpl-transshipment
d=$(py shipment-chpl-transshipment "r['decision']")
case "$d" in review|license_required|block) ;; *) fail "chpl-transshipment: decision \"$d\", expected review at least";; esac
assert shipment-chpl-transshipment "$fields" "result fields"
assert shipment-chpl-transshipment "all(not p['hits'] for p in r['parties'])" "nobody in the CHPL example is listed"
assert shipment-chpl-transshipment "any(i['determination'] != 'clear' for i in r['items'])" \
  "a CHPL item is flagged"

# the same with the end user in Cyrillic: LLC Unmanned Systems, on the Entity List and the SDN list
expect shipment-chpl-listed-end-user block 5
assert shipment-chpl-listed-end-user "$fields" "result fields"
eu="[p for p in r['parties'] if p['role'] == 'end_user'][0]"
assert shipment-chpl-listed-end-user "any(h['entity_id'] == 'os:NK-cWSvGMvufNH5KwEV88FwTA' for h in $eu['hits'])" \
  "ООО «Беспилотные системы» found as LLC Unmanned Systems"
assert shipment-chpl-listed-end-user "any('csl:EL' in h['tags'] and h['score'] >= 0.78 for h in $eu['hits'])" \
  "the end user's hit is tagged csl:EL"
assert shipment-chpl-listed-end-user "$eu['determination'] == 'block'" "the end user's own determination is block"
assert shipment-chpl-listed-end-user "any(x.get('party', {}).get('role') == 'end_user' and x['outcome'] == 'block' for x in r['reasons'])" \
  "a block reason names the end user"
assert shipment-chpl-listed-end-user "all(not p['hits'] for p in r['parties'] if p['role'] != 'end_user')" \
  "only the end user has hits"

# an SDN end user the bundled OFAC file lists only in Latin script, asked for in Cyrillic
expect shipment-transliterated-end-user block 5
assert shipment-transliterated-end-user "any(h['entity_id'] == 'ofac-sdn:16911' and 'csl:SDN' in h['tags'] for h in $eu['hits'])" \
  "АО «Концерн Калашников» found as KALASHNIKOV CONCERN (ofac-sdn:16911), tagged csl:SDN"
assert shipment-transliterated-end-user "any(x['rule'] == 'chpl-transshipment' for x in r['reasons'])" \
  "the CNC lathe (CHPL tier 4.B since 2024-02-23) to Kazakhstan is a diversion red flag"

expect shipment-crimea-consignee block 5
assert shipment-crimea-consignee "[p for p in r['parties'] if p['role'] == 'consignee'][0].get('region') == 'UA-43'" \
  "the consignee's region is Crimea (UA-43)"
assert shipment-crimea-consignee "any(x['outcome'] == 'block' and 'UA-43' in json.dumps(x) for x in r['reasons'])" \
  "a block reason carries the region"

# the region named only in the consignee's address
python3 -c "import json; s=json.load(open('$src/examples/shipment-crimea-consignee.json')); c=s['parties'][1]; del c['region']; c['address']='vul. Kyivska 41, Simferopol, Crimea'; json.dump(s, open('$work/crimea-address.json','w'))"
"$cordon" check --snapshot "$snap" --rules "$rules" --json "$work/crimea-address.json" >"$work/crimea-address.out"; rc=$?
[ $rc = 5 ] || fail "Crimea in the address only: exit status $rc, expected 5"
python3 -c "import json; r=json.load(open('$work/crimea-address.out')); assert r['decision']=='block' and r['parties'][1].get('region')=='UA-43'" ||
  fail "Crimea in the address only: block with region UA-43"

# an Entity List row with footnote 3 in the bundled CSL (CETC 13), by its listed name: the footnote
# reaches the rules as el-footnote:3 and the party needs a licence at least
python3 -c "import json; s=json.load(open('$src/examples/shipment-benign.json')); s['destination']='CN'; s['parties'][1].update(name='China Electronics Technology Group Corporation 13th Research Institute (CETC 13)', country='CN'); json.dump(s, open('$work/cetc13.json','w'))"
"$cordon" check --snapshot "$snap" --rules "$rules" --json "$work/cetc13.json" >"$work/cetc13.out"
python3 - "$work/cetc13.out" <<'PY' || fail "CETC 13: an Entity List hit with el-footnote:3 and a licence requirement for the end user"
import json, sys
r = json.load(open(sys.argv[1]))
eu = r["parties"][1]
assert any("csl:EL" in h["tags"] and "el-footnote:3" in h["tags"] and h["score"] >= 0.9 for h in eu["hits"]), eu["hits"]
assert eu["determination"] in ("license_required", "block"), eu["determination"]
assert r["decision"] in ("license_required", "block"), r["decision"]
PY

expect shipment-benign clear 0
assert shipment-benign "$fields" "result fields"
assert shipment-benign "not r['reasons'] and all(i['determination'] == 'clear' for i in r['items'])" \
  "nothing to say about the benign shipment"

# the text report: decision first, then reasons, parties, items
text=$("$cordon" check --snapshot "$snap" --rules "$rules" "$src/examples/shipment-chpl-listed-end-user.json"); rc=$?
[ $rc = 5 ] || fail "text report: exit status $rc, expected 5"
[ "$(printf '%s\n' "$text" | head -1 | cut -d' ' -f1)" = BLOCK ] || fail "text report: the first word is the decision"
for want in "Reasons (most severe first):" "citation:" "facts:" "Parties:" "ООО «Беспилотные системы» (RU)" \
            "os:NK-cWSvGMvufNH5KwEV88FwTA" "csl:EL" "Items:" "Rules pack"; do
  case "$text" in *"$want"*) ;; *) fail "text report lacks \"$want\"";; esac
done

# standard input gives the same answer
out=$("$cordon" check --snapshot "$snap" --rules "$rules" --format json - <"$src/examples/shipment-gpu-china.json")
[ "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["decision"])')" = license_required ] ||
  fail "check - (standard input)"

# the default rules pack is found without --rules
"$cordon" check --snapshot "$snap" --json "$src/examples/shipment-benign.json" >/dev/null; rc=$?
[ $rc = 0 ] || fail "without --rules: exit status $rc, expected 0"

[ $failures = 0 ] && echo "check examples: all passed"
exit $((failures > 0))
