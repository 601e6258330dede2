package io.keel.core.notification;

import io.keel.core.Identifiers;
import io.keel.core.Outbound;
import io.keel.core.ReleaseView;
import io.keel.primitive.Operation;
import io.keel.primitive.ReleaseVersion;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends a Notify to a {@link Receiver}: over HTTP to its URLs in turn, into its pollingChannel, to this CSE, or to
 * another CSE's entity through the next hop.
 */
public final class Delivery {
    private static final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> NO_FORWARDING =
            n -> CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    n.to + " is an entity of another CSE, and this CSE forwards nothing"));
    private final Outbound outbound;
    /** Passes a request addressed to another CSE's entity to the next hop (TS-0004 7.3.2.6); set by the composition. */
    private volatile Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> forwarder = NO_FORWARDING;
    private final PollingChannels polling;
    /** Handles a request addressed to a resource of this CSE as if received; set by the composition. */
    private volatile Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> local = n ->
            CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    n.to + " is a group of this CSE, and no dispatcher has been set"));
    /** Hands a Notify to a resource of this CSE that acts on it (a crossResourceSubscription); set by the composition. */
    private volatile Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> resources = n ->
            CompletableFuture.completedFuture(ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE,
                    n.to + " takes no notifications here"));
    private final ReleaseView releases;

    public Delivery(Outbound outbound, PollingChannels polling, ReleaseView releases) {
        this.outbound = outbound;
        this.polling = polling;
        this.releases = releases;
    }

    /**
     * How requests for other CSEs' entities leave this CSE: like any request for another CSE, to the next hop. Never
     * fails exceptionally.
     */
    public void forwardWith(Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> forwarder) {
        this.forwarder = forwarder;
    }

    /** How a Notify for a group of this CSE is handled: as a request received (never fails exceptionally). */
    public void dispatchLocallyWith(Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> local) {
        this.local = local;
    }

    /** How a Notify reaches a resource of this CSE that acts on notifications itself. Never fails exceptionally. */
    public void deliverToResourcesWith(Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> resources) {
        this.resources = resources;
    }

    /** A Notify request primitive from this CSE (or another originator, when it is forwarded) to a receiver. */
    public static RequestPrimitive notify(Receiver receiver, String from, Object content, Integer eventCategory) {
        RequestPrimitive n = new RequestPrimitive();
        n.operation = Operation.NOTIFY;
        n.to = receiver.address();
        n.from = from;
        n.requestIdentifier = "notify-" + Identifiers.random(16);
        String release = receiver.releaseVersion() == null ? Receivers.DEFAULT_RELEASE : receiver.releaseVersion();
        // Nothing sent to a Release 1 entity carries rvi (TS-0004 7.3.1.1).
        n.releaseVersionIndicator = ReleaseVersion.RELEASE_1.equals(release) ? null : release;
        n.content = content;
        n.eventCategory = eventCategory;
        return n;
    }

    /**
     * Never fails exceptionally; an unreachable receiver is a 5103 response. The resources in the content are shown
     * as the receiver's release knows them.
     */
    public CompletableFuture<ResponsePrimitive> send(Receiver receiver, RequestPrimitive request) {
        request.content = releases.fit(request.content,
                request.releaseVersionIndicator == null ? ReleaseVersion.RELEASE_1 : request.releaseVersionIndicator);
        return switch (receiver.kind()) {
            case URLS -> viaUrls(receiver, request, 0);
            case POLLING_CHANNEL -> polling.deliver(receiver.pollingChannel(), request);
            // Notifications for the CSE itself concern subscriptions it made elsewhere; it has none to act on.
            case THIS_CSE -> CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null));
            case REMOTE -> forwarder.apply(request);
            case GROUP -> {
                // This CSE's own Notify to its own group, handed over in the process: no binding to authenticate it.
                request.originatorAuthenticated = true;
                yield local.apply(request);
            }
            case RESOURCE -> resources.apply(request);
            case UNREACHABLE -> CompletableFuture.completedFuture(
                    ResponsePrimitive.error(ResponseStatusCode.TARGET_NOT_REACHABLE, receiver.reason()));
        };
    }

    /** The pointOfAccess entries in order, until one is reached (TS-0004 7.3.3.9.1). */
    private CompletableFuture<ResponsePrimitive> viaUrls(Receiver receiver, RequestPrimitive request, int index) {
        List<String> urls = receiver.urls();
        return outbound.send(request, urls.get(index), receiver.serialization()).thenCompose(rsp -> {
            boolean unreached = rsp.responseStatusCode == ResponseStatusCode.TARGET_NOT_REACHABLE
                    || rsp.responseStatusCode == ResponseStatusCode.REQUEST_TIMEOUT;
            return unreached && index + 1 < urls.size() ? viaUrls(receiver, request, index + 1)
                    : CompletableFuture.completedFuture(rsp);
        });
    }

    /**
     * Whether the receiver answered at all: a response that is not this CSE's own report of a receiver it could not
     * reach or that did not answer in time.
     */
    static boolean answered(ResponsePrimitive rsp) {
        return rsp != null && rsp.responseStatusCode != null
                && rsp.responseStatusCode != ResponseStatusCode.TARGET_NOT_REACHABLE
                && rsp.responseStatusCode != ResponseStatusCode.REQUEST_TIMEOUT;
    }

    public static boolean succeeded(ResponsePrimitive rsp) {
        return rsp != null && rsp.responseStatusCode != null && rsp.responseStatusCode.code() >= 2000
                && rsp.responseStatusCode.code() < 3000;
    }
}
