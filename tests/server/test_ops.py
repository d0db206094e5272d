"""Keeping the served lists current over HTTP: POST /v1/admin/update against fixture lists on a
loopback server (tests/update/lists_server.py), with the reload that follows; GET /v1/diff after
it, equal to `cordon diff --json`; a refused and a failed update that leave the old snapshot
serving; a second update while one runs (409) with other requests answered meanwhile; a dry run;
POST /v1/monitor flagging a party only for an added entity; API keys; bad input; a server without
an update configuration or store, and one serving $CORDON_SNAPSHOT (data/update.conf by default); a
server stopped while an update runs; the curl commands of docs/server.md's section, as printed."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

from harness import Server, expect, main
from test_native import run_curl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "update"))
from lists_server import ListServer  # noqa: E402

for _k in [k for k in os.environ if "proxy" in k.lower()] + ["CORDON_SNAPSHOT"]:
    os.environ.pop(_k, None)  # loopback only; the server inherits this environment

KEY = {"X-API-Key": "ops-secret"}
LISTS = ListServer()
NEW_ENTITY = b'99999,"NEWLY LISTED TRADING LLC",-0- ,"IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
PARTIES = ("id,name,schema,country\n"
           "P-NEW,Newly Listed Trading LLC,organization,IR\n"   # matches only the entity added later
           "P-OLD,Cubafrutas,organization,CU\n"                  # matches ofac-sdn:592, never changed
           "P-CLEAN,Jane Q. Public,person,US\n")


def repo(path):
    return os.path.normpath(os.path.join(HERE, "..", "..", path))


def sdn_files(extra_sdn=b"", extra_alt=b""):
    """The first 300 parties of the bundled SDN set, with their aliases and addresses."""
    base = repo("data/ofac-sdn-2021")
    lines = {n: gzip.open(os.path.join(base, n + ".csv.gz")).read().rstrip(b"\x1a").splitlines(True)
             for n in ("sdn", "alt", "add")}
    sdn = lines["sdn"][:300]
    ids = {l.split(b",", 1)[0] for l in sdn}
    pick = lambda name: b"".join(l for l in lines[name] if l.split(b",", 1)[0] in ids)
    return {"SDN.CSV": b"".join(sdn) + extra_sdn, "ALT.CSV": pick("alt") + extra_alt, "ADD.CSV": pick("add")}


def serve_sdn(files):
    for name, data in files.items():
        LISTS.put("/ofac/" + name, data)


def setup(ctx):
    """The served snapshot becomes the one `cordon update` manages: a first update from the loopback
    lists replaces the harness's snapshot, and the copy it kept is removed (nothing to diff yet)."""
    work = ctx["work_dir"]
    ctx["lists"], ctx["store"] = os.path.join(work, "lists"), os.path.join(work, "store.db")
    ctx["conf"], ctx["keys"] = os.path.join(work, "update.conf"), os.path.join(work, "keys")
    serve_sdn(sdn_files())
    LISTS.put("/un/consolidated.xml.gz", open(repo("data/un-2026/consolidated.xml.gz"), "rb").read())
    with open(ctx["conf"], "w") as f:
        f.write("ofac-sdn ofac-csv sdn.csv %s\nofac-sdn + alt.csv %s\nofac-sdn + add.csv %s\n"
                "un un-xml consolidated.xml.gz %s\n" % (LISTS.url("/ofac/SDN.CSV"), LISTS.url("/ofac/ALT.CSV"),
                                                        LISTS.url("/ofac/ADD.CSV"), LISTS.url("/un/consolidated.xml.gz")))
    with open(ctx["keys"], "w") as f:
        f.write("ops-secret\n")
    p = subprocess.run([ctx["binary"], "update", "--config", ctx["conf"], "--dir", ctx["lists"], "--snapshot",
                        ctx["snapshot"]], capture_output=True, text=True, timeout=300)
    expect(p.returncode == 0, "first update: %s%s" % (p.stdout, p.stderr))
    os.unlink(ctx["snapshot"] + ".previous")
    return ["--update-config", ctx["conf"], "--lists-dir", ctx["lists"], "--store", ctx["store"],
            "--api-keys", ctx["keys"]]


def call(srv, method, path, **kw):
    kw["headers"] = dict(KEY, **kw.get("headers", {}))
    return srv.json(method, path, **kw)


def generation(srv):
    return call(srv, "GET", "/v1/datasets")[1]["snapshot"]["generation"]


def test_01_api_key_required(srv):
    for method, path in [("POST", "/v1/admin/update"), ("GET", "/v1/diff"), ("POST", "/v1/monitor")]:
        status, r = srv.json(method, path)
        expect(status == 401 and "API key" in r["error"]["message"], (path, status, r))
        status, r = srv.json(method, path, headers={"X-API-Key": "wrong"})
        expect(status == 401, (path, status, r))


def test_02_bad_input(srv):
    for body, field in [({"dry_run": "yes"}, "dry_run"), ({"force": 1}, "force"), ({"sources": "un"}, "sources"),
                        ({"sources": [""]}, "sources"), ({"sources": ["no-such-list"]}, "sources"),
                        ({"dryrun": True}, "dryrun")]:
        status, r = call(srv, "POST", "/v1/admin/update", json_body=body)
        expect(status == 400 and r["error"].get("field") == field, (body, status, r))
    status, r = call(srv, "POST", "/v1/admin/update", body="{\"force\": ", headers={"Content-Type": "application/json"})
    expect(status == 400 and "malformed JSON" in r["error"]["message"], (status, r))
    status, r = call(srv, "POST", "/v1/admin/update", body="[1, 2]", headers={"Content-Type": "application/json"})
    expect(status == 400, (status, r))
    status, r = call(srv, "POST", "/v1/admin/update", body="force=true",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    expect(status == 415, (status, r))
    for body, field in [({"threshold": 7}, "threshold"), ({"threshold": "high"}, "threshold"), ({"x": 1}, "x")]:
        status, r = call(srv, "POST", "/v1/monitor", json_body=body)
        expect(status == 400 and r["error"].get("field") == field, (body, status, r))
    for query, field in [("summary=maybe", "summary"), ("match_fields=2", "match_fields")]:
        status, r = call(srv, "GET", "/v1/diff?" + query)
        expect(status == 400 and r["error"]["field"] == field, (query, status, r))
    status, r = call(srv, "GET", "/v1/diff")
    expect(status == 404 and ".previous" in r["error"]["message"], (status, r))  # no update replaced it yet


def test_03_monitor_first_run(srv):
    status, r = call(srv, "POST", "/v1/parties", body=PARTIES, headers={"Content-Type": "text/csv"})
    expect(status == 200 and r["inserted"] == 3, (status, r))
    status, r = call(srv, "POST", "/v1/monitor")
    expect(status == 200 and r["full"] is True and r["parties"] == 3, (status, r))
    flagged = {(h["party"], h["entity_id"]) for h in r["new_hits"]}
    expect(("P-OLD", "ofac-sdn:592") in flagged and not any(p == "P-NEW" for p, _ in flagged), flagged)
    status, r = call(srv, "POST", "/v1/monitor", json_body={"threshold": 0.8})
    expect(status == 200 and r["unchanged"] is True and r["new_hits"] == [] and r["changed"] == 0, (status, r))


def test_04_update_and_reload(srv):
    before = generation(srv)
    serve_sdn(sdn_files(extra_sdn=NEW_ENTITY, extra_alt=b'36,99998,"aka","A NEW ALIAS",-0- \r\n'))
    status, r = call(srv, "POST", "/v1/admin/update")
    expect(status == 200 and r["outcome"] == "updated" and r["snapshot_replaced"] is True, (status, r))
    by_name = {d["dataset"]: d for d in r["datasets"]}
    sdn, un = by_name["ofac-sdn"], by_name["un"]
    expect(sdn["status"] == "changed" and {f["status"] for f in sdn["files"]} == {"fetched"}, sdn)
    expect(sdn["counts"]["entities"] == 301 and sdn["counts"]["previous_entities"] == 300, sdn)
    expect(un["status"] == "unchanged" and un["files"][0]["status"] == "not_modified", un)
    expect(r["reload"]["status"] == "reloaded" and r["reload"]["snapshot_generation"] == before + 1, r["reload"])
    expect(any("snapshot updated" in line for line in r["log"]), r["log"])
    expect(generation(srv) == before + 1, "the generation did not advance")
    status, s = call(srv, "POST", "/v1/screen", json_body={"query": "Newly Listed Trading LLC", "limit": 1})
    expect(status == 200 and s["matches"] and s["matches"][0]["entity_id"] == "ofac-sdn:99999", s)
    status, r = call(srv, "POST", "/v1/admin/update")
    expect(status == 200 and r["outcome"] == "up_to_date" and r["reload"] is None, (status, r))
    expect(generation(srv) == before + 1, "an update that changed nothing reloaded")


def test_05_diff_after_update(srv):
    snap = srv.ctx["snapshot"]
    status, r = call(srv, "GET", "/v1/diff")
    expect(status == 200, (status, r))
    sdn = r["summary"]["datasets"]["ofac-sdn"]
    expect((sdn["added"], sdn["removed"], sdn["changed"]) == (1, 0, 1), sdn)
    expect([e["id"] for e in r["added"]] == ["ofac-sdn:99999"], r["added"])
    expect(r["changed"][0]["changes"]["aliases"]["added"] == ["A NEW ALIAS [aka]"], r["changed"])
    cli = subprocess.run([srv.ctx["binary"], "diff", "--json", snap + ".previous", snap], capture_output=True,
                         text=True)
    expect(cli.returncode == 0 and json.loads(cli.stdout) == r, "GET /v1/diff differs from cordon diff --json")
    status, r = call(srv, "GET", "/v1/diff?summary=true&dataset=ofac-sdn")
    expect(status == 200 and r["added"] == [] and list(r["summary"]["datasets"]) == ["ofac-sdn"], r)
    expect(r["summary"]["total"]["added"] == 1, r["summary"])
    status, r = call(srv, "GET", "/v1/diff?match_fields=true&dataset=un")
    expect(status == 200 and r["summary"]["total"]["changed"] == 0, r["summary"])
    status, r = call(srv, "GET", "/v1/diff?dataset=no-such-list")
    expect(status == 404 and r["error"]["field"] == "dataset", (status, r))


def test_06_monitor_flags_only_the_changed_entity(srv):
    status, r = call(srv, "POST", "/v1/monitor")
    expect(status == 200 and r["full"] is False and r["unchanged"] is False, (status, r))
    expect(r["changed"] == 2 and r["old_snapshot"] != r["new_snapshot"], r)  # one added, one given an alias
    flagged = [(h["party"], h["entity_id"]) for h in r["new_hits"]]
    expect(flagged == [("P-NEW", "ofac-sdn:99999")], flagged)
    status, cases = call(srv, "GET", "/v1/cases")
    expect(any(c["party"] == "P-NEW" and c["entity_id"] == "ofac-sdn:99999" for c in cases["cases"]), cases)
    status, r = call(srv, "POST", "/v1/monitor")
    expect(status == 200 and r["unchanged"] is True and r["new_hits"] == [], r)


def expect_old_snapshot_serves(srv, gen):
    expect(generation(srv) == gen, "the generation changed")
    status, s = call(srv, "POST", "/v1/screen", json_body={"query": "Newly Listed Trading LLC", "limit": 1})
    expect(s["matches"] and s["matches"][0]["entity_id"] == "ofac-sdn:99999", s)


def test_07_refused_and_failed_updates_keep_the_old_snapshot(srv):
    gen = generation(srv)
    LISTS.put("/ofac/SDN.CSV", b"<html><body>Service unavailable</body></html>\n")
    status, r = call(srv, "POST", "/v1/admin/update")
    expect(status == 422 and r["outcome"] == "refused" and r["snapshot_replaced"] is False, (status, r))
    sdn = next(d for d in r["datasets"] if d["dataset"] == "ofac-sdn")
    expect(sdn["status"] == "refused" and "not a usable ofac-csv file" in sdn["reason"], sdn)
    expect(r["error"]["status"] == 422 and "ofac-sdn" in r["error"]["message"] and r["reload"] is None, r)
    expect_old_snapshot_serves(srv, gen)
    LISTS.put("/ofac/SDN.CSV", sdn_files(extra_sdn=NEW_ENTITY)["SDN.CSV"], "500")
    status, r = call(srv, "POST", "/v1/admin/update")
    expect(status == 502 and r["outcome"] == "failed" and "HTTP 500" in r["error"]["message"], (status, r))
    expect_old_snapshot_serves(srv, gen)
    LISTS.set_mode("/ofac/SDN.CSV", None)


def test_08_one_update_at_a_time(srv):
    LISTS.set_mode("/un/consolidated.xml.gz", "delay:4")
    first = {}
    t = threading.Thread(target=lambda: first.update(r=call(srv, "POST", "/v1/admin/update",
                                                            json_body={"dry_run": True})))
    t.start()
    try:
        time.sleep(1)
        status, r = call(srv, "POST", "/v1/admin/update")
        expect(status == 409 and "already running" in r["error"]["message"], (status, r))
        t0 = time.time()
        status, s = call(srv, "POST", "/v1/screen", json_body={"query": "Cubafrutas", "limit": 1})
        expect(status == 200 and time.time() - t0 < 2, "a screening waited for the update: %.1f s" % (time.time() - t0))
    finally:
        t.join(60)
        LISTS.set_mode("/un/consolidated.xml.gz", None)
    status, r = first["r"]
    expect(status == 200 and r["outcome"] == "checked" and r["dry_run"] is True, (status, r))
    status, r = call(srv, "POST", "/v1/admin/update", json_body={"sources": ["un"], "dry_run": True})
    expect(status == 200 and [d["dataset"] for d in r["datasets"]] == ["un"], (status, r))


def test_08b_cli_update_holding_the_lists_folder(srv):
    """A `cordon update` of the same lists folder running in another process: 409, nothing replaced."""
    ctx, gen = srv.ctx, generation(srv)
    LISTS.set_mode("/ofac/SDN.CSV", "delay:4")
    cli = subprocess.Popen([ctx["binary"], "update", "--dry-run", "--config", ctx["conf"], "--dir", ctx["lists"],
                            "--snapshot", ctx["snapshot"]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        status, r = call(srv, "POST", "/v1/admin/update")
        expect(status == 409 and "another cordon update is running" in r["error"]["message"], (status, r))
        expect(r["outcome"] == "failed" and r["snapshot_replaced"] is False and generation(srv) == gen, r)
    finally:
        cli.wait(60)
        LISTS.set_mode("/ofac/SDN.CSV", None)


def test_09_dry_run_replaces_nothing(srv):
    gen = generation(srv)
    serve_sdn(sdn_files(extra_sdn=NEW_ENTITY + b'99990,"DRY RUN SHIPPING",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'))
    status, r = call(srv, "POST", "/v1/admin/update", json_body={"dry_run": True, "sources": ["ofac-sdn"]})
    expect(status == 200 and r["outcome"] == "checked" and r["snapshot_replaced"] is False, (status, r))
    expect([(d["dataset"], d["status"]) for d in r["datasets"]] == [("ofac-sdn", "changed")], r["datasets"])
    expect(generation(srv) == gen and r["reload"] is None, r)
    status, r = call(srv, "GET", "/v1/entities/ofac-sdn:99990")
    expect(status == 404, status)


def test_10_without_update_configuration_or_store(srv):
    work = os.path.join(srv.ctx["work_dir"], "plain")
    os.makedirs(work)
    snap = shutil.copy(srv.ctx["snapshot"], os.path.join(work, "lists.cordonsnap"))
    other = Server(srv.ctx["binary"], snap, work)
    try:
        status, r = other.json("POST", "/v1/admin/update")
        expect(status == 503 and "--update-config" in r["error"]["message"], (status, r))
        status, r = other.json("POST", "/v1/monitor")
        expect(status == 404 and "--store" in r["error"]["message"], (status, r))
        status, r = other.json("GET", "/v1/diff")
        expect(status == 404 and "nothing to compare with" in r["error"]["message"], (status, r))
    finally:
        other.stop()
    # the snapshot `cordon update` manages ($CORDON_SNAPSHOT): data/update.conf is the configuration
    # (an unknown source is refused before anything is fetched, so nothing leaves loopback)
    os.environ["CORDON_SNAPSHOT"] = snap
    try:
        managed = Server(srv.ctx["binary"], snap, work)
    finally:
        os.environ.pop("CORDON_SNAPSHOT")
    try:
        status, r = managed.json("POST", "/v1/admin/update", json_body={"sources": ["no-such-list"]})
        expect(status == 400 and r["error"]["message"].endswith("data/update.conf"), (status, r))
    finally:
        managed.stop()


def test_11_stopped_while_an_update_runs(srv):
    """SIGTERM during an update: after the 10 s drain the waiting request is answered 503, the
    update ends on its own thread, and the server exits 0."""
    other = Server(srv.ctx["binary"], srv.ctx["snapshot"], srv.ctx["work_dir"],
                   ["--update-config", srv.ctx["conf"], "--lists-dir", srv.ctx["lists"]])
    LISTS.set_mode("/un/consolidated.xml.gz", "delay:15")
    answer = {}
    t = threading.Thread(target=lambda: answer.update(r=other.json("POST", "/v1/admin/update",
                                                                   json_body={"dry_run": True})))
    try:
        t.start()
        time.sleep(1)
        other.stop()
        t.join(60)
        status, r = answer["r"]
        expect(status == 503 and "stopping" in r["error"]["message"], (status, r))
    finally:
        LISTS.set_mode("/un/consolidated.xml.gz", None)
        other.stop()


class Keyed:
    """The server as run_curl sees it, with the API key on every request (the page's commands have none)."""

    def __init__(self, srv):
        self.srv = srv

    def request(self, method, path, body=None, headers=None):
        return self.srv.request(method, path, body=body, headers=dict(headers or {}, **KEY))


def test_12_docs_examples_work_as_printed(srv):
    """docs/server.md's section on these routes shows its commands in bash blocks (they need this
    setup, so test_native skips them): each runs here and answers 200 with the fields shown."""
    page = open(repo("docs/server.md")).read()
    section = page.split("### Keeping the lists current", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(\w*)\n(.*?)```", section, re.S)
    ran = 0
    for i, (lang, body) in enumerate(blocks):
        commands = [l.strip() for l in body.replace("\\\n", " ").splitlines() if l.strip().startswith("curl ")]
        if lang != "bash" or not commands:
            continue
        shown = json.loads(blocks[i + 1][1])
        status, _, data = run_curl(Keyed(srv), commands[0], repo(""))
        got = json.loads(data)
        expect(status == 200 and set(shown) <= set(got), (commands[0], status, sorted(shown), got))
        ran += 1
    expect(ran == 4, "the section's curl commands were found: %d" % ran)


if __name__ == "__main__":
    try:
        main(globals())
    finally:
        LISTS.stop()
