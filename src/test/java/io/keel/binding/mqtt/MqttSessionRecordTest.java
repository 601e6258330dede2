package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.binding.mqtt.MqttSessionRecord.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the CSE has left an MQTT server for good (TS-0010 6.3.3), decided at start from the recorded session. */
class MqttSessionRecordTest {
    private static final Session AT_A = new Session("tcp://a:1883", "C::id-in");

    @TempDir
    Path dir;

    private MqttSessionRecord recordOf(Session s) {
        MqttSessionRecord r = new MqttSessionRecord(dir.resolve("mqtt-session"));
        if (s != null) {
            r.record(s);
        }
        return r;
    }

    @Test
    void ts0010_6_3_3_aNormalRestartKeepsTheSession() {
        assertNull(recordOf(AT_A).abandoned(AT_A));
    }

    @Test
    void ts0010_6_3_3_noSessionRecordedNothingToLeave() {
        assertNull(recordOf(null).abandoned(null));
        assertNull(recordOf(null).abandoned(AT_A));
    }

    @Test
    void ts0010_6_3_3_theBindingSwitchedOffLeavesTheServer() {
        assertEquals(AT_A, recordOf(AT_A).abandoned(null));
    }

    @Test
    void ts0010_6_3_3_anotherServerOrAnotherCseIdLeavesTheOldSession() {
        assertEquals(AT_A, recordOf(AT_A).abandoned(new Session("tcp://b:1883", "C::id-in")));
        assertEquals(AT_A, recordOf(AT_A).abandoned(new Session("tcp://a:1883", "C::id-other")));
    }

    @Test
    void ts0010_6_3_3_aLeftSessionIsForgottenUnlessANewerOneWasRecorded() throws Exception {
        MqttSessionRecord r = recordOf(AT_A);
        Session atB = new Session("tcp://b:1883", "C::id-in");
        r.record(atB);
        r.forget(AT_A);
        assertEquals(atB, r.recorded());
        r.forget(atB);
        assertNull(r.recorded());
        assertEquals(false, Files.exists(dir.resolve("mqtt-session")));
    }
}
