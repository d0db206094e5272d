"""The native API beyond /v1/screen: batch screening (streamed JSON lines), compare, entities, the
catalogue and the OpenAPI document, with their errors."""
import http.client
import json
import os
import re
import shlex
import time
import urllib.parse

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
    with open(os.path.join(repo_root(srv), "docs", "openapi.json"), "rb") as f:
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


# ---- docs/server.md ----

def repo_root(srv):
    return os.path.dirname(os.path.dirname(os.path.abspath(srv.ctx["sources_conf"])))


def curl_examples(markdown):
    """(curl command, the fenced block shown after it) for each curl command of the page's sh blocks; the block
    counts as its answer only when the sh block holds one command."""
    blocks = re.findall(r"```(\w*)\n(.*?)```", markdown, re.S)
    for i, (lang, body) in enumerate(blocks):
        if lang != "sh":
            continue
        commands = [l.strip() for l in body.replace("\\\n", " ").splitlines() if l.strip().startswith("curl ")]
        after = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1][0] in ("json", "jsonl", "text") else None
        for command in commands:
            yield command, after if len(commands) == 1 else None


def read_data(value, root, keep_newlines):
    if not value.startswith("@"):
        return value
    with open(os.path.join(root, value[1:])) as f:
        text = f.read()
    return text if keep_newlines else text.replace("\r", "").replace("\n", "")


def run_curl(srv, command, root):
    """Does what curl would with the options this page uses; any other option fails the test."""
    args = shlex.split(command)[1:]
    method, headers, data, url = None, {}, [], None
    while args:
        a = args.pop(0)
        if a in ("-s", "-i"):
            continue
        elif a == "-o":
            args.pop(0)
        elif a == "-X":
            method = args.pop(0)
        elif a == "-H":
            name, value = args.pop(0).split(":", 1)
            headers[name.strip()] = value.strip()
        elif a == "-d":
            data.append(read_data(args.pop(0), root, False))
        elif a == "--data-binary":
            data.append(read_data(args.pop(0), root, True))
        elif a == "--data-urlencode":
            name, _, value = args.pop(0).partition("=")
            data.append(name + "=" + urllib.parse.quote(value, safe=""))
        elif a.startswith("-"):
            raise AssertionError("docs/server.md uses a curl option the test does not know: %s" % a)
        else:
            url = a
    expect(url and url.startswith("http://127.0.0.1:8080/"), command)
    path = url[len("http://127.0.0.1:8080"):]
    if data:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    return srv.request(method or ("POST" if data else "GET"), path, body="&".join(data) if data else None,
                       headers=headers)


def check_answer(command, shown, status, data):
    """The answer has the status and the shape of the one shown: the same fields, ids and first match."""
    kind, text = shown if shown else ("text", "")
    expected = [json.loads(l) for l in text.splitlines() if l.strip()] if kind == "jsonl" else \
        [json.loads(text)] if kind == "json" else None
    if expected is None:
        expect(200 <= status < 300, (command, status, data[:300]))
        return
    actual = lines_of(data) if kind == "jsonl" else [json.loads(data)]
    expect(len(actual) == len(expected), (command, len(actual), len(expected)))
    for want, got in zip(expected, actual):
        if "error" in want and kind == "json":
            expect(status == want["error"]["status"], (command, status, got))
        elif "detail" in want:
            expect(400 <= status < 500, (command, status, got))
        else:
            expect(200 <= status < 300, (command, status, got))
        expect(isinstance(got, dict) and set(want) <= set(got), (command, sorted(want), got))
        expect(want.get("id") == got.get("id"), (command, want.get("id"), got.get("id")))
        if want.get("matches") and got.get("matches"):
            expect(want["matches"][0]["entity_id"] == got["matches"][0]["entity_id"], (command, got["matches"][:1]))


def test_docs_server_md_examples_work_as_printed(srv):
    root = repo_root(srv)
    with open(os.path.join(root, "docs", "server.md")) as f:
        examples = list(curl_examples(f.read()))
    expect(len(examples) >= 15, "the page's curl commands were found: %d" % len(examples))
    for command, shown in examples:
        status, _, data = run_curl(srv, command, root)
        check_answer(command, shown, status, data)


def test_readme_serving_examples_work_as_printed(srv):
    root = repo_root(srv)
    with open(os.path.join(root, "README.md")) as f:
        examples = list(curl_examples(f.read()))
    expect(len(examples) >= 3, "the README's curl commands were found: %d" % len(examples))
    for command, shown in examples:
        status, _, data = run_curl(srv, command, root)
        check_answer(command, shown, status, data)


if __name__ == "__main__":
    main(globals())
