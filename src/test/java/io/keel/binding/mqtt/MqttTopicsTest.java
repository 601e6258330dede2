package io.keel.binding.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.binding.mqtt.MqttTopics.Kind;
import io.keel.binding.mqtt.MqttTopics.Topic;
import io.keel.primitive.Serialization;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    @Test
    void ts0010_6_4_2_idsBecomeOneTopicLevel() {
        assertEquals("Cae01", MqttTopics.level("Cae01"));
        assertEquals("id-in", MqttTopics.level("/id-in"));
        assertEquals("id-mn:Cae", MqttTopics.level("/id-mn/Cae"));
        assertEquals(":sp.example:id-in", MqttTopics.level("//sp.example/id-in"));
    }

    @Test
    void ts0010_6_5_4_requestTopicEndsWithThePayloadType() {
        assertEquals("/oneM2M/req/Cae01/id-in/json", MqttTopics.topic(Kind.REQ, "Cae01", "id-in", Serialization.JSON));
        assertEquals("/oneM2M/resp/Cae01/id-in/cbor", MqttTopics.topic(Kind.RESP, "Cae01", "id-in", Serialization.CBOR));
        assertEquals("/oneM2M/reg_resp/cred1/id-in/xml", MqttTopics.topic(Kind.REG_RESP, "cred1", "id-in", Serialization.XML));
    }

    @Test
    void ts0010_6_5_4_subscriptionFilters() {
        assertEquals("/oneM2M/req/+/id-in/#", MqttTopics.requestFilter(Kind.REQ, "id-in"));
        assertEquals("/oneM2M/reg_req/+/id-in/#", MqttTopics.requestFilter(Kind.REG_REQ, "id-in"));
        assertEquals("/oneM2M/resp/id-in/#", MqttTopics.responseFilter("id-in"));
    }

    @Test
    void ts0010_6_4_3_parseReadsOriginatorReceiverAndType() {
        assertEquals(new Topic(Kind.REQ, "Cae01", "id-in", Serialization.XML), MqttTopics.parse("/oneM2M/req/Cae01/id-in/xml"));
        assertEquals(new Topic(Kind.REG_REQ, "cred", "id-in", Serialization.JSON), MqttTopics.parse("/oneM2M/reg_req/cred/id-in/json"));
        assertEquals(new Topic(Kind.RESP, "id-in", "Cae01", Serialization.CBOR), MqttTopics.parse("/oneM2M/resp/id-in/Cae01/cbor"));
    }

    @Test
    void ts0010_6_4_4_registrationIsAnsweredOnRegResp() {
        assertEquals(Kind.REG_RESP, Kind.REG_REQ.answer());
        assertEquals(Kind.RESP, Kind.REQ.answer());
    }

    @Test
    void ts0010_6_5_4_unknownPayloadTypeIsKeptAsNone() {
        assertNull(MqttTopics.parse("/oneM2M/req/Cae01/id-in/yaml").serialization());
    }

    @Test
    void otherTopicsAreNoOneM2MTopics() {
        assertNull(MqttTopics.parse("/oneM2M/req/Cae01/id-in"));
        assertNull(MqttTopics.parse("/oneM2M/other/a/b/json"));
        assertNull(MqttTopics.parse("sensors/temperature"));
        assertNull(MqttTopics.parse("/oneM2M/req//id-in/json"));
    }
}
