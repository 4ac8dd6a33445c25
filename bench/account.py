#!/usr/bin/env python3
"""The table of bench/profile.sh: a request's CPU, item by item, for umpin and its ceiling.

    bench/account.py <directory of bench/profile.sh>

Every CPU tick of the JVM during the measured seconds is accounted for, per request
(CPU-microseconds): the threads' own counts (/proc, user and system time) say how much each
thread used; the request threads' user time is split by JFR's execution samples of those
threads, each sample given to the first item below whose test its stack passes (a stack is
searched from its outermost frame); their system time (the kernel: sockets, the store's file)
is an item of its own; the JIT, the collector and every other thread are items by thread name.
Counts beside it: H2's statements and commits per request (its trace file), bytes allocated per
request (JFR's per-thread allocation counters), collections and compilations in the window.
"""
import collections
import datetime
import json
import os
import re
import subprocess
import sys

WORK = sys.argv[1]
JFR = os.path.join(os.environ.get("JDK_BIN", ""), "jfr") if os.environ.get("JDK_BIN") else "jfr"

# (item, test): the first whose test a request thread's sample passes takes it. "any:" tests any
# frame of the stack, "leaf:" the innermost frame of a library that is not the JDK's.
ITEMS = [
    ("PBKDF2: the new PIN's derivation (and a password's when not cached)", "any:PBKDF2KeyImpl|SecretHasher.derive"),
    ("the intent: its INSERT, committed on its own (writeIntent)", "any:steps.WriteIntent"),
    ("the PIN's transaction: its commit (commitPin)", "any:steps.CommitPin"),
    ("the e-mail: the SMTP conversation (sendPinMail)", "any:steps.SendPinMail&smtp.SMTPTransport"),
    ("the e-mail: the MIME message and Camel's mail producer (sendPinMail)", "any:steps.SendPinMail"),
    ("the e-mail: composing it from its template (composeNotification)", "any:steps.ComposeNotification"),
    ("the mailbox's lock: SELECT ... FOR UPDATE (lockMailbox)", "any:steps.LockMailbox"),
    ("the PIN's writes: state, history, reset row (storePin)", "any:steps.StorePin"),
    ("choosing the PIN: random digits, the rules, the history (generatePin)", "any:steps.GeneratePin"),
    ("the route's other steps (read the request, the caller, the mailbox, the limit)", "any:org.umpin.steps.|org.umpin.soap.ReadRequest|org.umpin.soap.IdentifyCaller"),
    ("the audit row: its INSERT and commit", "any:audit.AuditTrail.record"),
    ("the login: the failed-login count, the mailbox, the password (cached)", "any:http.HttpAuthentication"),
    ("the log line", "leaf:org.apache.logging|org.slf4j"),
    ("metrics (Micrometer, Camel's event notifier)", "leaf:io.micrometer|org.apache.camel.component.micrometer"),
    ("the store, other (pool, H2)", "leaf:org.h2|com.zaxxer"),
    ("Camel: routing the exchange", "leaf:org.apache.camel"),
    ("XML: reading the request, writing the reply (Woodstox, StAX)", "leaf:com.ctc.wstx|org.codehaus.stax2|javax.xml|com.sun.xml"),
    ("CXF: the interceptor chains, the continuation", "leaf:org.apache.cxf"),
    ("umpin's interceptors and filters (limits, client address, observation)", "leaf:org.umpin"),
    ("Jetty: HTTP parsing, connections, dispatch", "leaf:org.eclipse.jetty|jakarta.servlet"),
    ("the JDK, called from none of the above", "leaf:"),
]

THREADS = [  # non-request threads, by name: (item, pattern)
    ("the JIT (C1 and C2 compiler threads)", r"^C[12]_CompilerThre"),
    ("the garbage collector (serial: the VM thread)", r"^VM_Thread"),
    ("JFR and jcmd themselves (measurement)", r"^(JFR|Attach_Listener)"),
    ("the mail's write-timeout thread", r"^umpin-smtp-writ"),
]
REQUEST_THREAD = re.compile(r"^qtp")


def jfr_json(path, events, depth=0):
    args = [JFR, "print", "--json", "--events", events]
    if depth:
        args[2:2] = ["--stack-depth", str(depth)]
    out = subprocess.run(args + [path], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frames(event):
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in event["values"]["stackTrace"]["frames"]]


def passes(test, stack):
    kind, _, spec = test.partition(":")
    if kind == "any":
        return all(any(any(p in f for p in alt.split("|")) for f in stack) for alt in spec.split("&"))
    libs = [f for f in stack if not f.startswith(("java.", "javax.crypto", "jdk.", "sun.", "com.sun.crypto"))
            or f.startswith(("javax.xml", "com.sun.xml"))]
    if not spec:
        return True
    return bool(libs) and any(libs[0].startswith(p) for p in spec.split("|"))


def thread_ticks(path):
    ticks = {}
    for line in open(path):
        name, user, system = line.split()
        ticks.setdefault(name, [0, 0])
        ticks[name][0] += int(user)
        ticks[name][1] += int(system)
    return ticks


def trace_counts(directory):
    """Per request, from H2's trace (TRACE_LEVEL_FILE=3) of a short run: the SQL statements run,
    and the commits that wrote (a write in autocommit mode, or a COMMIT after writes)."""
    lines = open(os.path.join(directory, "trace.db"), errors="replace").read().splitlines()
    lines = lines[int(open(os.path.join(directory, "lines-before")).read()):]
    requests = int(re.search(r"requests=(\d+)", open(os.path.join(directory, "wrk")).read()).group(1))
    statements = commits = 0
    sessions = {}
    session = None
    for line in lines:
        header = re.search(r"jdbc\[(\d+)\]:\s*$", line)
        if header:
            session = header.group(1)
            continue
        state = sessions.setdefault(session, {"auto": True, "wrote": False})
        if "setAutoCommit(false)" in line:
            state["auto"] = False
        elif "setAutoCommit(true)" in line:
            commits += state["wrote"]
            state.update(auto=True, wrote=False)
        elif line.startswith("/*SQL"):
            sql = line.split("*/", 1)[1].lstrip().upper()
            if sql.startswith(("COMMIT", "ROLLBACK")):
                commits += state["wrote"] and sql.startswith("COMMIT")
                state["wrote"] = False
                continue
            statements += 1
            if sql.startswith(("INSERT", "UPDATE", "DELETE", "MERGE")):
                if state["auto"]:
                    commits += 1
                else:
                    state["wrote"] = True
    return statements / requests, commits / requests


def account(target):
    d = os.path.join(WORK, target)
    requests = int(re.search(r"requests=(\d+)", open(os.path.join(d, "wrk")).read()).group(1))
    tck = os.sysconf("SC_CLK_TCK")
    before, after = thread_ticks(os.path.join(d, "threads-before")), thread_ticks(os.path.join(d, "threads-after"))
    used = {n: [a - before.get(n, [0, 0])[0], s - before.get(n, [0, 0])[1]] for n, (a, s) in after.items()}
    us = lambda ticks: ticks / tck * 1e6 / requests
    rows = collections.OrderedDict((item, 0.0) for item, _ in ITEMS)
    request_user = sum(u for n, (u, s) in used.items() if REQUEST_THREAD.match(n))
    request_system = sum(s for n, (u, s) in used.items() if REQUEST_THREAD.match(n))
    samples = [frames(e)[::-1] for e in jfr_json(os.path.join(d, "recording.jfr"), "jdk.ExecutionSample", 512)
               if REQUEST_THREAD.match((e["values"]["sampledThread"]["javaName"] or "").replace(" ", "_"))]
    counted = collections.Counter()
    for outer_first in samples:
        leaf_first = outer_first[::-1]
        for item, test in ITEMS:
            if passes(test, outer_first if test.startswith("any:") else leaf_first):
                counted[item] += 1
                break
    for item in rows:
        rows[item] = us(request_user) * counted[item] / max(len(samples), 1)
    rows["the kernel, for the request threads (sockets, the store's file)"] = us(request_system)
    others = collections.Counter()
    for n, (u, s) in used.items():
        if REQUEST_THREAD.match(n):
            continue
        item = next((i for i, p in THREADS if re.match(p, n)), "other threads (Camel's, the pools', the JVM's)")
        others[item] += us(u + s)
    for item, _ in THREADS:
        rows[item] = others[item]
    rows["other threads (Camel's, the pools', the JVM's)"] = others["other threads (Camel's, the pools', the JVM's)"]
    total = sum(us(u + s) for u, s in used.values())

    recording = os.path.join(d, "recording.jfr")
    allocated = collections.defaultdict(list)
    for e in jfr_json(recording, "jdk.ThreadAllocationStatistics"):
        allocated[e["values"]["thread"]["javaName"] if e["values"]["thread"] else "?"].append(e["values"]["allocated"])
    alloc = sum(max(v) - min(v) for n, v in allocated.items() if n and REQUEST_THREAD.match(n.replace(" ", "_")))
    gcs = jfr_json(recording, "jdk.GarbageCollection")
    stats = [e["values"]["compileCount"] for e in jfr_json(recording, "jdk.CompilerStatistics")]
    counts = {
        "requests measured": requests,
        "samples of the request threads": len(samples),
        "bytes allocated per request (request threads)": round(alloc / requests),
        "collections in the window": len(gcs),
        "compilations in the window": (max(stats) - min(stats)) if stats else 0,
    }
    statements, commits = trace_counts(os.path.join(WORK, target + "-trace"))
    counts["SQL statements per request (H2 trace, short run)"] = round(statements, 2)
    counts["commits that wrote, per request (H2 trace, short run)"] = round(commits, 2)
    return rows, total, counts


def instant(text):
    """A JFR time (ISO 8601, with its offset) as seconds since the epoch."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def seconds(duration):
    """A JFR duration in JSON (ISO 8601, "PT0.0976S") as seconds."""
    match = re.fullmatch(r"PT(?:(\d+)M)?([\d.]+)S", duration)
    return (int(match.group(1) or 0) * 60 + float(match.group(2))) if match else 0.0


def tail(target):
    """What the slow requests waited for: each measured reset's time on the server (its log line)
    against the collections it overlapped (JFR), young (DefNew) or full (SerialOld)."""
    d = os.path.join(WORK, target)
    recording = os.path.join(d, "recording.jfr")
    pauses = {"DefNew": [], "SerialOld": []}
    for e in jfr_json(recording, "jdk.GarbageCollection"):
        v = e["values"]
        start = instant(v["startTime"])
        pauses.setdefault(v["name"], []).append((start, start + seconds(v["duration"])))
    window = [instant(e["values"]["startTime"]) for e in jfr_json(recording, "jdk.CompilerStatistics")]
    line = re.compile(r"^(\S+ \S+) .*ResetPIN success .* in (\d+) ms")
    requests = []
    for text in open(os.path.join(d, "log"), errors="replace"):
        m = line.match(text)
        if m:
            end = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=datetime.timezone.utc).timestamp()
            requests.append((end - int(m.group(2)) / 1000, end))
    if window:
        requests = [r for r in requests if min(window) <= r[0] and r[1] <= max(window)]
    def overlaps(kind, r):
        return any(a < r[1] and r[0] < b for a, b in pauses.get(kind, []))
    groups = collections.OrderedDict([("every reset", []), ("overlapping a full collection", []),
                                      ("overlapping young collections only", []), ("overlapping none", [])])
    for r in requests:
        ms = (r[1] - r[0]) * 1000
        groups["every reset"].append(ms)
        if overlaps("SerialOld", r):
            groups["overlapping a full collection"].append(ms)
        elif overlaps("DefNew", r):
            groups["overlapping young collections only"].append(ms)
        else:
            groups["overlapping none"].append(ms)
    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q / 100 * len(values)))] if values else 0
    print(f"| {target}: resets measured on the server | count | share | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    total = max(len(requests), 1)
    for name, values in groups.items():
        print(f"| {name} | {len(values):,} | {100 * len(values) / total:.1f} % | {pct(values, 50):.0f} | {pct(values, 99):.0f} | {max(values, default=0):.0f} |")
    for kind, label in (("DefNew", "young"), ("SerialOld", "full")):
        lengths = [(b - a) * 1000 for a, b in pauses.get(kind, []) if not window or min(window) <= a <= max(window)]
        print(f"| {label} collections in the window: {len(lengths)}, {sum(lengths):,.0f} ms in all, "
              f"the longest {max(lengths, default=0):.0f} ms | | | | | |")
    print()


def main():
    umpin, u_total, u_counts = account("umpin")
    ceiling, c_total, c_counts = account("ceiling")
    print("| item | umpin, CPU-µs per reset | % | ceiling, CPU-µs per request | % |")
    print("|---|---:|---:|---:|---:|")
    for item in umpin:
        u, c = umpin[item], ceiling.get(item, 0.0)
        if u < 0.5 and c < 0.5:
            continue
        print(f"| {item} | {u:,.0f} | {100 * u / u_total:.1f} | {c:,.0f} | {100 * c / c_total:.1f} |")
    print(f"| **all of the JVM's CPU** | **{u_total:,.0f}** | 100 | **{c_total:,.0f}** | 100 |")
    print()
    print("| count | umpin | ceiling |")
    print("|---|---:|---:|")
    for k in u_counts:
        print(f"| {k} | {u_counts[k]:,} | {c_counts[k]:,} |")
    print()
    tail("umpin")


main()
