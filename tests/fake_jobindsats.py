"""A fake Jobindsats API for the tests: a real HTTP server on 127.0.0.1 answering
`POST /v2/data/<table>/json` with the recorded answer of the table in fixtures/jobindsats/, cut to the periods
asked for. Another process (the task worker, a browser test's server) reaches it through
JOBINDSATS_API_URL, as it would reach Jobindsats; never the network."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

RECORDED = Path(__file__).resolve().parent.parent / "fixtures" / "jobindsats"
KEY = "test-nøgle"


def answer(table: str, periods: list[str], parts: list[dict] | None = None) -> bytes | None:
    """The recorded answer of the table (or the parts given) with only the rows of the periods; None when
    none is recorded."""
    if parts is None:
        recorded = sorted(RECORDED.glob(f"{table}_*.json"))
        if not recorded:
            return None
        parts = json.loads(recorded[-1].read_bytes())
    parts = [dict(part) for part in parts]
    wanted = set(periods)
    for part in parts:
        column = [variable["Label"] for variable in part["Variables"]].index("Periode")
        part["Data"] = [row for row in part["Data"] if row[column] in wanted]
    return json.dumps(parts, ensure_ascii=False).encode("utf-8")


class FakeJobindsats:
    """Start with `with FakeJobindsats() as api:`; api.url is the address, api.requests what was asked.
    extra: answers of tables by code ({"y07a02": [{"Variables": …, "Data": …}]}), before the recorded ones;
    failing: tables it answers with an error, as Jobindsats does when a table is down."""

    def __init__(self, extra: dict[str, list[dict]] | None = None, failing: frozenset[str] = frozenset()):
        self.requests: list[tuple[str, dict]] = []
        self.extra = extra or {}
        self.failing = failing
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append((self.path, body))
                parts = self.path.strip("/").split("/")
                if self.headers.get("Authorization") != KEY:
                    return self._send(401, b'{"error": "unauthorized"}')
                if len(parts) != 4 or parts[:2] != ["v2", "data"] or parts[3] != "json":
                    return self._send(404, b"{}")
                if parts[2] in fake.failing:
                    return self._send(404, b"{}")
                data = answer(parts[2], body.get("period", []), fake.extra.get(parts[2]))
                return self._send(404, b"{}") if data is None else self._send(200, data)

            def _send(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeJobindsats:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
