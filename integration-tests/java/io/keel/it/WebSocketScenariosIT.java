package io.keel.it;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;

/**
 * The shared scenarios over the WebSocket binding (TS-0020), in oneM2M.json: each originator has its own connection
 * (TS-0020 5.2), opened with its first request; an AE registers without a pointOfAccess and is notified over its
 * connection (TS-0009 Annex B), answering each Notify with 2000. {@link CborWebSocketScenariosIT} and
 * {@link XmlWebSocketScenariosIT} run the same in the other subprotocols.
 */
class WebSocketScenariosIT extends KeelIT implements PrimitiveScenarios {
    private final Map<String, WsClient> connections = new ConcurrentHashMap<>();

    Serialization serialization() {
        return Serialization.JSON;
    }

    private WsClient connectionOf(String originator) throws Exception {
        WsClient existing = connections.get(originator);
        if (existing != null) {
            return existing;
        }
        WsClient ws = WsClient.open(base, "oneM2M." + serialization().token()).answering(2000);
        connections.put(originator, ws);
        return ws;
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (WsClient ws : connections.values()) {
            ws.close();
        }
    }

    @Override
    public ResponsePrimitive exchange(RequestPrimitive request) throws Exception {
        WsClient ws = connectionOf(request.from);
        ws.sendEncoded(PrimitiveCodec.encode(request, serialization()));
        ws.response(request.requestIdentifier);
        return PrimitiveCodec.decodeResponse(ws.lastRaw(), serialization());
    }

    @Override
    public List<String> aePointOfAccess(String originator) {
        return List.of();
    }

    @Override
    public RequestPrimitive requestReceivedBy(String originator, Duration timeout) throws Exception {
        WsClient ws = connectionOf(originator);
        return ws.nextRequest(timeout) == null ? null : PrimitiveCodec.decodeRequest(ws.lastRaw(), serialization(), Instant.now());
    }
}
