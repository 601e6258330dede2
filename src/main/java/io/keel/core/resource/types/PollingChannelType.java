package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.resource.PolledRequests;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.VirtualChild;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.PrimitiveMaps;
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

    /** {@code pcu}: polled by a Retrieve, answered by a Notify carrying {@code m2m:rsp}; nothing else. */
    private static final class PollingChannelUri extends VirtualChild {
        static final PollingChannelUri INSTANCE = new PollingChannelUri();

        private PollingChannelUri() {
            super(POLLING_CHANNEL_URI);
        }

        /** The polling AE answers with the privilege it polls with. */
        @Override
        public Permission permission(Operation op) {
            return op == Operation.NOTIFY ? Permission.RETRIEVE : Permission.of(op);
        }

        @Override
        public CompletableFuture<ResponsePrimitive> retrieve(Resource channel, PolledRequests polling) {
            return polling.poll(channel.ri);
        }

        /** The AE's answer to a request it polled, handed to whoever waits for it. */
        @Override
        public CompletableFuture<ResponsePrimitive> notify(Map<?, ?> content, Resource channel, PolledRequests polling) {
            if (!(content.get("m2m:rsp") instanceof Map<?, ?> rsp)) {
                throw OneM2MException.badRequest("an answer through pcu carries m2m:rsp");
            }
            ResponsePrimitive answer = PrimitiveMaps.response(rsp);
            if (answer == null || answer.requestIdentifier == null) {
                throw OneM2MException.badRequest("m2m:rsp needs a known rsc and the rqi of the request it answers");
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
