import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
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
 * Requests per second of one AE over MQTT (TS-0010) and over HTTP (TS-0009), the same requests with the same number
 * in flight: retrieve of one contentInstance, create of contentInstances. A load benchmark, not a test; every answer
 * must be 2xxx or the run fails. Arguments: mqtt-url http-base cse-id cse-name requests in-flight.
 */
public final class MqttBench {
    private static final String AE = "Cmqttbench";

    public static void main(String[] args) throws Exception {
        String mqttUrl = args[0];
        String http = args[1];
        String cseId = args[2];
        String cse = args[3];
        int n = Integer.parseInt(args[4]);
        int window = Integer.parseInt(args[5]);
        Mqtt mqtt = new Mqtt(mqttUrl, cseId);
        check(mqtt.call("{\"op\":1,\"ty\":2,\"to\":\"" + cse + "\",\"fr\":\"" + AE + "\",\"rqi\":\"setup-1\",\"rvi\":\"3\","
                + "\"pc\":{\"m2m:ae\":{\"rn\":\"bench\",\"api\":\"Nbench\",\"rr\":false,\"srv\":[\"3\"]}}}", "setup-1"));
        check(mqtt.call("{\"op\":1,\"ty\":3,\"to\":\"" + cse + "/bench\",\"fr\":\"" + AE + "\",\"rqi\":\"setup-2\",\"rvi\":\"3\","
                + "\"pc\":{\"m2m:cnt\":{\"rn\":\"cnt\",\"mni\":1000}}}", "setup-2"));
        check(mqtt.call("{\"op\":1,\"ty\":3,\"to\":\"" + cse + "/bench\",\"fr\":\"" + AE + "\",\"rqi\":\"setup-4\",\"rvi\":\"3\","
                + "\"pc\":{\"m2m:cnt\":{\"rn\":\"read\"}}}", "setup-4"));
        check(mqtt.call("{\"op\":1,\"ty\":4,\"to\":\"" + cse + "/bench/read\",\"fr\":\"" + AE + "\",\"rqi\":\"setup-3\",\"rvi\":\"3\","
                + "\"pc\":{\"m2m:cin\":{\"rn\":\"one\",\"con\":\"21.5\"}}}", "setup-3"));
        HttpClient client = HttpClient.newHttpClient();
        String cnt = http.replaceAll("/$", "") + "/" + cse + "/bench/cnt";

        IntFunction<String> mqttRetrieve = i -> "{\"op\":2,\"to\":\"" + cse + "/bench/read/one\",\"fr\":\"" + AE
                + "\",\"rqi\":\"r" + i + "\",\"rvi\":\"3\"}";
        IntFunction<String> mqttCreate = i -> "{\"op\":1,\"ty\":4,\"to\":\"" + cse + "/bench/cnt\",\"fr\":\"" + AE
                + "\",\"rqi\":\"c" + i + "\",\"rvi\":\"3\",\"pc\":{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"21.5\"}}}";
        IntFunction<HttpRequest> httpRetrieve = i -> HttpRequest.newBuilder(URI.create(cnt.replaceAll("/cnt$", "/read/one")))
                .header("X-M2M-Origin", AE).header("X-M2M-RI", "hr" + i).header("X-M2M-RVI", "3")
                .header("Accept", "application/json").GET().build();
        IntFunction<HttpRequest> httpCreate = i -> HttpRequest.newBuilder(URI.create(cnt))
                .header("X-M2M-Origin", AE).header("X-M2M-RI", "hc" + i).header("X-M2M-RVI", "3")
                .header("Accept", "application/json").header("Content-Type", "application/json;ty=4")
                .POST(HttpRequest.BodyPublishers.ofString("{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"21.5\"}}")).build();

        for (String phase : new String[] {"warm-up", "measured"}) {
            int count = phase.equals("warm-up") ? Math.max(100, n / 5) : n;
            String tag = phase.equals("warm-up") ? "w" : "m";
            double mr = mqtt.run(count, window, i -> mqttRetrieve.apply(i).replace("\"r" + i, "\"" + tag + "r" + i), tag + "r");
            double hr = runHttp(client, count, window, httpRetrieve);
            double mc = mqtt.run(count, window, i -> mqttCreate.apply(i).replace("\"c" + i, "\"" + tag + "c" + i), tag + "c");
            double hc = runHttp(client, count, window, httpCreate);
            if (phase.equals("measured")) {
                System.out.printf("%-10s %12s %12s%n", "", "MQTT req/s", "HTTP req/s");
                System.out.printf("%-10s %12.0f %12.0f%n", "retrieve", mr, hr);
                System.out.printf("%-10s %12.0f %12.0f%n", "create", mc, hc);
                System.out.printf("(%d requests each, %d in flight, QoS 1)%n", n, window);
            }
        }
        mqtt.close();
    }

    private static void check(String rsp) {
        if (!rsp.matches("(?s).*\"rsc\":\\s*2\\d\\d\\d.*")) {
            throw new IllegalStateException("setup failed: " + rsp);
        }
    }

    private static double runHttp(HttpClient client, int n, int window, IntFunction<HttpRequest> request) throws Exception {
        Semaphore slots = new Semaphore(window);
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() / 100 != 2) {
                    failed.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(window);
        double rate = n / ((System.nanoTime() - start) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " HTTP requests were not answered 2xx");
        }
        return rate;
    }

    /** An AE on MQTT: publishes on /oneM2M/req/<AE>/<CSE>/json and matches answers by rqi. */
    private static final class Mqtt {
        private final MqttAsyncClient client;
        private final String reqTopic;
        private final ConcurrentHashMap<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

        Mqtt(String url, String cseId) throws Exception {
            client = new MqttAsyncClient(url, "A::bench-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            client.setCallback(new MqttCallback() {
                public void connectionLost(Throwable cause) {
                }

                public void messageArrived(String topic, MqttMessage message) {
                    String rsp = new String(message.getPayload(), StandardCharsets.UTF_8);
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"rqi\":\"([^\"]+)\"").matcher(rsp);
                    if (m.find()) {
                        CompletableFuture<String> f = waiting.remove(m.group(1));
                        if (f != null) {
                            f.complete(rsp);
                        }
                    }
                }

                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.connect(o).waitForCompletion(10_000);
            client.subscribe("/oneM2M/resp/" + AE + "/" + cseId + "/#", 1).waitForCompletion(10_000);
            reqTopic = "/oneM2M/req/" + AE + "/" + cseId + "/json";
        }

        CompletableFuture<String> send(String primitive, String rqi) throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            waiting.put(rqi, f);
            client.publish(reqTopic, primitive.getBytes(StandardCharsets.UTF_8), 1, false);
            return f;
        }

        String call(String primitive, String rqi) throws Exception {
            return send(primitive, rqi).get(30, TimeUnit.SECONDS);
        }

        double run(int n, int window, IntFunction<String> primitive, String rqiPrefix) throws Exception {
            Semaphore slots = new Semaphore(window);
            AtomicInteger failed = new AtomicInteger();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                slots.acquire();
                send(primitive.apply(i), rqiPrefix + i).orTimeout(30, TimeUnit.SECONDS).whenComplete((rsp, e) -> {
                    if (e != null || !rsp.matches("(?s).*\"rsc\":\\s*2\\d\\d\\d.*")) {
                        if (failed.incrementAndGet() == 1) {
                            System.err.println("not 2xxx: " + (e != null ? e : rsp));
                        }
                    }
                    slots.release();
                });
            }
            slots.acquire(window);
            double rate = n / ((System.nanoTime() - start) / 1e9);
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " MQTT requests were not answered 2xxx");
            }
            return rate;
        }

        void close() throws Exception {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
