#!/usr/bin/env python3
"""A loopback HTTP server for snippet tests: answers every request with a JSON account of
what it received (method, path, headers, and the body split into form fields or multipart
parts with their names, file names and content types). Prints "PORT PID" on stdout, then
serves until killed or until its lifetime (first argument, seconds, default 120) ends, so a
test that dies cannot leave it behind for long."""
import email.parser
import email.policy
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def describe_body(content_type, body):
    if content_type.startswith("multipart/form-data"):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        parts = []
        for part in message.iter_parts():
            parts.append({
                "name": part.get_param("name", header="content-disposition"),
                "filename": part.get_filename(),
                "content_type": part.get("Content-Type"),
                "value": part.get_payload(decode=True).decode("utf-8", "replace"),
            })
        return {"parts": parts}
    if content_type.startswith("application/x-www-form-urlencoded"):
        return {"form": urllib.parse.parse_qsl(body.decode(), keep_blank_values=True)}
    return {"text": body.decode("utf-8", "replace")}


class Handler(BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        answer = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
        }
        answer.update(describe_body(self.headers.get("Content-Type", ""), body))
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def log_message(self, *args):
        pass


import os

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], os.getpid(), flush=True)
threading.Timer(float(sys.argv[1]) if len(sys.argv) > 1 else 120.0, server.shutdown).start()
server.serve_forever()
