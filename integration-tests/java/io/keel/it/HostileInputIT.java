package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keel.it.OneM2MClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against the executable WAR, the way it is deployed: every attack gets a 4xxx with a readable
 * m2m:dbg (or the HTTP status the binding gives before a primitive exists), quickly, and nothing is stored.
 */
class HostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 20;
    private static KeelProcess keel;
    private static URL base;
    private static OneM2MClient cse;
    private String ae;
    private String cnt;

    @BeforeAll
    static void start() throws Exception {
        int port = KeelProcess.freePort();
        keel = KeelProcess.start(Map.of("KEEL_HTTP_PORT", String.valueOf(port), "KEEL_RATE_PER_ORIGINATOR", String.valueOf(RATE)));
        base = keel.base();
        cse = new OneM2MClient(base);
    }

    @AfterAll
    static void stop() throws Exception {
        keel.close();
    }

    @BeforeEach
    void target() {
        ae = cse.registerAe("C" + OneM2MClient.unique("hostile"), OneM2MClient.unique("hostileAe"));
        cnt = cse.create("/" + ae, 3, "{\"m2m:cnt\":{}}").from(ae).send().json().path("m2m:cnt").path("ri").asText();
    }

    /** Nothing reached the container: no instance, no change. */
    private void nothingStored() {
        Reply c = cse.get("/" + cnt).from(ae).send();
        assertEquals(0, c.json().path("m2m:cnt").path("cni").asInt(), c.text());
        assertEquals(0, c.json().path("m2m:cnt").path("st").asInt(), c.text());
    }

    private static void assertOneM2MError(RawHttp.Response r, int status, String what) throws IOException {
        assertEquals(status, r.status(), what + " → " + r.statusLine() + " " + r.text());
        assertTrue(r.headers().get("x-m2m-rsc").startsWith("4"), what + " → rsc " + r.headers().get("x-m2m-rsc"));
        assertFalse(JSON.readTree(r.body()).path("m2m:dbg").asText().isEmpty(), what + " → " + r.text());
    }

    private RawHttp.Response createInstance(String contentType, byte[] body) {
        return RawHttp.send(base, "POST", "/" + cnt, "X-M2M-Origin: " + ae + "\r\nAccept: application/json\r\nContent-Type: " + contentType + "\r\n", body);
    }

    @Test
    void deeplyNestedJsonAndXmlAre4000() throws IOException {
        String deepJson = "{\"m2m:cin\":{\"con\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}}";
        assertOneM2MError(createInstance("application/json;ty=4", deepJson.getBytes(StandardCharsets.UTF_8)), 400, "deep JSON");
        String deepXml = "<m2m:cin xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><con>" + "<a>".repeat(20_000)
                + "</a>".repeat(20_000) + "</con></m2m:cin>";
        assertOneM2MError(createInstance("application/xml;ty=4", deepXml.getBytes(StandardCharsets.UTF_8)), 400, "deep XML");
        nothingStored();
    }

    @Test
    void externalEntitiesAndEntityExpansionAreImpossible() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<m2m:cin xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><con>&e;</con></m2m:cin>";
        RawHttp.Response r = createInstance("application/xml;ty=4", xxe.getBytes(StandardCharsets.UTF_8));
        assertOneM2MError(r, 400, "XXE");
        assertFalse(r.text().contains("root:"), r.text());
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]><m2m:cin xmlns:m2m=\"http://www.onem2m.org/xml/protocols\"><con>&l9;</con></m2m:cin>");
        long start = System.nanoTime();
        assertOneM2MError(createInstance("application/xml;ty=4", laughs.toString().getBytes(StandardCharsets.UTF_8)), 400, "billion laughs");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "entity expansion took " + (System.nanoTime() - start) / 1e6 + " ms");
        nothingStored();
    }

    @Test
    void invalidUtf8Is4000() throws IOException {
        byte[] body = "{\"m2m:cin\":{\"con\":\"xx\"}}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 5] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        assertOneM2MError(createInstance("application/json;ty=4", body), 400, "invalid UTF-8");
        nothingStored();
    }

    @Test
    void hugeBodiesAreRefusedUnread() throws IOException {
        // Declared larger than the limit: refused on the declaration, before a byte of it is buffered.
        String head = "POST /" + cnt + " HTTP/1.1\r\nHost: x\r\nX-M2M-Origin: " + ae + "\r\nX-M2M-RI: big\r\nX-M2M-RVI: 3\r\n"
                + "Content-Type: application/json;ty=4\r\nContent-Length: 50000000\r\n\r\n";
        String declared = raw(head.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(declared.startsWith("HTTP/1.1 400 ") && declared.contains("X-M2M-RSC: 4000"), declared);
        // Chunked without a length: cut off as soon as it passes the limit.
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        chunked.writeBytes(("POST /" + cnt + " HTTP/1.1\r\nHost: x\r\nX-M2M-Origin: " + ae + "\r\nX-M2M-RI: big2\r\nX-M2M-RVI: 3\r\n"
                + "Content-Type: application/json;ty=4\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 20; i++) { // 1.25 MB, past the 1 MB limit
            chunked.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        String cut = raw(chunked.toByteArray());
        assertTrue(cut.startsWith("HTTP/1.1 400 ") && cut.contains("X-M2M-RSC: 4000"), cut);
        nothingStored();
    }

    @Test
    void hugeHeadersAndUrisGetOneM2MErrors() throws IOException {
        String big = "x".repeat(70_000);
        assertOneM2MError(RawHttp.send(base, "GET", "/" + cnt, "X-M2M-Origin: " + ae + "\r\nX-Big: " + big + "\r\n", null), 431, "huge header");
        assertOneM2MError(RawHttp.send(base, "GET", "/" + cnt + "/" + big, "X-M2M-Origin: " + ae + "\r\n", null), 414, "huge URI");
    }

    @Test
    void pathTraversalInToNeverLeavesTheTree() throws IOException {
        for (String path : new String[] {"/cse-in/../../etc/passwd", "/~/id-in/../../etc/passwd", "/_/keel.example.net/id-in/%2e%2e/x",
                "/cse-in/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/cse-in/..%5c..%5cwindows"}) {
            RawHttp.Response r = RawHttp.send(base, "GET", path, "X-M2M-Origin: " + ae + "\r\n", null);
            assertTrue(r.status() == 400 || r.status() == 404, path + " → " + r.statusLine() + " " + r.text());
            assertTrue(r.headers().get("x-m2m-rsc").startsWith("4"), path);
            assertFalse(r.text().contains("root:"), path + " → " + r.text());
        }
    }

    @Test
    void spoofedOriginatorsChangeNothing() {
        String intruder = cse.registerAe("C" + OneM2MClient.unique("intruder"), OneM2MClient.unique("intruderAe"));
        assertEquals(4103, cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(intruder).send().rsc());
        assertEquals(4103, cse.put("/" + cnt, "{\"m2m:cnt\":{\"mni\":1}}").from(intruder).send().rsc());
        assertEquals(4103, cse.delete("/" + cnt).from(intruder).send().rsc());
        assertEquals(4117, cse.create("/cse-in", 2, "{\"m2m:ae\":{\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}").from(ae).send().rsc(),
                "an AE-ID cannot be registered twice");
        nothingStored();
    }

    @Test
    void aChattyOriginatorIsSlowedDownAndOthersAreNot() {
        String chatty = "C" + OneM2MClient.unique("chatty");
        int refused = 0;
        Reply last = null;
        for (int i = 0; i < RATE * 3; i++) {
            Reply r = cse.get("/cse-in").from(chatty).send();
            if (r.status() == 429) {
                refused++;
                last = r;
            }
        }
        assertTrue(refused > 0, "no request was refused");
        assertEquals(4000, last.rsc());
        assertEquals("1", last.header("Retry-After"));
        assertTrue(last.json().path("m2m:dbg").asText().contains(chatty), last.text());
        assertEquals(200, cse.get("/" + cnt).from(ae).send().status(), "another originator is not slowed down");
    }

    /** Writes the bytes as they are and returns the response head. */
    private static String raw(byte[] request) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the CSE answered and closed before all of it was written: what it answered is below
            }
            byte[] all = s.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }
    }
}
