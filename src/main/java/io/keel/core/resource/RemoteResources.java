package io.keel.core.resource;

import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;

/**
 * Resources of other CSEs as a type's {@link ResourceType#beforeTransaction} hook may need them, retrieved through
 * forwarding (TS-0004 7.3.2.6) as the originator of the request under way, so the hosting CSE's access control judges
 * it: e.g. the members of a {@code <group>} on other CSEs, whose type is validated (TS-0004 7.4.13.2.1).
 */
public interface RemoteResources {
    /** A CSE that reaches no other CSE: every remote resource is unreachable. */
    RemoteResources NONE = new RemoteResources() {
        @Override
        public boolean ofAnotherCse(String id) {
            return false;
        }

        @Override
        public Retrieved retrieve(String id, RequestPrimitive original) {
            return new Retrieved(ResponseStatusCode.TARGET_NOT_REACHABLE, null, "this CSE forwards nothing");
        }
    };

    /**
     * What a retrieve of a resource of another CSE answered.
     *
     * @param rsc    the answer's response status code
     * @param ty     the resource's type when it was retrieved, else null
     * @param reason why not, when it was not
     */
    record Retrieved(ResponseStatusCode rsc, Integer ty, String reason) {
        public boolean unreachable() {
            return rsc != ResponseStatusCode.OK && !refused() && rsc != ResponseStatusCode.NOT_FOUND;
        }

        /**
         * Whether the resource's CSE refused the originator: 4103 as a hosting CSE answers it (TS-0004 7.2.2.2), or
         * 5105 from a CSE on the way.
         */
        public boolean refused() {
            return rsc == ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE || rsc == ResponseStatusCode.RECEIVER_HAS_NO_PRIVILEGE;
        }
    }

    /** Whether the ID names a resource of another CSE (SP-relative or absolute with another CSE-ID). */
    boolean ofAnotherCse(String id);

    /** Retrieves it as the original request's originator; blocks at most for the forwarding timeout. */
    Retrieved retrieve(String id, RequestPrimitive original);
}
