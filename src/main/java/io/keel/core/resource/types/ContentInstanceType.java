package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** {@code <contentInstance>} (ty 4, m2m:cin), TS-0004 7.4.7: immutable; its container keeps the counters. */
public final class ContentInstanceType extends ResourceType {
    public ContentInstanceType() {
        super(ResourceTypes.CONTENT_INSTANCE, "cin", List.of(
                AttributeDef.createOnly("cnf", AttributeType.CONTENT_INFO, Presence.OPTIONAL),
                AttributeDef.readOnly("cs", AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.createOnly("or", AttributeType.TOKEN, Presence.OPTIONAL),
                AttributeDef.createOnly("con", AttributeType.ANY, Presence.MANDATORY)));
    }

    @Override
    public boolean hasStateTag() {
        return true;
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    @Override
    public boolean updatable() {
        return false;
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        Resource cin = op.resource;
        Resource cnt = op.parent;
        cin.cs = sizeOf(cin.get("con"));
        Long mbs = (Long) cnt.get("mbs");
        if (mbs != null && cin.cs > mbs) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE,
                    "content size " + cin.cs + " exceeds the container's maxByteSize " + mbs);
        }
        Long mia = (Long) cnt.get("mia");
        if (mia != null) {
            Instant limit = cin.ct.plusSeconds(mia);
            if (cin.et.isAfter(limit)) {
                cin.et = limit;
            }
        }
        // The container's stateTag counts every new instance; the instance carries the value it caused.
        cnt.st++;
        cin.st = cnt.st;
    }

    @Override
    public void afterCreate(ResourceOperation op) {
        Resource cnt = op.parent;
        cnt.attributes.put("cni", cnt.getLong("cni", 0) + 1);
        cnt.attributes.put("cbs", cnt.getLong("cbs", 0) + op.resource.cs);
        cnt.lt = op.now;
        ContainerType.trimToQuota(op, cnt);
        op.tx.update(cnt);
    }

    @Override
    public void beforeDelete(ResourceOperation op) {
        Resource cnt = op.parent;
        if (cnt == null || cnt.ty != ResourceTypes.CONTAINER) {
            return;
        }
        cnt.attributes.put("cni", Math.max(0, cnt.getLong("cni", 0) - 1));
        cnt.attributes.put("cbs", Math.max(0, cnt.getLong("cbs", 0) - (op.resource.cs == null ? 0 : op.resource.cs)));
        op.tx.update(cnt);
    }

    /** contentSize: the bytes of a string content, or of its JSON form when the content is structured. */
    static long sizeOf(Object con) {
        if (con instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return ContentCodec.toJson(con).getBytes(StandardCharsets.UTF_8).length;
    }
}
