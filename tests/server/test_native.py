"""The native API beyond /v1/screen: batch screening (streamed JSON lines), compare, entities, the
catalogue and the OpenAPI document, with their errors."""
import http.client
import json
import os
import time

from harness import Server, expect, main

DERIPASKA = "ofac-sdn:24283"
NDJSON = {"Content-Type": "application/x-ndjson"}


def lines_of(data):
    return [json.loads(line) for line in data.decode().splitlines() if line.strip()]


def batch(srv, body, headers):
    """POSTs a batch; returns (status, headers, decoded lines) for a 200, else (status, headers, error body)."""
    status, hdrs, data = srv.request("POST", "/v1/screen/batch", body=body, headers=headers)
    if status == 200:
        expect(hdrs.get("content-type", "").startswith("application/x-ndjson"), hdrs)
        return status, hdrs, lines_of(data)
    expect(hdrs.get("content-type", "").startswith("application/json"), (status, hdrs, data[:200]))
    return status, hdrs, json.loads(data)


def jsonl(queries):
    return "".join(json.dumps(q) + "\n" for q in queries)


NAMES = ["Oleg Deripaska", "Huawei Technologies", "Banco Nacional de Cuba", "Евгений Пригожин",
         "John Smith", "Kim Jong Un", "Rosneft", "Mahan Air"]


# ---- batch ----

def test_batch_json_lines_answers_every_query_in_order(srv):
    queries = [{"id": "q%d" % i, "query": NAMES[i % len(NAMES)], "limit": 3} for i in range(40)]
    status, _, lines = batch(srv, jsonl(queries), NDJSON)
    expect(status == 200, lines)
    expect([l.get("id") for l in lines] == [q["id"] for q in queries], [l.get("id") for l in lines])
    expect(all("matches" in l and "elapsed_us" in l for l in lines), lines[:2])
    expect(lines[0]["matches"][0]["entity_id"] == DERIPASKA, lines[0]["matches"][:1])
    expect("explanation" in lines[0]["matches"][0], "batch lines explain matches as /v1/screen does")


def test_batch_line_is_what_screen_returns(srv):
    query = {"id": "same", "query": "Oleg Deripaska", "limit": 2}
    _, one = srv.json("POST", "/v1/screen", json_body=query)
    _, _, lines = batch(srv, json.dumps(query) + "\n", NDJSON)
    for answer in (one, lines[0]):
        answer.pop("elapsed_us")
    expect(lines == [one], (lines, one))


def test_batch_queries_array_with_and_without_content_type(srv):
    body = json.dumps({"queries": [{"query": "Oleg Deripaska", "id": 1}, {"name": "Huawei Technologies"}]})
    for headers in ({"Content-Type": "application/json; charset=utf-8"}, {}):
        status, _, lines = batch(srv, body, headers)
        expect(status == 200 and len(lines) == 2, (headers, lines))
        expect(lines[0]["id"] == "1" and lines[0]["matches"][0]["entity_id"] == DERIPASKA, lines[0])
        expect("id" not in lines[1] and lines[1]["query"] == "Huawei Technologies", lines[1])


def test_batch_other_json_lines_types(srv):
    for ct in ("application/jsonl", "application/ndjson", "application/x-ndjson; charset=utf-8"):
        status, _, lines = batch(srv, '{"query": "Rosneft"}\n', {"Content-Type": ct})
        expect(status == 200 and len(lines) == 1 and lines[0]["query"] == "Rosneft", (ct, lines))


def test_batch_one_invalid_line_among_good_ones(srv):
    body = ('{"id": "good-1", "query": "Oleg Deripaska"}\n'
            "\n"
            '{"id": "broken", "query": \n'
            '{"id": "bad-schema", "query": "x", "schema": "banana"}\n'
            '{"id": 7, "query": "x", "dataset": "no-such-list"}\n'
            '{"id": "no-name"}\n'
            "[1, 2]\n"
            '{"id": "good-2", "query": "Huawei Technologies"}\n')
    status, _, lines = batch(srv, body, NDJSON)
    expect(status == 200 and len(lines) == 7, lines)
    expect(lines[0]["id"] == "good-1" and lines[0]["matches"], lines[0])
    expect(lines[1] == {"line": 3, "error": lines[1]["error"]} and lines[1]["error"]["status"] == 400
           and "malformed JSON" in lines[1]["error"]["message"], lines[1])
    expect(lines[2]["id"] == "bad-schema" and lines[2]["line"] == 4 and lines[2]["error"]["field"] == "schema"
           and lines[2]["error"]["status"] == 400, lines[2])
    expect(lines[3]["id"] == "7" and lines[3]["line"] == 5 and lines[3]["error"]["status"] == 404
           and lines[3]["error"]["field"] == "dataset", lines[3])
    expect(lines[4]["id"] == "no-name" and lines[4]["error"]["field"] == "query", lines[4])
    expect(lines[5]["line"] == 7 and lines[5]["error"]["status"] == 400, lines[5])
    expect(lines[6]["id"] == "good-2" and lines[6]["matches"], lines[6])


def test_batch_invalid_element_of_queries_array(srv):
    body = {"queries": [{"query": "Oleg Deripaska"}, "just a string", {"id": "t", "query": "x", "threshold": 2}]}
    status, _, lines = batch(srv, json.dumps(body), {"Content-Type": "application/json"})
    expect(status == 200 and len(lines) == 3, lines)
    expect(lines[0]["matches"][0]["entity_id"] == DERIPASKA, lines[0])
    expect(lines[1]["index"] == 1 and lines[1]["error"]["status"] == 400, lines[1])
    expect(lines[2]["id"] == "t" and lines[2]["index"] == 2 and lines[2]["error"]["field"] == "threshold", lines[2])


def test_batch_over_the_limit_is_413(srv):
    queries = [{"query": "Rosneft", "limit": 1, "explain": False}] * 1001
    status, _, body = batch(srv, jsonl(queries), NDJSON)
    expect(status == 413 and "1000" in body["error"]["message"] and body["error"]["field"] == "queries", body)
    status, _, body = batch(srv, json.dumps({"queries": queries}), {"Content-Type": "application/json"})
    expect(status == 413 and "1000" in body["error"]["message"], body)
    status, _, lines = batch(srv, jsonl(queries[:1000]), NDJSON)
    expect(status == 200 and len(lines) == 1000, "the limit itself is allowed: %d lines" % len(lines))


def test_batch_limit_follows_max_batch(srv):
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--max-batch", "3"])
    try:
        queries = [{"query": "Rosneft"}] * 4
        status, _, body = batch(other, jsonl(queries) + "\n\n", NDJSON)
        expect(status == 413 and "limit is 3" in body["error"]["message"], body)
        status, _, lines = batch(other, "\n" + jsonl(queries[:3]) + "\n", NDJSON)
        expect(status == 200 and len(lines) == 3, "blank lines are not queries")
    finally:
        other.stop()


def test_batch_wrong_content_type_is_415(srv):
    for ct in ("text/csv", "application/x-www-form-urlencoded", "text/plain"):
        status, _, body = batch(srv, '{"query": "x"}\n', {"Content-Type": ct})
        expect(status == 415 and ct in body["error"]["message"], (ct, body))


def test_batch_malformed_or_empty_is_400(srv):
    cases = [('{"queries": [', {"Content-Type": "application/json"}, ""),
             ('{"queries": "Oleg Deripaska"}', {"Content-Type": "application/json"}, "queries"),
             ('[{"query": "x"}]', {"Content-Type": "application/json"}, "queries"),
             ('{"queries": []}', {"Content-Type": "application/json"}, "queries"),
             ("\n  \n", NDJSON, "queries"),
             ("", NDJSON, "queries")]
    for body, headers, field in cases:
        status, _, answer = batch(srv, body, headers)
        expect(status == 400 and answer["error"].get("field", "") == field, (body, answer))


def test_batch_streams_each_answer_as_it_is_screened(srv):
    # 1000 slow queries with short answers (a long common name, no threshold: about 0.2 ms each in a Release
    # build): when each line leaves as it is screened the first arrives at once; when the whole batch is screened
    # before anything is sent (tried: 0.23 s of 0.39 s) it does not
    queries = [{"id": i, "query": "Ali Hassan Mohammed Abdullah Ahmed", "threshold": 0, "limit": 1, "explain": False}
               for i in range(1000)]
    body = jsonl(queries).encode()
    batch(srv, jsonl(queries[:5]), NDJSON)  # warm up, so a first-request cost does not blur the measure
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    try:
        start = time.monotonic()
        conn.request("POST", "/v1/screen/batch", body=body, headers=NDJSON)
        resp = conn.getresponse()
        expect(resp.status == 200 and resp.getheader("Content-Length") is None, resp.getheaders())
        first = resp.readline()
        first_at = time.monotonic() - start
        rest = resp.read()
        total = time.monotonic() - start
    finally:
        conn.close()
    ids = [json.loads(first)["id"]] + [json.loads(line)["id"] for line in rest.decode().splitlines()]
    expect(ids == [str(i) for i in range(1000)], "answers in the order of the queries")
    expect(first_at < total / 4, "first line after %.3fs of %.3fs: answers wait for the whole batch" % (first_at, total))


def test_batch_keeps_its_snapshot_through_a_reload(srv):
    queries = [{"id": i, "query": NAMES[i % len(NAMES)], "threshold": 0, "limit": 100} for i in range(200)]
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=120)
    try:
        conn.request("POST", "/v1/screen/batch", body=jsonl(queries).encode(), headers=NDJSON)
        resp = conn.getresponse()
        first = json.loads(resp.readline())
        status, body = srv.json("POST", "/v1/admin/reload")
        expect(status == 200, body)
        rest = [json.loads(line) for line in resp.read().decode().splitlines()]
    finally:
        conn.close()
    lines = [first] + rest
    expect(len(lines) == 200 and all("matches" in l for l in lines), [l for l in lines if "matches" not in l][:2])


def test_batch_is_counted_in_metrics(srv):
    batch(srv, '{"query": "Rosneft"}\n', NDJSON)
    _, _, data = srv.request("GET", "/metrics")
    expect('route="/v1/screen/batch",status="2xx"' in data.decode(), "batch requests counted per route")


# ---- compare ----

def test_compare_scores_two_names(srv):
    status, body = srv.json("POST", "/v1/compare",
                            json_body={"name1": "Oleg Deripaska", "name2": "DERIPASKA, Oleg Vladimirovich"})
    expect(status == 200 and set(body) == {"name1", "name2", "score"}, body)
    expect(body["name2"] == "DERIPASKA, Oleg Vladimirovich" and 0.8 < body["score"] <= 1.0, body)
    _, swapped = srv.json("POST", "/v1/compare",
                          json_body={"name1": "DERIPASKA, Oleg Vladimirovich", "name2": "Oleg Deripaska"})
    expect(swapped["score"] == body["score"], "compare is symmetric")
    _, unlike = srv.json("POST", "/v1/compare", json_body={"name1": "Oleg Deripaska", "name2": "Huawei Technologies"})
    expect(unlike["score"] < 0.5, unlike)
    _, scripts = srv.json("POST", "/v1/compare", json_body={"name1": "Евгений Пригожин", "name2": "Yevgeniy Prigozhin"})
    expect(scripts["score"] > 0.8, scripts)


def test_compare_names_the_missing_or_bad_field(srv):
    cases = [({"name2": "x"}, "name1"), ({"name1": "x"}, "name2"), ({"name1": "x", "name2": 5}, "name2"),
             ({"name1": "", "name2": "x"}, "name1"), ({"name1": "x" * 1025, "name2": "x"}, "name1"),
             ({"name1": "...", "name2": "Oleg"}, "name1"), ({"name1": "Oleg", "name2": "--"}, "name2")]
    for body, field in cases:
        status, answer = srv.json("POST", "/v1/compare", json_body=body)
        expect(status == 400 and answer["error"]["field"] == field, (body, answer))
    status, answer = srv.json("POST", "/v1/compare", json_body=["x", "y"])
    expect(status == 400, answer)


def test_compare_malformed_json_and_content_type(srv):
    status, body = srv.json("POST", "/v1/compare", body='{"name1": "x",', headers={"Content-Type": "application/json"})
    expect(status == 400 and "malformed JSON" in body["error"]["message"], body)
    status, body = srv.json("POST", "/v1/compare", body="name1=x&name2=y",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 415, body)
    status, body = srv.json("GET", "/v1/compare")
    expect(status == 405, body)


# ---- entities ----

def test_entity_by_id_plain_and_percent_encoded(srv):
    for path in ("/v1/entities/ofac-sdn:306", "/v1/entities/ofac-sdn%3A306", "/v1/entities/ofac-sdn%3a306"):
        status, body = srv.json("GET", path)
        expect(status == 200 and body["id"] == "ofac-sdn:306", (path, body))
        expect(body["name"] == "BANCO NACIONAL DE CUBA" and body["datasets"] == ["ofac-sdn"], body)
        expect(body["programs"] == ["CUBA"] and body["schema"] == "organization", body)
        expect({"names", "addresses", "identifiers", "birth_dates"} <= set(body), sorted(body))


def test_entity_of_a_screening_match(srv):
    _, result = srv.json("POST", "/v1/screen", json_body={"query": "PRIGOZHIN, Yevgeniy", "limit": 1})
    entity_id = result["matches"][0]["entity_id"]
    status, body = srv.json("GET", "/v1/entities/" + entity_id)
    expect(status == 200 and body["id"] == entity_id and body["birth_dates"][0]["date"] == "1961-06-01", body)


def test_unknown_entity_is_404(srv):
    for path in ("/v1/entities/ofac-sdn:999999999", "/v1/entities/nothing", "/v1/entities/%FF%FE"):
        status, body = srv.json("GET", path)
        expect(status == 404 and body["error"]["field"] == "id", (path, body))
    status, body = srv.json("GET", "/v1/entities/")
    expect(status == 404, body)


# ---- catalogue ----

def test_datasets_catalogue(srv):
    status, body = srv.json("GET", "/v1/datasets")
    expect(status == 200 and set(body) == {"snapshot", "datasets", "sources"}, body)
    snap = body["snapshot"]
    expect(snap["entities"] > 10000 and snap["generation"] >= 1 and len(snap["checksum"]) == 16, snap)
    expect(snap["created"].endswith("Z") and snap["loaded_at"].endswith("Z") and snap["file_bytes"] > 0, snap)
    expect(sum(snap["schemas"].values()) == snap["entities"], snap)
    names = [d["name"] for d in body["datasets"]]
    expect({"ofac-sdn", "un", "os"} <= set(names) and len(names) == len(set(names)), names)
    expect(sum(d["entities"] for d in body["datasets"]) == snap["entities"], "datasets add up to the snapshot")
    for d in body["datasets"]:
        expect(sum(d["schemas"].values()) == d["entities"], d)
    for s in body["sources"]:
        expect(len(s["sha256"]) == 64 and s["bytes"] > 0 and s["dataset"] in names and s["path"], s)
        expect({"rows", "skipped_rows", "unknown_fields", "file_date", "entities"} <= set(s), s)


def test_datasets_show_a_reload(srv):
    _, before = srv.json("GET", "/v1/datasets")
    srv.json("POST", "/v1/admin/reload")
    _, after = srv.json("GET", "/v1/datasets")
    expect(after["snapshot"]["generation"] == before["snapshot"]["generation"] + 1, (before, after))


# ---- the OpenAPI document ----

def test_openapi_document_is_the_repository_file(srv):
    status, headers, data = srv.request("GET", "/v1/openapi.json")
    expect(status == 200 and headers["content-type"].startswith("application/json"), headers)
    repo = os.path.dirname(os.path.dirname(os.path.abspath(srv.ctx["sources_conf"])))
    with open(os.path.join(repo, "docs", "openapi.json"), "rb") as f:
        expect(data == f.read(), "the server serves docs/openapi.json as built")
    doc = json.loads(data)
    for path, method in (("/v1/screen/batch", "post"), ("/v1/compare", "post"), ("/v1/entities/{id}", "get"),
                         ("/v1/datasets", "get"), ("/v1/openapi.json", "get")):
        expect(method in doc["paths"].get(path, {}), (method, path))


# ---- keys ----

def test_native_routes_need_a_key_when_the_server_has_keys(srv):
    keys = os.path.join(srv.ctx["work_dir"], "native-keys.txt")
    with open(keys, "w") as f:
        f.write("native-secret\n")
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--api-keys", keys])
    routes = [("POST", "/v1/screen/batch", '{"query": "x"}\n', NDJSON),
              ("POST", "/v1/compare", '{"name1": "a", "name2": "b"}', {"Content-Type": "application/json"}),
              ("GET", "/v1/entities/ofac-sdn:306", None, {}), ("GET", "/v1/datasets", None, {}),
              ("GET", "/v1/openapi.json", None, {})]
    try:
        for method, path, body, headers in routes:
            status, _, data = other.request(method, path, body=body, headers=headers)
            expect(status == 401, (path, status, data[:200]))
            status, _, data = other.request(method, path, body=body,
                                            headers=dict(headers, **{"X-API-Key": "native-secret"}))
            expect(status == 200, (path, status, data[:200]))
    finally:
        other.stop()


if __name__ == "__main__":
    main(globals())
