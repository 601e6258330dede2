package io.keel.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses another CSE answers, as this CSE reaches them (TS-0004 7.4.35.2.2: the results of the members' CSEs). */
class RemoteDescriptorsTest {
    @Test
    void ts0004_7_4_35_2_2_aCseRelativeAnswerIsMadeSpRelativeWithTheAskedCsesId() {
        assertEquals("/id-mn/cse-mn/lamp/desc", RemoteDescriptors.address("/id-mn/cse-mn/lamp", "cse-mn/lamp/desc"));
        assertEquals("/id-mn/smd123", RemoteDescriptors.address("/id-mn/cnt9", "smd123"));
        assertEquals("//sp.example/id-mn/smd1", RemoteDescriptors.address("//sp.example/id-mn/cnt9", "smd1"));
        assertEquals("/id-other/x", RemoteDescriptors.address("/id-mn/cnt9", "/id-other/x"), "SP-relative stays as it is");
        assertEquals("cse-in/a/desc", RemoteDescriptors.address("cse-in/a", "cse-in/a/desc"), "CSE-relative: of this CSE");
        assertEquals("/id-mn/x", RemoteDescriptors.address("/id-mn", "x"), "the CSE itself asked");
    }

    @Test
    void ts0004_7_4_35_2_2_theAddressesOfADiscoveryAnswerAreItsUrilOrItsReferences() {
        assertEquals(List.of("a", "b"), RemoteDescriptors.uris(new ResponsePrimitive(ResponseStatusCode.OK,
                Map.of("m2m:uril", List.of("a", "b")))));
        assertEquals(List.of("c"), RemoteDescriptors.uris(new ResponsePrimitive(ResponseStatusCode.OK,
                Map.of("m2m:rrl", Map.of("rrf", List.of(Map.of("nm", "desc", "typ", 24, "val", "c")))))));
        assertEquals(List.of(), RemoteDescriptors.uris(new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:dbg", "x"))));
    }
}
