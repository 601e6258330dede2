import io.keel.binding.coap.CoapSender;
import io.keel.binding.coap.CoapSettings;
import io.keel.binding.http.HttpSender;
import io.keel.core.Outbound;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Requests per second and latency of one AE over each binding of one Keel: HTTP (TS-0009), WebSocket (TS-0020), MQTT
 * (TS-0010) and CoAP (TS-0008), the same request primitives with the same number in flight: retrieve of one
 * contentInstance, create of contentInstances into a container with mni 1000. HTTP and CoAP requests are written by
 * Keel's own client mappings (HttpSender, CoapSender), WebSocket and MQTT messages by its PrimitiveCodec. A load
 * benchmark, not a test; every answer must be 2xxx or the run fails.
 * Arguments: http-base ws-url mqtt-url coap-port cse-id cse-name requests in-flight.
 */
public final class BindingsBench {
    private static final String AE = "Cbench";
    private static final AtomicInteger RQI = new AtomicInteger();

    interface Transport extends AutoCloseable {
        CompletableFuture<ResponsePrimitive> send(RequestPrimitive request);

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        String http = args[0].replaceAll("/$", "");
        String ws = args[1];
        String mqtt = args[2];
        int coapPort = Integer.parseInt(args[3]);
        String cseId = args[4];
        String cse = args[5];
        int n = Integer.parseInt(args[6]);
        int window = Integer.parseInt(args[7]);

        Map<String, Transport> transports = new java.util.LinkedHashMap<>();
        transports.put("HTTP", new Http(http));
        transports.put("WebSocket", new Ws(ws));
        transports.put("MQTT", new Mqtt(mqtt, cseId));
        transports.put("CoAP", new Coap(coapPort));

        Transport setup = transports.get("HTTP");
        check(setup.send(create(cse, 2, Map.of("m2m:ae", Map.of("rn", "bench", "api", "Nbench", "rr", false, "srv", List.of("3"))))));
        check(setup.send(create(cse + "/bench", 3, Map.of("m2m:cnt", Map.of("rn", "cnt", "mni", 1000)))));
        check(setup.send(create(cse + "/bench", 3, Map.of("m2m:cnt", Map.of("rn", "read")))));
        check(setup.send(create(cse + "/bench/read", 4, Map.of("m2m:cin", Map.of("rn", "one", "con", "21.5")))));

        IntFunction<RequestPrimitive> retrieve = i -> request(Operation.RETRIEVE, cse + "/bench/read/one");
        IntFunction<RequestPrimitive> createCin = i -> create(cse + "/bench/cnt", 4,
                Map.of("m2m:cin", Map.of("cnf", "text/plain:0", "con", "21.5")));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Transport> t : transports.entrySet()) {
            run(t.getValue(), Math.max(200, n / 5), window, retrieve); // warm-up
            run(t.getValue(), Math.max(200, n / 5), window, createCin);
            Result r = run(t.getValue(), n, window, retrieve);
            Result c = run(t.getValue(), n, window, createCin);
            lines.add(String.format("| %-9s | %8.0f | %6.2f | %6.2f | %8.0f | %6.2f | %6.2f |", t.getKey(),
                    r.perSecond, r.p50, r.p99, c.perSecond, c.p50, c.p99));
        }
        System.out.println("| binding   | retrieve req/s | p50 ms | p99 ms | create req/s | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        lines.forEach(System.out::println);
        System.out.printf("(%d requests each, %d in flight, one AE, JSON)%n", n, window);
        transports.values().forEach(Transport::close);
    }

    private static RequestPrimitive request(Operation op, String to) {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = op;
        r.to = to;
        r.from = AE;
        r.requestIdentifier = "b" + RQI.incrementAndGet();
        r.releaseVersionIndicator = "3";
        return r;
    }

    private static RequestPrimitive create(String to, int ty, Map<String, Object> content) {
        RequestPrimitive r = request(Operation.CREATE, to);
        r.resourceType = ty;
        r.content = content;
        r.contentSerialization = Serialization.JSON;
        return r;
    }

    private static void check(CompletableFuture<ResponsePrimitive> answer) throws Exception {
        ResponsePrimitive rsp = answer.get(30, TimeUnit.SECONDS);
        if (rsp.responseStatusCode.code() / 1000 != 2) {
            throw new IllegalStateException("setup failed: " + rsp.responseStatusCode + " " + rsp.content);
        }
    }

    private record Result(double perSecond, double p50, double p99) {
    }

    private static Result run(Transport t, int n, int window, IntFunction<RequestPrimitive> request) throws Exception {
        Semaphore slots = new Semaphore(window);
        AtomicInteger failed = new AtomicInteger();
        long[] nanos = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            int index = i;
            long sent = System.nanoTime();
            t.send(request.apply(i)).whenComplete((rsp, e) -> {
                nanos[index] = System.nanoTime() - sent;
                if (e != null || rsp.responseStatusCode.code() / 1000 != 2) {
                    if (failed.incrementAndGet() == 1) {
                        System.err.println("not 2xxx: " + (e != null ? e : rsp.responseStatusCode + " " + rsp.content));
                    }
                }
                slots.release();
            });
        }
        slots.acquire(window);
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " requests were not answered 2xxx");
        }
        Arrays.sort(nanos);
        return new Result(rate, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6);
    }

    /** Keel's own HTTP client mapping (TS-0009), to the CSE's HTTP port. */
    private static final class Http implements Transport {
        private final HttpSender sender = new HttpSender(30_000, 64, null);
        private final Outbound.Hop hop;

        Http(String base) {
            hop = new Outbound.Hop(base, null, 30_000);
        }

        public CompletableFuture<ResponsePrimitive> send(RequestPrimitive r) {
            return sender.forward(r, Serialization.JSON, hop);
        }

        public void close() {
            sender.close();
        }
    }

    /** Keel's own CoAP client mapping (TS-0008), to the CSE's CoAP port. */
    private static final class Coap implements Transport {
        private final CoapSender sender = new CoapSender(new CoapSettings("127.0.0.1", 0, null, 1024, 1 << 20), null, 30_000);
        private final Outbound.Hop hop;

        Coap(int port) {
            hop = new Outbound.Hop("coap://127.0.0.1:" + port, null, 30_000);
        }

        public CompletableFuture<ResponsePrimitive> send(RequestPrimitive r) {
            return sender.forward(r, Serialization.JSON, hop);
        }

        public void close() {
            sender.close();
        }
    }

    /** Request primitives over one WebSocket with subprotocol oneM2M.json (TS-0020), answers matched by rqi. */
    private static final class Ws implements Transport, WebSocket.Listener {
        private final Map<String, CompletableFuture<ResponsePrimitive>> waiting = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;
        private CompletableFuture<WebSocket> sending;

        Ws(String url) throws Exception {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("oneM2M.json")
                    .buildAsync(URI.create(url), this).get(10, TimeUnit.SECONDS);
            sending = CompletableFuture.completedFuture(socket);
        }

        public synchronized CompletableFuture<ResponsePrimitive> send(RequestPrimitive r) {
            CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
            waiting.put(r.requestIdentifier, answer);
            String text = new String(PrimitiveCodec.encode(r, Serialization.JSON), StandardCharsets.UTF_8);
            sending = sending.thenCompose(s -> s.sendText(text, true)); // one message at a time (RFC 6455)
            return answer;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                ResponsePrimitive rsp = PrimitiveCodec.decodeResponse(partial.toString().getBytes(StandardCharsets.UTF_8),
                        Serialization.JSON);
                partial.setLength(0);
                CompletableFuture<ResponsePrimitive> f = waiting.remove(rsp.requestIdentifier);
                if (f != null) {
                    f.complete(rsp);
                }
            }
            ws.request(1);
            return null;
        }

        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /** Plain sockets with TCP_NODELAY. */
    private static final class NoDelay extends javax.net.SocketFactory {
        private static java.net.Socket noDelay(java.net.Socket s) throws java.io.IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        public java.net.Socket createSocket() throws java.io.IOException {
            return noDelay(new java.net.Socket());
        }

        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, local, localPort));
        }

        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port));
        }

        public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
                throws java.io.IOException {
            return noDelay(new java.net.Socket(host, port, local, localPort));
        }
    }

    /** Request primitives on /oneM2M/req/<AE>/<CSE-ID>/json (TS-0010), answers on the resp topic matched by rqi. */
    private static final class Mqtt implements Transport {
        private final MqttAsyncClient client;
        private final String reqTopic;
        private final Map<String, CompletableFuture<ResponsePrimitive>> waiting = new ConcurrentHashMap<>();

        Mqtt(String url, String cseId) throws Exception {
            client = new MqttAsyncClient(url, "A::bench-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            o.setSocketFactory(new NoDelay()); // as Keel's own MQTT client: no Nagle wait behind each small write
            client.setCallback(new MqttCallback() {
                public void connectionLost(Throwable cause) {
                }

                public void messageArrived(String topic, MqttMessage message) {
                    ResponsePrimitive rsp = PrimitiveCodec.decodeResponse(message.getPayload(), Serialization.JSON);
                    CompletableFuture<ResponsePrimitive> f = waiting.remove(rsp.requestIdentifier);
                    if (f != null) {
                        f.complete(rsp);
                    }
                }

                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.connect(o).waitForCompletion(10_000);
            client.subscribe("/oneM2M/resp/" + AE + "/" + cseId + "/#", 1).waitForCompletion(10_000);
            reqTopic = "/oneM2M/req/" + AE + "/" + cseId + "/json";
        }

        public CompletableFuture<ResponsePrimitive> send(RequestPrimitive r) {
            CompletableFuture<ResponsePrimitive> answer = new CompletableFuture<>();
            waiting.put(r.requestIdentifier, answer);
            try {
                client.publish(reqTopic, PrimitiveCodec.encode(r, Serialization.JSON), 1, false);
            } catch (Exception e) {
                waiting.remove(r.requestIdentifier);
                answer.completeExceptionally(e);
            }
            return answer;
        }

        public void close() {
            try {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            } catch (Exception e) {
                // the run is over
            }
        }
    }
}
