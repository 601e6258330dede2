package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.types.AnnouncedType;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Release 4 custodian (cstn): on the types with acpi and on the accessControlPolicy, an m2m:ID, Release 4 only. */
class CustodianAttributeTest {
    private final TypeRegistry types = new TypeRegistry();

    @ParameterizedTest
    @ValueSource(ints = {ResourceTypes.AE, ResourceTypes.CONTAINER, ResourceTypes.ACCESS_CONTROL_POLICY, ResourceTypes.GROUP,
            ResourceTypes.SUBSCRIPTION, ResourceTypes.FLEX_CONTAINER})
    void r4_typesWithAcpiAndThePolicyDeclareTheCustodian(int ty) {
        AttributeDef cstn = types.require(ty).attribute("cstn");
        assertNotNull(cstn);
        assertEquals(AttributeType.ID, cstn.type());
        assertEquals("4", cstn.introduced());
        assertEquals(AttributeDef.Presence.OPTIONAL, cstn.onCreate());
        assertEquals(AttributeDef.Presence.OPTIONAL, cstn.onUpdate());
    }

    @Test
    void r4_typesWithoutAcpiAndAnnouncedTypesDoNot() {
        assertNull(types.require(ResourceTypes.CONTENT_INSTANCE).attribute("cstn"), "takes its parent's decision");
        for (ResourceType t : types.supported().stream().map(types::require).toList()) {
            assertEquals(t.hasAccessControlPolicyIds() && !(t instanceof AnnouncedType) || t.governsItself(), t.attribute("cstn") != null,
                    t.rootElement());
        }
    }

    @Test
    void r4_theCustodianIsAnId() {
        Map<String, Object> v = AttributeValidator.forCreate(types.require(ResourceTypes.CONTAINER),
                Map.of("m2m:cnt", Map.of("cstn", "/id-in/Ckeeper")), false, "4");
        assertEquals("/id-in/Ckeeper", v.get("cstn"));
        for (Object bad : new Object[] {"", "two words", 42L, Map.of()}) {
            OneM2MException e = assertThrows(OneM2MException.class, () -> AttributeValidator.forCreate(types.require(ResourceTypes.CONTAINER),
                    Map.of("m2m:cnt", Map.of("cstn", bad)), false, "4"));
            assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
            assertTrue(e.getMessage().contains("cstn"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "2a", "3"})
    void r4_aRequestOfAnEarlierReleaseNamingItIs4000(String release) {
        OneM2MException e = assertThrows(OneM2MException.class, () -> AttributeValidator.forUpdate(types.require(ResourceTypes.CONTAINER),
                Map.of("m2m:cnt", Map.of("cstn", "Ckeeper")), false, release));
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("cstn"), e.getMessage());
    }
}
