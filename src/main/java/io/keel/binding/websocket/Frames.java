package io.keel.binding.websocket;

import java.util.concurrent.CompletableFuture;

/** The sending side of one WebSocket connection: whole messages in the frame kind of its subprotocol. */
interface Frames {
    /** Completes when the message is written, exceptionally when it cannot be. */
    CompletableFuture<Void> send(byte[] message);

    /** Closes the connection (RFC 6455 7, TS-0020 6.3). */
    void close(String reason);
}
