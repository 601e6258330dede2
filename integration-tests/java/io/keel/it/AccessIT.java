package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access to resources without acpi: a resource's creator may do everything on it (TS-0001 9.6.1.3.2 default policy); by
 * Keel's own rules (see OwnershipRules) so may the admin and the AE the resource lives under, and a registered AE may
 * retrieve the CSEBase. Everything else is 4103; an originator that is no registered AE is 4106 before (TS-0004 7.3.2.1). AccessControlIT covers resources that access control policies govern.
 */
class AccessIT extends KeelIT {
    private String owner;
    private String other;
    private String cnt;

    @BeforeEach
    void tree() {
        owner = cse.registerAe("C" + OneM2MClient.unique("owner"), OneM2MClient.unique("owner"));
        other = cse.registerAe("C" + OneM2MClient.unique("other"), OneM2MClient.unique("other"));
        cnt = cse.create("/" + owner, 3, "{\"m2m:cnt\":{}}").from(owner).send().json().path("m2m:cnt").path("ri").asText();
        assertEquals(201, cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"x\"}}").from(owner).send().status());
    }

    private static void assertDenied(Reply r) {
        assertEquals(403, r.status(), r.text());
        assertEquals(4103, r.rsc());
    }

    @Test
    void ts0004_7_3_3_15_anotherAeIsDeniedEveryOperation() {
        assertDenied(cse.get("/" + cnt).from(other).send());
        assertDenied(cse.get("/" + cnt + "/la").from(other).send());
        assertDenied(cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"x\"]}}").from(other).send());
        assertDenied(cse.create("/" + cnt, 4, "{\"m2m:cin\":{\"con\":\"y\"}}").from(other).send());
        assertDenied(cse.delete("/" + cnt).from(other).send());
        assertDenied(cse.get("/" + owner).from(other).send());
        assertEquals(1, cse.get("/" + cnt).from(owner).send().json().path("m2m:cnt").path("cni").asInt(), "nothing changed");
    }

    @Test
    void ts0004_7_3_3_15_theOwnerAndItsAeMayDoEverything() {
        assertEquals(200, cse.get("/" + cnt + "/la").from(owner).send().status());
        assertEquals(200, cse.put("/" + cnt, "{\"m2m:cnt\":{\"lbl\":[\"mine\"]}}").from(owner).send().status());
        // A container the admin creates under the AE still belongs to the AE.
        String adminMade = cse.create("/" + owner, 3, "{\"m2m:cnt\":{}}").send().json().path("m2m:cnt").path("ri").asText();
        assertEquals(200, cse.get("/" + adminMade).from(owner).send().status());
        assertEquals(200, cse.delete("/" + cnt).from(owner).send().status());
    }

    @Test
    void ts0004_7_3_3_15_theAdminMayDoEverything() {
        assertEquals(200, cse.get("/" + cnt).from(OneM2MClient.ADMIN).send().status());
        assertEquals(200, cse.delete("/" + owner).from(OneM2MClient.ADMIN).send().status());
    }

    @Test
    void ts0004_7_3_3_15_registeredAesMayRetrieveTheCseBaseOnly() {
        assertEquals(200, cse.get("/cse-in").from(other).send().status());
        assertEquals(4106, cse.get("/cse-in").from("Cnobody").send().rsc(), "no registered AE (TS-0004 7.3.2.1)");
        assertDenied(cse.create("/cse-in", 3, "{\"m2m:cnt\":{}}").from(other).send());
    }

    @Test
    void ts0004_7_3_2_1_unregisteredOriginatorsAreRefused4106BeforeAccessControl() {
        Reply r = cse.get("/" + cnt).from("Cstranger").send();
        assertEquals(4106, r.rsc(), r.text());
        assertEquals(4106, cse.create("/" + owner, 3, "{\"m2m:cnt\":{}}").from("Cstranger").send().rsc());
    }

    @Test
    void ts0004_7_3_2_1_aRegisteredAeGivingItsSpRelativeAeIdIs4000() {
        Reply r = cse.get("/" + cnt).from("/id-in/" + owner).send();
        assertEquals(4000, r.rsc(), r.text());
    }
}
