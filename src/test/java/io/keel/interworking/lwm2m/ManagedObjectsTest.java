package io.keel.interworking.lwm2m;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the bridge remembers of a client's resources, and when it writes a mgmtObj again. */
class ManagedObjectsTest {
    private static MappedMgmtObj battery(long level) {
        return new MappedMgmtObj("battery", "m2m:bat", "/3/0", Map.of("btl", level), Map.of("btl", level));
    }

    @Test
    void aMgmtObjIsWrittenAgainOnlyWhenItsValuesChanged() {
        ManagedObjects objects = new ManagedObjects();
        assertTrue(objects.changed("ep", battery(90)));
        assertFalse(objects.changed("ep", battery(90)));
        assertTrue(objects.changed("ep", battery(15)));
        MappedMgmtObj reboot = new MappedMgmtObj("reboot", "m2m:rbo", "/3/0", Map.of("mgd", 1009L), Map.of());
        assertTrue(objects.changed("ep", reboot));
        assertFalse(objects.changed("ep", reboot), "nothing an Update could change");
    }

    @Test
    void forgettingAClientForgetsItsNodeMgmtObjsAndValues() {
        ManagedObjects objects = new ManagedObjects();
        objects.nodeCreated("ep");
        objects.mgmtObjCreated("fwr1", "ep", "/5/0");
        assertTrue(objects.firstSeen("ep", "/5/0"));
        objects.changed("ep", battery(90));
        assertEquals("/5/0", objects.path("fwr1"));
        objects.forget("ep");
        assertFalse(objects.hasNode("ep"));
        assertNull(objects.path("fwr1"));
        assertTrue(objects.firstSeen("ep", "/5/0"));
        assertTrue(objects.changed("ep", battery(90)));
    }
}
