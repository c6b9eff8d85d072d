#!/usr/bin/env python3
"""The cost of authentication on the API: GET /v3/{project}/volumes/{id} latency, one keep-alive connection.

usage:
  bench/auth_latency.py noauth   [--api http://127.0.0.1:8776] [-n 2000]
  bench/auth_latency.py keystone [--api ...] [--keystone http://127.0.0.1:5000/v3] [-n 2000] [--misses 100]

noauth: the token is user:project. keystone: one token of the fixture's demo-member (deploy/keystone/README.md)
for the cache-hit series, then --misses fresh tokens, each used once (every request a validation at Keystone).
Prints p50/p90/p99/max in milliseconds per series. Standard library only; run with Debian's /usr/bin/python3.
"""
import argparse
import http.client
import json
import time
import urllib.parse
import urllib.request


def percentiles(samples):
    s = sorted(samples)

    def pick(q):
        return s[min(len(s) - 1, int(q * len(s)))]

    return "n=%d p50=%.2f p90=%.2f p99=%.2f max=%.2f ms" % (len(s), pick(0.5), pick(0.9), pick(0.99), s[-1])


def keystone_token(url, user, password, project):
    body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": user,
            "domain": {"name": "Default"}, "password": password}}},
            "scope": {"project": {"name": project, "domain": {"name": "Default"}}}}}
    req = urllib.request.Request(url + "/auth/tokens", json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return r.headers["X-Subject-Token"], json.load(r)["token"]["project"]["id"]


class Api:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port or 80)

    def call(self, method, path, token, body=None):
        headers = {"X-Auth-Token": token}
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        t = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        elapsed = (time.perf_counter() - t) * 1000
        return r.status, data, elapsed


def series(api, path, tokens, n):
    samples = []
    for i in range(n):
        status, data, ms = api.call("GET", path, tokens[i % len(tokens)])
        if status != 200:
            raise SystemExit("GET %s: %d %s" % (path, status, data[:200]))
        samples.append(ms)
    return samples


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["noauth", "keystone"])
    p.add_argument("--api", default="http://127.0.0.1:8776")
    p.add_argument("--keystone", default="http://127.0.0.1:5000/v3")
    p.add_argument("-n", type=int, default=2000)
    p.add_argument("--misses", type=int, default=100)
    a = p.parse_args()
    api = Api(a.api)
    if a.mode == "noauth":
        project = "authbench"
        token = "authbench:" + project
    else:
        token, project = keystone_token(a.keystone, "demo-member", "basalt-demo", "basalt-demo")
    status, data, _ = api.call("POST", "/v3/%s/volumes" % project, token, {"volume": {"size": 1, "name": "authbench"}})
    if status != 202:
        raise SystemExit("create: %d %s" % (status, data[:300]))
    volume = json.loads(data)["volume"]["id"]
    path = "/v3/%s/volumes/%s" % (project, volume)
    series(api, path, [token], 200)  # warm-up: JIT, connection, cache
    print("%-9s cache hit : %s" % (a.mode, percentiles(series(api, path, [token], a.n))))
    if a.mode == "keystone" and a.misses > 0:
        fresh = [keystone_token(a.keystone, "demo-member", "basalt-demo", "basalt-demo")[0] for _ in range(a.misses)]
        print("%-9s cache miss: %s" % (a.mode, percentiles(series(api, path, fresh, len(fresh)))))
    api.call("DELETE", path, token)


if __name__ == "__main__":
    main()
