"""The store over HTTP (cordon serve --store FILE): a CSV party file imported with its bad rows
reported by line (and nothing under strict=true), every party screened against the served
snapshot, open cases, decisions (a false positive cleared on the next screening; bad, unknown and
non-JSON decisions refused), the audit chain verified and exported as JSON and CSV, a record edited
behind the server's back reported by sequence and position, and a server without a store."""
import csv
import io
import json
import os
import sqlite3

from harness import Server, expect, main


def repo(path=""):
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", path))


def setup(ctx):
    ctx["store"] = os.path.join(ctx["work_dir"], "store.db")
    return ["--store", ctx["store"]]


PARTIES = open(repo("examples/parties.csv"), encoding="utf-8").read()


def test_1_import(srv):
    status, r = srv.json("POST", "/v1/parties?strict=true", body=PARTIES, headers={"Content-Type": "text/csv"})
    expect(status == 400 and "--strict" in r["error"]["message"], (status, r))
    expect("cordon-parties-" not in r["error"]["message"], "the temporary file leaks into the message: %s" % r)
    status, r = srv.json("POST", "/v1/parties", body=PARTIES, headers={"Content-Type": "text/csv"})
    expect(status == 200, (status, r))
    expect((r["rows"], r["inserted"], r["bad_rows"]) == (7, 5, 2), r)
    expect([e["line"] for e in r["errors"]] == [7, 8], r["errors"])
    expect("unknown country \"Atlantis\"" in r["errors"][1]["message"], r["errors"])
    status, r = srv.json("POST", "/v1/parties", body=PARTIES, headers={"Content-Type": "text/csv"})
    expect(status == 200 and r["unchanged"] == 5 and r["inserted"] == 0, r)
    status, r = srv.json("POST", "/v1/parties", body="name,country\nSomeone,DE\n")
    expect(status == 400 and "\"id\"" in r["error"]["message"], (status, r))


def test_2_screen_cases_decide(srv):
    status, r = srv.json("POST", "/v1/parties/screen")
    expect(status == 200 and r["parties"] == 5 and r["open"] == 4, (status, r))
    status, r = srv.json("POST", "/v1/parties/screen?threshold=7")
    expect(status == 400 and r["error"]["field"] == "threshold", (status, r))
    status, r = srv.json("GET", "/v1/cases")
    pairs = {(c["party"], c["entity_id"]) for c in r["cases"]}
    expect(("CUST-002", "ofac-cons:32087") in pairs and ("CUST-001", "ofac-sdn:24283") in pairs, pairs)
    decision = {"party": "CUST-002", "entity_id": "ofac-cons:32087", "verdict": "false_positive",
                "reviewer": "ana", "reason": "the holding company, not our customer"}
    status, r = srv.json("POST", "/v1/decisions", json_body=decision)
    expect(status == 200 and r["allow_listed"] is True and r["decision"] == 1, (status, r))
    screening = next(c["screening"] for c in srv.json("GET", "/v1/cases")[1]["cases"] if c["party"] == "CUST-001")
    status, r = srv.json("POST", "/v1/decisions", json_body={"screening": screening, "entity_id": "ofac-sdn:24283",
                                                             "verdict": "true_match", "reviewer": "ana",
                                                             "reason": "same date of birth"})
    expect(status == 200 and r["allow_listed"] is False, (status, r))
    for body, field in [(dict(decision, reviewer=""), "reviewer"), (dict(decision, verdict="maybe"), "verdict"),
                        ({"entity_id": "x", "verdict": "true_match", "reviewer": "a", "reason": "b"}, "screening")]:
        status, r = srv.json("POST", "/v1/decisions", json_body=body)
        expect(status == 400 and r["error"]["field"] == field, (body, status, r))
    status, r = srv.json("POST", "/v1/decisions", json_body=dict(decision, party="nobody"))
    expect(status == 404 and "nobody" in r["error"]["message"], (status, r))
    status, _, _ = srv.request("POST", "/v1/decisions", body="party=CUST-002",
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 415, status)
    status, r = srv.json("POST", "/v1/parties/screen")
    expect((r["cleared"], r["confirmed"], r["open"]) == (1, 1, 2), r)
    pairs = {(c["party"], c["entity_id"]) for c in srv.json("GET", "/v1/cases")[1]["cases"]}
    expect(("CUST-002", "ofac-cons:32087") not in pairs, pairs)


def test_3_audit(srv):
    status, r = srv.json("GET", "/v1/audit/verify")
    expect(status == 200 and r["intact"] is True and r["records"] > 10 and len(r["head"]) == 64, r)
    status, records = srv.json("GET", "/v1/audit/export?from=2000-01-01&to=2999-12-31")
    expect(status == 200 and len(records) == r["records"], (status, len(records)))
    expect({"party.insert", "screening", "decision"} <= {x["action"] for x in records}, records[:3])
    expect(records[0]["content"]["party"]["external_id"] == "CUST-001", records[0])
    status, headers, data = srv.request("GET", "/v1/audit/export?format=csv")
    rows = list(csv.reader(io.StringIO(data.decode())))
    expect(status == 200 and headers["content-type"].startswith("text/csv") and rows[0][0] == "seq", rows[:1])
    expect(len(rows) == r["records"] + 1, len(rows))
    status, r2 = srv.json("GET", "/v1/audit/export?format=xml")
    expect(status == 400 and r2["error"]["field"] == "format", r2)
    # an attacker edits record 3 in the file: the next verification names it
    db = sqlite3.connect(srv.ctx["store"])
    db.executescript("DROP TRIGGER audit_no_update; "
                     "UPDATE audit SET content = replace(content, 'Maria', 'Mario') WHERE seq = 3;")
    db.commit()
    db.close()
    status, r = srv.json("GET", "/v1/audit/verify")
    expect(status == 200 and r["intact"] is False and (r["record"], r["position"]) == (3, 3), r)
    expect("was edited" in r["problem"], r)


def test_4_no_store(srv):
    other = Server(srv.ctx["binary"], srv.ctx["snapshot"], srv.ctx["work_dir"])
    try:
        for method, path in [("GET", "/v1/cases"), ("POST", "/v1/parties/screen"), ("GET", "/v1/audit/verify")]:
            status, r = other.json(method, path)
            expect(status == 404 and "--store" in r["error"]["message"], (path, status, r))
    finally:
        other.stop()


if __name__ == "__main__":
    main(globals())
