package io.keel.binding.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubprotocolTest {
    @Test
    void ts0020_6_2_2_7_theFirstNameTheClientOffersThatKeelSpeaksIsSelected() {
        assertEquals(Subprotocol.XML, Subprotocol.select(List.of("oneM2M.xml, oneM2M.json")));
        assertEquals(Subprotocol.JSON, Subprotocol.select(List.of("chat, oneM2M.json", "oneM2M.cbor")));
    }

    @Test
    void ts0020_6_2_2_7_severalHeadersAreOneListInTheirOrder() {
        assertEquals(Subprotocol.CBOR, Subprotocol.select(List.of("oneM2M.cbor", "oneM2M.json")));
    }

    @Test
    void ts0020_6_2_2_7_noOrOnlyUnknownSubprotocolsSelectNothing() {
        assertNull(Subprotocol.select(List.of()));
        assertNull(Subprotocol.select(null));
        assertNull(Subprotocol.select(List.of("mqtt, onem2m.json")), "names are compared exactly (RFC 6455 4.1)");
    }

    @Test
    void ts0020_table_6_2_2_9_1_cborTravelsInBinaryFramesJsonAndXmlInText() {
        assertTrue(Subprotocol.CBOR.binary());
        assertFalse(Subprotocol.JSON.binary());
        assertFalse(Subprotocol.XML.binary());
        assertEquals(Serialization.XML, Subprotocol.named("oneM2M.xml").serialization());
    }

    @Test
    void ts0020_6_2_2_7_aClientOffersTheReceiversSerializationFirst() {
        assertEquals(List.of("oneM2M.cbor", "oneM2M.json", "oneM2M.xml"), Subprotocol.preferring(Serialization.CBOR));
    }
}
