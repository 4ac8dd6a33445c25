#!/usr/bin/env python3
"""Waits for umpin's first successful ResetPIN: asks every 10 ms until one answers 200.

    bench/first-reset.py <soap port> <service pid>

Exits 0 on the first 200, 1 when the service has exited or 60 s have passed. A loop of curl
processes would do the same, but each curl costs about 8 ms of CPU: asking without a pause, it
took one of these machines' two cores away from the service it was timing (0.3 to 0.5 s of a
2 s start). Here a refused connection costs microseconds.
"""
import base64
import http.client
import os
import sys
import time

PORT, PID = int(sys.argv[1]), int(sys.argv[2])
with open(os.path.join(os.path.dirname(__file__), "..", "requests", "reset-pin.xml"), "rb") as request:
    BODY = request.read()
HEADERS = {
    "Content-Type": "text/xml; charset=utf-8",
    "SOAPAction": '"http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN"',
    "Authorization": "Basic " + base64.b64encode(b"alice:demo").decode(),
}


def running():
    try:
        os.kill(PID, 0)
        return True
    except ProcessLookupError:
        return False


deadline = time.monotonic() + 60
while time.monotonic() < deadline and running():
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
        connection.request("POST", "/EWS/UM2007Legacy.asmx", BODY, HEADERS)
        if connection.getresponse().status == 200:
            sys.exit(0)
    except OSError:
        pass  # not listening yet
    finally:
        connection.close()
    time.sleep(0.01)
sys.exit(1)
