package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of the binding over real loopback sockets (TS-0009 6.1 use cases 1 and 4): what goes on the wire
 * for a request primitive, and what a response becomes.
 */
class HttpSenderTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A one-shot HTTP server: records the request head, answers with the given response. */
    private record Capture(ServerSocket socket, CompletableFuture<List<String>> head) {
        int port() {
            return socket.getLocalPort();
        }
    }

    private Capture serve(String response) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        open.add(server);
        CompletableFuture<List<String>> head = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                List<String> lines = new ArrayList<>();
                int length = 0;
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    lines.add(line);
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                char[] body = new char[length];
                int read = 0;
                while (read < length) {
                    read += in.read(body, read, length - read);
                }
                lines.add(new String(body));
                head.complete(lines);
                if (response != null) {
                    OutputStream out = s.getOutputStream();
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } else {
                    Thread.sleep(5_000);
                }
            } catch (Exception e) {
                head.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return new Capture(server, head);
    }

    private HttpSender sender(long timeout, String proxy) {
        HttpSender s = new HttpSender(timeout, 4, proxy);
        open.add(s);
        return s;
    }

    private static RequestPrimitive notifyRequest() {
        RequestPrimitive n = new RequestPrimitive();
        n.operation = Operation.NOTIFY;
        n.from = "/id-in";
        n.requestIdentifier = "n-1";
        n.releaseVersionIndicator = "3";
        n.eventCategory = 4;
        n.content = Map.of("m2m:sgn", Map.of("vrq", true, "sur", "/id-in/sub1"));
        return n;
    }

    private static String header(List<String> head, String name) {
        return head.stream().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }

    @Test
    void moreNotifiesToOneReceiverThanItsConnectionsWaitForOneInsteadOfFailing() throws Exception {
        // 1100 at once to one host (a change notifying 1100 subscriptions there) over 4 connections: beyond Jetty's
        // default queue of 1024 per destination the rest would fail at once, with 5103.
        int count = 1100;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/", x -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().add("X-M2M-RSC", "2000");
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.start();
        open.add(() -> receiver.stop(0));
        HttpSender sender = sender(20_000, null);
        List<CompletableFuture<ResponsePrimitive>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(sender.send(notifyRequest(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/n/" + i, Serialization.JSON));
        }
        release.countDown();
        for (CompletableFuture<ResponsePrimitive> f : sent) {
            assertEquals(ResponseStatusCode.OK, f.get(20, TimeUnit.SECONDS).responseStatusCode);
        }
    }

    @Test
    void ts0009_6_1_notifyRequestOnTheWire() throws Exception {
        Capture c = serve("HTTP/1.1 200 OK\r\nX-M2M-RSC: 2000\r\nX-M2M-RI: n-1\r\nContent-Length: 0\r\n\r\n");
        ResponsePrimitive rsp = sender(2000, null)
                .send(notifyRequest(), "http://127.0.0.1:" + c.port() + "/ae/notify?x=1", Serialization.JSON).get(5, TimeUnit.SECONDS);
        List<String> head = c.head().get(5, TimeUnit.SECONDS);
        assertEquals("POST /ae/notify?x=1 HTTP/1.1", head.get(0));
        assertEquals("127.0.0.1:" + c.port(), header(head, "Host"));
        assertEquals("/id-in", header(head, "X-M2M-Origin"));
        assertEquals("n-1", header(head, "X-M2M-RI"));
        assertEquals("3", header(head, "X-M2M-RVI"));
        assertEquals("4", header(head, "X-M2M-EC"));
        assertEquals("application/json", header(head, "Content-Type"));
        assertTrue(head.get(head.size() - 1).contains("\"vrq\":true"), head.toString());
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals("n-1", rsp.requestIdentifier);
    }

    @Test
    void ts0009_6_2_2_throughAProxyTheTargetIsAbsoluteAndHostNamesTheProxy() throws Exception {
        Capture proxy = serve("HTTP/1.1 200 OK\r\nX-M2M-RSC: 2000\r\nContent-Length: 0\r\n\r\n");
        sender(2000, "127.0.0.1:" + proxy.port())
                .send(notifyRequest(), "http://receiver.example:9000/notify", Serialization.XML).get(5, TimeUnit.SECONDS);
        List<String> head = proxy.head().get(5, TimeUnit.SECONDS);
        assertEquals("POST http://receiver.example:9000/notify HTTP/1.1", head.get(0));
        // TS-0009 6.4.1: through a proxy, Host is the proxy's address.
        assertEquals("127.0.0.1:" + proxy.port(), header(head, "Host"));
        assertEquals("application/xml", header(head, "Content-Type"));
    }

    @Test
    void ts0009_6_1_withoutRscTheHttpStatusDecides() throws Exception {
        Capture c = serve("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        ResponsePrimitive rsp = sender(2000, null)
                .send(notifyRequest(), "http://127.0.0.1:" + c.port() + "/", Serialization.CBOR).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, rsp.responseStatusCode);
    }

    @Test
    void aReceiverThatDoesNotAnswerIsATimeout() throws Exception {
        Capture c = serve(null);
        ResponsePrimitive rsp = sender(500, null)
                .send(notifyRequest(), "http://127.0.0.1:" + c.port() + "/", Serialization.JSON).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
    }

    @Test
    void aReceiverThatRefusesIsNotReachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ResponsePrimitive rsp = sender(2000, null)
                .send(notifyRequest(), "http://127.0.0.1:" + port + "/", Serialization.JSON).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
        ResponsePrimitive notHttp = sender(2000, null).send(notifyRequest(), "mqtt://x/y", Serialization.JSON).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, notHttp.responseStatusCode);
    }

    // --- forwarding (TS-0004 7.3.2.6) -----------------------------------------------------------------------------

    private static RequestPrimitive forwardedRetrieve() {
        RequestPrimitive r = new RequestPrimitive();
        r.operation = Operation.RETRIEVE;
        r.to = "/id-in/cse-in/box";
        r.from = "/id-mn/Cae1";
        r.requestIdentifier = "f-1";
        r.releaseVersionIndicator = "3";
        r.resultContent = io.keel.primitive.ResultContent.ATTRIBUTES_AND_CHILD_RESOURCES;
        r.filterCriteria().resourceTypes.add(3);
        r.filterCriteria().labels.add("a b+c");
        r.content = Map.of("m2m:atrl", List.of("rn", "lbl"));
        r.preconditions = new io.keel.primitive.Preconditions(List.of("\"3\""), null, null, null);
        return r;
    }

    @Test
    void ts0009_6_2_2_aForwardedRequestTakesItsTargetFromTheToAndCarriesEveryParameter() throws Exception {
        Capture c = serve("HTTP/1.1 200 OK\r\nX-M2M-RSC: 2000\r\nX-M2M-RI: f-1\r\nX-M2M-CTS: 1\r\nX-M2M-CTO: 4\r\n"
                + "Content-Type: application/json\r\nContent-Length: 22\r\n\r\n{\"m2m:cnt\":{\"rn\":\"b\"}}");
        ResponsePrimitive rsp = sender(2000, null).forward(forwardedRetrieve(), Serialization.JSON,
                new io.keel.core.Outbound.Hop("http://127.0.0.1:" + c.port() + "/", "Bearer abc", 2000)).get(5, TimeUnit.SECONDS);
        List<String> head = c.head().get(5, TimeUnit.SECONDS);
        assertEquals("GET /~/id-in/cse-in/box?rcn=4&lbl=a%20b%2Bc&ty=3&atrl=rn+lbl HTTP/1.1", head.get(0));
        assertEquals("/id-mn/Cae1", header(head, "X-M2M-Origin"));
        assertEquals("Bearer abc", header(head, "Authorization"));
        assertEquals("\"3\"", header(head, "If-Match"));
        assertEquals("", head.get(head.size() - 1), "a Retrieve has no body");
        assertEquals(ResponseStatusCode.OK, rsp.responseStatusCode);
        assertEquals(Map.of("m2m:cnt", Map.of("rn", "b")), rsp.content);
        assertEquals(io.keel.primitive.ContentStatus.PARTIAL_CONTENT, rsp.contentStatus);
        assertEquals(4, rsp.contentOffset);
    }

    @Test
    void ts0009_6_4_6_theEntityTagAndAConditionalOutcomeOfTheNextHopComeBack() throws Exception {
        Capture c = serve("HTTP/1.1 304 Not Modified\r\nX-M2M-RSC: 2000\r\nETag: \"st-4\"\r\n"
                + "Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\r\nContent-Length: 0\r\n\r\n");
        ResponsePrimitive rsp = sender(2000, null).forward(forwardedRetrieve(), Serialization.JSON,
                new io.keel.core.Outbound.Hop("http://127.0.0.1:" + c.port(), null, 2000)).get(5, TimeUnit.SECONDS);
        assertEquals(ResponsePrimitive.ConditionalOutcome.NOT_MODIFIED, rsp.conditionalOutcome);
        assertEquals("st-4", rsp.entityTag);
        assertEquals(java.time.Instant.parse("2026-12-01T10:00:00Z"), rsp.lastModified);
    }

    @Test
    void ts0004_7_3_2_6_aForwardedRequestHasTheHopsTimeout() throws Exception {
        Capture c = serve(null);
        long started = System.nanoTime();
        ResponsePrimitive rsp = sender(60_000, null).forward(forwardedRetrieve(), Serialization.JSON,
                new io.keel.core.Outbound.Hop("http://127.0.0.1:" + c.port(), null, 300)).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, rsp.responseStatusCode);
        assertTrue(System.nanoTime() - started < 3_000_000_000L);
    }

    @Test
    void ts0004_7_3_2_6_anUnreachableNextHopIs5103AtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ResponsePrimitive rsp = sender(60_000, null).forward(forwardedRetrieve(), Serialization.JSON,
                new io.keel.core.Outbound.Hop("http://127.0.0.1:" + port, null, 60_000)).get(5, TimeUnit.SECONDS);
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.responseStatusCode);
    }
}
