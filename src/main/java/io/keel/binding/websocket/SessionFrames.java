package io.keel.binding.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Frames} over a Jakarta WebSocket session. Messages go out one after the other: the asynchronous remote of
 * a session takes no second message while one is being written, and one message may be a burst of notifications.
 */
final class SessionFrames implements Frames {
    /** RFC 6455 5.5: a control frame's payload, the close code's two bytes included, is at most 125 bytes. */
    private static final int MAX_REASON_CHARS = 100;
    private final Session session;
    private final boolean binary;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    SessionFrames(Session session, boolean binary) {
        this.session = session;
        this.binary = binary;
    }

    @Override
    public synchronized CompletableFuture<Void> send(byte[] message) {
        CompletableFuture<Void> sent = last.handle((v, e) -> null).thenCompose(v -> write(message));
        last = sent;
        return sent;
    }

    private CompletableFuture<Void> write(byte[] message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        SendHandler handler = result -> {
            if (result.isOK()) {
                written.complete(null);
            } else {
                written.completeExceptionally(result.getException());
            }
        };
        try {
            if (binary) {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(message), handler);
            } else {
                session.getAsyncRemote().sendText(new String(message, StandardCharsets.UTF_8), handler);
            }
        } catch (RuntimeException e) {
            written.completeExceptionally(e); // the session closed meanwhile
        }
        return written;
    }

    @Override
    public void close(String reason) {
        String phrase = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, phrase));
        } catch (IOException | RuntimeException e) {
            // Already closed: nothing left to close.
        }
    }
}
