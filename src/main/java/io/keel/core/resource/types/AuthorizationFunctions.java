package io.keel.core.resource.types;

import io.keel.core.access.Permission;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.RequestPrimitive;
import java.util.List;
import java.util.Map;

/**
 * What the CSE itself does as the PDP and PRP of distributed authorization (TS-0003 7.5; TS-0004 7.4.43, 7.4.44), for
 * {@code <authorizationDecision>} and {@code <authorizationPolicy>}: access control lives in {@code core.access}, which
 * the CSE binds here once it is built ({@link TypeRegistry#bindAuthorization}).
 */
public interface AuthorizationFunctions {
    /**
     * The access decision for the request on the resource {@code to} addresses, as this CSE takes it for requests it
     * receives (policies, then dynamic authorization: TS-0004 7.3.3.15); null when {@code to} names no resource here.
     */
    Boolean decide(ResourceTree tree, RequestPrimitive asked, Permission permission, String to);

    /**
     * The setOfAcrs of the policies that govern the resource {@code to} addresses (their pv, or a policy's own pvs);
     * null when {@code to} names no resource here, empty when none govern it.
     */
    List<Map<String, Object>> policies(ResourceTree tree, String to);

    /**
     * The access control information this CSE keeps for the originator {@code from} (TS-0003 7.5 PIP): the {@code
     * <role>}s that assign it a role now (those of {@code roleIds} only, when given) and the stored {@code <token>}s it
     * may use here now (those of {@code tokenIds} only, when given), verified as the access decision verifies them; their
     * representations by root element ({@code m2m:rol}, {@code m2m:tk}), none for nothing found.
     */
    Map<String, List<Map<String, Object>>> information(ResourceTree tree, String from, List<String> roleIds, List<String> tokenIds);

    /** Before the CSE binds its access control: every procedure ends with PROCESSING_ERROR. */
    AuthorizationFunctions UNBOUND = new AuthorizationFunctions() {
        @Override
        public Boolean decide(ResourceTree tree, RequestPrimitive asked, Permission permission, String to) {
            throw new IllegalStateException("no access control is bound");
        }

        @Override
        public List<Map<String, Object>> policies(ResourceTree tree, String to) {
            throw new IllegalStateException("no access control is bound");
        }

        @Override
        public Map<String, List<Map<String, Object>>> information(ResourceTree tree, String from, List<String> roleIds,
                                                                  List<String> tokenIds) {
            throw new IllegalStateException("no access control is bound");
        }
    };
}
