package io.keel.it;

import io.keel.primitive.Serialization;

/** The shared scenarios over the WebSocket binding in oneM2M.cbor (binary frames). */
class CborWebSocketScenariosIT extends WebSocketScenariosIT {
    @Override
    Serialization serialization() {
        return Serialization.CBOR;
    }
}
