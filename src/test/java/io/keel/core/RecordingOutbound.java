package io.keel.core;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link Outbound} that records what the CSE sends and answers 2000 at once, as a receiver that accepts it. */
final class RecordingOutbound implements Outbound {
    record Sent(RequestPrimitive request, String url, Serialization serialization) {
    }

    private final LinkedBlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final List<Sent> all = new ArrayList<>();

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization) {
        Sent s = new Sent(request, url, serialization);
        synchronized (all) {
            all.add(s);
        }
        sent.add(s);
        return CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null));
    }

    /** The next request sent, waiting up to five seconds for it; null if none came. */
    Sent next() throws InterruptedException {
        return sent.poll(5, TimeUnit.SECONDS);
    }

    List<Sent> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    @Override
    public void close() {
    }
}
