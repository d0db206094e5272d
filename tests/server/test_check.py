"""POST /v1/check: shipments checked as `cordon check` checks them (the same result for the same
snapshot and pack), a bad shipment as 400 naming the field, the shared refusals (413, 415, 405),
the rules pack loaded at start and reloaded with the snapshot, a server without a pack (503) and
one whose --rules cannot be loaded (does not start)."""
import json
import os
import shutil
import subprocess

from harness import Server, expect, main


def repo(path=""):
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "..", path)


PACK = os.path.normpath(repo("data/rules/default.json"))


def example(name):
    with open(os.path.normpath(repo("examples/shipment-%s.json" % name)), encoding="utf-8") as f:
        return json.load(f)


def setup(ctx):
    # a copy of the pack, so that a test can damage it and see the reload refused
    ctx["pack"] = os.path.join(ctx["work_dir"], "rules.json")
    shutil.copy(PACK, ctx["pack"])
    return ["--rules", ctx["pack"], "--max-body", "16384"]


def check(srv, shipment, query=""):
    return srv.json("POST", "/v1/check" + query, json_body=shipment)


def test_examples_get_their_decisions(srv):
    for name, decision in [("gpu-china", "license_required"), ("chpl-listed-end-user", "block"),
                           ("transliterated-end-user", "block"), ("crimea-consignee", "block"),
                           ("benign", "clear")]:
        status, r = check(srv, example(name))
        expect(status == 200, (name, status, r))
        expect(r["decision"] == decision, (name, r["decision"], r["reasons"][:2]))
        expect(all(k in r for k in ("parties", "items", "reasons", "provenance")), (name, sorted(r)))
    status, r = check(srv, example("chpl-transshipment"))
    expect(status == 200 and r["decision"] in ("review", "license_required", "block"), r["decision"])


def test_same_result_as_the_cli(srv):
    for name in ("gpu-china", "chpl-listed-end-user"):
        path = os.path.normpath(repo("examples/shipment-%s.json" % name))
        cli = subprocess.run([srv.ctx["binary"], "check", "--json", "--snapshot", srv.ctx["snapshot"], "--rules",
                              srv.ctx["pack"], path], capture_output=True, text=True)
        expect(cli.returncode in (0, 3, 4, 5), (cli.returncode, cli.stderr))
        status, r = check(srv, example(name))
        expect(status == 200 and r == json.loads(cli.stdout), (name, "the server and the CLI differ"))


def test_cyrillic_end_user_hit(srv):
    _, r = check(srv, example("chpl-listed-end-user"))
    end_user = [p for p in r["parties"] if p["role"] == "end_user"][0]
    hit = [h for h in end_user["hits"] if h["entity_id"] == "os:NK-cWSvGMvufNH5KwEV88FwTA"]
    expect(hit and "csl:EL" in hit[0]["tags"] and hit[0]["score"] >= 0.78, end_user["hits"][:1])
    expect(end_user["determination"] == "block", end_user["determination"])


def test_bad_shipment_is_400_naming_the_field(srv):
    cases = [(lambda s: s.update(destination="XX"), "destination", "unknown country"),
             (lambda s: s["items"][0].update(hs_code="84AB.30"), "items[0].hs_code", "HS code"),
             (lambda s: s.pop("parties"), "parties", "missing"),
             (lambda s: s["parties"][1].pop("name"), "parties[1].name", "missing"),
             (lambda s: s.update(date="2024-13-01"), "date", "2024-13-01")]
    for change, field, words in cases:
        s = example("gpu-china")
        change(s)
        status, r = check(srv, s)
        expect(status == 400, (field, status, r))
        expect(r["error"]["field"] == field and words in r["error"]["message"], (field, r))
    status, r = check(srv, [1, 2])
    expect(status == 400 and "JSON object" in r["error"]["message"], r)


def test_malformed_or_empty_body_is_400(srv):
    status, r = srv.json("POST", "/v1/check", body='{"id": "x", ', headers={"Content-Type": "application/json"})
    expect(status == 400 and "malformed JSON" in r["error"]["message"], r)
    status, r = srv.json("POST", "/v1/check", body="", headers={"Content-Type": "application/json"})
    expect(status == 400 and "no body" in r["error"]["message"], r)


def test_content_types(srv):
    body = json.dumps(example("benign"))
    for ct in ("text/plain", "application/x-www-form-urlencoded"):
        status, r = srv.json("POST", "/v1/check", body=body, headers={"Content-Type": ct})
        expect(status == 415 and ct in r["error"]["message"], (ct, status, r))
    status, r = srv.json("POST", "/v1/check", body=body, headers={"Content-Type": "application/json; charset=utf-8"})
    expect(status == 200 and r["decision"] == "clear", (status, r))


def test_too_large_is_413(srv):
    s = example("benign")
    s["padding"] = "x" * 20000  # over --max-body 16384: small enough to be sent whole before the answer
    status, r = check(srv, s)
    expect(status == 413 and "larger than" in r["error"]["message"], (status, r))


def test_get_is_405(srv):
    status, _, _ = srv.request("GET", "/v1/check")
    expect(status == 405, status)


def test_threshold_argument(srv):
    status, r = check(srv, example("benign"), "?threshold=1.5")
    expect(status == 400 and r["error"]["field"] == "threshold", r)
    status, r = check(srv, example("chpl-listed-end-user"), "?threshold=0.9")
    expect(status == 200 and r["provenance"]["threshold"] == 0.9, r.get("provenance"))
    expect(all(h["score"] >= 0.9 for p in r["parties"] for h in p["hits"]), "hits under the threshold")


def test_pack_reloads_with_the_snapshot(srv):
    pack = srv.ctx["pack"]
    with open(pack, "rb") as f:
        good = f.read()
    try:
        with open(pack, "w") as f:
            f.write('{"id": "damaged", ')
        status, r = srv.json("POST", "/v1/admin/reload")
        expect(status == 409 and "rules.json" in r["error"]["message"], (status, r))
        status, r = check(srv, example("gpu-china"))  # the previous pack still answers
        expect(status == 200 and r["decision"] == "license_required", (status, r.get("decision")))
    finally:
        with open(pack, "wb") as f:
            f.write(good)
    status, r = srv.json("POST", "/v1/admin/reload")
    expect(status == 200, (status, r))
    status, r = check(srv, example("gpu-china"))
    expect(status == 200 and r["decision"] == "license_required", (status, r.get("decision")))


def test_server_without_a_pack_answers_503(srv):
    other = Server(srv.ctx["binary"], srv.ctx["snapshot"], srv.ctx["work_dir"], ["--rules", "none"])
    try:
        status, r = other.json("POST", "/v1/check", json_body=example("benign"))
        expect(status == 503 and "rules pack" in r["error"]["message"], (status, r))
        status, _ = other.json("POST", "/v1/screen", json_body={"query": "Oleg Deripaska"})
        expect(status == 200, "screening works without a pack")
    finally:
        other.stop()


def test_unloadable_pack_stops_the_start(srv):
    missing = os.path.join(srv.ctx["work_dir"], "no-such-pack.json")
    try:
        other = Server(srv.ctx["binary"], srv.ctx["snapshot"], srv.ctx["work_dir"], ["--rules", missing])
    except RuntimeError as e:
        expect("no-such-pack.json" in str(e), str(e))
        return
    other.stop()
    raise AssertionError("cordon serve started with a rules pack that cannot be loaded")


if __name__ == "__main__":
    main(globals())
