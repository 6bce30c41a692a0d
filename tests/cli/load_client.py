#!/usr/bin/env python3
"""A bounded load test for `apiref serve`: THREADS keep-alive connections send REQUESTS requests
in all, cycling through the given paths; prints "ok N", or the first failures and exits 1.

Usage: load_client.py PORT THREADS REQUESTS PATH...
"""
import http.client
import sys
import threading


def main():
    port, threads, total = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    paths = sys.argv[4:]
    failures = []
    done = [0]
    lock = threading.Lock()

    def worker(index):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(index, total, threads):
            path = paths[i % len(paths)]
            try:
                conn.request("GET", path)
                res = conn.getresponse()
                body = res.read()
                ok = res.status == 200 and len(body) > 0
                if res.getheader("Connection", "").lower() == "close" or res.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            except Exception as e:  # a reset or a timeout is a failure of the server
                ok = False
                res = e
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                done[0] += 1
                if not ok:
                    failures.append(f"{path}: {getattr(res, 'status', res)}")
        conn.close()

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    if failures or done[0] != total:
        print(f"{len(failures)} failures of {done[0]} (wanted {total}):", *failures[:10], sep="\n  ")
        sys.exit(1)
    print(f"ok {done[0]}")


if __name__ == "__main__":
    main()
