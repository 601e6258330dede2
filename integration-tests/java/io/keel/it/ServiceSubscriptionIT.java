package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.it.OneM2MClient.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service subscription profiles (TS-0004 7.4.19, 7.4.20, 7.4.29, 7.3.2.7; TS-0001 9.6.19, 9.6.20, 9.6.29, 10.2.2.2):
 * the operator's m2mServiceSubscriptionProfile, serviceSubscribedNode and serviceSubscribedAppRule resources, and AE
 * registration checked against the app rules linked from the node of this CSE.
 *
 * <p>Two IN-CSEs of their own (a profile changes who may register on the whole CSE): {@code open} without
 * authentication and with {@code keel.ae.allowed-originators=Cok*,S*}, {@code secured} with HTTP authentication, where
 * the credential's user is the Credential-ID (apci).
 */
class ServiceSubscriptionIT {
    private static final String ADMIN_TOKEN = "admin-" + System.nanoTime();
    private static KeelProcess openProcess;
    private static KeelProcess securedProcess;
    private static OneM2MClient open;
    private static OneM2MClient secured;

    @BeforeAll
    static void start() throws Exception {
        openProcess = KeelProcess.start(Map.of("KEEL_CSE_ID", "id-ssp", "KEEL_CSE_NAME", "cse-ssp",
                "KEEL_AE_ALLOWED_ORIGINATORS", "Cok*,S*"));
        open = new OneM2MClient(openProcess.base());
        Path dir = Files.createTempDirectory("keel-ssp");
        Files.writeString(dir.resolve("credentials"), String.join("\n",
                "bearer sha256:" + Credentials.sha256(ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)) + " CAdmin",
                "basic gw1:" + Credentials.pbkdf2("pw1") + " C*",
                "basic other:" + Credentials.pbkdf2("pw2") + " C*", ""));
        securedProcess = KeelProcess.start(Map.of("KEEL_CSE_ID", "id-sec", "KEEL_CSE_NAME", "cse-sec",
                "KEEL_AUTH_CREDENTIALS", dir.resolve("credentials").toString()));
        secured = new OneM2MClient(securedProcess.base(), ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (openProcess != null) {
            openProcess.close();
        }
        if (securedProcess != null) {
            securedProcess.close();
        }
    }

    /** Each test provisions its own profiles: none outlives it. */
    @AfterEach
    void removeProfiles() {
        for (OneM2MClient cse : new OneM2MClient[] {open, secured}) {
            String base = cse == open ? "/cse-ssp" : "/cse-sec";
            for (int ty : new int[] {11, 19}) {
                Reply found = cse.get(base + "?fu=1&ty=" + ty).send();
                found.json().path("m2m:uril").forEach(u -> assertEquals(200, cse.delete("/" + u.asText().replaceFirst("^/+", "")).send().status()));
            }
        }
    }

    // ---- registration without a profile ----

    @Test
    void ts0001_10_2_2_2_withoutAProfileTheAllowedOriginatorsSettingDecides() {
        assertEquals(201, register(open, "Cok" + System.nanoTime(), "Napp").status());
        String refused = "Cnope" + System.nanoTime();
        Reply r = register(open, refused, "Napp");
        assertRefused(r, 4126, "keel.ae.allowed-originators");
        assertEquals(404, open.get("/cse-ssp/" + refused).send().status());
    }

    @Test
    void ts0001_10_2_2_2_onceAProfileExistsItDecidesInsteadOfTheSetting() {
        String rule = appRule(open, "/cse-ssp", null, "[\"Napp*\"]", "[\"Cnope*\"]");
        node(open, profile(open, "/cse-ssp"), "/id-ssp", rule);
        String stem = "Cnope" + System.nanoTime();
        Reply r = register(open, stem, "Napp1");
        assertEquals(201, r.status(), r.text());
        assertRefused(register(open, "Cok" + System.nanoTime(), "Napp1"), 4126, "AE-ID-Stem Cok");
    }

    // ---- TS-0004 7.3.2.7: the node of this CSE ----

    @Test
    void ts0004_7_3_2_7_withoutANodeOfThisCseTheSubscriptionIsNotEstablished() {
        String profile = profile(open, "/cse-ssp");
        String stem = "Cok" + System.nanoTime();
        assertRefused(register(open, stem, "Napp"), 4128, "csi /id-ssp");
        String rule = appRule(open, "/cse-ssp", null, "[\"*\"]", "[\"*\"]");
        node(open, profile, "/id-other", rule);
        assertRefused(register(open, stem, "Napp"), 4128, "csi /id-ssp");
        assertEquals(404, open.get("/cse-ssp/" + stem).send().status());
    }

    @Test
    void ts0004_7_3_2_7_aNodeWithoutLinkedRulesAdmitsNoAe() {
        String profile = profile(open, "/cse-ssp");
        Reply bare = open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"node-1\",\"csi\":\"/id-ssp\"}}").send();
        assertEquals(201, bare.status(), bare.text());
        assertRefused(register(open, "Cok" + System.nanoTime(), "Napp"), 4126, "links no serviceSubscribedAppRule");
        Reply empty = open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"node-2\",\"csi\":\"/id-ssp\",\"rlk\":[]}}").send();
        assertEquals(201, empty.status(), empty.text());
        assertRefused(register(open, "Cok" + System.nanoTime(), "Napp"), 4126, "links no serviceSubscribedAppRule");
    }

    // ---- TS-0001 9.6.29: aai, aae, apci ----

    @Test
    void ts0001_9_6_29_appIdAndAeIdMustBothBeAllowed() {
        String rule = appRule(open, "/cse-ssp", null, "[\"Nmeter*\", \"R1.2.3\"]", "[\"Cdev*X\", \"Cfixed\"]");
        node(open, profile(open, "/cse-ssp"), "/id-ssp", rule);
        String n = String.valueOf(System.nanoTime());
        assertEquals(201, register(open, "Cdev" + n + "X", "Nmeter.v2").status());
        assertEquals(201, register(open, "Cdev" + n + "b" + "X", "R1.2.3").status());
        assertRefused(register(open, "Cdev" + n + "c" + "X", "Nother"), 4126, "App-ID Nother");
        assertRefused(register(open, "Cdev" + n + "Y", "Nmeter"), 4126, "AE-ID-Stem Cdev" + n + "Y");
        assertRefused(register(open, "Cdev" + n + "d" + "X", "R1.2.30"), 4126, "App-ID R1.2.30");
        assertEquals(404, open.get("/cse-ssp/Cdev" + n + "Y").send().status());
    }

    @Test
    void ts0001_9_6_29_aaeWildcardsForCseAndSpAssignedStems() {
        String cStems = appRule(open, "/cse-ssp", null, "[\"*\"]", "[\"C*\"]");
        node(open, profile(open, "/cse-ssp"), "/id-ssp", cStems);
        // No originator: the CSE assigns a C-stem, which C* admits; an S-stem it does not.
        Reply assigned = open.create("/cse-ssp", 2, "{\"m2m:ae\":{\"api\":\"Nany\",\"rr\":false,\"srv\":[\"3\"]}}").from("").send();
        assertEquals(201, assigned.status(), assigned.text());
        assertTrue(assigned.json().path("m2m:ae").path("aei").asText().startsWith("C"), assigned.text());
        assertRefused(register(open, "S", "Nany"), 4126, "AE-ID-Stem S");
    }

    @Test
    void ts0001_9_6_29_anyLinkedRuleMayAdmit() {
        String meters = appRule(open, "/cse-ssp", null, "[\"Nmeter\"]", "[\"Cm*\"]");
        String lamps = appRule(open, "/cse-ssp", null, "[\"Nlamp\"]", "[\"Cl*\"]");
        // Linked by resourceID and by structured name.
        String rn = open.get("/" + lamps).send().json().path("m2m:asar").path("rn").asText();
        node(open, profile(open, "/cse-ssp"), "/id-ssp", meters + "\",\"cse-ssp/" + rn);
        String n = String.valueOf(System.nanoTime());
        assertEquals(201, register(open, "Cm" + n, "Nmeter").status());
        assertEquals(201, register(open, "Cl" + n, "Nlamp").status());
        assertRefused(register(open, "Cm" + n + "z", "Nlamp"), 4126, "App-ID Nlamp");
    }

    @Test
    void ts0001_9_6_29_withoutApciARuleIsForRegistrationsWithoutSecurityAssociation() {
        String anyCredential = appRule(open, "/cse-ssp", "[\"*\"]", "[\"*\"]", "[\"*\"]");
        node(open, profile(open, "/cse-ssp"), "/id-ssp", anyCredential);
        assertRefused(register(open, "Cok" + System.nanoTime(), "Napp"), 4126, "without a security association");
    }

    @Test
    void ts0001_9_6_29_apciMatchesTheCredentialTheAeAuthenticatedWith() {
        String gateways = appRule(secured, "/cse-sec", "[\"gw*\"]", "[\"N*\"]", "[\"C*\"]");
        String noAssociation = appRule(secured, "/cse-sec", null, "[\"*\"]", "[\"*\"]");
        node(secured, profile(secured, "/cse-sec"), "/id-sec", gateways + "\",\"" + noAssociation);
        String n = String.valueOf(System.nanoTime());
        Reply gw = registration(secured, "Cg" + n, "Napp").header("Authorization", Credentials.basic("gw1", "pw1")).send();
        assertEquals(201, gw.status(), gw.text());
        Reply other = registration(secured, "Co" + n, "Napp").header("Authorization", Credentials.basic("other", "pw2")).send();
        assertRefused(other, 4126, "over the credential other");
        assertEquals(404, secured.get("/cse-sec/Co" + n).send().status());
    }

    // ---- the resources and bad input ----

    @Test
    void ts0004_7_4_20_theResourcesAreAnsweredAsStored() {
        String rule = appRule(open, "/cse-ssp", "[\"c1\"]", "[\"Nx*\"]", "[\"Cx*\"]");
        Reply asar = open.get("/" + rule).send();
        assertEquals(19, asar.json().path("m2m:asar").path("ty").asInt(), asar.text());
        assertEquals("Nx*", asar.json().path("m2m:asar").path("aai").get(0).asText(), asar.text());
        String profile = profile(open, "/cse-ssp");
        Reply node = open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"urn:node:1\",\"csi\":\"/id-ssp\",\"di\":[\"urn:imei:490154203237518\"],"
                + "\"rlk\":[\"" + rule + "\"],\"nrq\":false}}").send();
        assertEquals(201, node.status(), node.text());
        assertEquals(20, node.json().path("m2m:svsn").path("ty").asInt(), node.text());
        assertEquals("urn:node:1", node.json().path("m2m:svsn").path("ni").asText(), node.text());
        assertEquals(rule, node.json().path("m2m:svsn").path("rlk").get(0).asText(), node.text());
        assertEquals(11, open.get("/" + profile).send().json().path("m2m:mssp").path("ty").asInt());
    }

    @Test
    void ts0004_7_4_29_2_1_badAppRulesAreBadRequests() {
        assertBadRequest(open.create("/cse-ssp", 19, "{\"m2m:asar\":{\"aai\":[\"Xapp\"]}}").send(), "aai");
        assertBadRequest(open.create("/cse-ssp", 19, "{\"m2m:asar\":{\"aae\":\"C*\"}}").send(), "aae");
        assertBadRequest(open.create("/cse-ssp", 19, "{\"m2m:asar\":{\"apci\":[\"a b\"]}}").send(), "apci");
        assertBadRequest(open.create("/cse-ssp", 19, "{\"m2m:asar\":{\"what\":1}}").send(), "what");
        String rule = appRule(open, "/cse-ssp", null, "[\"N*\"]", "[\"C*\"]");
        assertBadRequest(open.put("/" + rule, "{\"m2m:asar\":{\"aai\":[\"N1\",\"rlower\"]}}").send(), "aai");
        assertEquals("N*", open.get("/" + rule).send().json().path("m2m:asar").path("aai").get(0).asText());
    }

    @Test
    void ts0004_7_4_20_2_1_badNodesAreBadRequests() {
        String profile = profile(open, "/cse-ssp");
        String rule = appRule(open, "/cse-ssp", null, "[\"N*\"]", "[\"C*\"]");
        assertBadRequest(open.create("/" + profile, 20, "{\"m2m:svsn\":{\"csi\":\"/id-ssp\"}}").send(), "ni");
        assertBadRequest(open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"n1\",\"rlk\":[\"" + rule + "\"]}}").send(), "needs csi");
        assertBadRequest(open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"n1\",\"csi\":\"/id-ssp\",\"rlk\":[\"" + profile + "\"]}}").send(),
                "no serviceSubscribedAppRule");
        Reply withoutCsi = open.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"n2\"}}").send();
        assertEquals(201, withoutCsi.status(), withoutCsi.text());
        String node = withoutCsi.json().path("m2m:svsn").path("ri").asText();
        assertBadRequest(open.put("/" + node, "{\"m2m:svsn\":{\"rlk\":[\"" + rule + "\"]}}").send(), "needs csi");
        assertBadRequest(open.put("/" + node, "{\"m2m:svsn\":{\"ni\":\"n3\"}}").send(), "ni");
        assertEquals(4108, open.create("/cse-ssp", 20, "{\"m2m:svsn\":{\"ni\":\"n4\",\"csi\":\"/id-ssp\"}}").send().rsc());
        assertEquals(4108, open.create("/" + node, 11, "{\"m2m:mssp\":{}}").send().rsc());
    }

    // ---- helpers ----

    private static Reply register(OneM2MClient cse, String originator, String api) {
        return registration(cse, originator, api).send();
    }

    private static OneM2MClient.Call registration(OneM2MClient cse, String originator, String api) {
        String base = cse == open ? "/cse-ssp" : "/cse-sec";
        return cse.create(base, 2, "{\"m2m:ae\":{\"api\":\"" + api + "\",\"rr\":false,\"srv\":[\"3\"]}}").from(originator);
    }

    private static String profile(OneM2MClient cse, String base) {
        Reply r = cse.create(base, 11, "{\"m2m:mssp\":{\"lbl\":[\"subscriber\"]}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:mssp").path("ri").asText();
    }

    /** A serviceSubscribedNode; {@code links} is the inside of the rlk list's quotes. */
    private static String node(OneM2MClient cse, String profile, String csi, String links) {
        Reply r = cse.create("/" + profile, 20, "{\"m2m:svsn\":{\"ni\":\"" + OneM2MClient.unique("node") + "\",\"csi\":\"" + csi
                + "\",\"rlk\":[\"" + links + "\"]}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:svsn").path("ri").asText();
    }

    /** A serviceSubscribedAppRule; each argument is a JSON list, or null to leave the attribute out. */
    private static String appRule(OneM2MClient cse, String base, String apci, String aai, String aae) {
        StringBuilder attrs = new StringBuilder();
        for (String[] a : new String[][] {{"apci", apci}, {"aai", aai}, {"aae", aae}}) {
            if (a[1] != null) {
                attrs.append(attrs.length() == 0 ? "" : ",").append('"').append(a[0]).append("\":").append(a[1]);
            }
        }
        Reply r = cse.create(base, 19, "{\"m2m:asar\":{" + attrs + "}}").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:asar").path("ri").asText();
    }

    private static void assertRefused(Reply r, int rsc, String reasonPart) {
        assertEquals(rsc, r.rsc(), r.text());
        assertTrue(r.status() == 403, r.status() + " " + r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }

    private static void assertBadRequest(Reply r, String reasonPart) {
        assertEquals(400, r.status(), r.text());
        assertEquals(4000, r.rsc(), r.text());
        assertTrue(r.json().path("m2m:dbg").asText().contains(reasonPart), r.text());
    }
}
