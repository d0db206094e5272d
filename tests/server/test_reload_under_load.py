"""Hot reload under load: clients screen without pause while the snapshot file is rebuilt in place and
reloaded by SIGHUP and by POST /v1/admin/reload, and while a damaged file is offered and refused.
Not one request may fail, and every answer must be complete JSON naming the expected entity."""
import http.client
import json
import os
import signal
import subprocess
import threading
import time

from harness import expect, main

CLIENTS = 4
# (name, entity expected first): the lists are the same in every generation, so the answer is too
QUERIES = [
    ("Oleg Deripaska", "ofac-sdn:24283"),
    ("Евгений Пригожин", "ofac-sdn:21171"),
    ("BANCO NACIONAL DE CUBA", "ofac-sdn:306"),
    ("AEROCARIBBEAN AIRLINES", "ofac-sdn:36"),
    ("Умаров Доку Хаматович", "un:QDi.290"),
    ("Jennifer L. McClellan", None),  # on no list: any answer will do, as long as it is whole
]


class Client(threading.Thread):
    """Screens the QUERIES in turn on one kept-alive connection until told to stop; records every failure."""

    def __init__(self, port, number, stop):
        super().__init__(daemon=True)
        self.port, self.number, self.stop = port, number, stop
        self.done, self.failures = 0, []

    def run(self):
        conn = None
        i = self.number
        while not self.stop.is_set():
            name, expected = QUERIES[i % len(QUERIES)]
            i += 1
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                problem = self.screen_once(conn, name, expected)
            except Exception as e:  # a reset, a truncated body, a timeout: all are failures here
                problem = "%s: %r" % (type(e).__name__, e)
                conn.close()
                conn = None
            if problem:
                self.failures.append("%s: %s" % (name, problem))
            self.done += 1
        if conn:
            conn.close()

    @staticmethod
    def screen_once(conn, name, expected):
        body = json.dumps({"query": name, "limit": 3}).encode()
        conn.request("POST", "/v1/screen", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()  # raises IncompleteRead when the body is shorter than Content-Length
        if resp.status != 200:
            return "status %d: %s" % (resp.status, data[:200])
        if not resp.getheader("Content-Type", "").startswith("application/json"):
            return "content type %s" % resp.getheader("Content-Type")
        answer = json.loads(data)  # raises on a cut or garbled body
        if answer.get("query") != name or not isinstance(answer.get("matches"), list):
            return "unexpected answer %s" % data[:200]
        if expected and (not answer["matches"] or answer["matches"][0]["entity_id"] != expected):
            return "expected %s first, got %s" % (expected, [m["entity_id"] for m in answer["matches"][:3]])
        return None


def generation(srv):
    status, body = srv.json("GET", "/readyz")
    expect(status == 200, body)
    return body["snapshot_generation"]


def reload_failures(srv):
    _, _, data = srv.request("GET", "/metrics")
    for line in data.decode().splitlines():
        if line.startswith("cordon_snapshot_reload_failures_total "):
            return int(line.split()[1])
    raise AssertionError("no cordon_snapshot_reload_failures_total in /metrics")


def wait_for_generation(srv, wanted, timeout=60):
    """SIGHUP is handled by another thread: wait until /readyz shows the new generation."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if generation(srv) >= wanted:
            return
        time.sleep(0.02)
    raise AssertionError("generation did not reach %d: %s" % (wanted, "".join(srv.stderr_lines[-5:])))


def wait_for_refusal(srv, before, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if reload_failures(srv) > before:
            return
        time.sleep(0.02)
    raise AssertionError("the damaged snapshot was not refused: %s" % "".join(srv.stderr_lines[-5:]))


def rebuild(srv):
    """`cordon build` onto the path being served: it writes a temporary file and renames it."""
    subprocess.run([srv.binary, "build", "--config", srv.ctx["sources_conf"], "--out", srv.snapshot],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def damage(srv, how):
    """Puts a damaged copy in place the way a build would (rename), so the mapped old file is untouched."""
    with open(srv.snapshot, "rb") as f:
        data = bytearray(f.read())
    if how == "flipped":
        middle = len(data) // 2
        data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    else:
        data = data[:len(data) // 3]
    tmp = srv.snapshot + ".damaged"
    with open(tmp, "wb") as f:
        f.write(bytes(data))
    os.replace(tmp, srv.snapshot)


def reload_by_route(srv):
    status, body = srv.json("POST", "/v1/admin/reload")
    expect(status == 200 and body["status"] == "reloaded", (status, body))
    return body["snapshot_generation"]


def under_load(srv, steps):
    """Runs steps(progress) with CLIENTS screening meanwhile; progress() waits until some answers came back."""
    stop = threading.Event()
    clients = [Client(srv.port, n, stop) for n in range(CLIENTS)]
    for c in clients:
        c.start()

    def progress():
        # each reload must overlap requests: wait for every client to get further answers
        marks = [c.done for c in clients]
        deadline = time.time() + 60
        while any(c.done < m + 3 for c, m in zip(clients, marks)) and time.time() < deadline:
            if any(c.failures for c in clients):
                break
            time.sleep(0.005)
    try:
        steps(progress)
        progress()
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=60)
        code = srv.proc.poll()
        expect(code is None, "cordon serve died (status %s): %s" % (code, "".join(srv.stderr_lines[-10:])))
    failures = [f for c in clients for f in c.failures]
    done = sum(c.done for c in clients)
    expect(not failures, "%d failed requests of %d, first: %s" % (len(failures), done, failures[:5]))
    print("     %d requests by %d clients, none failed" % (done, CLIENTS))
    return done


def test_reload_under_load(srv):
    first = generation(srv)
    state = {}

    def steps(progress):
        gen = first
        for round_no in range(2):
            progress()
            rebuild(srv)
            progress()
            srv.send_signal(signal.SIGHUP)
            gen += 1
            wait_for_generation(srv, gen)
            progress()
            rebuild(srv)
            progress()
            gen = reload_by_route(srv)
            expect(gen == first + 2 * round_no + 2, "generation %d after %d reloads" % (gen, 2 * round_no + 2))
        for _ in range(6):  # the same file again, quickly: swaps while many requests hold the old one
            progress()
            gen = reload_by_route(srv)
        state["gen"] = gen

    done = under_load(srv, steps)
    expect(generation(srv) == state["gen"] == first + 10, "generation %d, expected %d" % (generation(srv), first + 10))
    expect(done >= 100, "only %d requests made during the reloads" % done)


def test_damaged_snapshot_is_refused_under_load(srv):
    first, failed = generation(srv), reload_failures(srv)

    def steps(progress):
        damage(srv, "flipped")
        progress()
        status, body = srv.json("POST", "/v1/admin/reload")
        expect(status == 409 and "reload refused" in body["error"]["message"], (status, body))
        expect("checksum" in body["error"]["message"], body)
        progress()
        damage(srv, "truncated")
        srv.send_signal(signal.SIGHUP)
        wait_for_refusal(srv, failed + 1)
        progress()
        expect(generation(srv) == first, "a refused reload must not change the generation")
        rebuild(srv)  # a good file again: the next reload takes it
        progress()
        expect(reload_by_route(srv) == first + 1, "the good file after the damaged ones")

    under_load(srv, steps)
    expect(reload_failures(srv) == failed + 2, "two refusals counted")
    expect(any("reload refused" in line for line in srv.stderr_lines), "the SIGHUP refusal is logged on stderr")


if __name__ == "__main__":
    main(globals())
