package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Announcement between two Keel processes (TS-0001 9.6.26, TS-0004 7.3.3.10/7.3.3.11, 7.4.26): an MN-CSE registered to
 * an IN-CSE with credentials announces a container to the IN, keeps the announced container in step, de-announces it
 * when the IN leaves at, and deletes it with the original.
 */
class AnnouncementIT {
    private static final String MN_AUTH = Credentials.basic("mn", "mn-secret");
    private static final String ADMIN_AUTH = Credentials.basic("admin", "admin-secret");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Path dir;
    private static KeelProcess in;
    private static KeelProcess mn;
    private static OneM2MClient inClient;
    private static OneM2MClient mnClient;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("keel-announcement");
        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "basic mn:" + Credentials.pbkdf2("mn-secret") + " /id-mn",
                "basic admin:" + Credentials.pbkdf2("admin-secret") + " CAdmin,C*", ""));
        startIn(KeelProcess.freePort());
        startMn();
        Eventually.holds(WAIT, () -> mnClient.get("/cse-mn/id-in").send().status() == 200, "the MN registered with the IN");
    }

    /** The IN on its database, at the port given (the same one after a restart: the MN's registrar setting names it). */
    private static void startIn(int port) {
        in = CseEnv.of(dir, "id-in", "cse-in", "IN").port(port).credentials(dir.resolve("credentials")).start();
        inClient = new OneM2MClient(in.base());
    }

    private static void startMn() {
        mn = CseEnv.of(dir, "id-mn", "cse-mn", "MN").port(KeelProcess.freePort())
                .registrar("http://127.0.0.1:" + in.base().getPort(), "id-in", "cse-in", MN_AUTH)
                .set("KEEL_ANNOUNCEMENT_RETRY_FIRST", "200").set("KEEL_ANNOUNCEMENT_RETRY_MAX", "1000").start();
        mnClient = new OneM2MClient(mn.base());
    }

    @AfterAll
    static void stop() {
        if (mn != null) {
            mn.close();
        }
        if (in != null) {
            in.close();
        }
    }


    private static JsonNode onMn(String path) {
        Reply r = mnClient.get(path).send();
        assertEquals(200, r.status(), r.text());
        return r.json().path("m2m:cnt");
    }

    /** The entry of the original's at that names the announced resource on the IN, or null while it is not. */
    private static String announcedOnIn(String path) {
        for (JsonNode at : onMn(path).path("at")) {
            if (at.asText().startsWith("/id-in/")) {
                return at.asText();
            }
        }
        return null;
    }

    private static Reply onIn(String spRelativeId) {
        return inClient.get("/~" + spRelativeId).header("Authorization", ADMIN_AUTH).send();
    }

    private static String containerOnMn(String at) {
        String ae = "C" + OneM2MClient.unique("annc");
        Reply reg = mnClient.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(ae).send();
        assertEquals(201, reg.status(), reg.text());
        Reply cnt = mnClient.create("/cse-mn/" + ae, 3, "{\"m2m:cnt\":{\"rn\":\"temp\",\"mni\":10,\"lbl\":[\"room:kitchen\"]"
                + ",\"aa\":[\"mni\"],\"at\":" + at + "}}").from(ae).send();
        assertEquals(201, cnt.status(), cnt.text());
        return "/cse-mn/" + ae + "/temp";
    }

    @Test
    void ts0004_7_3_3_10_aContainerIsAnnouncedUpdatedDeAnnouncedAndDeletedWithItsOriginal() {
        String path = containerOnMn("[\"/id-in\"]");
        String ri = onMn(path).path("ri").asText();

        // Announced: at names the announced container, which the IN shows, retrieves and discovers as ty 10003.
        Eventually.holds(WAIT, () -> announcedOnIn(path) != null, "at names the announced resource on the IN");
        String announced = announcedOnIn(path);
        Reply got = onIn(announced);
        assertEquals(200, got.status(), got.text());
        JsonNode cntA = got.json().path("m2m:cntA");
        assertEquals(10003, cntA.path("ty").asInt(), cntA.toString());
        assertEquals("/id-mn/" + ri, cntA.path("lnk").asText(), cntA.toString());
        assertEquals(10, cntA.path("mni").asInt(), cntA.toString());
        assertEquals("room:kitchen", cntA.path("lbl").path(0).asText(), cntA.toString());
        assertEquals("id-mn", cntA.path("pi").asText(), "below the MN's <remoteCSE> on the IN: " + cntA);
        Reply discovered = inClient.get("/cse-in?fu=1&ty=10003&lbl=room:kitchen").header("Authorization", ADMIN_AUTH).send();
        assertEquals(200, discovered.status(), discovered.text());
        assertTrue(discovered.json().path("m2m:uril").toString().contains(cntA.path("rn").asText()), discovered.text());

        // Updated: an announced attribute changes on the IN too.
        Reply upd = mnClient.put(path, "{\"m2m:cnt\":{\"mni\":5,\"lbl\":[\"room:hall\"]}}").send();
        assertEquals(200, upd.status(), upd.text());
        assertTrue(upd.json().path("m2m:cnt").path("at").toString().contains(announced), "at keeps the announcement");
        Eventually.holds(WAIT, () -> onIn(announced).json().path("m2m:cntA").path("mni").asInt() == 5, "mni 5 on the IN");
        assertEquals("room:hall", onIn(announced).json().path("m2m:cntA").path("lbl").path(0).asText());

        // De-announced: the IN leaves at.
        Reply leave = mnClient.put(path, "{\"m2m:cnt\":{\"at\":null}}").send();
        assertEquals(200, leave.status(), leave.text());
        Eventually.holds(WAIT, () -> onIn(announced).status() == 404, "the announced container is gone from the IN");
        assertFalse(onMn(path).has("at"), onMn(path).toString());

        // Announced again, then deleted with its original.
        assertEquals(200, mnClient.put(path, "{\"m2m:cnt\":{\"at\":[\"/id-in\"]}}").send().status());
        Eventually.holds(WAIT, () -> announcedOnIn(path) != null, "announced again");
        String again = announcedOnIn(path);
        assertEquals(200, onIn(again).status());
        assertEquals(200, mnClient.delete(path).send().status());
        Eventually.holds(WAIT, () -> onIn(again).status() == 404, "deleted on the IN with its original");
    }

    @Test
    void ts0001_9_6_35_aFlexContainerIsAnnouncedAsItsSpecializationsAnncAndKeptInStep() {
        String ae = "C" + OneM2MClient.unique("fannc");
        Reply reg = mnClient.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(ae).send();
        assertEquals(201, reg.status(), reg.text());
        String path = "/cse-mn/" + ae + "/sw";
        Reply sw = mnClient.create("/cse-mn/" + ae, 28, "{\"cod:binSh\":{\"rn\":\"sw\",\"cnd\":"
                + "\"org.onem2m.common.moduleclass.binarySwitch\",\"state\":true,\"aa\":[\"state\"],\"at\":[\"/id-in\"]}}")
                .from(ae).send();
        assertEquals(201, sw.status(), sw.text());
        java.util.function.Supplier<String> announcedAt = () -> {
            for (JsonNode at : mnClient.get(path).send().json().path("cod:binSh").path("at")) {
                if (at.asText().startsWith("/id-in/")) {
                    return at.asText();
                }
            }
            return null;
        };

        Eventually.holds(WAIT, () -> announcedAt.get() != null, "at names the announced flexContainer on the IN");
        String announced = announcedAt.get();
        Reply got = onIn(announced);
        assertEquals(200, got.status(), got.text());
        JsonNode annc = got.json().path("cod:binShAnnc");
        assertEquals(10028, annc.path("ty").asInt(), got.text());
        assertEquals("org.onem2m.common.moduleclass.binarySwitch", annc.path("cnd").asText(), got.text());
        assertTrue(annc.path("state").asBoolean(), got.text());

        assertEquals(200, mnClient.put(path, "{\"cod:binSh\":{\"state\":false}}").send().status());
        Eventually.holds(WAIT, () -> onIn(announced).json().path("cod:binShAnnc").path("state").isBoolean()
                && !onIn(announced).json().path("cod:binShAnnc").path("state").asBoolean(), "state false on the IN");

        assertEquals(200, mnClient.delete(path).send().status());
        Eventually.holds(WAIT, () -> onIn(announced).status() == 404, "deleted on the IN with its original");
    }

    /** The entry of a resource's at (on the MN, under its root element) that names its announced resource on the IN. */
    private static String announcedAt(String path, String root) {
        for (JsonNode at : mnClient.get(path).send().json().path(root).path("at")) {
            if (at.asText().startsWith("/id-in/")) {
                return at.asText();
            }
        }
        return null;
    }

    @Test
    void ts0001_9_6_18_aNodeAndItsFirmwareAreAnnouncedAsNodeAnncAndFirmwareAnnc() {
        String rn = OneM2MClient.unique("node");
        Reply node = mnClient.create("/cse-mn", 14, "{\"m2m:nod\":{\"rn\":\"" + rn + "\",\"ni\":\"urn:dev:" + rn
                + "\",\"at\":[\"/id-in\"]}}").send();
        assertEquals(201, node.status(), node.text());
        String nodePath = "/cse-mn/" + rn;
        Eventually.holds(WAIT, () -> announcedAt(nodePath, "m2m:nod") != null, "at names the announced node on the IN");
        JsonNode nodA = onIn(announcedAt(nodePath, "m2m:nod")).json().path("m2m:nodA");
        assertEquals(10014, nodA.path("ty").asInt(), nodA.toString());
        assertEquals("urn:dev:" + rn, nodA.path("ni").asText(), "ni is MA");

        Reply fw = mnClient.create(nodePath, 13, "{\"m2m:fwr\":{\"rn\":\"fw\",\"mgd\":1001,\"vr\":\"1.0\",\"fwn\":\"img\","
                + "\"url\":\"http://fw.example/img\",\"ud\":false,\"aa\":[\"vr\"],\"at\":[\"/id-in\"]}}").send();
        assertEquals(201, fw.status(), fw.text());
        Eventually.holds(WAIT, () -> announcedAt(nodePath + "/fw", "m2m:fwr") != null, "at names the announced firmware");
        Reply fwrA = onIn(announcedAt(nodePath + "/fw", "m2m:fwr"));
        assertEquals(200, fwrA.status(), fwrA.text());
        JsonNode annc = fwrA.json().path("m2m:fwrA");
        assertEquals(10013, annc.path("ty").asInt(), fwrA.text());
        assertEquals(1001, annc.path("mgd").asInt(), "mgd is MA: " + fwrA.text());
        assertEquals("1.0", annc.path("vr").asText(), fwrA.text());
    }

    /**
     * TS-0001 table 9.6.36-2: a timeSeries is announced as timeSeriesAnnc (ty 10029, m2m:tsA) with the MA attributes
     * (et, acpi, lbl) and the OA ones its aa names; the NA ones (mdd, the counters, the missing-data list) stay home.
     */
    @Test
    void ts0001_9_6_36_aTimeSeriesIsAnnouncedAsTimeSeriesAnncWithItsAnnouncedAttributes() {
        String ae = "C" + OneM2MClient.unique("tsannc");
        Reply reg = mnClient.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}")
                .from(ae).send();
        assertEquals(201, reg.status(), reg.text());
        String path = "/cse-mn/" + ae + "/meter";
        Reply ts = mnClient.create("/cse-mn/" + ae, 29, "{\"m2m:ts\":{\"rn\":\"meter\",\"lbl\":[\"kind:meter\"],\"mni\":5,"
                + "\"mbs\":1000,\"mia\":3600,\"pei\":60000,\"peid\":1000,\"mdd\":true,\"mdn\":4,\"mdt\":5000,"
                + "\"or\":\"http://example.org/ontology/meter\",\"cnf\":\"text/plain:0\","
                + "\"aa\":[\"mni\",\"mbs\",\"pei\",\"peid\",\"mdn\",\"mdt\",\"or\",\"cnf\"],\"at\":[\"/id-in\"]}}")
                .from(ae).send();
        assertEquals(201, ts.status(), ts.text());
        String ri = ts.json().path("m2m:ts").path("ri").asText();
        java.util.function.Supplier<String> announcedAt = () -> {
            for (JsonNode at : mnClient.get(path).from(ae).send().json().path("m2m:ts").path("at")) {
                if (at.asText().startsWith("/id-in/")) {
                    return at.asText();
                }
            }
            return null;
        };

        Eventually.holds(WAIT, () -> announcedAt.get() != null, "at names the announced timeSeries on the IN");
        String announced = announcedAt.get();
        Reply got = onIn(announced);
        assertEquals(200, got.status(), got.text());
        JsonNode tsA = got.json().path("m2m:tsA");
        assertEquals(10029, tsA.path("ty").asInt(), got.text());
        assertEquals("/id-mn/" + ri, tsA.path("lnk").asText(), got.text());
        assertEquals("kind:meter", tsA.path("lbl").path(0).asText(), got.text());
        assertTrue(tsA.path("et").isTextual(), "et is MA: " + got.text());
        assertEquals(5, tsA.path("mni").asInt(), got.text());
        assertEquals(1000, tsA.path("mbs").asInt(), got.text());
        assertEquals(60000, tsA.path("pei").asLong(), got.text());
        assertEquals(1000, tsA.path("peid").asLong(), got.text());
        assertEquals(4, tsA.path("mdn").asInt(), got.text());
        assertEquals(5000, tsA.path("mdt").asLong(), got.text());
        assertEquals("http://example.org/ontology/meter", tsA.path("or").asText(), got.text());
        assertEquals("text/plain:0", tsA.path("cnf").asText(), got.text());
        // OA but not in aa: not announced; NA: never.
        for (String absent : new String[] {"mia", "mdd", "cni", "cbs", "mdc", "mdlt"}) {
            assertTrue(tsA.path(absent).isMissingNode(), absent + " is not announced: " + got.text());
        }
        Reply discovered = inClient.get("/cse-in?fu=1&ty=10029&lbl=kind:meter").header("Authorization", ADMIN_AUTH).send();
        assertEquals(200, discovered.status(), discovered.text());
        assertTrue(discovered.json().path("m2m:uril").toString().contains(tsA.path("rn").asText()), discovered.text());

        // An announced attribute that changes changes on the IN.
        Reply upd = mnClient.put(path, "{\"m2m:ts\":{\"mni\":3}}").from(ae).send();
        assertEquals(200, upd.status(), upd.text());
        Eventually.holds(WAIT, () -> onIn(announced).json().path("m2m:tsA").path("mni").asInt() == 3, "mni 3 on the IN");

        assertEquals(200, mnClient.delete(path).from(ae).send().status());
        Eventually.holds(WAIT, () -> onIn(announced).status() == 404, "deleted on the IN with its original");
    }

    @Test
    void ts0004_7_3_3_10_anAnnouncementToATargetThatIsDownIsDoneOnceItIsBackAcrossARestartOfTheMn() {
        int inPort = in.base().getPort();
        in.close();
        long before = System.nanoTime();
        String path = containerOnMn("[\"/id-in\"]");
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(5).toNanos(), "the Create does not wait for the IN");
        assertEquals(null, announcedOnIn(path), "not announced while the IN is down");

        mn.close(); // the pending announcement is in the MN's database
        startMn();
        startIn(inPort);

        Eventually.holds(Duration.ofSeconds(60), () -> announcedOnIn(path) != null, "announced once the IN is back");
        Reply got = onIn(announcedOnIn(path));
        assertEquals(200, got.status(), got.text());
        assertEquals(10003, got.json().path("m2m:cntA").path("ty").asInt(), got.text());
    }

    @Test
    void ts0004_7_3_3_11_deletingTheAeDeletesTheAnnouncedContainerOfItsSubtree() {
        String path = containerOnMn("[\"/id-in\"]");
        Eventually.holds(WAIT, () -> announcedOnIn(path) != null, "announced");
        String announced = announcedOnIn(path);
        String ae = path.substring(0, path.lastIndexOf('/'));

        Reply deleted = mnClient.delete(ae).send();
        assertEquals(200, deleted.status(), deleted.text());
        Eventually.holds(WAIT, () -> onIn(announced).status() == 404, "the announced container is gone from the IN");
    }

    @Test
    void ts0004_7_4_3_theInListsTheAnnouncedTypesItSupports() {
        JsonNode cb = inClient.get("/cse-in").header("Authorization", ADMIN_AUTH).send().json().path("m2m:cb");
        for (int ty : new int[] {10001, 10002, 10003, 10004, 10009, 10013, 10014, 10016}) {
            assertTrue(cb.path("srt").toString().matches(".*\\b" + ty + "\\b.*"), ty + " in " + cb);
        }
    }

    @Test
    void ts0001_9_6_1_3_atNamingNoCseOfThisServiceProviderIs4000() {
        String ae = "C" + OneM2MClient.unique("bad");
        assertEquals(201, mnClient.create("/cse-mn", 2, "{\"m2m:ae\":{\"rn\":\"" + ae
                + "\",\"api\":\"Nx\",\"rr\":false,\"srv\":[\"3\"]}}").from(ae).send().status());
        Reply r = mnClient.create("/cse-mn/" + ae, 3, "{\"m2m:cnt\":{\"at\":[\"//other.sp/id-x\"]}}").from(ae).send();
        assertEquals(4000, r.rsc(), r.text());
    }
}
