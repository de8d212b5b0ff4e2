#!/usr/bin/env python3
"""An independent WebSocket client (Python's websockets, not Beast) against the
real server: the protocol message by message. Prints 'N passed, N failed'."""
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile

import websockets

binary = sys.argv[1]
checks = {"passed": 0, "failed": 0}


def check(cond, what):
    checks["passed" if cond else "failed"] += 1
    if not cond:
        print("FAILED:", what)


async def run(port):
    async with websockets.connect(f"ws://127.0.0.1:{port}/ws") as ws:
        welcome = json.loads(await ws.recv())
        check(welcome["type"] == "welcome" and 3 <= len(welcome["suggestions"]) <= 5, "welcome")
        await ws.send(json.dumps({"type": "ask", "id": "p-1", "text": "Apa perbedaan kerja sama bilateral dan multilateral?"}))
        a = json.loads(await ws.recv())
        check(a["type"] == "answer" and a["id"] == "p-1", "answer id")
        check(a["sources"] and a["sources"][0]["kind"] == "faq", "faq first")
        await ws.send("{not json")
        e = json.loads(await ws.recv())
        check(e["type"] == "error" and e["code"] == "bad_json", "bad_json")
        await ws.send(b"\x00\x01")
        e = json.loads(await ws.recv())
        check(e["code"] == "unsupported", "binary frame")
        await ws.send(json.dumps({"type": "ask", "id": "p-2", "text": "makasih ya"}))
        a = json.loads(await ws.recv())
        check(a["intent"] == "thanks" and not a["fallback"], "small talk")
        pong = await ws.ping()
        await asyncio.wait_for(pong, 5)
        check(True, "ping answered")
        await ws.send(json.dumps({"type": "ask", "id": "p-3", "text": "Siapa pemenang piala dunia 2022?"}))
        a = json.loads(await ws.recv())
        check(a["fallback"] is True and a["suggestions"], "fallback with suggestions")
    try:
        async with websockets.connect(f"ws://127.0.0.1:{port}/ws", origin="https://evil.example") as ws:
            check(False, "foreign origin refused")
    except websockets.exceptions.InvalidStatusCode as e:
        check(e.status_code == 403, "foreign origin gets 403")


def main():
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, TANYA_CACHE_DIR=cache)
        proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0"], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, text=True)
        port = None
        for line in proc.stdout:
            m = re.search(r"tanya: ready port=(\d+)", line)
            if m:
                port = int(m.group(1))
                break
        try:
            check(port is not None, "server ready")
            if port:
                asyncio.run(run(port))
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"{checks['passed']} passed, {checks['failed']} failed")
    sys.exit(1 if checks["failed"] or not checks["passed"] else 0)


main()
