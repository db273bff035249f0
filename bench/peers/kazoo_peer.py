"""A Kazoo peer driven line by line over stdin, for interoperability tests and benchmarks.

Usage: /usr/bin/python3 kazoo_peer.py <connectString>
Commands mirror CuratorPeer.java: mutex/unmutex, read/unread, write/unwrite NAME [MS];
cycle/rcycle/wcycle NAME N (answers "ok <ns per cycle...>"); quit.
Kazoo's locks are given extra_lock_patterns so they also see Curator/zk-recipes nodes:
["-lock-"] for Lock, ["-__WRIT__"] for ReadLock, ["-__WRIT__", "-__READ__"] for WriteLock.
"""
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import LockTimeout

client = KazooClient(hosts=sys.argv[1], timeout=10.0)
client.start(timeout=20)
locks = {}


def lock(kind, name):
    key = (kind, name)
    if key not in locks:
        path = "/locks/" + name
        if kind == "mutex":
            locks[key] = client.Lock(path, "kazoo-peer", extra_lock_patterns=["-lock-"])
        elif kind == "read":
            locks[key] = client.ReadLock(path, "kazoo-peer", extra_lock_patterns=["-__WRIT__"])
        else:
            locks[key] = client.WriteLock(path, "kazoo-peer", extra_lock_patterns=["-__WRIT__", "-__READ__"])
    return locks[key]


print("ok ready", flush=True)
for line in sys.stdin:
    a = line.split()
    if not a:
        continue
    try:
        cmd = a[0]
        if cmd in ("mutex", "read", "write"):
            try:
                got = lock(cmd, a[1]).acquire(timeout=int(a[2]) / 1000.0)
            except LockTimeout:  # Kazoo raises where Curator returns false
                got = False
            print("ok " + ("true" if got else "false"), flush=True)
        elif cmd in ("unmutex", "unread", "unwrite"):
            lock(cmd[2:], a[1]).release()
            print("ok", flush=True)
        elif cmd in ("cycle", "rcycle", "wcycle"):
            kind = {"cycle": "mutex", "rcycle": "read", "wcycle": "write"}[cmd]
            lk = lock(kind, a[1])
            out = []
            for _ in range(int(a[2])):
                t0 = time.perf_counter_ns()
                lk.acquire()
                lk.release()
                out.append(str(time.perf_counter_ns() - t0))
            print("ok " + " ".join(out), flush=True)
        elif cmd == "quit":
            client.stop()
            client.close()
            print("ok bye", flush=True)
            break
        else:
            print("err unknown command " + cmd, flush=True)
    except Exception as e:  # report, keep serving
        print("err " + repr(e).replace("\n", " "), flush=True)
