package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Set;

/**
 * {@code <request>} (ty 17, m2m:req), TS-0004 7.4.12, 7.3.2.2, 7.3.2.5: the CSE's record of a non-blocking
 * request — what was asked, its state, and once done its result. Only the CSE creates and changes it.
 */
public final class RequestType extends ResourceType {
    /** requestStatus (TS-0004 6.3.4.2.10). */
    public static final long COMPLETED = 1;
    public static final long FAILED = 2;
    public static final long PENDING = 3;
    public static final long PARTIALLY_COMPLETED = 5;

    public RequestType() {
        super(ResourceTypes.REQUEST, "req", List.of(
                // Never set: instead of the ACP of TS-0004 table 7.3.2.2-1, the default policy (TS-0001 9.6.1.3.2)
                // gives the request to its originator.
                AttributeDef.readOnly(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly("op", AttributeType.OPERATION),
                AttributeDef.readOnly("tg", AttributeType.ANY_URI),
                AttributeDef.readOnly("org", AttributeType.ID),
                AttributeDef.readOnly("rid", AttributeType.STRING),
                AttributeDef.readOnly("mi", AttributeType.ANY),
                AttributeDef.readOnly("pc", AttributeType.ANY),
                AttributeDef.readOnly("rs", AttributeType.REQUEST_STATUS),
                AttributeDef.readOnly("ors", AttributeType.ANY)));
    }

    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public boolean hasStateTag() {
        return true;
    }

    @Override
    public boolean creatableByRequest() {
        return false;
    }

    @Override
    public boolean updatable() {
        return false;
    }

    /**
     * A Delete of a request still pending would have to cancel it, one partially completed cannot be (TS-0004
     * 7.4.12.2.4); Keel cannot recall a request it has accepted, so it answers 5220 and keeps the {@code <request>}.
     * Expiry deletes it regardless.
     */
    @Override
    public void beforeDelete(ResourceOperation op) {
        long rs = op.resource.getLong("rs", 0);
        if (op.request != null && op.request.operation == Operation.DELETE && (rs == PENDING || rs == PARTIALLY_COMPLETED)) {
            throw new OneM2MException(ResponseStatusCode.UNABLE_TO_RECALL_REQUEST,
                    "request " + op.resource.get("rid") + " is pending and cannot be recalled");
        }
    }
}
