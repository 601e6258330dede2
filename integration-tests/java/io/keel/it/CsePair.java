package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * An IN-CSE (id-in) and an MN-CSE (id-mn) registered with it, each a {@code java -jar} process with its own H2
 * database. They authenticate each other, and a client, by bearer tokens in their credential files, so that requests
 * pass between them by forwarding as between CSEs of one service provider.
 */
final class CsePair implements AutoCloseable {
    private final String clientToken = "client-token-" + System.nanoTime();
    final KeelProcess in;
    final KeelProcess mn;
    final OneM2MClient atIn;
    final OneM2MClient atMn;

    private CsePair(String name) {
        String mnToken = "mn-token-" + System.nanoTime();
        String inToken = "in-token-" + System.nanoTime();
        KeelProcess startedIn = null;
        try {
            Path dir = Files.createTempDirectory(name);
            int inPort = KeelProcess.freePort();
            int mnPort = KeelProcess.freePort();
            Files.writeString(dir.resolve("in-credentials"), String.join("\n",
                    "bearer sha256:" + Credentials.sha256(clientToken) + " C*",
                    "bearer sha256:" + Credentials.sha256(mnToken) + " /id-mn*", ""));
            Files.writeString(dir.resolve("mn-credentials"), String.join("\n",
                    "bearer sha256:" + Credentials.sha256(clientToken) + " C*",
                    "bearer sha256:" + Credentials.sha256(inToken) + " /id-in*", ""));
            startedIn = CseEnv.of(dir, "id-in", "cse-in", "IN").port(inPort).credentials(dir.resolve("in-credentials"))
                    .set("KEEL_FORWARDING_AUTHORIZATION", "Bearer " + inToken).start();
            this.in = startedIn;
            this.mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").port(mnPort).credentials(dir.resolve("mn-credentials"))
                    .set("KEEL_CSE_POA", "http://127.0.0.1:" + mnPort)
                    .registrar("http://127.0.0.1:" + startedIn.httpPort(), "id-in", "cse-in", "Bearer " + mnToken).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | AssertionError e) {
            if (startedIn != null) {
                startedIn.close(); // not left running when the MN does not start
            }
            throw e;
        }
        this.atIn = new OneM2MClient(in.base());
        this.atMn = new OneM2MClient(mn.base());
    }

    /** @param name names the temporary directory the two CSEs keep their data in */
    static CsePair start(String name) {
        return new CsePair(name);
    }

    /** Sends the call as the client both CSEs know. */
    OneM2MClient.Reply send(OneM2MClient.Call call) {
        return call.header("Authorization", "Bearer " + clientToken).send();
    }

    /**
     * A container on {@code at} whose policy gives {@code originator} every operation, made through {@code send} (the
     * client both CSEs know); returns its ri.
     */
    static String governedContainer(Function<OneM2MClient.Call, OneM2MClient.Reply> send, OneM2MClient at, String cseName,
            String container, String originator) {
        OneM2MClient.Reply acp = send.apply(at.create("/" + cseName, 1, "{\"m2m:acp\":{\"rn\":\"acp-" + container + "\",\"pv\":{\"acr\":[{\"acor\":[\""
                + originator + "\"],\"acop\":63}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}"));
        assertEquals(201, acp.status(), acp.text());
        String acpRi = acp.json().path("m2m:acp").path("ri").asText();
        OneM2MClient.Reply cnt = send.apply(at.create("/" + cseName, 3, "{\"m2m:cnt\":{\"rn\":\"" + container + "\",\"acpi\":[\"" + acpRi + "\"]}}"));
        assertEquals(201, cnt.status(), cnt.text());
        return cnt.json().path("m2m:cnt").path("ri").asText();
    }

    @Override
    public void close() {
        mn.close();
        in.close();
    }
}
