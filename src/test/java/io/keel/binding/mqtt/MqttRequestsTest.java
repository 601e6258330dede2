package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import org.junit.jupiter.api.Test;

/** Whom this CSE believes to be the originator of an MQTT request (TS-0010 7.2). */
class MqttRequestsTest {
    private final MqttRequests requests = new MqttRequests(null, null, null, "id-in", false, null);

    private static RequestPrimitive from(String fr) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.from = fr;
        return req;
    }

    private OneM2MException check(String topic, RequestPrimitive req) {
        return requests.checkOriginator(MqttTopics.parse(topic), req);
    }

    @Test
    void ts0010_7_2_theTopicsOriginatorIsTheFrom() {
        assertNull(check("/oneM2M/req/Cae/id-in/json", from("Cae")));
        assertNull(check("/oneM2M/req/Cae/id-in/json", from("/id-in/Cae")));
        assertNull(check("/oneM2M/req/id-mn/id-in/json", from("/id-mn")));
    }

    @Test
    void ts0010_7_2_anAeClaimingAnotherOriginatorIsRefused() {
        OneM2MException e = check("/oneM2M/req/Cae/id-in/json", from("Cother"));
        assertNotNull(e);
        assertEquals(ResponseStatusCode.BAD_REQUEST, e.rsc());
        assertTrue(e.getMessage().contains("Cother"), e.getMessage());
        assertNotNull(check("/oneM2M/req/Sae/id-in/json", from("/id-mn/Cx")));
    }

    @Test
    void ts0004_7_3_2_6_aCsePassesOnRequestsOfOthers() {
        assertNull(check("/oneM2M/req/id-mn/id-in/json", from("/id-mn/Cae")));
        assertNull(check("/oneM2M/req/id-in2/id-in/json", from("/id-asn/Cae")));
    }

    @Test
    void ts0010_6_4_4_registrationsAreNotChecked() {
        assertNull(check("/oneM2M/reg_req/cred-1/id-in/json", from("Cwhatever")));
        RequestPrimitive register = from("C");
        register.operation = Operation.CREATE;
        register.resourceType = 2;
        assertNull(check("/oneM2M/req/Cnew/id-in/json", register));
    }
}
