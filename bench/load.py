"""A load run from its own process: N concurrent clients request pages for S seconds, on loopback only."""

import argparse
import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def client_loop(base: str, paths: list[str], cookie: str, deadline: float, results: list, errors: list):
    parts = urlsplit(base)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("The load run only targets this machine's loopback address.")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    n = 0
    while time.perf_counter() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Cookie": cookie, "Host": parts.netloc})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__} {path}")
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        results.append(time.perf_counter() - started)
    connection.close()


def run(base: str, paths: list[str], cookie: str, concurrency: int, seconds: float) -> dict:
    results: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(base, paths, cookie, deadline, results, errors))
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(results)
    return {
        "requests": len(results),
        "rps": len(results) / elapsed,
        "median_ms": statistics.median(ordered) * 1000 if ordered else 0,
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000 if ordered else 0,
        "errors": len(errors),
        "first_errors": errors[:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base", help="e.g. http://127.0.0.1:8765")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cookie", default="")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    result = run(args.base, args.paths, args.cookie, args.concurrency, args.seconds)
    print(
        f"load: {args.concurrency} clients × {args.seconds:.0f} s on {', '.join(args.paths)}: "
        f"{result['requests']} requests, {result['rps']:.1f} req/s, median {result['median_ms']:.0f} ms, "
        f"p95 {result['p95_ms']:.0f} ms, errors {result['errors']} {result['first_errors'] or ''}"
    )


if __name__ == "__main__":
    main()
