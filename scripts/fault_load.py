#!/usr/bin/env python3
"""Load for scripts/fault.sh: concurrent API writes against a running `bunkai serve` on loopback.

Every mode is bounded (a fixed number of requests or seconds) and prints one JSON line.
  uploads BASE TOKEN CONTRACT FILE N         N uploads to one contract at once
  mixed BASE TOKEN CONTRACT REVIEW N         N decisions and N checklist saves at once, with
                                             idempotent retries; acknowledged reasons to stdout
  writeloop BASE TOKEN REVIEW ACKFILE SECS   decisions from 4 threads until the server goes away;
                                             each acknowledged reason is appended to ACKFILE
  watch BASE TOKEN SECS                      a request every 50 ms; prints [epoch seconds, API status, /healthz status]
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


def request(method, url, token, body=None, content_type="application/json", headers=None, timeout=60):
    h = {"Authorization": "Bearer " + token}
    if body is not None:
        h["Content-Type"] = content_type
    h.update(headers or {})
    req = urllib.request.Request(url, data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception as e:  # connection refused or reset: the server is not there
        return 0, str(e).encode()


def multipart(filename, data):
    boundary = "----fault" + uuid.uuid4().hex
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, "multipart/form-data; boundary=" + boundary


def run_all(jobs):
    results = [None] * len(jobs)

    def one(i, job):
        results[i] = job()

    threads = [threading.Thread(target=one, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def counts(statuses):
    out = {}
    for s in statuses:
        out[str(s)] = out.get(str(s), 0) + 1
    return out


def uploads(base, token, contract, path, n):
    data = open(path, "rb").read()
    name = path.rsplit("/", 1)[-1]

    def job():
        body, ctype = multipart(name, data)
        return request("POST", f"{base}/api/v1/contracts/{contract}/documents", token, body, ctype)

    res = run_all([job] * n)
    versions = []
    for status, body in res:
        if status == 201:
            versions.append(json.loads(body)["document"]["version"])
    print(json.dumps({"statuses": counts(s for s, _ in res), "versions": sorted(versions)}))


def mixed(base, token, contract, review, n):
    def decision(i):
        reason = f"fault-mixed-{i}-{uuid.uuid4().hex[:8]}"
        key = uuid.uuid4().hex
        body = json.dumps({"finding": 1 + i % 5, "kind": "later", "reason": reason}).encode()

        def job():
            first = request("POST", f"{base}/api/v1/reviews/{review}/decisions", token, body,
                            headers={"Idempotency-Key": key})
            # A client retry with the same key must not make a second decision.
            again = request("POST", f"{base}/api/v1/reviews/{review}/decisions", token, body,
                            headers={"Idempotency-Key": key})
            return ("decision", reason, first[0], again[0])
        return job

    def checklist(i):
        body = json.dumps({"answers": [{"itemId": "P2-A-1", "notes": f"fault-{i}", "owner": "joint"}]}).encode()

        def job():
            s, _ = request("PUT", f"{base}/api/v1/contracts/{contract}/checklist", token, body)
            return ("checklist", "", s, s)
        return job

    jobs = []
    for i in range(n):
        jobs.append(decision(i))
        jobs.append(checklist(i))
    res = run_all(jobs)
    acked = [r for k, r, s, _ in res if k == "decision" and s == 201]
    statuses = [s for _, _, s, _ in res] + [a for k, _, _, a in res if k == "decision"]
    print(json.dumps({"statuses": counts(statuses), "acked": acked}))


def writeloop(base, token, review, ackfile, seconds):
    end = time.time() + seconds
    lock = threading.Lock()
    out = open(ackfile, "a")

    def worker(w):
        i = 0
        while time.time() < end:
            reason = f"fault-kill-{w}-{i}-{uuid.uuid4().hex[:8]}"
            i += 1
            body = json.dumps({"finding": 1 + i % 5, "kind": "later", "reason": reason}).encode()
            s, _ = request("POST", f"{base}/api/v1/reviews/{review}/decisions", token, body, timeout=10)
            if s == 201:
                with lock:
                    out.write(reason + "\n")
                    out.flush()
            elif s == 0:
                return

    run_all([lambda w=w: worker(w) for w in range(4)])
    out.close()


def watch(base, token, seconds):
    start = time.time()
    samples = []
    while time.time() - start < seconds:
        t = time.time()
        s, _ = request("GET", f"{base}/api/v1/contracts", token, timeout=5)
        h, _ = request("GET", f"{base}/healthz", token, timeout=5)
        samples.append([round(t, 3), s, h])
        time.sleep(0.05)
    print(json.dumps(samples))


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "uploads":
        uploads(args[0], args[1], args[2], args[3], int(args[4]))
    elif mode == "mixed":
        mixed(args[0], args[1], args[2], args[3], int(args[4]))
    elif mode == "writeloop":
        writeloop(args[0], args[1], args[2], args[3], float(args[4]))
    elif mode == "watch":
        watch(args[0], args[1], float(args[2]))
    else:
        sys.exit("unknown mode " + mode)
