"""The W3C Reconciliation API (v0.2) as OpenRefine uses it: manifest, form-encoded batches, suggest, extension."""
import json
import os
import urllib.parse

from harness import Server, expect, main

PRIGOZHIN = "ofac-sdn:21171"
DERIPASKA = "ofac-sdn:24283"


def form(**fields):
    """A form-encoded body as OpenRefine (Java's URLEncoder) writes it: spaces as '+'."""
    return urllib.parse.urlencode({k: v if isinstance(v, str) else json.dumps(v) for k, v in fields.items()})


FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


def reconcile(srv, batch, path="/reconcile", headers=None, ensure_ascii=True):
    body = urllib.parse.urlencode({"queries": json.dumps(batch, ensure_ascii=ensure_ascii)})
    return srv.json("POST", path, body=body, headers=dict(FORM, **(headers or {})))


def top(answer, key):
    result = answer[key]["result"]
    return result[0] if result else None


def check_candidate(c):
    expect(isinstance(c["id"], str) and isinstance(c["name"], str) and isinstance(c["description"], str), c)
    expect(0.0 <= c["score"] <= 1.0 and isinstance(c["match"], bool), c)
    expect(c["type"] and set(c["type"][0]) == {"id", "name"}, c)
    expect(c["type"][0]["id"] in ("Person", "Organization", "Vessel", "Airplane", "LegalEntity"), c)
    ids = [f["id"] for f in c["features"]]
    expect(len(ids) == len(set(ids)), "feature ids are unique: %s" % ids)
    expect(all(isinstance(f["value"], (bool, int, float)) for f in c["features"]), c["features"])


def test_manifest(srv):
    status, m = srv.json("GET", "/reconcile", headers={"Host": "screening.example:8443"})
    expect(status == 200, m)
    expect(m["versions"] == ["0.2"] and m["name"] and m["identifierSpace"] and m["schemaSpace"], m)
    expect([t["id"] for t in m["defaultTypes"]] == ["Person", "Organization", "Vessel", "Airplane", "LegalEntity"], m)
    expect(m["batchSize"] == 50, m["batchSize"])
    expect(m["view"]["url"] == "http://screening.example:8443/v1/entities/{{id}}", m["view"])
    for kind in ("entity", "type", "property"):
        s = m["suggest"][kind]
        expect(s == {"service_url": "http://screening.example:8443/reconcile/default",
                     "service_path": "/suggest/" + kind}, s)
    expect(m["extend"]["propose_properties"]["service_path"] == "/extend/property", m["extend"])
    expect(m["extend"]["property_settings"][0]["name"] == "limit", m["extend"])
    expect("authentication" not in m, "no keys, no authentication block")
    status, m = srv.json("GET", "/reconcile/un")
    expect(status == 200 and m["suggest"]["entity"]["service_url"].endswith("/reconcile/un"), m)
    status, m = srv.json("GET", "/reconcile/default/")
    expect(status == 200 and m["versions"] == ["0.2"], m)


def test_manifest_does_not_echo_a_forged_host(srv):
    status, m = srv.json("GET", "/reconcile", headers={"Host": "evil\"><script>"})
    expect(status == 200 and m["view"]["url"] == "http://localhost/v1/entities/{{id}}", m["view"])


def test_unknown_dataset_is_404(srv):
    for method, body in (("GET", None), ("POST", form(queries={"q0": {"query": "x"}}))):
        status, b = srv.json(method, "/reconcile/no-such-list", body=body, headers=FORM)
        expect(status == 404 and b == {"detail": "No such dataset."}, (method, status, b))
    status, b = srv.json("GET", "/reconcile/no-such-list/suggest/type?prefix=p")
    expect(status == 404, b)


def test_openrefine_batch_of_ten(srv):
    """Ten queries, as OpenRefine batches them: names in two scripts, types, properties, an empty cell's absence."""
    batch = {
        "q0": {"query": "Евгений Пригожин", "type": "Person", "type_strict": "should", "limit": 3},
        "q1": {"query": "Oleg Deripaska", "type": "Person", "type_strict": "should"},
        "q2": {"query": "Huawei Technologies", "type": "Organization", "type_strict": "should", "limit": 5},
        "q3": {"query": "Sberbank", "type": "Organization"},
        "q4": {"query": "Kim Jong Un", "type": "Person",
               "properties": [{"pid": "Thing:country", "v": "North Korea"}]},
        "q5": {"query": "Yevgeniy Prigozhin", "type": "Person",
               "properties": [{"pid": "Person:birthDate", "v": "1961-06-01T00:00:00Z"}]},
        "q6": {"query": "Zzyzx Qwertyuiop Nobody", "type": "Person"},
        "q7": {"query": "Bank Melli", "type": "Organization"},
        "q8": {"query": "Rosneft", "limit": 1},
        "q9": {"query": "Oleg Deripaska", "type": ["Person", "Organization"]},
    }
    status, answer = reconcile(srv, batch)
    expect(status == 200, answer)
    expect(sorted(answer) == sorted(batch), sorted(answer))
    for key, value in answer.items():
        expect(list(value) == ["result"], value)
        for c in value["result"]:
            check_candidate(c)
        scores = [c["score"] for c in value["result"]]
        expect(scores == sorted(scores, reverse=True), "best first: %s %s" % (key, scores))
        expect(not any(c["match"] for c in value["result"][1:]), "only the first may match: %s" % key)
    expect(top(answer, "q0")["id"] == PRIGOZHIN and top(answer, "q0")["match"], answer["q0"])
    expect(len(answer["q0"]["result"]) <= 3 and len(answer["q2"]["result"]) <= 5, "limits are kept")
    expect(len(answer["q8"]["result"]) == 1, answer["q8"])
    expect(top(answer, "q1")["id"] == DERIPASKA and top(answer, "q1")["match"], answer["q1"])
    expect(top(answer, "q1")["type"] == [{"id": "Person", "name": "Person"}], top(answer, "q1"))
    expect(top(answer, "q2")["name"].startswith("HUAWEI TECHNOLOGIES"), answer["q2"])
    expect(top(answer, "q4")["id"] == "ofac-sdn:20157" and top(answer, "q4")["match"], answer["q4"])
    expect(top(answer, "q5")["id"] == PRIGOZHIN and top(answer, "q5")["score"] == 1.0, answer["q5"])
    features = {f["id"]: f["value"] for f in top(answer, "q5")["features"]}
    expect(features.get("birth_date", 0) > 0 and features["type_match"] is True, features)
    expect(not any(c["match"] for c in answer["q6"]["result"]), answer["q6"])
    expect(top(answer, "q9")["id"] == DERIPASKA and top(answer, "q9")["match"], answer["q9"])


def test_same_batch_with_raw_utf8_and_ascii_escapes(srv):
    """Java clients may send non-ASCII as \\u escapes or as UTF-8; both are one query."""
    batch = {"q0": {"query": "Евгений Пригожин"}}
    _, escaped = reconcile(srv, batch, ensure_ascii=True)
    _, raw = reconcile(srv, batch, ensure_ascii=False)
    expect(escaped == raw and top(raw, "q0")["id"] == PRIGOZHIN, (escaped, raw))


def test_near_miss_type_keeps_the_candidate_but_never_auto_matches(srv):
    """OpenRefine may guess Organization for a column that holds people (reference §5)."""
    status, answer = reconcile(srv, {
        "person": {"query": "Oleg Deripaska", "type": "Person"},
        "guessed": {"query": "Oleg Deripaska", "type": "Organization"},
        "strict": {"query": "Oleg Deripaska", "type": "Organization", "type_strict": "all"},
        "unknown": {"query": "Oleg Deripaska", "type": "Q5"},
    })
    expect(status == 200, answer)
    expect(top(answer, "person")["id"] == DERIPASKA and top(answer, "person")["match"], answer["person"])
    guessed = top(answer, "guessed")
    expect(guessed["id"] == DERIPASKA and not guessed["match"], guessed)
    expect({f["id"]: f["value"] for f in guessed["features"]}["type_match"] is False, guessed["features"])
    expect(guessed["score"] == top(answer, "person")["score"], "the type does not change the score")
    expect(all(c["id"] != DERIPASKA for c in answer["strict"]["result"]), answer["strict"])
    expect(top(answer, "unknown")["id"] == DERIPASKA and top(answer, "unknown")["match"], answer["unknown"])


def test_match_needs_a_clear_lead(srv):
    """Two different banks both score 0.99 for "Sberbank": neither is auto-matched."""
    status, answer = reconcile(srv, {"a": {"query": "Sberbank"}, "b": {"query": "Bank Melli"},
                                     "c": {"query": "Huawei Technologies"}})
    expect(status == 200, answer)
    for key in ("a", "b"):
        r = answer[key]["result"]
        expect(len(r) >= 2 and r[0]["score"] >= 0.95 and r[1]["score"] > r[0]["score"] - 0.05, r[:2])
        expect(not any(c["match"] for c in r), r[:2])
    expect(top(answer, "c")["match"], "0.99 with the next candidate at 0.81 is a match")


def test_same_party_on_two_lists_still_matches(srv):
    """OFAC and the UN list one corporation each: one party, so the lead need not be clear of it."""
    status, answer = reconcile(srv, {"two_lists": {"query": "Korea Mining Development Trading Corporation"},
                                     "alias": {"query": "Ayman al-Zawahiri"},
                                     "one_list_twice": {"query": "Kim Yong Chol"}})
    expect(status == 200, answer)
    r = answer["two_lists"]["result"]
    expect({r[0]["id"], r[1]["id"]} == {"ofac-sdn:9345", "un:KPe.001"} and r[0]["score"] == r[1]["score"], r[:2])
    expect(r[0]["match"] and not r[1]["match"], r[:2])
    expect(top(answer, "alias")["match"], "each list names the other's primary name among its own")
    r = answer["one_list_twice"]["result"]
    expect(sum(c["id"].startswith("ofac-sdn:") and c["score"] == 1.0 for c in r) >= 2, r)
    expect(not any(c["match"] for c in r), "two OFAC entries with one name are two people")


def test_properties_move_the_score_and_bad_values_are_dropped(srv):
    status, answer = reconcile(srv, {
        "right": {"query": "Yevgeniy Prigozhin", "properties": [{"pid": "birthDate", "v": "1961-06-01"}]},
        "wrong": {"query": "Yevgeniy Prigozhin", "properties": [{"pid": "Person:birthDate", "v": 1970}]},
        "junk": {"query": "Yevgeniy Prigozhin", "properties": [
            {"pid": "Thing:country", "v": "Narnia"}, {"pid": "birthDate", "v": "sometime"},
            {"pid": "idNumber", "v": "1"}, {"pid": "favouriteColour", "v": "blue"}]},
        "listed": {"query": "Yevgeniy Prigozhin", "properties": [
            {"pid": "Person:nationality", "v": [{"id": "ru", "name": "Russia"}]}]},
    })
    expect(status == 200, answer)
    right, wrong, junk = top(answer, "right"), top(answer, "wrong"), top(answer, "junk")
    expect(right["id"] == wrong["id"] == junk["id"] == PRIGOZHIN, answer)
    expect(right["score"] > junk["score"] > wrong["score"], (right["score"], junk["score"], wrong["score"]))
    expect(right["match"] and not wrong["match"], (right, wrong))
    expect(top(answer, "listed")["id"] == PRIGOZHIN, answer["listed"])


def test_identifier_property(srv):
    status, answer = reconcile(srv, {"imo": {"query": "Nobody In Particular", "type": "Vessel",
                                             "properties": [{"pid": "Vessel:imoNumber", "v": "9999999999"}]}})
    expect(status == 200 and isinstance(answer["imo"]["result"], list), answer)


def test_query_from_name_property_and_no_name(srv):
    status, answer = reconcile(srv, {
        "by_prop": {"properties": [{"pid": "Thing:name", "v": "Oleg Deripaska"}]},
        "nothing": {"properties": [{"pid": "idNumber", "v": "AB123456"}]},
    })
    expect(status == 200 and top(answer, "by_prop")["id"] == DERIPASKA, answer)
    expect(answer["nothing"] == {"result": []}, answer["nothing"])


def test_get_queries_and_post_agree(srv):
    batch = {"q0": {"query": "Oleg Deripaska", "type": "Person"}}
    status, by_get = srv.json("GET", "/reconcile?" + urllib.parse.urlencode({"queries": json.dumps(batch)}))
    expect(status == 200, by_get)
    _, by_post = reconcile(srv, batch)
    expect(by_get == by_post and top(by_get, "q0")["id"] == DERIPASKA, (by_get, by_post))


def test_jsonp(srv):
    status, headers, data = srv.request("GET", "/reconcile?callback=jQuery123_456")
    text = data.decode()
    expect(status == 200 and headers["content-type"].startswith("application/javascript"), headers)
    expect(text.startswith("/**/jQuery123_456(") and text.endswith(");"), text[:80])
    expect(json.loads(text[len("/**/jQuery123_456("):-2])["versions"] == ["0.2"], text[:80])
    q = urllib.parse.urlencode({"callback": "cb", "queries": json.dumps({"q0": {"query": "Oleg Deripaska"}})})
    status, _, data = srv.request("GET", "/reconcile?" + q)
    expect(status == 200 and json.loads(data.decode()[len("/**/cb("):-2])["q0"]["result"][0]["id"] == DERIPASKA,
           data[:100])
    status, headers, data = srv.request("GET", "/reconcile?callback=alert(document.cookie)")
    expect(status == 400 and headers["content-type"].startswith("application/json"), (status, data))
    expect(b"alert" not in data, data)


def test_multipart_form(srv):
    boundary = "----cordonBoundary7MA4YWxkTrZu0gW"
    queries = json.dumps({"q0": {"query": "Евгений Пригожин"}}, ensure_ascii=False)
    body = ("--%s\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"queries\"\r\n"
            "Content-Type: application/json\r\n\r\n%s\r\n--%s--\r\n" % (boundary, boundary, queries, boundary))
    status, answer = srv.json("POST", "/reconcile/default", body=body.encode(),
                              headers={"Content-Type": "multipart/form-data; boundary=%s" % boundary})
    expect(status == 200 and top(answer, "q0")["id"] == PRIGOZHIN, answer)
    status, b = srv.json("POST", "/reconcile", body="x", headers={"Content-Type": "multipart/form-data"})
    expect(status == 400 and "boundary" in b["detail"], b)


def test_batch_size_limit_is_413(srv):
    batch = {"q%d" % i: {"query": "Name Number %d" % i} for i in range(51)}
    status, b = reconcile(srv, batch)
    expect(status == 413 and "limit: 50" in b["detail"], (status, b))
    del batch["q50"]
    status, b = reconcile(srv, batch)
    expect(status == 200 and len(b) == 50, status)


def test_malformed_json_is_400(srv):
    status, b = srv.json("POST", "/reconcile", body="queries=%7B%22q0%22%3A", headers=FORM)
    expect(status == 400 and "malformed JSON" in b["detail"], b)
    for bad, word in (([1, 2], "object"), ({"q0": "Oleg"}, "q0"), ({"q0": {"query": 5}}, "query"),
                      ({"q0": {"query": "x", "limit": 0}}, "limit"), ({"q0": {"query": "x", "type": 7}}, "type"),
                      ({"q0": {"query": "x", "properties": {"pid": "x"}}}, "properties"), ({}, "No queries")):
        status, b = reconcile(srv, bad)
        expect(status == 400 and word in b["detail"], (bad, status, b))


def test_missing_field_is_400(srv):
    for body in ("", "query=Oleg+Deripaska"):
        status, b = srv.json("POST", "/reconcile", body=body, headers=FORM)
        expect(status == 400 and b == {"detail": "No queries or extend request provided."}, (body, status, b))


def test_json_body_is_415(srv):
    status, b = srv.json("POST", "/reconcile", json_body={"queries": {"q0": {"query": "x"}}})
    expect(status == 415 and "form" in b["detail"], (status, b))


def test_dataset_restricts_candidates(srv):
    status, answer = reconcile(srv, {"q0": {"query": "Yevgeniy Prigozhin"}, "q1": {"query": "Kim Jong Un"}},
                               path="/reconcile/ofac-sdn")
    expect(status == 200 and top(answer, "q0")["id"] == PRIGOZHIN, answer)
    status, answer = reconcile(srv, {"q0": {"query": "Kim Jong Un"}}, path="/reconcile/un")
    expect(status == 200 and all(c["id"].startswith("un:") for c in answer["q0"]["result"]), answer)


def test_suggest(srv):
    status, b = srv.json("GET", "/reconcile/default/suggest/entity?prefix=Oleg+Deripaska")
    expect(status == 200 and b["result"][0]["id"] == DERIPASKA and b["result"][0]["name"], b)
    for prefix in ("Derip", "deri+oleg", "Evgeny+Prigozin"):  # a word begun, words in any order, a misspelling
        status, b = srv.json("GET", "/reconcile/default/suggest/entity?limit=3&prefix=" + prefix)
        expect(status == 200 and b["result"] and b["result"][0]["id"] in (DERIPASKA, PRIGOZHIN), (prefix, b))
        expect(len(b["result"]) <= 3 and b["prefix"] == prefix.replace("+", " "), b)
    status, b = srv.json("GET", "/reconcile/ofac-cons/suggest/entity?prefix=Huawei")
    expect(status == 200 and b["result"] and all(r["id"].startswith("ofac-cons:") for r in b["result"]), b)
    status, b = srv.json("GET", "/reconcile/default/suggest/entity?prefix=Zzqxv")
    expect(status == 200 and b["result"] == [], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/entity?prefix=")
    expect(status == 200 and b["result"] == [], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/type?prefix=pers")
    expect(status == 200 and [t["id"] for t in b["result"]] == ["Person"], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/type?prefix=")
    expect(status == 200 and b["result"] == [], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/property?prefix=birth")
    expect(status == 200 and "Person:birthDate" in [p["id"] for p in b["result"]], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/property?prefix=imo")
    expect(status == 200 and [p["id"] for p in b["result"]] == ["Vessel:imoNumber"], b)
    status, b = srv.json("GET", "/reconcile/default/suggest/type?prefix=p&limit=zero")
    expect(status == 400, b)


def test_propose_properties(srv):
    status, b = srv.json("GET", "/reconcile/default/extend/property?type=Person")
    ids = [p["id"] for p in b["properties"]]
    expect(status == 200 and b["type"] == "Person" and "birthDate" in ids and "nationality" in ids, b)
    expect("imoNumber" not in ids, ids)
    status, b = srv.json("GET", "/reconcile/default/extend/property?type=Vessel&limit=50")
    ids = [p["id"] for p in b["properties"]]
    expect(status == 200 and "imoNumber" in ids and "birthDate" not in ids, b)
    status, b = srv.json("GET", "/reconcile/default/extend/property?type=Banana")
    expect(status == 400 and b["detail"] == "Invalid type: Banana", b)


def test_data_extension(srv):
    extend = {"ids": [PRIGOZHIN, "no-such:1"],
              "properties": [{"id": "birthDate"}, {"id": "Person:nationality"}, {"id": "name"},
                             {"id": "alias", "settings": {"limit": "1"}}, {"id": "program"}]}
    status, b = srv.json("POST", "/reconcile", body=form(extend=extend), headers=FORM)
    expect(status == 200, b)
    expect([m["id"] for m in b["meta"]] == ["birthDate", "Person:nationality", "name", "alias", "program"], b["meta"])
    expect(b["meta"][0]["name"] == "Birth date", b["meta"])
    row = b["rows"][PRIGOZHIN]
    expect(row["birthDate"] == [{"str": "1961-06-01"}], row)
    expect(row["name"] == [{"str": "PRIGOZHIN, Yevgeniy Viktorovich"}], row)
    expect(len(row["alias"]) == 1 and row["program"], row)
    expect(b["rows"]["no-such:1"] == {p: [] for p in row}, b["rows"]["no-such:1"])
    status, b2 = srv.json("GET", "/reconcile?" + urllib.parse.urlencode({"extend": json.dumps(extend)}))
    expect(status == 200 and b2 == b, b2)
    status, b = srv.json("POST", "/reconcile", body=form(extend="{\"ids\": "), headers=FORM)
    expect(status == 400 and "Cannot decode extension request" in b["detail"], b)
    status, b = srv.json("POST", "/reconcile", body=form(extend={"ids": "x", "properties": []}), headers=FORM)
    expect(status == 400, b)
    status, b = srv.json("POST", "/reconcile",
                         body=form(extend={"ids": ["x%d" % i for i in range(51)], "properties": []}), headers=FORM)
    expect(status == 413, b)


def test_cors(srv):
    status, headers, _ = srv.request("GET", "/reconcile")
    expect(status == 200 and headers.get("access-control-allow-origin") == "*", headers)
    status, headers, _ = srv.request("OPTIONS", "/reconcile/default")
    expect(status == 204 and headers.get("access-control-allow-origin") == "*", headers)


def test_api_keys(srv):
    keys = os.path.join(srv.ctx["work_dir"], "reconcile-keys.txt")
    with open(keys, "w") as f:
        f.write("key-for-refine\n")
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--api-keys", keys])
    try:
        batch = {"q0": {"query": "Oleg Deripaska"}}
        status, m = other.json("GET", "/reconcile")
        expect(status == 200 and m["authentication"]["in"] == "query", "the manifest is open")
        status, b = reconcile(other, batch)
        expect(status == 401, b)
        status, b = reconcile(other, batch, headers={"X-API-Key": "wrong"})
        expect(status == 401 and b == {"detail": "the API key is not valid"}, b)
        status, b = reconcile(other, batch, headers={"Authorization": "Bearer key-for-refine"})
        expect(status == 200 and top(b, "q0")["id"] == DERIPASKA, b)
        status, b = reconcile(other, batch, path="/reconcile?api_key=key-for-refine")
        expect(status == 200, b)
        q = urllib.parse.urlencode({"queries": json.dumps(batch)})
        status, b = other.json("GET", "/reconcile?" + q)
        expect(status == 401 and "detail" in b, "GET with queries screens, so it needs a key")
        status, b = other.json("GET", "/reconcile?" + q + "&api_key=nope")
        expect(status == 401, b)
        status, b = other.json("GET", "/reconcile?" + q + "&api_key=key-for-refine")
        expect(status == 200, b)
        status, b = other.json("GET", "/reconcile/default/suggest/type?prefix=per")
        expect(status == 401 and set(b) == {"detail"}, b)
        # the manifest fetched with a key hands it on to the suggest services OpenRefine's browser calls
        status, m = other.json("GET", "/reconcile?api_key=key-for-refine")
        s = m["suggest"]["type"]
        expect(s["service_path"] == "/suggest/type?api_key=key-for-refine", s)
        path = urllib.parse.urlsplit(s["service_url"]).path + s["service_path"] + "&prefix=per"
        status, b = other.json("GET", path)
        expect(status == 200 and b["result"][0]["id"] == "Person", b)
    finally:
        other.stop()


if __name__ == "__main__":
    main(globals())
