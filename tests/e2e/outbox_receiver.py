#!/usr/bin/python3
"""A small HTTP receiver for the outbox end-to-end tests.

Records every POST as one JSON line: path, Idempotency-Key, Authorization, Content-Encoding, the body (gunzipped)
and the status it answered. --fail-first N answers the first N requests with --fail-status (e.g. 503).
"""
import argparse
import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--record", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=503)
    args = parser.parse_args()

    lock = threading.Lock()
    state = {"requests": 0}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            encoding = self.headers.get("Content-Encoding", "")
            try:
                body = gzip.decompress(raw).decode("utf-8") if encoding == "gzip" else raw.decode("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                body = "UNREADABLE: %s" % error
            with lock:
                state["requests"] += 1
                status = args.fail_status if state["requests"] <= args.fail_first else 200
                record = {
                    "path": self.path,
                    "key": self.headers.get("Idempotency-Key"),
                    "authorization": self.headers.get("Authorization"),
                    "encoding": encoding,
                    "content_type": self.headers.get("Content-Type"),
                    "body": body,
                    "status": status,
                }
                with open(args.record, "a", encoding="utf-8") as out:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            answer = json.dumps({"stored_days": 1} if status == 200 else {"error": "try later"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *unused):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.serve_forever()


if __name__ == "__main__":
    main()
