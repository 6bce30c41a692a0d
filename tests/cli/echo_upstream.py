#!/usr/bin/env python3
"""A small upstream for `apiref serve --proxy` tests: answers every request with a JSON echo of
what it received (method, path, query, headers, body) and appends the same to a log file, one
JSON object a line. A few paths behave differently:

  /redirect-away   302 to http://example.invalid/elsewhere (a proxy must not follow it)
  /big?n=N         N bytes of 'x' sent in 64 KiB pieces (streaming)
  /set-cookie      sets a cookie

Usage: echo_upstream.py PORT LOGFILE   (prints "ready" once listening)
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        url = urlsplit(self.path)
        record = {
            "method": self.command,
            "path": url.path,
            "query": url.query,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
        }
        with open(sys.argv[2], "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
        if url.path == "/redirect-away":
            self.send_response(302)
            self.send_header("Location", "http://example.invalid/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if url.path == "/big":
            n = int(parse_qs(url.query).get("n", ["0"])[0])
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            piece = b"x" * 65536
            left = n
            while left > 0:
                chunk = piece[: min(left, len(piece))]
                self.wfile.write(chunk)
                left -= len(chunk)
            return
        payload = json.dumps(record).encode()
        self.send_response(200 if self.command != "POST" else 201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.send_header("X-Upstream", "echo")
        if url.path == "/set-cookie":
            self.send_header("Set-Cookie", "session=abc; Path=/")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
