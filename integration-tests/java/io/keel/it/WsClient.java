package io.keel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A oneM2M WebSocket client (TS-0020) for the tests, on the Jakarta WebSocket client: opens the handshake at the CSE's
 * root path, sends request primitives written as JSON in the negotiated serialization (text frames for JSON and XML,
 * binary for CBOR), and reads every message, response or request from the CSE, as a JSON tree.
 */
final class WsClient implements AutoCloseable {
    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final long WAIT_SECONDS = 20;

    private final Session session;
    /** Responses read, and requests that are not answered automatically, in order. */
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<Message> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();
    /** When set, each request from the CSE is answered with this rsc as soon as it is read. */
    private volatile Integer answerWith;

    private WsClient(URL base, List<String> subprotocols, Map<String, String> headers) throws Exception {
        this(CONTAINER, base, subprotocols, headers);
    }

    /** On a container of the test's own (e.g. one trusting a test certificate); wss:// for an https:// base. */
    private WsClient(WebSocketContainer container, URL base, List<String> subprotocols, Map<String, String> headers) throws Exception {
        String scheme = "https".equals(base.getProtocol()) ? "wss" : "ws";
        URI uri = URI.create(scheme + "://" + base.getHost() + ":" + base.getPort() + base.getPath());
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(subprotocols)
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> h) {
                        headers.forEach((k, v) -> h.put(k, List.of(v)));
                    }
                }).build();
        session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.addMessageHandler(String.class, text -> read(text));
                s.addMessageHandler(ByteBuffer.class, b -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    read(bytes);
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.add(reason);
            }
        }, config, uri);
    }

    static WsClient open(URL base, String... subprotocols) throws Exception {
        return new WsClient(base, List.of(subprotocols), Map.of());
    }

    static WsClient open(URL base, List<String> subprotocols, Map<String, String> headers) throws Exception {
        return new WsClient(base, subprotocols, headers);
    }

    static WsClient open(WebSocketContainer container, URL base, List<String> subprotocols, Map<String, String> headers)
            throws Exception {
        return new WsClient(container, base, subprotocols, headers);
    }

    String subprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    /** Sends a request primitive (written in JSON) and returns the response with its rqi. */
    JsonNode request(String json) {
        JsonNode req = tree(json);
        send(json);
        return response(req.path("rqi").asText());
    }

    /** Sends a message, a primitive written in JSON, in the negotiated serialization and its frame kind. */
    void send(String json) {
        try {
            switch (subprotocol()) {
                case "oneM2M.cbor" -> session.getBasicRemote().sendBinary(ByteBuffer.wrap(CBOR.writeValueAsBytes(tree(json))));
                case "oneM2M.xml" -> session.getBasicRemote().sendText(xml(tree(json)));
                default -> session.getBasicRemote().sendText(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a primitive as encoded: in a binary frame on oneM2M.cbor, else as UTF-8 text. */
    void sendEncoded(byte[] message) throws IOException {
        sendRaw("oneM2M.cbor".equals(subprotocol()) ? message : new String(message, StandardCharsets.UTF_8));
    }

    /** Sends raw text in a text frame, or raw bytes in a binary frame. */
    void sendRaw(Object message) throws IOException {
        if (message instanceof byte[] b) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(b));
        } else {
            session.getBasicRemote().sendText((String) message);
        }
    }

    /** The response with this rqi; requests from the CSE read meanwhile wait in {@link #nextRequest}. */
    JsonNode response(String rqi) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Message m = next(deadline);
            if (m == null) {
                break;
            }
            if (m.tree().has("op")) {
                requests.add(m);
            } else if (rqi.equals(m.tree().path("rqi").asText())) {
                return taken(m);
            }
        }
        throw new AssertionError("no response with rqi " + rqi);
    }

    /** The next response primitive, whatever its rqi (the answer to a message that had none); null when none comes. */
    JsonNode nextResponse(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = next(deadline);
            if (m != null && m.tree().has("op")) {
                requests.add(m);
            } else if (m != null) {
                return taken(m);
            }
        }
        return null;
    }

    /** The next request primitive the CSE sends over this connection. */
    JsonNode nextRequest() {
        JsonNode m = nextRequest(Duration.ofSeconds(WAIT_SECONDS));
        if (m == null) {
            throw new AssertionError("the CSE sent no request over the WebSocket");
        }
        return m;
    }

    /** The next request primitive the CSE sends over this connection, or null when none comes in time. */
    JsonNode nextRequest(Duration timeout) {
        Message waiting = requests.poll();
        if (waiting != null) {
            return taken(waiting);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = next(deadline);
            if (m != null && m.tree().has("op")) {
                return taken(m);
            }
        }
        return null;
    }

    /** From now on every request from the CSE is answered at once with this Response Status Code. */
    WsClient answering(int rsc) {
        answerWith = rsc;
        return this;
    }

    /** Answers a request from the CSE (a Notify) with a response primitive. */
    void answer(JsonNode request, int rsc) {
        send("{\"rsc\":" + rsc + ",\"rqi\":\"" + request.path("rqi").asText() + "\",\"rvi\":\"3\"}");
    }

    private record Message(JsonNode tree, byte[] raw, boolean binary) {
    }

    /** A message as it arrives: a request from the CSE is answered at once when {@link #answering} says so. */
    private void read(Object m) {
        JsonNode tree;
        byte[] raw = m instanceof byte[] b ? b : ((String) m).getBytes(StandardCharsets.UTF_8);
        try {
            if (m instanceof byte[] b) {
                tree = CBOR.readTree(b);
            } else {
                String text = (String) m;
                tree = text.startsWith("<") ? fromXml(text) : JSON.readTree(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Integer rsc = answerWith;
        if (rsc != null && tree.has("op")) {
            answer(tree, rsc); // before the test sees the request, which may close the connection next
        }
        messages.add(new Message(tree, raw, m instanceof byte[]));
    }

    /** The next message, whatever it is. */
    JsonNode nextMessage() {
        Message m = next(System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS));
        if (m == null) {
            throw new AssertionError("no message from the CSE");
        }
        return taken(m);
    }

    private Message last;

    /** Whether the frame of the last message taken was binary. */
    boolean lastMessageWasBinary() {
        return last.binary();
    }

    /** The last message taken, as it came (UTF-8 for a text frame). */
    byte[] lastRaw() {
        return last.raw();
    }

    private JsonNode taken(Message m) {
        last = m;
        return m.tree();
    }

    private Message next(long deadline) {
        try {
            return messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How the connection was closed, once it is. */
    CloseReason closeReason() {
        try {
            CloseReason r = closed.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("the connection was not closed");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close();
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TS-0004 8.3: a primitive as XML (root m2m:rqp or m2m:rsp), lists of values as space separated text. */
    static String xml(JsonNode primitive) {
        String root = primitive.has("op") ? "m2m:rqp" : "m2m:rsp";
        StringBuilder out = new StringBuilder("<" + root + " xmlns:m2m=\"http://www.onem2m.org/xml/protocols\">");
        members(primitive, out);
        return out.append("</" + root + ">").toString();
    }

    private static void members(JsonNode node, StringBuilder out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            out.append('<').append(e.getKey()).append('>');
            JsonNode v = e.getValue();
            if (v.isObject()) {
                members(v, out);
            } else if (v.isArray()) {
                StringBuilder list = new StringBuilder();
                v.forEach(x -> list.append(list.isEmpty() ? "" : " ").append(x.asText()));
                out.append(list);
            } else {
                out.append(v.asText().replace("&", "&amp;").replace("<", "&lt;"));
            }
            out.append("</").append(e.getKey()).append('>');
        }
    }

    /** An XML primitive as a tree: elements as members, text as strings, repeated elements as arrays. */
    static JsonNode fromXml(String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            return element(root);
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    private static JsonNode element(Element e) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        var attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            if (!a.getNodeName().startsWith("xmlns")) {
                node.put(a.getNodeName(), a.getNodeValue()); // rn is an attribute (TS-0004 8.3)
            }
        }
        boolean children = node.size() > 0;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                children = true;
                JsonNode value = element(child);
                if (node.has(child.getTagName())) {
                    JsonNode existing = node.get(child.getTagName());
                    var array = existing.isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode) existing
                            : JsonNodeFactory.instance.arrayNode().add(existing);
                    node.set(child.getTagName(), array.add(value));
                } else {
                    node.set(child.getTagName(), value);
                }
            }
        }
        return children ? node : JsonNodeFactory.instance.textNode(e.getTextContent());
    }
}
