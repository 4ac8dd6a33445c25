#!/usr/bin/env python3
"""What many sign-ins do to a page: the median time of the voice mail page before and after them.

    bench/sessions.py [port] [sign-ins]      (default 8080 and 20000; a running umpin with the demo mailboxes)

Signs alice in once and times 300 GETs of her page (one connection, as a browser keeps it), then
signs her in <sign-ins> times more (the login cache makes each cost no hash: what an attacker
with one password can do), then times the first session's page again, or finds it ended. Before
umpin bounded the sessions, 180,000 such sign-ins left 200,000 sessions alive and the page went
from 2.1 to 36.9 ms, as every request scanned them all. It prints one line of figures.
"""
import http.client
import statistics
import sys
import time
import urllib.parse

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
SIGN_INS = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
ORIGIN = "http://127.0.0.1:%d" % PORT
FORM = urllib.parse.urlencode({"login": "alice", "password": "demo"})


def sign_in(connection):
    connection.request("POST", "/voicemail/sign-in", FORM, {"Origin": ORIGIN,
                       "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    cookie = answer.getheader("Set-Cookie")
    if answer.status != 303 or not cookie:
        sys.exit("sign-in answered %d: is umpin running on %d with the demo mailboxes?" % (answer.status, PORT))
    return cookie.split(";")[0]


def page_times(connection, cookie, count=300):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        connection.request("GET", "/voicemail/", headers={"Cookie": cookie})
        body = connection.getresponse().read()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), b'id="mailbox"' in body


connection = http.client.HTTPConnection("127.0.0.1", PORT)
first = sign_in(connection)
before, _ = page_times(connection, first)
newest = first
start = time.perf_counter()
for _ in range(SIGN_INS):
    newest = sign_in(connection)
seconds = time.perf_counter() - start
after, still_signed_in = page_times(connection, newest)
_, first_alive = page_times(connection, first, 1)
print("page_ms_before=%.2f sign_ins=%d sign_ins_per_s=%.0f page_ms_after=%.2f newest_session_open=%s first_session_open=%s"
      % (before, SIGN_INS, SIGN_INS / seconds, after, still_signed_in, first_alive))
