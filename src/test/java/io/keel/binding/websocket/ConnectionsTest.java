package io.keel.binding.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConnectionsTest {
    private final Connections registry = new Connections();

    private Connection connection(FakeFrames frames) {
        return new Connection(Subprotocol.JSON, frames, "192.0.2.1", Admission.OPEN,
                r -> CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null)), rsc -> { },
                registry, (task, delay) -> () -> { });
    }

    @Test
    void ts0020_5_2_aNewerConnectionOfTheEntityReplacesTheOlderOne() {
        Connection older = connection(new FakeFrames());
        Connection newer = connection(new FakeFrames());
        registry.bind("CAE1", older);
        registry.bind("CAE1", newer);
        assertSame(newer, registry.of("CAE1"));
        older.closed("gone");
        assertSame(newer, registry.of("CAE1"), "the older connection closing does not unbind the newer one");
        newer.closed("gone");
        assertNull(registry.of("CAE1"));
    }

    @Test
    void ts0020_5_2_aClosedConnectionIsNeverBound() {
        Connection c = connection(new FakeFrames());
        c.closed("gone");
        registry.bind("CAE1", c);
        assertNull(registry.of("CAE1"));
    }

    @Test
    void ts0009_annexB_theOutboundAddressesAnOpenConnectionByItsEntityAndSendsOverIt() {
        FakeFrames frames = new FakeFrames();
        Connection c = connection(frames);
        WebSocketOutbound outbound = new WebSocketOutbound(registry, null, 5_000, () -> { });
        assertNull(outbound.connectionTo("CAE1"));
        registry.bind("CAE1", c);
        String url = outbound.connectionTo("CAE1");
        assertEquals("ws-connection:CAE1", url);
        assertTrue(outbound.reaches(url) && outbound.reaches("ws://10.0.0.1:80") && outbound.reaches("WSS://h"));
        RequestPrimitive n = new RequestPrimitive();
        n.operation = Operation.NOTIFY;
        n.to = "CAE1";
        n.from = "/cse-in";
        n.requestIdentifier = "o1";
        n.releaseVersionIndicator = "3";
        CompletableFuture<ResponsePrimitive> rsp = outbound.send(n, url, Serialization.XML);
        assertEquals(1, frames.sent.size());
        c.closed("gone");
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, rsp.join().responseStatusCode);
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, outbound.send(n, url, Serialization.JSON).join().responseStatusCode,
                "a connection closed since the receiver was resolved is unreachable");
        assertEquals(url, outbound.connectionTo("CAE1"), "the entity stays known: its next connection takes what is kept for it");
        Connection again = connection(frames);
        registry.bind("CAE1", again);
        outbound.send(n, url, Serialization.JSON);
        assertEquals(2, frames.sent.size());
    }
}
