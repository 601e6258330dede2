package io.keel.binding.websocket;

import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.Serialization;
import io.keel.serialization.PrimitiveCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Records what a connection sends; a broken one fails every write. */
final class FakeFrames implements Frames {
    final List<byte[]> sent = new ArrayList<>();
    boolean broken;
    String closedWith;

    @Override
    public CompletableFuture<Void> send(byte[] message) {
        if (broken) {
            return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
        }
        sent.add(message);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(String reason) {
        closedWith = reason;
    }

    ResponsePrimitive lastResponse(Serialization s) {
        return PrimitiveCodec.decodeResponse(sent.get(sent.size() - 1), s);
    }
}
