"""A Kazoo peer driven line by line over stdin, for interoperability tests and benchmarks.
The protocol is described in one place: PROTOCOL.md beside this file.

Usage: /usr/bin/python3 kazoo_peer.py <connectString>
Commands mirror CuratorPeer.java: mutex/unmutex, read/unread, write/unwrite NAME [MS];
cycle/rcycle/wcycle NAME N (answers "ok <ns per cycle...>"); quit.
Benchmark commands, also as in CuratorPeer.java (times are time.monotonic_ns(), CLOCK_MONOTONIC):
contend KIND NAME START UNTIL [HOLD]; acquireat KIND NAME START; many PREFIX N C; memory PREFIX N C.
`reentrant` answers err: Kazoo's Lock is not reentrant.
Counters, barriers and party (issue 19): counteradd PATH N [curator] / counterget PATH [curator]
(Counter, support_curator when "curator" is given), barrierwait PATH MS, dbenter PATH N / dbleave PATH
(DoubleBarrier: no timeout in Kazoo), partyjoin PATH ID / partyleave PATH ID / partymembers PATH.
Kazoo's locks are given extra_lock_patterns so they also see Curator/zk-recipes nodes:
["-lock-"] for Lock, ["-__WRIT__"] for ReadLock, ["-__WRIT__", "-__READ__"] for WriteLock.
"""
import gc
import itertools
import sys
import threading
import time
import tracemalloc

from kazoo.client import KazooClient
from kazoo.exceptions import BadVersionError, LockTimeout
from kazoo.retry import RetryFailedError

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


def sleep_until(ns):
    left = ns - time.monotonic_ns()
    if left > 0:
        time.sleep(left / 1e9)


def on_threads(n, body):
    """Runs body(thread_index) on n threads; re-raises the first failure."""
    failures = []

    def run(t):
        try:
            body(t)
        except Exception as e:  # collected, raised below
            failures.append(e)

    threads = [threading.Thread(target=run, args=(t,)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]


def must_acquire(lk):
    if not lk.acquire(timeout=60):
        raise RuntimeError("not acquired within 60 s")


def contend(kind, name, start, until, hold_ms=0):
    lk = lock(kind, name)
    sleep_until(start)
    out = []
    while time.monotonic_ns() < until:
        calling = time.monotonic_ns()
        must_acquire(lk)
        acquired = time.monotonic_ns()
        if hold_ms > 0:
            time.sleep(hold_ms / 1000)
        releasing = time.monotonic_ns()
        lk.release()
        out.append("%d %d %d" % (calling, acquired, releasing))
    return " ".join(out)


def many(prefix, n, threads):
    counter = itertools.count()  # next() on it is atomic under the GIL

    def body(_t):
        for i in iter(lambda: next(counter), None):
            if i >= n:
                return
            lk = client.Lock("/locks/%s-%d" % (prefix, i), "kazoo-peer")
            must_acquire(lk)
            lk.release()

    t0 = time.monotonic_ns()
    on_threads(threads, body)
    return time.monotonic_ns() - t0


def memory(prefix, n, threads):
    """Python allocations (tracemalloc) per held lock with n held."""
    held = [None] * n
    tracemalloc.start()
    try:
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]

        def acquire(t):
            for i in range(t, n, threads):
                lk = client.Lock("/locks/%s-%d" % (prefix, i), "kazoo-peer")
                must_acquire(lk)
                held[i] = lk

        on_threads(threads, acquire)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()

    def release(t):
        for i in range(t, n, threads):
            if held[i] is not None:
                held[i].release()

    on_threads(threads, release)
    return (after - before) / n


# -- Counters, barriers and party (issue 19) --
double_barriers = {}
parties = {}


def issue19(a):
    cmd = a[0]
    if cmd in ("counteradd", "counterget"):
        curator = a[-1] == "curator"
        counter = client.Counter(a[1], support_curator=curator)
        if cmd == "counterget":
            return "ok %d" % counter.value
        for _ in range(int(a[2])):
            while True:  # Kazoo's retry gives up under contention: an increment is retried until it lands
                try:
                    counter += 1
                    break
                except (BadVersionError, RetryFailedError):
                    continue
        return "ok %s" % a[2]
    if cmd == "barrierwait":
        return "ok " + ("true" if client.Barrier(a[1]).wait(int(a[2]) / 1000.0) else "false")
    if cmd == "dbenter":
        barrier = client.DoubleBarrier(a[1], int(a[2]), "kazoo-peer")
        double_barriers[a[1]] = barrier
        barrier.enter()
        return "ok " + ("true" if barrier.participating else "false")
    if cmd == "dbleave":
        double_barriers.pop(a[1]).leave()
        return "ok"
    if cmd == "partyjoin":
        party = client.Party(a[1], a[2])
        parties[(a[1], a[2])] = party
        party.join()
        return "ok"
    if cmd == "partyleave":
        parties.pop((a[1], a[2])).leave()
        return "ok"
    if cmd == "partymembers":
        return ("ok " + " ".join(sorted(client.Party(a[1])))).strip()  # iterating a Party yields its members' data
    return None


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
        elif cmd == "contend":
            print("ok " + contend(a[1], a[2], int(a[3]), int(a[4]), int(a[5]) if len(a) > 5 else 0), flush=True)
        elif cmd == "acquireat":
            lk = lock(a[1], a[2])
            sleep_until(int(a[3]))
            t0 = time.monotonic_ns()
            must_acquire(lk)
            print("ok %d" % (time.monotonic_ns() - t0), flush=True)
        elif cmd == "many":
            print("ok %d" % many(a[1], int(a[2]), int(a[3])), flush=True)
        elif cmd == "memory":
            print("ok %f" % memory(a[1], int(a[2]), int(a[3])), flush=True)
        elif cmd == "reentrant":
            print("err Kazoo's Lock is not reentrant", flush=True)
        elif cmd in ("counteradd", "counterget", "barrierwait", "dbenter", "dbleave", "partyjoin", "partyleave", "partymembers"):
            print(issue19(a), flush=True)
        elif cmd == "quit":
            client.stop()
            client.close()
            print("ok bye", flush=True)
            break
        else:
            print("err unknown command " + cmd, flush=True)
    except Exception as e:  # report, keep serving
        print("err " + repr(e).replace("\n", " "), flush=True)
