package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.PolledRequests;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.PrimitiveMaps;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code <pollingChannel>} (ty 15, m2m:pch), TS-0004 7.4.21: requests for an AE that cannot be reached wait here, and
 * the AE fetches them by a long-polling Retrieve of the virtual child {@code pcu} (7.4.22), answering each with a
 * Notify to {@code pcu}.
 */
public final class PollingChannelType extends ResourceType {
    public static final String POLLING_CHANNEL_URI = "pcu";

    public PollingChannelType() {
        super(ResourceTypes.POLLING_CHANNEL, "pch", List.of());
    }

    @Override
    public Map<String, VirtualChild> virtualChildren() {
        return Map.of(POLLING_CHANNEL_URI, PollingChannelUri.INSTANCE);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        // Only the AE itself polls for its requests, and one channel serves it (TS-0004 7.4.21.2.1, 7.4.5.1).
        if (op.parent.ty == ResourceTypes.AE && !op.parent.ri.equals(op.request.from)) {
            throw OneM2MException.noPrivilege("only the AE " + op.parent.ri + " may create its pollingChannel");
        }
        if (!op.tree.children(op.parent.ri, ResourceTypes.POLLING_CHANNEL).isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, op.parent.srn + " has a pollingChannel already");
        }
    }

    /** Retrieve, Update and Delete of a channel: its AE only, whatever the policies say (TS-0004 7.4.21.2.2–7.4.21.2.4). */
    @Override
    public void checkOriginator(ResourceTree tree, RequestPrimitive req, Resource channel) {
        Resource owner = tree.find(channel.pi);
        if (owner != null && owner.ty == ResourceTypes.AE && !isEntity(req.from, owner)) {
            throw OneM2MException.noPrivilege("only the AE " + owner.ri + " may use its pollingChannel");
        }
    }

    /** The originator is the AE, by its AE-ID or its SP-relative form (/{CSE-ID}/{AE-ID}; the AE's parent is the CSEBase). */
    private static boolean isEntity(String originator, Resource ae) {
        return ae.ri.equals(originator) || ("/" + ae.pi + "/" + ae.ri).equals(originator);
    }

    /** An AE-ID in its CSE-relative form: {@code /id-in/Cae} is {@code Cae}. */
    private static String aeId(String originator) {
        int slash = originator.indexOf('/', 1);
        return originator.startsWith("/") && slash > 0 && originator.indexOf('/', slash + 1) < 0
                ? originator.substring(slash + 1) : originator;
    }

    /** {@code pcu}: polled by a Retrieve, answered by a Notify carrying {@code m2m:rsp}; nothing else. */
    private static final class PollingChannelUri extends VirtualChild {
        static final PollingChannelUri INSTANCE = new PollingChannelUri();

        private PollingChannelUri() {
            super(POLLING_CHANNEL_URI);
        }

        /** Only the creator of the channel polls and answers through it (TS-0004 7.4.22.2.2, 7.4.22.2.5). */
        @Override
        public void checkOriginator(RequestPrimitive req, Resource channel) {
            if (channel.origin == null || req.from == null || !aeId(channel.origin).equals(aeId(req.from))) {
                throw OneM2MException.noPrivilege("only the creator of the pollingChannel, " + channel.origin + ", uses its pcu");
            }
        }

        /** The polling AE answers with the privilege it polls with. */
        @Override
        public Permission permission(Operation op) {
            return op == Operation.NOTIFY ? Permission.RETRIEVE : Permission.of(op);
        }

        /** Waits until the poll's own expiration when it has one (TS-0004 7.4.22.2.2; TS-0001 9.6.22). */
        @Override
        public CompletableFuture<ResponsePrimitive> retrieve(RequestPrimitive req, Resource channel, PolledRequests polling) {
            return polling.poll(channel.ri, req.requestExpirationTimestamp);
        }

        /** The AE's answer to a request it polled, handed to whoever waits for it. */
        @Override
        public CompletableFuture<ResponsePrimitive> notify(Map<?, ?> content, Resource channel, PolledRequests polling) {
            if (!(content.get("m2m:rsp") instanceof Map<?, ?> rsp)) {
                throw OneM2MException.badRequest("an answer through pcu carries m2m:rsp");
            }
            ResponsePrimitive answer = PrimitiveMaps.response(rsp);
            if (answer.requestIdentifier == null) {
                throw OneM2MException.badRequest("m2m:rsp needs the rqi of the request it answers");
            }
            if (!polling.respond(answer)) {
                throw OneM2MException.notFound("no request " + answer.requestIdentifier + " waits for an answer");
            }
            return CompletableFuture.completedFuture(new ResponsePrimitive(ResponseStatusCode.OK, null));
        }

        @Override
        public OneM2MException refused(Operation op) {
            return op == Operation.DELETE ? OneM2MException.notAllowed("pcu is only polled (Retrieve) and answered (Notify)")
                    : super.refused(op);
        }
    }
}
