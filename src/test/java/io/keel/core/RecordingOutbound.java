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
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * An {@link Outbound} that records what the CSE sends and answers at once as the test says: 2000 OK, as a receiver
 * that accepts it, unless told otherwise.
 */
public final class RecordingOutbound implements Outbound {
    /**
     * One request sent, with the number of write transactions the store had begun when it was sent; a forwarded one
     * (TS-0004 7.3.2.6) has the next hop's point of access as url and its hop, else the hop is null.
     */
    public record Sent(RequestPrimitive request, String url, Serialization serialization, int writesBefore, Hop hop) {
        public Sent(RequestPrimitive request, String url, Serialization serialization, int writesBefore) {
            this(request, url, serialization, writesBefore, null);
        }
    }

    /** Answers forwarded requests; null: as {@link #answer} says. A test may return a future that never completes. */
    public volatile Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> forwardAnswer;

    private final IntSupplier writes;
    private final LinkedBlockingQueue<Sent> unread = new LinkedBlockingQueue<>();
    private final List<Sent> sent = new ArrayList<>();
    public volatile Function<RequestPrimitive, ResponsePrimitive> answer = r -> new ResponsePrimitive(ResponseStatusCode.OK, null);

    public RecordingOutbound() {
        this(() -> 0);
    }

    /** @param writes how many write transactions the store has begun, recorded with each request */
    public RecordingOutbound(IntSupplier writes) {
        this.writes = writes;
    }

    /** Answers every request with this status code from now on. */
    public void answerWith(ResponseStatusCode rsc) {
        answer = r -> new ResponsePrimitive(rsc, null);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> send(RequestPrimitive request, String url, Serialization serialization) {
        Sent s = new Sent(request, url, serialization, writes.getAsInt());
        synchronized (sent) {
            sent.add(s);
        }
        unread.add(s);
        return CompletableFuture.completedFuture(answer.apply(request));
    }

    /** As a CSE with the HTTP binding only, unless a test adds schemes. */
    public volatile java.util.function.Predicate<String> reachable =
            url -> url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8);

    /** The connection each entity holds open to the CSE (TS-0020 5.2); none unless a test says so. */
    public volatile Function<String, String> connections = entityId -> null;

    @Override
    public String connectionTo(String entityId) {
        return connections.apply(entityId);
    }

    @Override
    public boolean reaches(String pointOfAccess) {
        return reachable.test(pointOfAccess);
    }

    @Override
    public CompletableFuture<ResponsePrimitive> forward(RequestPrimitive request, Serialization serialization, Hop hop) {
        Sent s = new Sent(request, hop.pointOfAccess(), serialization, writes.getAsInt(), hop);
        synchronized (sent) {
            sent.add(s);
        }
        unread.add(s);
        Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> f = forwardAnswer;
        return f != null ? f.apply(request) : CompletableFuture.completedFuture(answer.apply(request));
    }

    /** Everything sent so far, in order. */
    public List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** The next request not taken yet, waiting up to five seconds for it; null if none came. */
    public Sent next() throws InterruptedException {
        return unread.poll(5, TimeUnit.SECONDS);
    }

    /** The next request not taken yet, waiting up to {@code millis} for it; null if none came. */
    public Sent next(long millis) throws InterruptedException {
        return unread.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
    }
}
