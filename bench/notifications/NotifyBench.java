import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver and receiver of bench/notifications.sh (run by the JDK's source launcher, no dependencies): a local HTTP
 * receiver (the JDK's HttpServer), the set-up (one AE, one container, SUBS subscriptions to the receiver), then
 * contentInstances created one at a time for DURATION seconds, at RATE per second (0: as fast as they are
 * acknowledged), and the wait until every notification has arrived or none came for DRAIN seconds.
 * <p>
 * Each instance's con is its sequence number; the driver keeps when each create was acknowledged, so the receiver
 * measures the end-to-end latency (create acknowledged → notification received) on one clock. It also counts what
 * arrived out of order for one subscription (its sur), and duplicates.
 * <p>
 * Arguments: KEEL_BASE_URL KEEL_PID SUBS DURATION_S RATE NU(distinct|shared) DRAIN_S
 */
public final class NotifyBench {
    private static final Pattern CON = Pattern.compile("\"con\":\"(\\d+)\"");
    private static final Pattern SUR = Pattern.compile("\"sur\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int MAX_CREATES = 1_000_000;
    private static final AtomicLongArray ACKED = new AtomicLongArray(MAX_CREATES);
    private static final AtomicInteger RECEIVED = new AtomicInteger();
    private static final AtomicInteger DUPLICATES = new AtomicInteger();
    private static final AtomicInteger OUT_OF_ORDER = new AtomicInteger();
    private static final AtomicLong LAST_ARRIVAL = new AtomicLong();
    private static final Map<String, Long> LAST_SEQ = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();
    /** When each notification received arrived (nanoTime) and its instance's seq, in arrival order. */
    private static final long[] ARRIVED = new long[5_000_000];
    private static final int[] ARRIVED_SEQ = new int[ARRIVED.length];
    private static String keel;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2); // the receiver's threads would keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        keel = args[0];
        long keelPid = Long.parseLong(args[1]);
        int subs = Integer.parseInt(args[2]);
        double duration = Double.parseDouble(args[3]);
        double rate = Double.parseDouble(args[4]);
        boolean shared = args[5].equals("shared");
        double drain = Double.parseDouble(args[6]);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", NotifyBench::receive);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        String receiver = "http://127.0.0.1:" + server.getAddress().getPort() + "/n";

        long t = System.nanoTime();
        request("POST", "/cse-in", 2, "{\"m2m:ae\":{\"rn\":\"nbench\",\"api\":\"Nbench\",\"rr\":false,\"srv\":[\"3\"]}}", 201);
        request("POST", "/cse-in/nbench", 3, "{\"m2m:cnt\":{\"rn\":\"cnt\",\"mni\":100}}", 201);
        // Four at a time: the set-up is not what is measured.
        Semaphore inFlight = new Semaphore(4);
        List<Throwable> failed = new ArrayList<>();
        for (int i = 0; i < subs; i++) {
            String nu = shared ? receiver : receiver + "/" + i;
            String body = "{\"m2m:sub\":{\"rn\":\"s" + i + "\",\"nu\":[\"" + nu + "\"],\"enc\":{\"net\":[3],\"chty\":[4]},\"nct\":1}}";
            inFlight.acquire();
            HTTP.sendAsync(post("/cse-in/nbench/cnt", 23, body), HttpResponse.BodyHandlers.ofString()).whenComplete((rsp, e) -> {
                if (e != null || rsp.statusCode() != 201) {
                    synchronized (failed) {
                        failed.add(e != null ? e : new IllegalStateException(rsp.statusCode() + " " + rsp.body()));
                    }
                }
                inFlight.release();
            });
        }
        inFlight.acquire(4);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " subscriptions not created, e.g. " + failed.get(0));
        }
        System.out.printf("set-up: AE, container (mni 100), %d subscriptions (net 3, chty 4, nct 1) to %s in %.1f s%n", subs,
                shared ? receiver + " (one nu for all)" : receiver + "/<i> (one nu each)", (System.nanoTime() - t) / 1e9);
        // One instance before the measurement, whose notifications are left out (the first of everything: JIT, connections).
        int warmed = subs;
        create(0);
        waitFor(warmed, 60);
        System.out.printf("warm-up: one create, its %d notifications received%n", RECEIVED.get());
        RECEIVED.set(0);
        latencyCount.set(0);

        long cpu0 = cpuTicks(keelPid);
        long start = System.nanoTime();
        long end = start + (long) (duration * 1e9);
        List<Long> createMicros = new ArrayList<>();
        int seq = 1;
        for (long now = start; now < end && seq < MAX_CREATES; now = System.nanoTime()) {
            if (rate > 0) {
                long due = start + (long) ((seq - 1) * 1e9 / rate);
                if (due > now) {
                    Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                    continue;
                }
            }
            long sent = System.nanoTime();
            create(seq);
            createMicros.add((System.nanoTime() - sent) / 1000);
            seq++;
        }
        long createdEnd = System.nanoTime();
        int creates = seq - 1;
        long cpuCreating = cpuTicks(keelPid);
        int receivedWhileCreating = RECEIVED.get();
        long expected = (long) creates * subs;
        // Until everything has arrived, or nothing more for DRAIN seconds.
        int last = -1;
        long quietSince = System.nanoTime();
        while (RECEIVED.get() < expected && System.nanoTime() - quietSince < drain * 1e9) {
            Thread.sleep(100);
            int r = RECEIVED.get();
            if (r != last) {
                last = r;
                quietSince = System.nanoTime();
            }
        }
        long cpu1 = cpuTicks(keelPid);
        server.stop(0);
        int received = RECEIVED.get();
        double createWindow = (createdEnd - start) / 1e9;
        double deliveryWindow = (Math.max(LAST_ARRIVAL.get(), createdEnd) - start) / 1e9;
        double hz = 100; // USER_HZ of /proc/<pid>/stat
        // Negative: the notification arrived before its create's acknowledgement.
        int n = Math.min(latencyCount.get(), ARRIVED.length);
        long[] lat = new long[n];
        int beforeAck = 0;
        for (int i = 0; i < n; i++) {
            lat[i] = (ARRIVED[i] - ACKED.get(ARRIVED_SEQ[i])) / 1000;
            beforeAck += lat[i] < 0 ? 1 : 0;
        }
        Arrays.sort(lat);
        long[] cl = createMicros.stream().mapToLong(Long::longValue).sorted().toArray();

        System.out.printf("creates: %d in %.1f s: %.1f/s, create latency p50 %s p99 %s%n", creates, createWindow,
                creates / createWindow, ms(pct(cl, 50)), ms(pct(cl, 99)));
        System.out.printf("notifications: %d of %d received (%d while creating), %d duplicates, %d out of order per"
                + " subscription, %d before their create's acknowledgement%n", received, expected, receivedWhileCreating,
                DUPLICATES.get(), OUT_OF_ORDER.get(), beforeAck);
        System.out.printf("delivered/s: %.0f (all received / first create to last arrival, %.1f s); %.0f while creating%n",
                received / deliveryWindow, deliveryWindow, receivedWhileCreating / createWindow);
        System.out.printf("end-to-end latency (create acknowledged -> received): p50 %s p99 %s max %s%n", ms(pct(lat, 50)),
                ms(pct(lat, 99)), lat.length == 0 ? "n/a" : ms(lat[lat.length - 1]));
        System.out.printf("Keel CPU: %.2f cores while creating, %.2f ms per notification received (creating and draining)%n",
                (cpuCreating - cpu0) / hz / createWindow, received == 0 ? 0 : 1000 * (cpu1 - cpu0) / hz / received);
        System.out.printf("RESULT creates_per_s=%.1f delivered_per_s=%.0f p50_ms=%s p99_ms=%s cores=%.2f ms_per_notification=%.3f"
                        + " received=%d expected=%d%n", creates / createWindow, received / deliveryWindow, ms(pct(lat, 50)),
                ms(pct(lat, 99)), (cpu1 - cpu0) / hz / deliveryWindow, received == 0 ? 0 : 1000 * (cpu1 - cpu0) / hz / received,
                received, expected);
        System.exit(received == expected && DUPLICATES.get() == 0 ? 0 : 3);
    }

    private static final AtomicInteger latencyCount = new AtomicInteger();

    private static void receive(HttpExchange x) throws IOException {
        long arrived = System.nanoTime();
        String body;
        try (InputStream in = x.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String ri = x.getRequestHeaders().getFirst("X-M2M-RI");
        x.getResponseHeaders().add("X-M2M-RSC", "2000");
        if (ri != null) {
            x.getResponseHeaders().add("X-M2M-RI", ri);
        }
        x.sendResponseHeaders(200, -1);
        x.close();
        Matcher con = CON.matcher(body);
        Matcher sur = SUR.matcher(body);
        if (!con.find() || !sur.find()) {
            return; // not a contentInstance's notification
        }
        int seq = Integer.parseInt(con.group(1));
        String subscription = sur.group(1) + " " + x.getRequestURI().getPath();
        if (SEEN.putIfAbsent(subscription + " " + seq, Boolean.TRUE) != null) {
            DUPLICATES.incrementAndGet();
            return;
        }
        Long before = LAST_SEQ.put(subscription, (long) seq);
        if (before != null && before > seq) {
            OUT_OF_ORDER.incrementAndGet();
        }
        int i = latencyCount.getAndIncrement();
        if (i < ARRIVED.length) {
            ARRIVED[i] = arrived;
            ARRIVED_SEQ[i] = seq;
        }
        LAST_ARRIVAL.accumulateAndGet(arrived, Math::max);
        RECEIVED.incrementAndGet();
    }

    private static void create(int seq) throws Exception {
        request("POST", "/cse-in/nbench/cnt", 4, "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"" + seq + "\"}}", 201);
        ACKED.set(seq, System.nanoTime());
    }

    private static void waitFor(int n, int seconds) throws InterruptedException {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        while (RECEIVED.get() < n && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        if (RECEIVED.get() < n) {
            throw new IllegalStateException("only " + RECEIVED.get() + " of " + n + " warm-up notifications in " + seconds + " s");
        }
    }

    private static HttpRequest post(String path, int ty, String body) {
        return HttpRequest.newBuilder(URI.create(keel + path)).header("X-M2M-Origin", "Cnbench")
                .header("X-M2M-RI", "nb-" + System.nanoTime()).header("X-M2M-RVI", "3")
                .header("Content-Type", "application/json;ty=" + ty).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void request(String method, String path, int ty, String body, int expected) throws Exception {
        HttpResponse<String> rsp = HTTP.send(post(path, ty, body), HttpResponse.BodyHandlers.ofString());
        if (rsp.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + rsp.statusCode() + ", expected " + expected
                    + ": " + rsp.body());
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? Long.MIN_VALUE : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long micros) {
        return micros == Long.MIN_VALUE ? "n/a" : String.format("%.2f", micros / 1000.0);
    }
}
