package io.keel.core.operation;

import io.keel.core.Target;
import io.keel.core.notification.Delivery;
import io.keel.core.notification.Receiver;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.PollingChannelType;
import io.keel.primitive.OneM2MException;
import io.keel.core.access.Permission;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A Notify received (TS-0004 7.3.3.9; shared/spec §10.6): to an AE it goes on to the AE — through its pollingChannel
 * or its pointOfAccess — and the AE's answer comes back; to the CSEBase the CSE takes it; to a pollingChannel's
 * {@code pcu} it is the polling AE's answer ({@code m2m:rsp}) to a request it fetched.
 */
public final class NotifyOperation {
    private final Operations ops;

    public NotifyOperation(Operations ops) {
        this.ops = ops;
    }

    private enum Kind { FORWARD, THIS_CSE, POLLING_ANSWER }

    private record Route(Kind kind, Receiver receiver) {
    }

    public CompletableFuture<ResponsePrimitive> execute(RequestPrimitive req) {
        if (!(req.content instanceof Map<?, ?> content) || content.isEmpty()) {
            throw OneM2MException.badRequest("a Notify carries a notification (m2m:sgn, m2m:agn) or a response (m2m:rsp)");
        }
        Route route = ops.store.read(tx -> {
            Target target = ops.resolver.resolve(tx, req.to);
            Resource r = target.resource();
            if (PollingChannelType.POLLING_CHANNEL_URI.equals(target.virtualChild())) {
                ops.requireAccess(tx, req, Permission.RETRIEVE, r); // the polling AE, like its Retrieve of pcu
                return new Route(Kind.POLLING_ANSWER, null);
            }
            if (target.isVirtual()) {
                throw OneM2MException.notAllowed(target.virtualChild() + " takes no Notify");
            }
            ops.requireAccess(tx, req, Permission.NOTIFY, r);
            return switch (r.ty) {
                case ResourceTypes.CSE_BASE -> new Route(Kind.THIS_CSE, null);
                case ResourceTypes.AE -> new Route(Kind.FORWARD, ops.notifications.receivers().ofAe(tx, req.to, r));
                default -> throw OneM2MException.notAllowed("only an AE or the CSEBase receives a Notify, not " + r.srn);
            };
        });
        return switch (route.kind()) {
            case POLLING_ANSWER -> CompletableFuture.completedFuture(answer(content));
            case THIS_CSE -> {
                if (!content.containsKey("m2m:sgn") && !content.containsKey("m2m:agn")) {
                    throw OneM2MException.badRequest("a Notify to the CSE carries m2m:sgn or m2m:agn");
                }
                // The CSE subscribes to nothing elsewhere, so a notification for it needs no action beyond an OK.
                yield CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null));
            }
            case FORWARD -> forward(req, route.receiver());
        };
    }

    /** The AE's answer to a request it polled: handed to whoever waits for it. */
    private ResponsePrimitive answer(Map<?, ?> content) {
        if (!(content.get("m2m:rsp") instanceof Map<?, ?> rsp)) {
            throw OneM2MException.badRequest("an answer through pcu carries m2m:rsp");
        }
        ResponsePrimitive answer = PrimitiveMaps.response(rsp);
        if (answer == null || answer.requestIdentifier == null) {
            throw OneM2MException.badRequest("m2m:rsp needs a known rsc and the rqi of the request it answers");
        }
        if (!ops.notifications.pollingChannels().respond(answer)) {
            throw OneM2MException.notFound("no request " + answer.requestIdentifier + " waits for an answer");
        }
        return new ResponsePrimitive(ResponseStatusCode.OK, null);
    }

    private CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Receiver receiver) {
        RequestPrimitive n = Delivery.notify(receiver, req.from, req.content, req.eventCategory);
        n.requestIdentifier = req.requestIdentifier;
        n.releaseVersionIndicator = req.releaseVersionIndicator;
        n.originatingTimestamp = req.originatingTimestamp;
        return ops.notifications.delivery().send(receiver, n).thenApply(rsp -> {
            ResponsePrimitive relayed = new ResponsePrimitive(rsp.responseStatusCode, rsp.content);
            relayed.from = rsp.from;
            return relayed;
        });
    }
}
