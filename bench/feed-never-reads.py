#!/usr/bin/env python3
"""An explorer feed client that never reads (bench/explorer-backpressure.sh).

Takes a one-time ticket from POST /admin/explorer/tickets with the admin token, does the
WebSocket upgrade of /explorer/feed?ticket=... on a raw socket with a small receive buffer,
reads the 101 answer byte by byte (so that no frame after it is consumed), prints
"FEED OPEN, NOT READING" and then sleeps until it is killed: the node's sends to it back up.

Usage: feed-never-reads.py HTTP_PORT ADMIN_TOKEN
"""
import base64
import json
import os
import signal
import socket
import sys
import urllib.request

RECEIVE_BUFFER = 4096  # bytes the kernel may hold for us; the rest stays with the node


def main():
    port, token = int(sys.argv[1]), sys.argv[2]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/admin/explorer/tickets", data=b"{}", method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        ticket = json.load(answer)["ticket"]
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /explorer/feed?ticket={ticket} HTTP/1.1\r\n"
               f"Host: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        byte = s.recv(1)
        if not byte:
            sys.exit(f"connection closed during the upgrade: {head!r}")
        head += byte
    status = head.split(b"\r\n", 1)[0].decode()
    if " 101 " not in status + " ":
        sys.exit(f"upgrade refused: {status}")
    print(f"FEED OPEN, NOT READING ({status})", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
