package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Distributed authorization between two Keel processes over real HTTP (TS-0001 11.6.2; TS-0003 7.5.2, 7.5.4): the MN-CSE
 * as the PEP asks the PIP and the PDP on the IN-CSE its policies name, by an Update forwarded from the MN; the IN's
 * {@code <authorizationInformation>} and {@code <authorizationDecision>} let the MN send requests (their acpi).
 */
class DistributedAuthorizationRemoteIT extends TwoCsesIT {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static String pip;
    private static String pdp;

    @BeforeAll
    static void startTwoCses() {
        startCses("keel-distributed-authorization");
        Eventually.holds(Duration.ofSeconds(60), () -> send(atIn.get("/cse-in/id-mn")).rsc() == 2000, "the MN registered with the IN");
        String mayAsk = created(send(atIn.create("/cse-in", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":[{\"acor\":[\"/id-mn\"],\"acop\":4}]},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}")), "m2m:acp");
        pip = created(send(atIn.create("/cse-in", 37, "{\"m2m:auif\":{\"acpi\":[\"" + mayAsk + "\"]}}")), "m2m:auif");
        pdp = created(send(atIn.create("/cse-in", 35, "{\"m2m:auds\":{\"acpi\":[\"" + mayAsk + "\"]}}")), "m2m:auds");
    }

    private static String created(Reply r, String root) {
        assertEquals(201, r.status(), r.text());
        return r.json().path(root).path("ri").asText();
    }

    /** An AE registered with the MN; its AE-ID. */
    private static String aeOnMn() {
        String id = "C" + OneM2MClient.unique("mnae");
        Reply r = send(atMn.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + id + "\",\"api\":\"Nkeel\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(id));
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:ae").path("aei").asText();
    }

    /** A container on the MN governed by one policy with these pv rules and the attributes given besides. */
    private static String boxOnMn(String pvRules, String more) {
        String acp = created(send(atMn.create("/cse-mn", 1, "{\"m2m:acp\":{\"pv\":{\"acr\":" + pvRules + "},"
                + "\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}," + more + "}}")), "m2m:acp");
        return created(send(atMn.create("/cse-mn", 3, "{\"m2m:cnt\":{\"acpi\":[\"" + acp + "\"]}}")), "m2m:cnt");
    }

    @Test
    void ts0003_7_5_4_thePipOfAnotherCseGivesTheRoleThePolicyNames() {
        String holder = aeOnMn();
        String stranger = aeOnMn();
        String roleId = "r" + System.nanoTime() + "@keel.example.net";
        Reply role = send(atIn.create("/cse-in", 31, "{\"m2m:rol\":{\"rlid\":\"" + roleId + "\",\"tkis\":\"" + OneM2MClient.ADMIN
                + "\",\"tkhd\":\"/id-mn/" + holder + "\",\"tknb\":\"" + TIME.format(Instant.now().minusSeconds(3600))
                + "\",\"tkna\":\"" + TIME.format(Instant.now().plusSeconds(3600)) + "\"}}"));
        assertEquals(201, role.status(), role.text());
        String box = boxOnMn("[{\"acor\":[\"" + roleId + "\"],\"acop\":2}]", "\"airi\":[\"/id-in/" + pip + "\"]");

        Reply granted = send(atMn.get("/" + box).from(holder));
        assertEquals(200, granted.status(), granted.text());
        Reply refused = send(atMn.get("/" + box).from(stranger));
        assertEquals(4103, refused.rsc(), refused.text());
        // The IN keeps no role for the stranger: its PIP answers NOT_APPLICABLE, and with no other PIP that denies.
        assertTrue(refused.json().path("m2m:dbg").asText().contains("the PIP /id-in/" + pip + " of "), refused.text());
        assertTrue(refused.json().path("m2m:dbg").asText().contains("has nothing that applies (NOT_APPLICABLE)"), refused.text());
    }

    @Test
    void ts0003_7_5_2_aPdpOfAnotherCseIsAskedAndItsAnswerHonoured() {
        String asker = aeOnMn();
        String box = boxOnMn("[]", "\"adri\":[\"/id-in/" + pdp + "\"]");

        Reply refused = send(atMn.get("/" + box).from(asker));

        assertEquals(4103, refused.rsc(), refused.text());
        // Keel as a PDP decides for the resources of its own CSE only: the IN has no policy for the MN's box.
        assertTrue(refused.json().path("m2m:dbg").asText().contains("the PDP /id-in/" + pdp + " has nothing that applies (NOT_APPLICABLE)"),
                refused.text());
    }
}
