"""The yente-compatible routes, exercised as a client written for OpenSanctions' yente would use them.

Shapes, defaults and error bodies follow yente 5.5 (api-anchors.md section 1): POST /match/{dataset},
GET /search/{dataset}, GET /entities/{id}, GET /catalog, GET /algorithms.
"""
import json
import os
import re
import urllib.parse

from harness import Server, expect, main

KUZMENKO = "os:NK-2Ka3UvopqbpZmVDFjWd4LA"  # the OpenSanctions fixture's Vitaly Yurievich KUZMENKO
DERIPASKA = "ofac-sdn:24283"
ENTITY_KEYS = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
               "last_seen", "last_change"}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def match(srv, queries, params="", body=None, headers=None):
    """POST /match/default with {"queries": queries}; returns (status, headers, decoded body)."""
    payload = body if body is not None else json.dumps({"queries": queries})
    status, hdrs, data = srv.request("POST", "/match/default" + params, body=payload, headers=headers)
    expect(hdrs.get("content-type", "").startswith("application/json"), (status, hdrs, data[:200]))
    return status, hdrs, json.loads(data)


def one(srv, query, params=""):
    """The EntityMatches of a single query keyed "q"."""
    status, _, body = match(srv, {"q": query}, params)
    expect(status == 200, (status, body))
    return body["responses"]["q"]


def ids(results):
    return [r["id"] for r in results]


def check_entity_shape(e):
    expect(ENTITY_KEYS <= set(e), sorted(e))
    expect(isinstance(e["target"], bool), e["target"])
    for prop, values in e["properties"].items():
        expect(isinstance(values, list) and all(isinstance(v, str) for v in values), (prop, values))
    for key in ("first_seen", "last_seen", "last_change"):
        expect(e[key] is None or TIMESTAMP.match(e[key]), (key, e[key]))


# ---- POST /match ----

def test_match_reference_example(srv):
    """The reference's full example, as a yente client sends it (no Content-Type, query parameters)."""
    body = {"queries": {"row-17": {"id": "customer-4711", "schema": "Person",
                                   "properties": {"name": ["Vitaly Yurievich Kuzmenko"],
                                                  "birthDate": ["1971-01-22"], "nationality": "Russia"}}},
            "config": {"nm_number_mismatch": 0.3}}
    status, hdrs, out = match(srv, None, "?algorithm=logic-v2&threshold=0.7&limit=3", body=json.dumps(body))
    expect(status == 200, out)
    expect(hdrs.get("x-batch-size") == "1", hdrs)
    expect(out["limit"] == 3, out["limit"])
    resp = out["responses"]["row-17"]
    expect(resp["status"] == 200 and resp["total"]["relation"] == "eq", resp["total"])
    top = resp["results"][0]
    expect(top["id"] == KUZMENKO and top["caption"] == "Vitaly Yurievich KUZMENKO", top["id"])
    check_entity_shape(top)
    expect(top["schema"] == "Person" and top["target"] is True, top["schema"])
    expect(top["score"] >= 0.95 and top["match"] is True, top["score"])
    expect(top["properties"]["nationality"] == ["ru"] and top["properties"]["birthDate"] == ["1971-01-22"],
           top["properties"])
    expect("ru-inn-366510784303" in top["referents"] and top["first_seen"] == "2024-02-26T16:57:25", top)
    nm = top["explanations"]["name_match"]
    expect(set(nm) == {"detail", "score", "query", "candidate"}, nm)
    expect(nm["query"] == "Vitaly Yurievich Kuzmenko" and nm["score"] >= 0.95, nm)
    expect(top["explanations"]["dob_day_disjoint"]["score"] == 0.0, top["explanations"])
    # the cleaned query is echoed with the caller's id; the country name became FtM's code
    expect(resp["query"] == {"id": "customer-4711", "schema": "Person",
                             "properties": {"name": ["Vitaly Yurievich Kuzmenko"], "birthDate": ["1971-01-22"],
                                            "nationality": ["ru"]}}, resp["query"])


def test_match_ofac_person(srv):
    resp = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska"}})
    expect(resp["results"] and resp["results"][0]["id"] == DERIPASKA, ids(resp["results"]))
    expect(resp["query"]["id"] is None, resp["query"])
    top = resp["results"][0]
    expect(top["datasets"] == ["ofac-sdn"] and "UKRAINE-EO13662" in top["properties"]["program"], top)


def test_match_every_name_counts(srv):
    """A query's names are each matched; the entity keeps its best score."""
    resp = one(srv, {"schema": "Person", "properties": {"name": ["Zzyzx Qwertyuiop", "Oleg Deripaska"]}})
    expect(resp["results"] and resp["results"][0]["id"] == DERIPASKA, ids(resp["results"]))
    expect(resp["results"][0]["explanations"]["name_match"]["query"] == "Oleg Deripaska", resp["results"][0])


def test_match_name_from_parts(srv):
    resp = one(srv, {"schema": "Person", "properties": {"firstName": ["Oleg"], "lastName": ["Deripaska"]}})
    expect(DERIPASKA in ids(resp["results"]), ids(resp["results"]))


def test_match_birth_date_disagreeing_lowers_score(srv):
    agree = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska", "birthDate": "1968-01-02"}},
                "?cutoff=0.1")
    differ = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska", "birthDate": "1980-05-05"}},
                 "?cutoff=0.1")
    a = next(r for r in agree["results"] if r["id"] == DERIPASKA)
    d = next(r for r in differ["results"] if r["id"] == DERIPASKA)
    expect(d["score"] < a["score"], (a["score"], d["score"]))
    expect(d["explanations"]["dob_year_disjoint"]["score"] == 1.0, d["explanations"])
    expect(a["explanations"]["dob_year_disjoint"]["score"] == 0.0, a["explanations"])


def test_match_identifier(srv):
    """An exact IMO number finds the vessel whatever the name."""
    resp = one(srv, {"schema": "Vessel", "properties": {"name": "Completely Different", "imoNumber": "IMO 9187629"}})
    expect(resp["results"], resp)
    top = resp["results"][0]
    expect(top["schema"] == "Vessel" and top["score"] >= 0.99, top["score"])
    expect(top["explanations"]["vessel_imo_mmsi_match"]["candidate"] == "9187629", top["explanations"])
    expect("9187629" in top["properties"]["imoNumber"], top["properties"])


def test_match_weak_alias(srv):
    resp = one(srv, {"schema": "Organization", "properties": {"name": "BNC"}})
    top = resp["results"][0]
    expect(top["id"] == "ofac-sdn:306" and "weak_alias_match" in top["explanations"], top)
    expect(top["properties"]["weakAlias"] == ["BNC"], top["properties"])


def test_match_default_threshold_only_matches(srv):
    """By default cutoff = threshold = 0.70: every result is a match scoring above 0.70."""
    query = {"schema": "Organization", "properties": {"name": "Banco Nacional"}}
    resp = one(srv, query, "?limit=50")
    expect(resp["results"], resp)
    expect(all(r["score"] > 0.7 and r["match"] for r in resp["results"]), [r["score"] for r in resp["results"]])
    wide = one(srv, query, "?limit=50&cutoff=0.3&threshold=0.3")
    expect(ids(resp["results"]) == [r["id"] for r in wide["results"] if r["score"] > 0.7],
           ([r["score"] for r in resp["results"]], [r["score"] for r in wide["results"]]))
    expect(resp["total"]["value"] == sum(1 for r in wide["results"] if r["score"] >= 0.7), resp["total"])
    expect(len(one(srv, query)["results"]) <= 5, "the default limit is 5")


def test_match_threshold_and_cutoff(srv):
    query = {"schema": "Organization", "properties": {"name": "Banco Nacional"}}
    low = one(srv, query, "?threshold=0.95&cutoff=0.3&limit=50")
    scores = [r["score"] for r in low["results"]]
    expect(any(s < 0.95 for s in scores), scores)
    expect(all(r["match"] == (r["score"] >= 0.95) for r in low["results"]), scores)
    expect(all(s > 0.3 for s in scores) and scores == sorted(scores, reverse=True), scores)
    # total counts only the results at or above the threshold
    expect(low["total"]["value"] == sum(1 for s in scores if s >= 0.95), (low["total"], scores))
    # cutoff is min(cutoff, threshold): a cutoff above the threshold changes nothing
    same = one(srv, query, "?threshold=0.95&cutoff=0.99&limit=50")
    expect(ids(same["results"]) == [r["id"] for r in low["results"] if r["score"] > 0.95], ids(same["results"]))
    # a score equal to the cutoff is dropped (score <= cutoff) but counted (score >= threshold)
    edge = low["results"][1]
    at = one(srv, query, "?threshold=%s&cutoff=%s&limit=50" % (edge["score"], edge["score"]))
    expect(edge["id"] not in ids(at["results"]), (edge, ids(at["results"])))
    expect(at["total"]["value"] == len(at["results"]) + sum(1 for s in scores if s == edge["score"]),
           (at["total"], scores))


def test_match_limit(srv):
    query = {"schema": "Organization", "properties": {"name": "Banco Nacional"}}
    resp = one(srv, query, "?limit=1&cutoff=0.3&threshold=0.3")
    expect(len(resp["results"]) == 1 and resp["total"]["value"] > 1, resp["total"])
    status, _, body = match(srv, {"q": query}, "?limit=501")
    expect(status == 422 and body["detail"][0]["loc"] == ["query", "limit"], body)
    expect(body["detail"][0]["type"] == "less_than_equal", body)
    status, _, body = match(srv, {"q": query}, "?threshold=high")
    expect(status == 422 and body["detail"][0]["loc"] == ["query", "threshold"], body)


def test_match_schema_scope(srv):
    vessels = one(srv, {"schema": "Vessel", "properties": {"name": "Oleg Deripaska"}}, "?cutoff=0.3")
    expect(all(r["schema"] == "Vessel" for r in vessels["results"]), [r["schema"] for r in vessels["results"]])
    people = one(srv, {"schema": "Person", "properties": {"name": "Banco Nacional de Cuba"}}, "?cutoff=0.3")
    expect(all(r["schema"] in ("Person", "LegalEntity") for r in people["results"]),
           [r["schema"] for r in people["results"]])
    excluded = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}, "?exclude_schema=Person")
    expect(DERIPASKA not in ids(excluded["results"]), ids(excluded["results"]))


def test_match_dataset_scope(srv):
    status, _, body = srv.request("POST", "/match/os", body=json.dumps(
        {"queries": {"q": {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}}}))
    expect(status == 200 and not json.loads(body)["responses"]["q"]["results"], body[:300])
    resp = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}, "?exclude_dataset=ofac-sdn")
    expect(DERIPASKA not in ids(resp["results"]), ids(resp["results"]))
    resp = one(srv, {"schema": "Person", "properties": {"name": "Vitaly Kuzmenko"}}, "?include_dataset=os")
    expect(ids(resp["results"]) == [KUZMENKO], ids(resp["results"]))
    resp = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}, "?topics=export.control")
    expect(not resp["results"], ids(resp["results"]))


def test_match_changed_since_and_excluded_ids(srv):
    query = {"schema": "Person", "properties": {"name": "Vitaly Kuzmenko"}}
    resp = one(srv, query, "?changed_since=2024-03-01")
    expect(ids(resp["results"]) == [KUZMENKO], ids(resp["results"]))  # last_change 2024-03-28T18:57:01
    resp = one(srv, query, "?changed_since=2024-04-01T00:00")
    expect(KUZMENKO not in ids(resp["results"]), ids(resp["results"]))
    status, _, body = match(srv, {"q": query}, "?changed_since=last+week")
    expect(status == 422 and body["detail"][0]["loc"] == ["query", "changed_since"], body)
    resp = one(srv, query, "?exclude_entity_ids=" + urllib.parse.quote(KUZMENKO))
    expect(KUZMENKO not in ids(resp["results"]), ids(resp["results"]))


def test_match_unknown_properties_ignored(srv):
    resp = one(srv, {"schema": "Person", "properties": {"name": "Oleg Deripaska", "favouriteColour": "blue",
                                                        "imoNumber": "9187629", "country": "Narnia"}})
    expect(resp["query"]["properties"] == {"name": ["Oleg Deripaska"]}, resp["query"])
    expect(resp["results"][0]["id"] == DERIPASKA, ids(resp["results"]))
    # values FtM would not clean into dates are dropped; a name of punctuation matches nothing, harmlessly
    resp = one(srv, {"schema": "Person", "properties": {"name": [" Oleg Deripaska ", "\u2014?!"],
                                                        "birthDate": ["0000", "1968-02-30", "1968-01-02T10:00"],
                                                        "passportNumber": "12"}})
    expect(resp["query"]["properties"] == {"name": ["Oleg Deripaska", "\u2014?!"], "birthDate": ["1968-01-02"],
                                           "passportNumber": ["12"]}, resp["query"])
    expect(resp["results"][0]["id"] == DERIPASKA, ids(resp["results"]))
    status, body = search(srv, "q=%3F%3F%3F")
    expect(status == 200 and body["results"] == [], body)


def test_match_batch_keys(srv):
    status, hdrs, body = match(srv, {"a": {"schema": "Person", "properties": {"name": "Oleg Deripaska"}},
                                     "b": {"schema": "Person", "properties": {"name": "Vitaly Kuzmenko"}},
                                     "c": {"schema": "Company", "properties": {"name": "Qqqqzzzz Xxxxyyy"}}})
    expect(status == 200 and hdrs.get("x-batch-size") == "3", (status, hdrs))
    expect(sorted(body["responses"]) == ["a", "b", "c"], list(body["responses"]))
    expect(body["responses"]["b"]["results"][0]["id"] == KUZMENKO and not body["responses"]["c"]["results"], body)


def test_match_unknown_dataset(srv):
    status, data = srv.json("POST", "/match/no_such_list",
                            json_body={"queries": {"q": {"schema": "Person", "properties": {"name": "x"}}}})
    expect(status == 404 and data == {"detail": "No such dataset."}, (status, data))


def test_match_unknown_schema(srv):
    status, _, body = match(srv, {"q": {"schema": "xxx", "properties": {"name": "x"}}})
    expect(status == 400 and body == {"detail": "Cannot parse example entity: Unknown schema: 'xxx'"}, body)
    status, _, body = match(srv, {"q": {"schema": "Sanction", "properties": {"name": "x"}}})
    expect(status == 400 and "Non-matchable schema" in body["detail"], body)


def test_match_missing_schema_is_422(srv):
    status, _, body = match(srv, {"fail": {"properties": {"name": "x"}}})
    expect(status == 422 and isinstance(body["detail"], list), body)
    err = body["detail"][0]
    expect(err["loc"] == ["body", "queries", "fail", "schema"] and err["msg"] == "Field required", err)
    expect(err["type"] == "missing", err)


def test_match_too_many_and_no_queries(srv):
    many = {str(i): {"schema": "Person", "properties": {"name": "x"}} for i in range(101)}
    status, _, body = match(srv, many)
    expect(status == 400 and body == {"detail": "Too many queries in one batch (limit: 100)"}, body)
    status, _, body = match(srv, {})
    expect(status == 400 and body == {"detail": "No queries provided."}, body)
    hundred = {str(i): {"schema": "Person", "properties": {"name": "Oleg Deripaska"}} for i in range(100)}
    status, hdrs, body = match(srv, hundred)
    expect(status == 200 and hdrs.get("x-batch-size") == "100" and len(body["responses"]) == 100, status)


def test_match_malformed_json_is_422(srv):
    for payload in ('{"queries": ', "", "[1, 2]", '{"queries": []}'):
        status, _, body = match(srv, None, body=payload, headers={"Content-Type": "application/json"})
        expect(status == 422 and isinstance(body["detail"], list) and body["detail"][0]["loc"][0] == "body",
               (payload, status, body))
    status, _, body = match(srv, None, body='{"queries": ')
    expect(body["detail"][0]["type"] == "json_invalid", body)


def test_match_algorithms_and_config(srv):
    query = {"q": {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}}
    status, _, body = match(srv, query, "?algorithm=nope")
    expect(status == 400 and body == {"detail": "Invalid algorithm: nope"}, body)
    for name in ("best", "logic-v2", "LOGIC-V1", "ofac", "name-based", "regression-v1"):
        status, _, body = match(srv, query, "?algorithm=" + name)
        expect(status == 200 and body["responses"]["q"]["results"][0]["id"] == DERIPASKA, (name, status))
    status, _, body = match(srv, None, body=json.dumps({"queries": query, "config": {"bogus": 1}}))
    expect(status == 400 and body["detail"].startswith("Invalid configuration parameter: bogus"), body)
    status, _, body = match(srv, None, body=json.dumps({"queries": query, "weights": {"name_match": 0.5,
                                                                                      "unheard_of": 2}}))
    expect(status == 200, body)


# ---- GET /search ----

def search(srv, params):
    status, body = srv.json("GET", "/search/default?" + params)
    return status, body


def test_search_name(srv):
    status, body = search(srv, "q=Deripaska")
    expect(status == 200 and body["limit"] == 10 and body["offset"] == 0, body)
    expect(DERIPASKA in ids(body["results"]), ids(body["results"]))
    expect(body["total"]["value"] >= 1 and body["total"]["relation"] == "eq", body["total"])
    for r in body["results"]:
        check_entity_shape(r)
        expect("score" not in r, r)
    countries = body["facets"]["countries"]
    expect(countries["label"] == "Countries", countries)
    ru = [v for v in countries["values"] if v["name"] == "ru"]
    expect(ru and ru[0]["label"] == "Russia" and ru[0]["count"] >= 1, countries)
    expect(set(body["facets"]) == {"countries", "topics", "datasets"}, list(body["facets"]))
    expect(body["facets"]["topics"]["values"][0]["name"] == "sanction", body["facets"]["topics"])


def test_search_filters(srv):
    status, body = search(srv, "q=Kuzmenko&datasets=os")
    expect(status == 200 and ids(body["results"]) == [KUZMENKO], ids(body["results"]))
    status, body = search(srv, "q=Banco+Nacional&schema=Person")
    expect(status == 200 and all(r["schema"] in ("Person", "LegalEntity") for r in body["results"]), body)
    status, body = search(srv, "q=Deripaska&countries=ru")
    expect(DERIPASKA in ids(body["results"]), ids(body["results"]))
    status, body = search(srv, "q=Deripaska&countries=fr")
    expect(DERIPASKA not in ids(body["results"]), ids(body["results"]))
    status, body = search(srv, "q=Deripaska&filter=properties.birthDate:1968-01-02")
    expect(ids(body["results"]) == [DERIPASKA], ids(body["results"]))
    status, body = search(srv, "q=Deripaska&filter=nocolon")
    expect(status == 400 and body == {"detail": "Invalid filter: 'nocolon'"}, body)


def test_search_paging_limits(srv):
    status, body = search(srv, "q=Banco&limit=2&offset=1")
    expect(status == 200 and len(body["results"]) <= 2 and body["offset"] == 1, body)
    status, first = search(srv, "q=Banco&limit=3")
    expect(ids(body["results"]) == ids(first["results"])[1:3], (ids(body["results"]), ids(first["results"])))
    status, body = search(srv, "q=x&limit=501")
    expect(status == 422 and body["detail"][0]["loc"] == ["query", "limit"], body)
    status, body = search(srv, "q=x&offset=9500")
    expect(status == 422 and body["detail"][0]["loc"] == ["query", "offset"], body)
    status, body = search(srv, "q=x&schema=Nonsense")
    expect(status == 400 and body == {"detail": "Invalid schema"}, body)
    status, body = srv.json("GET", "/search/nothing_here?q=x")
    expect(status == 404 and body == {"detail": "No such dataset."}, body)


def test_search_empty_q_lists_everything(srv):
    status, body = srv.json("GET", "/search/os?limit=5")
    expect(status == 200 and len(body["results"]) == 5, body)
    expect(body["total"] == {"value": 26, "relation": "eq"}, body["total"])
    status, people = srv.json("GET", "/search/os?schema=Person&limit=50")
    expect(people["total"]["value"] == 12 and all(r["schema"] == "Person" for r in people["results"]), people["total"])


# ---- GET /entities, /catalog, /algorithms ----

def test_entity(srv):
    status, body = srv.json("GET", "/entities/" + urllib.parse.quote(KUZMENKO, safe=""))
    expect(status == 200 and body["id"] == KUZMENKO, body)
    check_entity_shape(body)
    expect(body["properties"]["taxNumber"] == ["366510784303"] and body["last_change"] == "2024-03-28T18:57:01", body)
    status, body = srv.json("GET", "/entities/" + DERIPASKA)
    expect(status == 200 and body["properties"]["citizenship"] == ["ru", "cy"], body)
    status, body = srv.json("GET", "/entities/NK-does-not-exist")
    expect(status == 404 and body == {"detail": "No such entity!"}, body)


def test_catalog(srv):
    status, hdrs, data = srv.request("GET", "/catalog")
    body = json.loads(data)
    expect(status == 200 and set(body) >= {"datasets", "current", "outdated", "index_stale"}, body)
    names = [d["name"] for d in body["datasets"]]
    expect({"ofac-sdn", "un", "os", "default"} <= set(names), names)
    os_ds = next(d for d in body["datasets"] if d["name"] == "os")
    expect(os_ds["entity_count"] == 26 and os_ds["index_current"] and os_ds["version"] == os_ds["index_version"],
           os_ds)
    expect(all("/" not in r["name"] for r in os_ds["resources"]), os_ds["resources"])
    expect(body["outdated"] == [] and body["index_stale"] is False and "os" in body["current"], body)
    etag = hdrs.get("etag")
    expect(etag, hdrs)
    status, _, _ = srv.request("GET", "/catalog", headers={"If-None-Match": etag})
    expect(status == 304, status)
    status, manifest = srv.json("GET", "/manifest")
    expect(status == 200 and manifest == body, "yente serves the catalogue as /manifest too")


def test_algorithms(srv):
    status, body = srv.json("GET", "/algorithms")
    expect(status == 200 and body["default"] == "best" and body["best"] == "cordon", body)
    names = [a["name"] for a in body["algorithms"]]
    expect("cordon" in names and "logic-v2" in names, names)
    features = body["algorithms"][0]["docs"]["features"]
    expect("name_match" in features and "coefficient" in features["name_match"], features)


def test_yente_clients_api_key(srv):
    """yente clients send "Authorization: ApiKey ..."."""
    keys = os.path.join(srv.ctx["work_dir"], "yente-keys.txt")
    with open(keys, "w") as f:
        f.write("yente-secret\n")
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--api-keys", keys])
    try:
        query = {"queries": {"q": {"schema": "Person", "properties": {"name": "Oleg Deripaska"}}}}
        status, body = other.json("POST", "/match/default", json_body=query)
        expect(status == 401 and body == {"detail": "an API key is required (X-API-Key or Authorization: Bearer)"},
               (status, body))
        status, body = other.json("GET", "/search/default?q=Deripaska", headers={"Authorization": "ApiKey wrong"})
        expect(status == 401 and body == {"detail": "the API key is not valid"}, (status, body))
        status, body = other.json("POST", "/match/default", json_body=query,
                                  headers={"Authorization": "ApiKey yente-secret"})
        expect(status == 200 and body["responses"]["q"]["results"][0]["id"] == DERIPASKA, body)
    finally:
        other.stop()


def test_server_refusals_are_yente_shaped(srv):
    """The server's own refusals reach yente clients as {"detail": ...}, not the /v1 error object."""
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--max-body", "4096"])
    try:
        big = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 10000]}}}}
        status, body = other.json("POST", "/match/default", json_body=big)
        expect(status == 413 and body == {"detail": "the body is larger than 4096 bytes"}, (status, body))
        status, body = other.json("POST", "/v1/screen", json_body={"query": "x" * 10000})
        expect(status == 413 and body["error"]["status"] == 413, (status, body))
    finally:
        other.stop()


if __name__ == "__main__":
    main(globals())
