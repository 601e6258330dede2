package io.keel.core.operation;

import io.keel.core.Outbound;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** An {@link Outbound} that records what the CSE sends and answers as the test says, 2000 OK unless told otherwise. */
final class RecordingOutbound implements Outbound {
    /** One request sent, with the number of write transactions the store had begun when it was sent. */
    record Sent(RequestPrimitive request, String url, int writesBefore) {
    }

    private final IntSupplier writes;
    private final List<Sent> sent = new ArrayList<>();
    volatile Function<RequestPrimitive, ResponsePrimitive> answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, null);

    RecordingOutbound(IntSupplier writes) {
        this.writes = writes;
    }

    /** Answers every request with this status code from now on. */
    void answerWith(ResponseStatusCode rsc) {
        answer = r -> new ResponsePrimitive(rsc, null);
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization) {
        synchronized (this) {
            sent.add(new Sent(request, url, writes.getAsInt()));
        }
        return CompletableFuture.completedFuture(answer.apply(request));
    }

    @Override
    public void close() {
    }
}
