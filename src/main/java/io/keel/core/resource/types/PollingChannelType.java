package io.keel.core.resource.types;

import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Set;

/**
 * {@code <pollingChannel>} (ty 15, m2m:pch), TS-0004 7.4.21; shared/spec §4.2: requests for an AE that cannot be
 * reached wait here, and the AE fetches them by a long-polling Retrieve of the virtual child {@code pcu}.
 */
public final class PollingChannelType extends ResourceType {
    public static final String POLLING_CHANNEL_URI = "pcu";

    public PollingChannelType() {
        super(ResourceTypes.POLLING_CHANNEL, "pch", List.of());
    }

    @Override
    public Set<String> virtualChildren() {
        return Set.of(POLLING_CHANNEL_URI);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        // Only the AE itself polls for its requests, and one channel serves it (shared/spec §4.2).
        if (op.parent.ty == ResourceTypes.AE && !op.parent.ri.equals(op.request.from)) {
            throw OneM2MException.noPrivilege("only the AE " + op.parent.ri + " may create its pollingChannel");
        }
        if (!op.tx.children(op.parent.ri, ResourceTypes.POLLING_CHANNEL).isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.CONFLICT, op.parent.srn + " has a pollingChannel already");
        }
    }
}
