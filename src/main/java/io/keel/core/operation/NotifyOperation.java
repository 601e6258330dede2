package io.keel.core.operation;

import io.keel.core.access.Permission;
import io.keel.core.notification.Delivery;
import io.keel.core.notification.Receiver;
import io.keel.core.resource.NotifyRecipient;
import io.keel.core.resource.Resource;
import io.keel.core.routing.Route;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A Notify received (TS-0004 7.3.3.9.1, 7.3.3.9.2, 7.4.22.2.5): what it reaches is the addressed resource's type's to
 * say. To an AE it goes on to the AE — through its pollingChannel or its pointOfAccess — and the AE's answer comes
 * back; to the CSEBase the CSE takes it; to a virtual child its handler answers ({@code pcu}: the polling AE's answer
 * to a request it fetched).
 */
public final class NotifyOperation implements OperationHandler {
    private final OperationContext ctx;
    private final GroupNotifications groups;

    public NotifyOperation(OperationContext ctx) {
        this.ctx = ctx;
        this.groups = new GroupNotifications(ctx);
    }

    @Override
    public void checkParameters(RequestPrimitive req) {
        if (req.resultContent != null) {
            // No Result Content is valid for a Notify (TS-0004 table 7.2.1.1-1, 7.3.2.1).
            throw OneM2MException.badRequest("rcn is not valid for notify");
        }
        if (!(req.content instanceof Map<?, ?> content) || content.isEmpty()) {
            throw OneM2MException.badRequest("a Notify carries a notification (m2m:sgn, m2m:agn), a response (m2m:rsp) or"
                    + " security information (m2m:sei)");
        }
    }

    /**
     * A verification request to a crossResourceSubscription this CSE is creating, from the CSE of one of its targets,
     * where the subscription that will notify it is being made (TS-0004 7.4.58.2.1 c) ii) 2)): answered OK, although
     * the crossResourceSubscription is stored only once all its targets are linked.
     */
    @Override
    public Prepared beforeRoute(RequestPrimitive req) {
        if (req.content instanceof Map<?, ?> content && content.get("m2m:sgn") instanceof Map<?, ?> sgn
                && Boolean.TRUE.equals(sgn.get("vrq")) && req.to != null
                && ctx.notifications.crossResource().isLinking(localId(req.to), req.from)) {
            return Prepared.answered(new ResponsePrimitive(ResponseStatusCode.OK, null));
        }
        return null;
    }

    /** The resource ID a To of this CSE names unstructured (CSE-relative, SP-relative or absolute), else the To. */
    private String localId(String to) {
        String spRelative = to;
        if (to.startsWith("//")) {
            int slash = to.indexOf('/', 2);
            spRelative = slash < 0 ? to : to.substring(slash);
        }
        String prefix = ctx.cse.spRelativeCseId() + "/";
        return spRelative.startsWith(prefix) ? spRelative.substring(prefix.length()) : spRelative;
    }

    @Override
    public Prepared prepare(Transaction tx, RequestPrimitive req, Route route) {
        Map<?, ?> content = (Map<?, ?>) req.content;
        if (route instanceof Route.Virtual v) {
            ctx.requireVirtualAccess(tx.tree(), req, v, Operation.NOTIFY);
            return () -> v.child().notify(content, v.parent(), ctx.notifications.pollingChannels());
        }
        Resource r = route.resource();
        NotifyRecipient recipient = ctx.types.require(r.ty).notifyRecipient();
        if (recipient == NotifyRecipient.GROUP) {
            // Who may notify a group is whoever hosts its members (TS-0004 7.5.1.2.6), not what its acpi says.
            return groups.prepare(tx, req, content, r);
        }
        if (recipient == NotifyRecipient.THIS_CSE && content.containsKey("m2m:sei")) {
            // TS-0004 7.5.1.2.14: the relationship mapping proves who may ask (a verified token's holder, a decision
            // point's AE), not the CSEBase's policies.
            return () -> CompletableFuture.completedFuture(ctx.access.relationshipMapping(req));
        }
        if (!ctx.types.require(r.ty).notifiedBy(r, req.from)) {
            checkVerification(tx, req, content, r);
            ctx.requireAccess(tx.tree(), req, Permission.NOTIFY, r);
        }
        return switch (recipient) {
            case THIS_CSE -> {
                if (!content.containsKey("m2m:sgn") && !content.containsKey("m2m:agn")) {
                    throw OneM2MException.badRequest("a Notify to the CSE carries m2m:sgn, m2m:agn or m2m:sei");
                }
                // The CSE subscribes to nothing elsewhere, so a notification for it needs no action beyond an OK.
                yield Prepared.answered(new ResponsePrimitive(ResponseStatusCode.OK, null));
            }
            case ENTITY -> {
                Receiver receiver = ctx.notifications.receivers().ofAe(tx.tree(), req.to, r);
                yield () -> forward(req, receiver);
            }
            case RESOURCE -> () -> ctx.notifications.crossResource().receive(req, r.ri);
            case NONE, GROUP -> throw OneM2MException.notAllowed("only an AE, the CSEBase or a group receives a Notify, not " + r.srn);
        };
    }

    /**
     * A verification request (TS-0004 7.5.1.2.3, receiver): the subscription's host (the originator) and its creator
     * (cr) both need Notify privilege on the target, else 5205 or 4101.
     */
    private void checkVerification(Transaction tx, RequestPrimitive req, Map<?, ?> content, Resource target) {
        if (!(content.get("m2m:sgn") instanceof Map<?, ?> sgn) || !Boolean.TRUE.equals(sgn.get("vrq"))) {
            return;
        }
        if (!ctx.access.allows(tx.tree(), req, Permission.NOTIFY, target)) {
            throw new OneM2MException(ResponseStatusCode.SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE,
                    "the subscription host " + req.from + " may not notify " + target.srn);
        }
        if (sgn.get("cr") instanceof String creator) {
            RequestPrimitive asCreator = req.copy();
            asCreator.from = creator;
            if (!ctx.access.allows(tx.tree(), asCreator, Permission.NOTIFY, target)) {
                throw new OneM2MException(ResponseStatusCode.SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE,
                        "the subscription creator " + creator + " may not notify " + target.srn);
            }
        }
    }

    private CompletableFuture<ResponsePrimitive> forward(RequestPrimitive req, Receiver receiver) {
        RequestPrimitive n = Delivery.notify(receiver, req.from, req.content, req.eventCategory);
        n.requestIdentifier = req.requestIdentifier;
        n.releaseVersionIndicator = req.releaseVersionIndicator;
        n.originatingTimestamp = req.originatingTimestamp;
        return ctx.notifications.delivery().send(receiver, n).thenApply(rsp -> {
            ResponsePrimitive relayed = new ResponsePrimitive(rsp.responseStatusCode, rsp.content);
            relayed.from = rsp.from;
            return relayed;
        });
    }
}
