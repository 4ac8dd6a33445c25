#!/usr/bin/env python3
"""An SMTP relay stand-in for the benchmark: takes every e-mail and drops it.

Each reply goes out in one write, as Postfix sends them; --split-ehlo writes each line of the
EHLO reply on its own, as GreenMail (umpin's embedded demo server) does, which is what makes
loopback connections stall about 40 ms (Nagle's algorithm against delayed ACKs).
"""
import asyncio
import sys

SPLIT_EHLO = "--split-ehlo" in sys.argv
PORT = int(sys.argv[1])
EHLO = [b"250-sink.bench\r\n", b"250-8BITMIME\r\n", b"250-PIPELINING\r\n", b"250 SIZE 10485760\r\n"]


async def session(reader, writer):
    async def say(line):
        writer.write(line)
        await writer.drain()

    await say(b"220 sink.bench ESMTP\r\n")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                if SPLIT_EHLO:
                    for part in EHLO:
                        await say(part)
                else:
                    await say(b"".join(EHLO))
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                await say(b"250 OK\r\n")
            elif verb == b"DATA":
                await say(b"354 end with .\r\n")
                while (await reader.readline()) not in (b".\r\n", b""):
                    pass
                await say(b"250 OK queued\r\n")
            elif verb == b"QUIT":
                await say(b"221 bye\r\n")
                break
            else:
                await say(b"500 unknown\r\n")
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", PORT, backlog=512)
    async with server:
        await server.serve_forever()


asyncio.run(main())
