package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.notification.NotificationTargetRemovals;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which policy governs a notification target leaving through ntsr (TS-0004 7.4.33.2.4; TS-0001 10.2.10.8), and who is a
 * target: the cases the ITs cannot arrange (a policy an AE made under the CSEBase, another default action).
 */
class NotificationTargetRemovalTest {
    private static final String URL = "http://elsewhere.example/n";
    private final CoreFixture cse = new CoreFixture();

    NotificationTargetRemovalTest() {
        cse.ae("Csubscriber", "subscriber");
        cse.listener("Ctarget", "target", "http://target.example/n", "Csubscriber");
    }

    @AfterEach
    void close() {
        cse.close();
    }

    private Resource subscription(List<String> nu) {
        Resource sub = cse.add("sub1", "Csubscriber", ResourceTypes.SUBSCRIPTION, "sub");
        sub.attributes.put("nu", nu);
        sub.attributes.put("nct", 1L);
        sub.cr = "Csubscriber";
        sub.origin = "Csubscriber";
        return sub;
    }

    private void policy(String ri, String creator, String label, long action) {
        Resource p = cse.add(ri, CoreFixture.CSE_BASE, ResourceTypes.NOTIFICATION_TARGET_POLICY, ri);
        p.cr = creator;
        p.attributes.put("plbl", label);
        p.attributes.put("acn", action);
    }

    private io.keel.primitive.ResponsePrimitive leave(String originator) {
        return cse.send(cse.request(Operation.DELETE, "cse-in/subscriber/sub/ntsr", originator));
    }

    @Test
    void ts0001_10_2_10_8_theSubscriptionCreatorsDefaultPolicyComesBeforeTheServiceProviders() {
        cse.targetRemoval(NotificationTargetRemovals.ACCEPT);
        subscription(List.of("Ctarget", URL));
        policy("ntpSp", CoreFixture.ADMIN, "Default", NotificationTargetRemovals.ACCEPT);
        policy("ntpOwn", "Csubscriber", "default", NotificationTargetRemovals.REJECT);
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, leave("Ctarget"));
        assertEquals(List.of("Ctarget", URL), cse.tree.find("sub1").get("nu"));
    }

    @Test
    void ts0001_9_6_31_anotherAesDefaultPolicyGovernsOnlyItsOwnSubscriptions() {
        cse.targetRemoval(NotificationTargetRemovals.ACCEPT);
        subscription(List.of("Ctarget", URL));
        policy("ntpOther", "Cstranger", "Default", NotificationTargetRemovals.REJECT);
        assertRsc(ResponseStatusCode.DELETED, leave("Ctarget"));
        assertEquals(List.of(URL), cse.tree.find("sub1").get("nu"));
    }

    @Test
    void ts0001_9_6_31_theCsesDefaultActionIsASetting() {
        cse.targetRemoval(NotificationTargetRemovals.REJECT);
        subscription(List.of("Ctarget", URL));
        assertRsc(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, leave("Ctarget"));
        assertEquals(List.of("Ctarget", URL), cse.tree.find("sub1").get("nu"));
    }

    @Test
    void ts0004_7_4_33_2_4_aTargetNamedByItsAesStructuredIdIsTheOriginator() {
        cse.targetRemoval(NotificationTargetRemovals.ACCEPT);
        subscription(List.of("cse-in/target", URL));
        assertRsc(ResponseStatusCode.DELETED, leave("Ctarget"));
        assertEquals(List.of(URL), cse.tree.find("sub1").get("nu"));
    }

    @Test
    void ts0004_7_4_33_2_4_withoutTheWiringNtsrIsNotAllowed() {
        subscription(List.of("Ctarget", URL));
        assertRsc(ResponseStatusCode.OPERATION_NOT_ALLOWED, leave("Ctarget"));
    }
}
