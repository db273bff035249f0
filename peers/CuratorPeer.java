// A Curator 5 peer driven line by line over stdin, for interoperability tests and benchmarks.
// The protocol is described in one place: PROTOCOL.md beside this file; the summary below follows it.
// Usage: java -cp <curator jars> CuratorPeer.java <connectString>
// Commands (one per line; each answers one line starting with "ok" or "err"):
//   mutex NAME MS | unmutex NAME          InterProcessMutex on /locks/NAME
//   read NAME MS  | unread NAME           InterProcessReadWriteLock read side
//   write NAME MS | unwrite NAME          InterProcessReadWriteLock write side
//   revoke PATH                           Revoker.attemptRevoke (writes __REVOKE__)
//   latch NAME ID | unlatch NAME          LeaderLatch on /elections/NAME with participant id ID: start / close
//   isleader NAME                         "ok true|false": hasLeadership() of that latch
//   awaitleader NAME MS                   "ok true|false": await(MS) on that latch
//   leaderlog NAME                        "ok +<ns> -<ns>...": when that name's latches gained (+) and lost (-) leadership
//   semcontend NAME MAX START UNTIL HOLD T T threads, each an InterProcessSemaphoreV2 on /semaphores/NAME (MAX leases):
//                                         from START until UNTIL acquire a lease, keep it HOLD ms, return it:
//                                         "ok <acquired returning>..." per lease
//   semholders NAME MAX                   "ok <node>...": getParticipantNodes() of that semaphore (its lease node names)
//   discreg BASE NAME ID ADDRESS PORT PAYLOAD_B64 [TYPE] | discunreg BASE ID | disclist BASE NAME [object|map] | discnames BASE
//                                         curator-x-discovery's ServiceDiscovery (class DiscoveryPeer at the end)
//   cycle NAME N                          N uncontended mutex acquire+release cycles: "ok <ns per cycle...>"
//   rcycle NAME N | wcycle NAME N         the same on the read or write side
// Benchmark commands (KIND is mutex, read or write; times are System.nanoTime(), CLOCK_MONOTONIC):
//   contend KIND NAME START UNTIL [HOLD]  from START until UNTIL: acquire, keep it HOLD ms (default 0),
//                                         release, again: "ok <calling acquired releasing>..." per hold
//                                         (acquire() called, acquire resolved, release() called)
//   acquireat KIND NAME START             acquire at START (and keep it): "ok <ns the acquire took>"
//   many PREFIX N C                       N locks /locks/PREFIX-i, each acquired and released once,
//                                         by C threads: "ok <elapsed ns>"
//   reentrant NAME N                      N nested acquire+release pairs while held: "ok <ns per pair>"
//   memory PREFIX N C                     heap used per held lock with N held: "ok <bytes per lock>"
// Counters, barriers and group membership (issue 19; see PROTOCOL.md):
//   alongadd PATH N | alongget PATH       DistributedAtomicLong: N increments ("ok <succeeded>") / the value
//   scountadd PATH N | scountget PATH     SharedCount (seed 0): N increments by versioned trySetCount / the count
//   barrierset PATH | barrierremove PATH  DistributedBarrier
//   barrierwait PATH MS                   "ok true|false": waitOnBarrier(MS)
//   dbenter PATH N MS | dbleave PATH MS   DistributedDoubleBarrier(PATH, N): "ok true|false"
//   groupjoin PATH ID DATA | groupleave PATH ID   GroupMember (payload DATA): start / close
//   groupmembers PATH ID                  "ok <id>=<data>...": getCurrentMembers() of that member, sorted
//   cachelat PATH N                       N setData of PATH by a second client, each until CuratorCache tells it: "ok <ns>..."
//   cacheload PATH                        "ok <ns from CuratorCache.build to initialized> <nodes cached>"
//   quit
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.barriers.DistributedBarrier;
import org.apache.curator.framework.recipes.barriers.DistributedDoubleBarrier;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.framework.recipes.locks.Revoker;
import org.apache.curator.framework.recipes.nodes.GroupMember;
import org.apache.curator.framework.recipes.shared.SharedCount;
import org.apache.curator.framework.recipes.shared.VersionedValue;
import org.apache.curator.retry.RetryNTimes;

public class CuratorPeer {
  static final Map<String, InterProcessMutex> mutexes = new HashMap<>();
  static final Map<String, InterProcessReadWriteLock> rw = new HashMap<>();
  static final Map<String, LeaderLatch> latches = new HashMap<>();
  static final Map<String, StringBuffer> leaderLogs = new HashMap<>();

  static LeaderLatch latch(String name) {
    LeaderLatch l = latches.get(name);
    if (l == null) throw new IllegalStateException("no latch " + name + ": send latch NAME ID first");
    return l;
  }

  static InterProcessLock lock(CuratorFramework c, String kind, String name) {
    if (kind.equals("mutex")) return mutexes.computeIfAbsent(name, n -> new InterProcessMutex(c, "/locks/" + n));
    InterProcessReadWriteLock l = rw.computeIfAbsent(name, n -> new InterProcessReadWriteLock(c, "/locks/" + n));
    return kind.equals("read") ? l.readLock() : l.writeLock();
  }

  static void sleepUntil(long nanos) {
    for (long left; (left = nanos - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
  }

  // Full collections until the figure settles: SerialGC makes this exact enough for a per-lock average.
  static long usedHeap() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  interface Body {
    void run(int thread) throws Exception;
  }

  // Runs body on n threads and rethrows the first failure.
  static void onThreads(int n, Body body) throws Exception {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread[] threads = new Thread[n];
    for (int t = 0; t < n; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        try {
          body.run(id);
        } catch (Exception e) {
          failure.compareAndSet(null, e);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) t.join();
    if (failure.get() != null) throw failure.get();
  }

  // ── Counters, barriers and group membership (issue 19) ──
  static final Map<String, DistributedDoubleBarrier> doubleBarriers = new HashMap<>();
  static final Map<String, GroupMember> groupMembers = new HashMap<>();

  static String issue19(CuratorFramework c, String[] a) throws Exception {
    switch (a[0]) {
      case "alongadd" -> {
        DistributedAtomicLong l = new DistributedAtomicLong(c, a[1], new RetryNTimes(100000, 1));
        int n = Integer.parseInt(a[2]);
        int succeeded = 0;
        for (int i = 0; i < n; i++) if (l.increment().succeeded()) succeeded++;
        return "ok " + succeeded;
      }
      case "alongget" -> {
        AtomicValue<Long> v = new DistributedAtomicLong(c, a[1], new RetryNTimes(3, 100)).get();
        return "ok " + v.postValue();
      }
      case "scountadd", "scountget" -> {
        try (SharedCount count = new SharedCount(c, a[1], 0)) {
          count.start();
          if (a[0].equals("scountget")) return "ok " + count.getCount();
          int n = Integer.parseInt(a[2]);
          for (int i = 0; i < n; i++) {
            for (;;) {
              VersionedValue<Integer> v = count.getVersionedValue();
              if (count.trySetCount(v, v.getValue() + 1)) break;
            }
          }
          return "ok " + n;
        }
      }
      case "barrierset" -> {
        new DistributedBarrier(c, a[1]).setBarrier();
        return "ok";
      }
      case "barrierremove" -> {
        new DistributedBarrier(c, a[1]).removeBarrier();
        return "ok";
      }
      case "barrierwait" -> {
        return "ok " + new DistributedBarrier(c, a[1]).waitOnBarrier(Long.parseLong(a[2]), TimeUnit.MILLISECONDS);
      }
      case "dbenter" -> {
        DistributedDoubleBarrier b = new DistributedDoubleBarrier(c, a[1], Integer.parseInt(a[2]));
        doubleBarriers.put(a[1], b);
        return "ok " + b.enter(Long.parseLong(a[3]), TimeUnit.MILLISECONDS);
      }
      case "dbleave" -> {
        DistributedDoubleBarrier b = doubleBarriers.remove(a[1]);
        if (b == null) throw new IllegalStateException("no double barrier " + a[1] + ": send dbenter first");
        return "ok " + b.leave(Long.parseLong(a[2]), TimeUnit.MILLISECONDS);
      }
      case "groupjoin" -> {
        GroupMember g = new GroupMember(c, a[1], a[2], a[3].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        g.start();
        groupMembers.put(a[1] + "/" + a[2], g);
        return "ok";
      }
      case "groupleave" -> {
        GroupMember g = groupMembers.remove(a[1] + "/" + a[2]);
        if (g == null) throw new IllegalStateException("no member " + a[2] + " of " + a[1]);
        g.close();
        return "ok";
      }
      case "groupmembers" -> {
        GroupMember g = groupMembers.get(a[1] + "/" + a[2]);
        if (g == null) throw new IllegalStateException("no member " + a[2] + " of " + a[1]);
        StringBuilder out = new StringBuilder("ok");
        new java.util.TreeMap<>(g.getCurrentMembers()).forEach((id, data) ->
          out.append(' ').append(id).append('=').append(new String(data, java.nio.charset.StandardCharsets.UTF_8)));
        return out.toString();
      }
      default -> throw new IllegalStateException("not an issue-19 command: " + a[0]);
    }
  }

  public static void main(String[] args) throws Exception {
    CuratorFramework c = CuratorFrameworkFactory.newClient(args[0], 10000, 5000, new RetryNTimes(3, 100));
    c.start();
    c.blockUntilConnected(20, TimeUnit.SECONDS);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    System.out.println("ok ready");
    System.out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      String[] a = line.trim().split(" ");
      try {
        switch (a[0]) {
          case "mutex", "read", "write" -> {
            boolean got = lock(c, a[0], a[1]).acquire(Long.parseLong(a[2]), TimeUnit.MILLISECONDS);
            System.out.println("ok " + got);
          }
          case "unmutex", "unread", "unwrite" -> {
            lock(c, a[0].substring(2), a[1]).release();
            System.out.println("ok");
          }
          case "latch" -> {
            if (latches.containsKey(a[1])) throw new IllegalStateException("latch " + a[1] + " already started");
            LeaderLatch l = new LeaderLatch(c, "/elections/" + a[1], a[2]);
            StringBuffer log = leaderLogs.computeIfAbsent(a[1], n -> new StringBuffer());
            // Called on the thread that changes leadership, before the node is deleted on close.
            l.addListener(new LeaderLatchListener() {
              public void isLeader() {
                log.append(" +").append(System.nanoTime());
              }

              public void notLeader() {
                log.append(" -").append(System.nanoTime());
              }
            });
            l.start();
            latches.put(a[1], l);
            System.out.println("ok");
          }
          case "unlatch" -> {
            // NOTIFY_LEADER: the listener hears the end of a term given up by close().
            latch(a[1]).close(LeaderLatch.CloseMode.NOTIFY_LEADER);
            latches.remove(a[1]);
            System.out.println("ok");
          }
          case "leaderlog" -> System.out.println("ok" + leaderLogs.getOrDefault(a[1], new StringBuffer()));
          case "isleader" -> System.out.println("ok " + latch(a[1]).hasLeadership());
          case "awaitleader" -> System.out.println("ok " + latch(a[1]).await(Long.parseLong(a[2]), TimeUnit.MILLISECONDS));
          case "revoke" -> {
            Revoker.attemptRevoke(c, a[1]);
            System.out.println("ok");
          }
          case "cycle", "rcycle", "wcycle" -> {
            String kind = a[0].equals("cycle") ? "mutex" : a[0].equals("rcycle") ? "read" : "write";
            InterProcessLock l = lock(c, kind, a[1]);
            int n = Integer.parseInt(a[2]);
            StringBuilder out = new StringBuilder("ok");
            for (int i = 0; i < n; i++) {
              long t0 = System.nanoTime();
              l.acquire();
              l.release();
              out.append(' ').append(System.nanoTime() - t0);
            }
            System.out.println(out);
          }
          case "contend" -> {
            InterProcessLock l = lock(c, a[1], a[2]);
            long until = Long.parseLong(a[4]);
            long holdMs = a.length > 5 ? Long.parseLong(a[5]) : 0;
            sleepUntil(Long.parseLong(a[3]));
            StringBuilder out = new StringBuilder("ok");
            while (System.nanoTime() < until) {
              long calling = System.nanoTime();
              if (!l.acquire(60, TimeUnit.SECONDS)) throw new IllegalStateException("not acquired within 60 s");
              long acquired = System.nanoTime();
              if (holdMs > 0) Thread.sleep(holdMs);
              long releasing = System.nanoTime();
              l.release();
              out.append(' ').append(calling).append(' ').append(acquired).append(' ').append(releasing);
            }
            System.out.println(out);
          }
          case "semcontend" -> {
            int max = Integer.parseInt(a[2]);
            long start = Long.parseLong(a[3]);
            long until = Long.parseLong(a[4]);
            long holdMs = Long.parseLong(a[5]);
            StringBuilder out = new StringBuilder("ok");
            onThreads(Integer.parseInt(a[6]), t -> {
              InterProcessSemaphoreV2 s = new InterProcessSemaphoreV2(c, "/semaphores/" + a[1], max);
              sleepUntil(start);
              while (System.nanoTime() < until) {
                Lease lease = s.acquire(60, TimeUnit.SECONDS);
                if (lease == null) throw new IllegalStateException("no lease within 60 s");
                long acquired = System.nanoTime();
                if (holdMs > 0) Thread.sleep(holdMs);
                long returning = System.nanoTime();
                s.returnLease(lease);
                synchronized (out) {
                  out.append(' ').append(acquired).append(' ').append(returning);
                }
              }
            });
            System.out.println(out);
          }
          case "semholders" -> {
            InterProcessSemaphoreV2 s = new InterProcessSemaphoreV2(c, "/semaphores/" + a[1], Integer.parseInt(a[2]));
            System.out.println(("ok " + String.join(" ", s.getParticipantNodes())).trim());
          }
          case "semcycle" -> {
            InterProcessSemaphoreV2 s = new InterProcessSemaphoreV2(c, "/semaphores/" + a[1], Integer.parseInt(a[2]));
            int n = Integer.parseInt(a[3]);
            StringBuilder out = new StringBuilder("ok");
            for (int i = 0; i < n; i++) {
              long t0 = System.nanoTime();
              Lease lease = s.acquire(60, TimeUnit.SECONDS);
              if (lease == null) throw new IllegalStateException("no lease within 60 s");
              s.returnLease(lease);
              out.append(' ').append(System.nanoTime() - t0);
            }
            System.out.println(out);
          }
          case "discreg", "discunreg", "disclist", "discnames" -> System.out.println(DiscoveryPeer.command(c, a));
          case "acquireat" -> {
            InterProcessLock l = lock(c, a[1], a[2]);
            sleepUntil(Long.parseLong(a[3]));
            long t0 = System.nanoTime();
            if (!l.acquire(60, TimeUnit.SECONDS)) throw new IllegalStateException("not acquired within 60 s");
            System.out.println("ok " + (System.nanoTime() - t0));
          }
          case "many" -> {
            String prefix = a[1];
            int n = Integer.parseInt(a[2]);
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            onThreads(Integer.parseInt(a[3]), t -> {
              for (int i; (i = next.getAndIncrement()) < n; ) {
                InterProcessMutex m = new InterProcessMutex(c, "/locks/" + prefix + "-" + i);
                m.acquire();
                m.release();
              }
            });
            System.out.println("ok " + (System.nanoTime() - t0));
          }
          case "reentrant" -> {
            InterProcessLock l = lock(c, "mutex", a[1]);
            int n = Integer.parseInt(a[2]);
            l.acquire();
            for (int i = 0; i < n; i++) { // warm-up: the JIT compiles the reentrant path first
              l.acquire();
              l.release();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
              l.acquire();
              l.release();
            }
            long elapsed = System.nanoTime() - t0;
            l.release();
            System.out.println("ok " + ((double) elapsed / n));
          }
          case "memory" -> {
            String prefix = a[1];
            int n = Integer.parseInt(a[2]);
            int threads = Integer.parseInt(a[3]);
            // A mutex is owned by the thread that acquired it: each thread releases its own.
            InterProcessMutex[] held = new InterProcessMutex[n];
            CountDownLatch acquired = new CountDownLatch(threads);
            CountDownLatch release = new CountDownLatch(1);
            long before = usedHeap();
            AtomicReference<Long> after = new AtomicReference<>();
            Thread measure = new Thread(() -> {
              try {
                acquired.await();
                after.set(usedHeap());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                release.countDown();
              }
            });
            measure.start();
            onThreads(threads, t -> {
              try {
                for (int i = t; i < n; i += threads) {
                  held[i] = new InterProcessMutex(c, "/locks/" + prefix + "-" + i);
                  held[i].acquire();
                }
              } finally {
                acquired.countDown();
              }
              release.await();
              for (int i = t; i < n; i += threads) held[i].release();
            });
            measure.join();
            System.out.println("ok " + ((double) (after.get() - before) / n));
          }
          case "alongadd", "alongget", "scountadd", "scountget", "barrierset", "barrierremove", "barrierwait",
              "dbenter", "dbleave", "groupjoin", "groupleave", "groupmembers" -> System.out.println(issue19(c, a));
          // Tree cache (issue 19): CuratorCache, on its persistent recursive watch (ZooKeeper 3.6+).
          case "cachelat" -> {
            int n = Integer.parseInt(a[2]);
            try (CuratorFramework w = CuratorFrameworkFactory.newClient(args[0], 10000, 5000, new RetryNTimes(3, 100))) {
              w.start();
              w.blockUntilConnected(20, TimeUnit.SECONDS);
              if (w.checkExists().forPath(a[1]) == null) w.create().creatingParentsIfNeeded().forPath(a[1]);
              LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
              CountDownLatch ready = new CountDownLatch(1);
              try (CuratorCache cache = CuratorCache.build(c, a[1])) {
                cache.listenable().addListener(CuratorCacheListener.builder()
                    .forChanges((before, after) -> heard.add(System.nanoTime()))
                    .forInitialized(ready::countDown).build());
                cache.start();
                ready.await();
                StringBuilder out = new StringBuilder("ok");
                for (int i = 0; i < n; i++) {
                  long t0 = System.nanoTime();
                  w.setData().forPath(a[1], Integer.toString(i).getBytes());
                  out.append(' ').append(heard.take() - t0);
                }
                System.out.println(out);
              }
            }
          }
          case "cacheload" -> {
            CountDownLatch ready = new CountDownLatch(1);
            long t0 = System.nanoTime();
            try (CuratorCache cache = CuratorCache.build(c, a[1])) {
              cache.listenable().addListener(CuratorCacheListener.builder().forInitialized(ready::countDown).build());
              cache.start();
              ready.await();
              System.out.println("ok " + (System.nanoTime() - t0) + " " + cache.size());
            }
          }
          case "quit" -> {
            c.close();
            System.out.println("ok bye");
            System.out.flush();
            return;
          }
          default -> System.out.println("err unknown command " + a[0]);
        }
      } catch (Exception e) {
        System.out.println("err " + e.toString().replace('\n', ' '));
      }
      System.out.flush();
    }
    c.close();
  }
}

// Service discovery (curator-x-discovery), for the discovery interop tests: see PROTOCOL.md.
final class DiscoveryPeer {
  static final Map<String, org.apache.curator.x.discovery.ServiceDiscovery<Object>> discoveries = new HashMap<>();
  static final Map<String, org.apache.curator.x.discovery.ServiceInstance<Object>> registered = new HashMap<>();
  static final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();

  // One ServiceDiscovery per base path and payload class ("object" or "map": what its serializer checks).
  @SuppressWarnings({"unchecked", "rawtypes"})
  static org.apache.curator.x.discovery.ServiceDiscovery<Object> of(CuratorFramework c, String base, String kind)
      throws Exception {
    String key = base + " " + kind;
    var d = discoveries.get(key);
    if (d == null) {
      Class payloadClass = kind.equals("map") ? Map.class : Object.class;
      d = org.apache.curator.x.discovery.ServiceDiscoveryBuilder.builder(payloadClass)
          .client(c)
          .basePath(base)
          .serializer(new org.apache.curator.x.discovery.details.JsonInstanceSerializer<>(payloadClass))
          .build();
      d.start();
      discoveries.put(key, d);
    }
    return d;
  }

  static String command(CuratorFramework c, String[] a) throws Exception {
    java.util.Base64.Decoder b64in = java.util.Base64.getDecoder();
    switch (a[0]) {
      case "discreg" -> { // BASE NAME ID ADDRESS PORT PAYLOAD_B64 [TYPE]
        Object payload = json.readValue(b64in.decode(a[6]), Object.class);
        var i = org.apache.curator.x.discovery.ServiceInstance.builder()
            .name(a[2]).id(a[3]).address(a[4]).port(Integer.parseInt(a[5])).payload(payload)
            .uriSpec(new org.apache.curator.x.discovery.UriSpec("{scheme}://{address}:{port}"))
            .serviceType(org.apache.curator.x.discovery.ServiceType.valueOf(a.length > 7 ? a[7] : "DYNAMIC"))
            .build();
        of(c, a[1], "object").registerService(i);
        registered.put(a[1] + " " + a[3], i);
        return "ok";
      }
      case "discunreg" -> { // BASE ID
        var i = registered.remove(a[1] + " " + a[2]);
        if (i == null) throw new IllegalStateException("no instance " + a[2] + " registered here");
        of(c, a[1], "object").unregisterService(i);
        return "ok";
      }
      case "disclist" -> { // BASE NAME [object|map]: queryForInstances, each as its serializer writes it, base64
        var d = of(c, a[1], a.length > 3 ? a[3] : "object");
        var serializer = new org.apache.curator.x.discovery.details.JsonInstanceSerializer<>(Object.class);
        StringBuilder out = new StringBuilder("[");
        for (var i : d.queryForInstances(a[2])) {
          if (out.length() > 1) out.append(',');
          // This build's serializer writes no "enabled": add what Curator read.
          var doc = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(serializer.serialize(i));
          out.append(json.writeValueAsString(doc.put("enabled", i.isEnabled())));
        }
        String all = out.append(']').toString();
        return "ok " + java.util.Base64.getEncoder().encodeToString(all.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      case "discnames" -> { // BASE
        return ("ok " + String.join(" ", of(c, a[1], "object").queryForNames())).trim();
      }
      default -> throw new IllegalArgumentException(a[0]);
    }
  }
}
