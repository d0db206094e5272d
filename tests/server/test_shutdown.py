"""Graceful stop: on SIGTERM the server stops taking connections, finishes the requests in flight and
exits 0. Each test starts a server of its own, since it ends it."""
import http.client
import json
import signal
import socket
import threading
import time

from harness import Server, expect, main
from test_reload_under_load import Client

IN_FLIGHT = [("Oleg Deripaska", "ofac-sdn:24283"), ("Евгений Пригожин", "ofac-sdn:21171"),
             ("BANCO NACIONAL DE CUBA", "ofac-sdn:306")]


def in_flight(srv):
    """Requests the server is handling, not counting the /metrics request asking."""
    _, _, data = srv.request("GET", "/metrics")
    for line in data.decode().splitlines():
        if line.startswith("cordon_http_requests_in_flight "):
            return int(line.split()[1]) - 1
    raise AssertionError("no cordon_http_requests_in_flight in /metrics")


def wait_until(what, condition, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError("timed out waiting until " + what)


def refuses_connections(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        return False
    except ConnectionRefusedError:
        return True
    except (ConnectionResetError, ConnectionAbortedError):
        # taken into the backlog just as the listener closed: not refused yet, ask again
        return False


def half_sent_request(port, name):
    """A POST whose headers and first half of the body are sent: in flight until the rest follows."""
    body = json.dumps({"query": name, "limit": 3}, ensure_ascii=False).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    head = ("POST /v1/screen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: %d\r\n\r\n" % len(body)).encode()
    sock.sendall(head + body[:len(body) // 2])
    return sock, body[len(body) // 2:]


def read_answer(sock):
    resp = http.client.HTTPResponse(sock)
    resp.begin()
    return resp.status, resp.read()


def test_requests_in_flight_complete_after_sigterm(srv):
    own = Server(srv.binary, srv.snapshot, srv.work_dir)
    try:
        pending = [half_sent_request(own.port, name) for name, _ in IN_FLIGHT]
        wait_until("the server has the requests", lambda: in_flight(own) >= len(IN_FLIGHT))
        own.send_signal(signal.SIGTERM)
        wait_until("the listening socket is closed", lambda: refuses_connections(own.port))
        time.sleep(0.3)
        expect(own.proc.poll() is None, "the server must wait for the requests in flight, not exit")
        for (sock, rest), (name, expected) in zip(pending, IN_FLIGHT):
            sock.sendall(rest)
            status, data = read_answer(sock)
            sock.close()
            expect(status == 200, (status, data[:300]))
            answer = json.loads(data)
            expect(answer["query"] == name and answer["matches"][0]["entity_id"] == expected, data[:300])
        code = own.proc.wait(timeout=60)
        expect(code == 0, "exit status %d: %s" % (code, "".join(own.stderr_lines)))
    finally:
        if own.proc.poll() is None:
            own.proc.kill()


def test_sigterm_under_load_cuts_no_answer(srv):
    """Clients screening without pause when SIGTERM comes: the process exits 0 and no answer is cut short or
    turned into an error; a request on a kept-alive connection may find the connection closed, and new
    connections are refused."""
    own = Server(srv.binary, srv.snapshot, srv.work_dir)
    stop = threading.Event()
    clients = [Client(own.port, n, stop) for n in range(4)]
    try:
        for c in clients:
            c.start()
        wait_until("the clients have answers", lambda: all(c.done >= 20 for c in clients))
        expect(not any(c.failures for c in clients), [c.failures[:3] for c in clients])
        own.send_signal(signal.SIGTERM)
        code = own.proc.wait(timeout=60)
        expect(code == 0, "exit status %d: %s" % (code, "".join(own.stderr_lines)))
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=60)
        if own.proc.poll() is None:
            own.proc.kill()
    # what a closed connection looks like to http.client, as opposed to a broken answer
    closed = ("ConnectionRefusedError", "ConnectionResetError", "BrokenPipeError", "RemoteDisconnected")
    broken = [f for c in clients for f in c.failures if not any(k in f for k in closed)]
    expect(not broken, "answers cut short or wrong: %s" % broken[:5])


if __name__ == "__main__":
    main(globals())
