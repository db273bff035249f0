// A Curator 5 peer driven line by line over stdin, for interoperability tests and benchmarks.
// Usage: java -cp <curator jars> CuratorPeer.java <connectString>
// Commands (one per line; each answers one line starting with "ok" or "err"):
//   mutex NAME MS | unmutex NAME          InterProcessMutex on /locks/NAME
//   read NAME MS  | unread NAME           InterProcessReadWriteLock read side
//   write NAME MS | unwrite NAME          InterProcessReadWriteLock write side
//   revoke PATH                           Revoker.attemptRevoke (writes __REVOKE__)
//   cycle NAME N                          N uncontended mutex acquire+release cycles: "ok <ns per cycle...>"
//   rcycle NAME N | wcycle NAME N         the same on the read or write side
//   quit
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.apache.curator.framework.recipes.locks.Revoker;
import org.apache.curator.retry.RetryNTimes;

public class CuratorPeer {
  static final Map<String, InterProcessMutex> mutexes = new HashMap<>();
  static final Map<String, InterProcessReadWriteLock> rw = new HashMap<>();

  static InterProcessLock lock(CuratorFramework c, String kind, String name) {
    if (kind.equals("mutex")) return mutexes.computeIfAbsent(name, n -> new InterProcessMutex(c, "/locks/" + n));
    InterProcessReadWriteLock l = rw.computeIfAbsent(name, n -> new InterProcessReadWriteLock(c, "/locks/" + n));
    return kind.equals("read") ? l.readLock() : l.writeLock();
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
