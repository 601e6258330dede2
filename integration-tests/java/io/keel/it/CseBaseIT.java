package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code <CSEBase>} (TS-0004 7.4.3): what it shows, that no request creates, updates or deletes it, and that its
 * accessControlPolicyIDs come from the {@code keel.cse.acpi} setting instead.
 */
class CseBaseIT extends KeelIT {

    @Test
    void ts0004_7_4_3_1_theCseBaseShowsWhatTheCseSupports() {
        Reply r = cse.get("/cse-in").header("X-M2M-RVI", "4").send();
        assertEquals(200, r.status(), r.text());
        var cb = r.json().path("m2m:cb");
        assertEquals("", cb.path("pi").asText(), "the parentID of the CSEBase is empty");
        assertEquals("/id-in", cb.path("csi").asText());
        assertTrue(cb.path("srt").isArray(), cb.toString());
        for (int ty : new int[] {1, 2, 3, 4, 9, 15, 16, 17, 23}) {
            assertTrue(cb.path("srt").toString().matches(".*\\b" + ty + "\\b.*"), "srt lacks " + ty + ": " + cb.path("srt"));
        }
        assertEquals("[\"1\",\"2\",\"2a\",\"3\",\"4\",\"5\"]", cb.path("srv").toString());
        assertTrue(cb.path("poa").get(0).asText().startsWith("http"), cb.toString());
        assertTrue(cb.path("ctm").asText().matches("\\d{8}T\\d{6}(,\\d+)?"), "ctm on a Release 4 request: " + cb);
        assertFalse(cse.get("/cse-in").send().json().path("m2m:cb").has("ctm"), "no ctm for Release 3");
    }

    @Test
    void ts0004_7_4_3_2_1_noRequestCreatesACseBase() {
        assertEquals(4005, cse.create("/cse-in", 5, "{\"m2m:cb\":{}}").send().rsc());
    }

    @Test
    void ts0004_7_4_3_2_3_noRequestUpdatesTheCseBaseNotEvenItsAcpiAndWhoeverAsks() {
        String nobody = cse.registerAe("C" + OneM2MClient.unique("nobody"), OneM2MClient.unique("nobody"));
        assertEquals(4005, cse.put("/cse-in", "{\"m2m:cb\":{\"acpi\":[\"x\"]}}").send().rsc(), "the admin originator");
        assertEquals(4005, cse.put("/cse-in", "{\"m2m:cb\":{\"lbl\":[\"x\"]}}").from(nobody).send().rsc(),
                "an AE without any privilege on the CSEBase: refused before access is decided");
        assertFalse(cse.get("/cse-in").send().json().path("m2m:cb").has("lbl"));
    }

    @Test
    void ts0004_7_4_3_2_4_noRequestDeletesTheCseBase() {
        String nobody = cse.registerAe("C" + OneM2MClient.unique("nobody"), OneM2MClient.unique("nobody"));
        assertEquals(4005, cse.delete("/cse-in").send().rsc());
        assertEquals(4005, cse.delete("/cse-in").from(nobody).send().rsc());
        assertEquals(200, cse.get("/cse-in").send().status());
    }

    /** Its acpi is a setting, applied at start; a policy named there that does not exist yet is left out. */
    @Test
    void ts0004_7_4_3_theCseBaseAcpiComesFromTheSettingAtStart() throws Exception {
        Path data = Files.createTempDirectory("keel-cse-acpi");
        // A database of its own: the policy must not govern the CSEBase the other tests share.
        Map<String, String> own = Map.of("KEEL_DATA_DIR", data.toString(),
                "KEEL_DB_URL", "jdbc:h2:file:" + data.resolve("keel") + ";WRITE_DELAY=0", "KEEL_CSE_ACPI", "cse-in/acpCse");
        String granted = "C" + OneM2MClient.unique("granted");
        String other = "C" + OneM2MClient.unique("other");
        String acpRi;
        try (KeelProcess first = KeelProcess.start(own)) {
            OneM2MClient c = new OneM2MClient(first.base());
            c.registerAe(granted, granted);
            c.registerAe(other, other);
            assertFalse(c.get("/cse-in").send().json().path("m2m:cb").has("acpi"), "the policy does not exist yet");
            Reply acp = c.create("/cse-in", 1, "{\"m2m:acp\":{\"rn\":\"acpCse\",\"pv\":{\"acr\":[{\"acor\":[\"" + granted
                    + "\"],\"acop\":3}]},\"pvs\":{\"acr\":[{\"acor\":[\"CAdmin\"],\"acop\":63}]}}}").send();
            assertEquals(201, acp.status(), acp.text());
            acpRi = acp.json().path("m2m:acp").path("ri").asText();
            assertEquals(4103, c.create("/cse-in", 3, "{\"m2m:cnt\":{}}").from(granted).send().rsc());
        }
        try (KeelProcess second = KeelProcess.start(own)) {
            OneM2MClient c = new OneM2MClient(second.base());
            assertEquals("[\"" + acpRi + "\"]", c.get("/cse-in").send().json().path("m2m:cb").path("acpi").toString());
            Reply created = c.create("/cse-in", 3, "{\"m2m:cnt\":{}}").from(granted).send();
            assertEquals(201, created.status(), created.text());
            assertEquals(4103, c.create("/cse-in", 3, "{\"m2m:cnt\":{}}").from(other).send().rsc());
        }
    }
}
