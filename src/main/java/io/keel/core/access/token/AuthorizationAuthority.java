package io.keel.core.access.token;

import io.keel.core.CseIdentity;

/**
 * Who acts as the Authorization Authority of this CSE (TS-0003 7.4.1): the administrator originator and the CSE itself.
 * Only it assigns roles ({@code <role>}) and has the CSE issue tokens: what either says grants privileges, so nobody
 * else may say it.
 */
public final class AuthorizationAuthority {
    private AuthorizationAuthority() {
    }

    public static boolean is(String originator, CseIdentity cse) {
        if (originator == null) {
            return false;
        }
        return originator.equals(cse.adminOriginator()) || originator.equals(cse.cseId())
                || originator.equals(cse.spRelativeCseId()) || originator.equals("//" + cse.spId() + cse.spRelativeCseId());
    }
}
