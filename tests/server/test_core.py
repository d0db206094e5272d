"""The server's shared behaviour: health, readiness, metrics, errors, limits, keys, logging, stop."""
import json
import os

from harness import Server, expect, main

SERVER_ARGS = ("--max-body", "4096")


def test_health_and_ready(srv):
    status, body = srv.json("GET", "/healthz")
    expect(status == 200 and body == {"status": "ok"}, body)
    status, body = srv.json("GET", "/readyz")
    expect(status == 200 and body["status"] == "ok" and body["entities"] > 10000, body)


def test_screen_finds_prigozhin_in_cyrillic(srv):
    status, body = srv.json("POST", "/v1/screen", json_body={"query": "Евгений Пригожин", "limit": 3})
    expect(status == 200, body)
    expect(body["matches"][0]["entity_id"] == "ofac-sdn:21171", body["matches"][:1])
    expect("explanation" in body["matches"][0], "screening explains each match")


def test_malformed_json_is_400(srv):
    status, body = srv.json("POST", "/v1/screen", body='{"query": ', headers={"Content-Type": "application/json"})
    expect(status == 400 and "malformed JSON" in body["error"]["message"], body)


def test_missing_name_names_the_field(srv):
    status, body = srv.json("POST", "/v1/screen", json_body={"schema": "person"})
    expect(status == 400 and body["error"]["field"] == "query", body)
    status, body = srv.json("POST", "/v1/screen", json_body={"query": "x", "schema": "banana"})
    expect(status == 400 and body["error"]["field"] == "schema", body)


def test_wrong_content_type_is_415(srv):
    status, body = srv.json("POST", "/v1/screen", body="query=x",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 415, body)


def test_oversized_body_is_413(srv):
    status, body = srv.json("POST", "/v1/screen", json_body={"query": "x" * 10000})
    expect(status == 413, body)


def test_unknown_route_and_method(srv):
    status, body = srv.json("GET", "/v1/nothing-here")
    expect(status == 404, body)
    status, body = srv.json("GET", "/v1/screen")
    expect(status == 405, body)


def test_unknown_dataset_is_404(srv):
    status, body = srv.json("POST", "/v1/screen", json_body={"query": "x", "dataset": "no-such-list"})
    expect(status == 404 and body["error"]["field"] == "dataset", body)


def test_cors_preflight(srv):
    status, headers, _ = srv.request("OPTIONS", "/v1/screen")
    expect(status == 204 and headers.get("access-control-allow-origin") == "*", headers)


def test_metrics_count_requests(srv):
    srv.request("GET", "/healthz")
    status, headers, data = srv.request("GET", "/metrics")
    text = data.decode()
    expect(status == 200 and headers["content-type"].startswith("text/plain"), headers)
    expect('cordon_http_requests_total{method="GET",route="/healthz",status="2xx"}' in text, text[:500])
    expect("cordon_snapshot_age_seconds" in text and "cordon_snapshot_bytes" in text, "snapshot gauges")
    expect('route="/v1/screen",le="+Inf"' in text, "latency histogram per route")


def test_access_log_has_one_json_line_per_request(srv):
    srv.request("GET", "/healthz?probe=access-log")
    with open(srv.access_log) as f:
        lines = [json.loads(line) for line in f if line.strip()]
    mine = [l for l in lines if l["path"] == "/healthz" and l["status"] == 200]
    expect(mine and "latency_ms" in mine[-1] and mine[-1]["route"] == "/healthz", lines[-3:])


def test_api_keys(srv):
    keys = os.path.join(srv.ctx["work_dir"], "keys.txt")
    with open(keys, "w") as f:
        f.write("# test keys\nsecret-one\nsecret-two\n")
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--api-keys", keys])
    try:
        status, body = other.json("POST", "/v1/screen", json_body={"query": "x"})
        expect(status == 401, body)
        status, body = other.json("POST", "/v1/screen", json_body={"query": "x"}, headers={"X-API-Key": "wrong"})
        expect(status == 401, body)
        status, body = other.json("POST", "/v1/screen", json_body={"query": "x"},
                                  headers={"Authorization": "Bearer secret-two"})
        expect(status == 200, body)
        status, body = other.json("GET", "/healthz")
        expect(status == 200, "health needs no key")
    finally:
        other.stop()


def test_rate_limit_answers_429(srv):
    other = Server(srv.binary, srv.snapshot, srv.ctx["work_dir"], ["--rate-limit", "2"])
    try:
        statuses = [other.request("GET", "/healthz")[0] for _ in range(6)]
        expect(429 in statuses and statuses[0] == 200, statuses)
    finally:
        other.stop()


def test_reload_keeps_serving_and_refuses_a_bad_file(srv):
    status, body = srv.json("POST", "/v1/admin/reload")
    expect(status == 200 and body["snapshot_generation"] >= 2, body)
    # a server whose snapshot file is then damaged keeps serving the old one
    bad = os.path.join(srv.ctx["work_dir"], "damaged.cordonsnap")
    with open(srv.snapshot, "rb") as f, open(bad, "wb") as g:
        g.write(f.read())
    other = Server(srv.binary, bad, srv.ctx["work_dir"])
    try:
        with open(bad, "r+b") as g:
            g.seek(4096)
            g.write(b"\xff" * 64)
        status, body = other.json("POST", "/v1/admin/reload")
        expect(status == 409 and "still serving" in body["error"]["message"], body)
        status, body = other.json("POST", "/v1/screen", json_body={"query": "Oleg Deripaska"})
        expect(status == 200 and body["matches"], body)
    finally:
        other.stop()


if __name__ == "__main__":
    main(globals())
