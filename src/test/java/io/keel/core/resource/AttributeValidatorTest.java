package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attribute rules declared as data, applied to Create and Update content (TS-0004 7.3.3.3, 7.3.3.4). */
class AttributeValidatorTest {
    private final TypeRegistry types = new TypeRegistry();

    private static Map<String, Object> content(String root, Object... nameValue) {
        Map<String, Object> attrs = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            attrs.put((String) nameValue[i], nameValue[i + 1]);
        }
        return Map.of(root, attrs);
    }

    private static void assertBadRequest(Runnable r, String reasonPart) {
        OneM2MException e = assertThrows(OneM2MException.class, r::run);
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains(reasonPart), e.getMessage());
    }

    @Test
    void createKeepsNormalizedValues() {
        Map<String, Object> v = AttributeValidator.forCreate(types.require(ResourceTypes.AE),
                content("m2m:ae", "api", "Nx", "rr", true, "srv", List.of("3", "4"), "lbl", List.of("a")), false);
        assertEquals(true, v.get("rr"));
        assertEquals(List.of("3", "4"), v.get("srv"));
        assertEquals(List.of("a"), v.get("lbl"));
    }

    /** XML carries every scalar as text, read by the declared type's lexical rules (TS-0004 6.3.2; the rest: AttributeTypesTest). */
    @Test
    void ts0004_6_3_2_xmlTextIsTypedByTheDeclaration() {
        Map<String, Object> v = AttributeValidator.forCreate(types.require(ResourceTypes.CONTAINER),
                content("m2m:cnt", "mni", "10", "disr", "false", "lbl", "a b"), true);
        assertEquals(10L, v.get("mni"));
        assertEquals(false, v.get("disr"));
        assertEquals(List.of("a", "b"), v.get("lbl"));
    }

    @Test
    void mandatoryMissingUnknownAndReadOnlyAre4000() {
        ResourceType ae = types.require(ResourceTypes.AE);
        assertBadRequest(() -> AttributeValidator.forCreate(ae, content("m2m:ae", "rr", true, "srv", List.of("3")), false), "api");
        assertBadRequest(() -> AttributeValidator.forCreate(ae,
                content("m2m:ae", "api", "Nx", "rr", true, "srv", List.of("3"), "zz", 1), false), "unknown attribute zz");
        assertBadRequest(() -> AttributeValidator.forCreate(ae,
                content("m2m:ae", "api", "Nx", "rr", true, "srv", List.of("3"), "aei", "C1"), false), "aei");
    }

    @Test
    void ts0004_7_3_3_3_attributesOneM2MDefinesButKeelDoesNotSupportAre5001AndNamedAsSuch() {
        ResourceType ae = types.require(ResourceTypes.AE);
        OneM2MException create = assertThrows(OneM2MException.class, () -> AttributeValidator.forCreate(ae,
                content("m2m:ae", "api", "Nx", "rr", true, "srv", List.of("3"), "esi", Map.of()), false));
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, create.rsc());
        assertTrue(create.getMessage().contains("esi (e2eSecInfo) of m2m:ae is not supported by this CSE"), create.getMessage());
    }

    @Test
    void ts0004_7_3_3_4_anUpdateOfAnAttributeKeelDoesNotSupportIs5001() {
        ResourceType ae = types.require(ResourceTypes.AE);
        OneM2MException update = assertThrows(OneM2MException.class,
                () -> AttributeValidator.forUpdate(ae, content("m2m:ae", "esi", Map.of()), false));
        assertEquals(ResponseStatusCode.NOT_IMPLEMENTED, update.rsc());
        assertTrue(update.getMessage().contains("esi (e2eSecInfo) of m2m:ae is not supported by this CSE"), update.getMessage());
    }

    @Test
    void ts0004_7_4_13_1_semanticSupportIndicatorIsTheHostingCsesToSet() {
        ResourceType grp = types.require(ResourceTypes.GROUP);
        assertBadRequest(() -> AttributeValidator.forCreate(grp, content("m2m:grp", "mnm", 2, "mid", List.of("Cx"), "ssi", true),
                false), "ssi");
        assertBadRequest(() -> AttributeValidator.forUpdate(grp, content("m2m:grp", "ssi", true), false), "ssi");
    }

    @ParameterizedTest
    @ValueSource(ints = {ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.AE, ResourceTypes.CONTAINER,
            ResourceTypes.CONTENT_INSTANCE, ResourceTypes.GROUP})
    void ts0001_9_6_1_3_theTypesKeelAnnouncesTakeAtAndAaOnCreateAndUpdate(int ty) {
        ResourceType type = types.require(ty);
        for (String sn : List.of("at", "aa")) {
            assertEquals(AttributeDef.Presence.OPTIONAL, type.attribute(sn).onCreate(), sn + " of " + type.rootElement());
            assertEquals(List.of("/id-mn"), AttributeValidator.forUpdate(type, content(type.rootElement(), sn, List.of("/id-mn")),
                    false).get(sn));
        }
    }

    @Test
    void ts0001_9_6_4_aRemoteCseIsAnnouncedLikeTheOtherAnnounceableTypes() {
        ResourceType type = types.require(ResourceTypes.REMOTE_CSE);
        AttributeValidator.forUpdate(type, content(type.rootElement(), "at", List.of("/id-in")), false);
        AttributeValidator.forUpdate(type, content(type.rootElement(), "aa", List.of("poa")), false);
        assertEquals("m2m:csrA", types.require(10_016).rootElement());
    }

    @Test
    void ts0004_7_3_3_3_typesThatAreNeverAnnouncedDoNotKnowTheAnnouncementAttributes() {
        ResourceType sub = types.require(ResourceTypes.SUBSCRIPTION);
        OneM2MException e = assertThrows(OneM2MException.class,
                () -> AttributeValidator.forCreate(sub, content("m2m:sub", "nu", List.of("Cx"), "at", List.of("/id-mn")), false));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("unknown attribute at"), e.getMessage());
    }

    @Test
    void ts0004_table_6_3_6_2_dynamicAuthorizationConsultationIdsBesideAcpi() {
        Map<String, Object> given = AttributeValidator.forCreate(types.require(ResourceTypes.CONTAINER),
                content("m2m:cnt", "daci", List.of("dac123")), false);
        assertEquals(List.of("dac123"), given.get("daci"));
        assertBadRequest(() -> AttributeValidator.forCreate(types.require(ResourceTypes.CONTENT_INSTANCE),
                content("m2m:cin", "con", "x", "daci", List.of("dac123")), false), "daci");
    }

    @ParameterizedTest
    @ValueSource(strings = {"m2m:ae", "cnt", "m2m:cin"})
    void wrongRootElementIs4000(String root) {
        assertBadRequest(() -> AttributeValidator.forCreate(types.require(ResourceTypes.CONTAINER), content(root), false), "m2m:cnt");
    }

    @Test
    void creatorMayOnlyBeAskedForWithNull() {
        ResourceType cnt = types.require(ResourceTypes.CONTAINER);
        Map<String, Object> asked = new HashMap<>();
        asked.put("cr", null);
        assertTrue(AttributeValidator.forCreate(cnt, Map.of("m2m:cnt", asked), false).containsKey("cr"));
        assertBadRequest(() -> AttributeValidator.forCreate(cnt, content("m2m:cnt", "cr", "Cx"), false), "cr");
        assertBadRequest(() -> AttributeValidator.forCreate(types.require(ResourceTypes.AE),
                content("m2m:ae", "api", "Nx", "rr", true, "srv", List.of("3"), "cr", "Cx"), false), "unknown attribute cr");
    }

    @Test
    void updateRules() {
        ResourceType cnt = types.require(ResourceTypes.CONTAINER);
        Map<String, Object> deleteMni = new HashMap<>();
        deleteMni.put("mni", null);
        Map<String, Object> v = AttributeValidator.forUpdate(cnt, Map.of("m2m:cnt", deleteMni), false);
        assertTrue(v.containsKey("mni"));
        assertNull(v.get("mni"));
        assertBadRequest(() -> AttributeValidator.forUpdate(cnt, content("m2m:cnt", "rn", "x"), false), "cannot be updated");
        assertBadRequest(() -> AttributeValidator.forUpdate(cnt, content("m2m:cnt"), false), "names no attribute");
        Map<String, Object> deleteApi = new HashMap<>();
        deleteApi.put("rr", null);
        assertBadRequest(() -> AttributeValidator.forUpdate(types.require(ResourceTypes.AE), Map.of("m2m:ae", deleteApi), false),
                "mandatory");
    }

    /** Labels are xs:tokens (TS-0004 table 6.3.2-1): single inner spaces, nothing else of white space. */
    @Test
    void ts0004_6_3_2_labelsAreTokensWithSingleInnerSpaces() {
        ResourceType cnt = types.require(ResourceTypes.CONTAINER);
        assertEquals(List.of("To be deleted", "room:kitchen"), AttributeValidator.forCreate(cnt,
                content("m2m:cnt", "lbl", List.of("To be deleted", "room:kitchen")), false).get("lbl"));
        for (String bad : List.of("", " lead", "trail ", "two  spaces", "tab\there", "line\nbreak")) {
            assertBadRequest(() -> AttributeValidator.forCreate(cnt, content("m2m:cnt", "lbl", List.of(bad)), false), "lbl");
        }
        assertEquals(List.of("a", "b"), AttributeValidator.forCreate(cnt, content("m2m:cnt", "lbl", "a b"), true).get("lbl"),
                "an XML list is separated by white space");
    }

    /** m2m:contentInfo, TS-0004 table 6.3.3-1: media type, mandatory encodingType (6.3.4.2.28), optional contentSecurity. */
    @Test
    void ts0004_6_3_3_contentInfoSyntax() {
        ResourceType cin = types.require(ResourceTypes.CONTENT_INSTANCE);
        for (String good : List.of("application/json:0", "text/plain:2", "application/xml:1:0", "application/jose:0:5")) {
            assertEquals(good, AttributeValidator.forCreate(cin, content("m2m:cin", "con", "x", "cnf", good), false).get("cnf"));
        }
        for (String bad : List.of("json", "text/plain", "text/plain:7", "text/plain:x", "text/plain:0:6", "text/plain:0:a",
                "text/plain:0:0:0", "text/plain:", "text/plain:0:", ":0")) {
            assertBadRequest(() -> AttributeValidator.forCreate(cin, content("m2m:cin", "con", "x", "cnf", bad), false), "cnf");
        }
    }
}
