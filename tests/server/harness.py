"""Starts the real `cordon serve` on a loopback port and talks HTTP to it (Python standard library only).

Usage from a test module:
    from harness import Server, main
    def test_something(srv): status, headers, body = srv.request("GET", "/healthz") ...
    if __name__ == "__main__": main(globals())

Command line (as CTest runs it): test_x.py CORDON_BINARY SOURCES_CONF WORK_DIR
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback


class Server:
    """One `cordon serve` process; stop() sends SIGTERM and checks it exits cleanly."""

    def __init__(self, binary, snapshot, work_dir, extra_args=()):
        self.binary, self.snapshot, self.work_dir = binary, snapshot, work_dir
        self.access_log = os.path.join(work_dir, "access-%d-%d.log" % (os.getpid(), id(self)))
        args = [binary, "serve", "--listen", "127.0.0.1:0", "--snapshot", snapshot,
                "--access-log", self.access_log] + list(extra_args)
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.stderr_lines = []
        self.port = self._wait_for_port()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    def _wait_for_port(self):
        deadline = time.time() + 120  # a sanitizer build loads slowly
        while time.time() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                raise RuntimeError("cordon serve exited early: %s" % "".join(self.stderr_lines))
            self.stderr_lines.append(line)
            if "listening on http://" in line:
                return int(line.strip().rsplit(":", 1)[1])
        raise RuntimeError("cordon serve did not start in time")

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line)

    def request(self, method, path, body=None, headers=None, json_body=None, timeout=60):
        """Returns (status, headers as a lower-cased dict, body bytes)."""
        headers = dict(headers or {})
        if json_body is not None:
            body = json.dumps(json_body).encode()
            headers.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
        finally:
            conn.close()

    def json(self, method, path, **kw):
        """Like request, but decodes the body as JSON (and checks the content type says so)."""
        status, headers, data = self.request(method, path, **kw)
        assert headers.get("content-type", "").startswith("application/json"), (status, headers, data[:200])
        return status, json.loads(data)

    def send_signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise AssertionError("cordon serve did not stop on SIGTERM")
            assert code == 0, "cordon serve exited with %d: %s" % (code, "".join(self.stderr_lines))


def build_snapshot(binary, sources_conf, out_path):
    subprocess.run([binary, "build", "--config", sources_conf, "--out", out_path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out_path


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def main(namespace):
    """Builds a snapshot, starts one server, runs every test_* function of the module with it."""
    binary, sources_conf, work_root = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work_root, exist_ok=True)
    work_dir = tempfile.mkdtemp(prefix="server-test-", dir=work_root)
    snapshot = build_snapshot(binary, sources_conf, os.path.join(work_dir, "lists.cordonsnap"))
    ctx = {"binary": binary, "sources_conf": sources_conf, "work_dir": work_dir, "snapshot": snapshot}
    extra = namespace.get("SERVER_ARGS", ())
    setup = namespace.get("setup")
    if setup:
        extra = list(extra) + list(setup(ctx) or ())
    srv = Server(binary, snapshot, work_dir, extra)
    srv.ctx = ctx
    failures = 0
    tests = [(n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f)]
    try:
        for name, fn in tests:
            try:
                fn(srv)
                print("ok   %s" % name)
            except Exception:
                failures += 1
                print("FAIL %s" % name)
                traceback.print_exc()
    finally:
        srv.stop()
    print("%d tests, %d failures" % (len(tests), failures))
    sys.exit(1 if failures else 0)
