package io.keel.core.location;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;

/** Release 4 Creates of a {@code <locationPolicy>} under the CSEBase, as the admin, for the location tests. */
final class PolicyRequests {
    private PolicyRequests() {
    }

    /** The answer to a Create with these attributes (name, value, …). */
    static ResponsePrimitive policy(CoreFixture cse, Object... attributes) {
        RequestPrimitive req = cse.create("cse-in", CoreFixture.ADMIN, ResourceTypes.LOCATION_POLICY, map("m2m:lcp", map(attributes)));
        req.releaseVersionIndicator = "4";
        return cse.send(req);
    }

    /** The policy a Create with these attributes made (2001 asserted). */
    static Resource created(CoreFixture cse, Object... attributes) {
        ResponsePrimitive rsp = policy(cse, attributes);
        assertRsc(ResponseStatusCode.CREATED, rsp);
        return cse.tree.find((String) body(rsp, "m2m:lcp").get("ri"));
    }
}
