package io.keel.persistence;

import io.keel.core.resource.Resource;
import java.time.Instant;

/** A resource as a type would hand it to the store, for the store's own tests: named by the last segment of its srn. */
final class StoredResource {
    private StoredResource() {
    }

    static Resource of(String ri, String pi, int ty, String srn) {
        return of(ri, pi, ty, srn, Instant.now());
    }

    static Resource of(String ri, String pi, int ty, String srn, Instant ct) {
        Resource r = new Resource();
        r.ri = ri;
        r.pi = pi;
        r.ty = ty;
        r.rn = srn.substring(srn.lastIndexOf('/') + 1);
        r.srn = srn;
        r.ct = ct;
        r.lt = ct;
        r.origin = "CAdmin";
        return r;
    }
}
