#!/usr/bin/env python3
"""hostile_http.py ADDRESS PORT - the HTTP endpoints a hostile CA (or a
man in the middle who chose a certificate's URLs) might serve, one thread
per request, until killed:
  /slow        accepts the request and never answers
  /huge        a body of 11 MB that is no CRL
  /redirect    302 to http://127.0.0.1:PORT/slow (loopback)
"""
import http.server
import socketserver
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        sys.stderr.write("request %s\n" % self.path)
        sys.stderr.flush()
        if self.path.startswith("/slow"):
            time.sleep(600)
        elif self.path.startswith("/huge"):
            self.send_response(200)
            self.send_header("Content-Length", str(11 * 1024 * 1024))
            self.end_headers()
            chunk = b"\0" * 65536
            for _ in range(11 * 16):
                self.wfile.write(chunk)
        elif self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location",
                             "http://127.0.0.1:%s/slow" % sys.argv[2])
            self.end_headers()
        else:
            self.send_error(404)

    do_POST = do_GET

    def log_message(self, fmt, *args):
        sys.stderr.write(fmt % args + "\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


Server((sys.argv[1], int(sys.argv[2])), Handler).serve_forever()
