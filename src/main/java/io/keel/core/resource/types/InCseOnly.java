package io.keel.core.resource.types;

import io.keel.core.CseIdentity;
import io.keel.core.resource.ResourceType;
import io.keel.primitive.OneM2MException;

/**
 * The service subscription resources exist on an IN-CSE only (TS-0004 table 6.3.4.2.1-1; TS-0001 9.6.19, 9.6.20,
 * 9.6.29): elsewhere a Create of one is not allowed.
 */
final class InCseOnly {
    /** m2m:cseTypeID (TS-0004 6.3.4.2.2): 1 is IN-CSE. */
    private static final int IN_CSE = 1;

    private InCseOnly() {
    }

    static void check(CseIdentity cse, ResourceType type) {
        if (cse.cseType() != IN_CSE) {
            throw OneM2MException.notAllowed(type.rootElement() + " exists on an IN-CSE only (TS-0001 9.6.19)");
        }
    }
}
