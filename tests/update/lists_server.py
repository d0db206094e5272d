"""A loopback HTTP server for `cordon update` tests (Python standard library only).

It serves byte strings by path with an ETag and a Last-Modified, answers a matching
If-None-Match or If-Modified-Since with 304, and can be told to misbehave per path:
"500" (server error), "truncate" (Content-Length larger than the body, then the connection
is closed), "stall" (a few bytes, then silence), "no-304" (ignores conditional headers) and
"redirect:LOCATION" (302 to LOCATION), "no-etag" (validated by Last-Modified alone) and "delay:SECONDS"
(answers normally after that long). With tls=(certfile, keyfile) it speaks HTTPS.
Every request's path and headers are logged.
"""
import email.utils
import hashlib
import http.server
import threading
import time


class ListServer:
    def __init__(self, tls=None):
        self.files, self.modes, self.log = {}, {}, []
        self._clock = int(time.time()) - 86400
        self._lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                owner._handle(self)

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # clients cut off on purpose (timeouts, kill -9) are part of the tests

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls:
            import ssl
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path):
        return "%s://127.0.0.1:%d%s" % (self.scheme, self.port, path)

    def put(self, path, data, mode=None):
        """Serves data at path from now on, as a new version (new ETag and Last-Modified)."""
        with self._lock:
            self._clock += 60
            etag = '"%s-%d"' % (hashlib.sha1(data).hexdigest()[:16], self._clock)
            self.files[path] = (data, etag, email.utils.formatdate(self._clock, usegmt=True))
            self.modes[path] = mode

    def set_mode(self, path, mode):
        self.modes[path] = mode

    def requests_for(self, path):
        return [h for p, h in self.log if p == path]

    def stop(self):
        self.httpd.shutdown()

    def _handle(self, req):
        self.log.append((req.path, {k.lower(): v for k, v in req.headers.items()}))
        mode = self.modes.get(req.path)
        if mode and mode.startswith("delay:"):
            time.sleep(float(mode.split(":", 1)[1]))
            mode = None
        if req.path not in self.files:
            return self._simple(req, 404, b"not found\n")
        if mode and mode.startswith("redirect:"):
            req.send_response(302)
            req.send_header("Location", mode.split(":", 1)[1])
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        if mode == "500":
            return self._simple(req, 500, b"<html>internal error</html>\n")
        data, etag, modified = self.files[req.path]
        if mode == "no-etag":
            etag = None
        if mode != "no-304" and self._not_modified(req, etag, modified):
            req.send_response(304)
            if etag:
                req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(200)
        if etag:
            req.send_header("ETag", etag)
        req.send_header("Last-Modified", modified)
        if mode == "truncate":
            req.send_header("Content-Length", str(len(data) + 1000))
            req.end_headers()
            req.wfile.write(data[: len(data) // 2])
            req.wfile.flush()
            req.close_connection = True
            return
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        if mode == "stall":
            req.wfile.write(data[:10])
            req.wfile.flush()
            time.sleep(30)
            return
        req.wfile.write(data)

    @staticmethod
    def _not_modified(req, etag, modified):
        inm, ims = req.headers.get("If-None-Match"), req.headers.get("If-Modified-Since")
        if inm is not None and etag:
            return inm == etag
        return ims is not None and ims == modified

    @staticmethod
    def _simple(req, status, body):
        req.send_response(status)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        req.wfile.write(body)
