#!/usr/bin/env python3
"""Summarises a Tempest (stestr) subunit stream: counts and one line per failure with its cause.

usage: summary.py RESULTS.subunit KNOWN_FAILURES ELAPSED_SECONDS MODE

KNOWN_FAILURES lists test ids (one per line, '#' comments; the text after the id is the reason) that are
expected to fail for a stated reason; they are reported as such and do not make the exit status non-zero.
Exit status 0 when every failure is a known one, 1 otherwise.
"""
import sys

import subunit
import testtools


def load(path):
    results = {}

    def on_test(test):
        test_id = test["id"].split("[")[0]
        if test_id.startswith("setUpClass (") or test_id.startswith("tearDownClass ("):
            test_id = test["id"]
        status = test["status"]
        cause = ""
        if status in ("fail", "uxsuccess"):
            details = test.get("details", {})
            text = ""
            for name in ("traceback", "reason"):
                if name in details:
                    text = details[name].as_text()
                    break
            lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
            cause = lines[-1] if lines else "(no traceback)"
        elif status == "skip":
            details = test.get("details", {})
            if "reason" in details:
                cause = details["reason"].as_text().strip()
        results[test_id] = (status, cause[:300])

    with open(path, "rb") as stream:
        case = subunit.ByteStreamToStreamResult(stream, non_subunit_name="stdout")
        result = testtools.StreamToDict(on_test)
        result.startTestRun()
        case.run(result)
        result.stopTestRun()
    return results


def known_failures(path):
    known = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            test_id, _, reason = line.partition(" ")
            known[test_id] = reason.strip()
    return known


def main():
    path, known_path, elapsed, mode = sys.argv[1:5]
    results = load(path)
    known = known_failures(known_path)
    passed = sorted(t for t, (s, _) in results.items() if s in ("success", "xfail"))
    failed = sorted(t for t, (s, _) in results.items() if s in ("fail", "uxsuccess"))
    skipped = sorted(t for t, (s, _) in results.items() if s == "skip")
    unexpected = [t for t in failed if t not in known]
    print("Tempest tempest.api.volume (%s) against Basalt: %d passed, %d failed, %d skipped in %s s"
          % (mode, len(passed), len(failed), len(skipped), elapsed))
    for t in failed:
        mark = "known: " + known[t] if t in known else "FAILED"
        print("  %-8s %s -- %s" % ("known" if t in known else "FAIL", t, results[t][1] if t not in known else mark))
    for t in skipped:
        print("  skip     %s -- %s" % (t, results[t][1]))
    stale = sorted(t for t in known if results.get(t, ("", ""))[0] in ("success", "xfail"))
    for t in stale:
        print("  passes   %s -- listed as a known failure: remove it from the list" % t)
    print("unexpected failures: %d" % len(unexpected))
    if not results:
        print("no test ran")
        return 1
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
