package io.keel.core.operation;

import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.keel.core.resource.DeclaredTypes;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResponseTypeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What Keel itself puts into a representation — what the originator gave as normalized, and what the CSE sets — has the
 * data type the resource type's table declares (TS-0004 7.4.x.1, 6.3): numbers as numbers, timestamps as
 * m2m:timestamps, enumerations within their tables.
 */
class RepresentationDataTypesTest {
    private final CoreFixture cse = new CoreFixture();

    @AfterEach
    void close() {
        cse.close();
    }

    /** Creates, then retrieves, and checks both representations against the type's declarations. */
    private Map<String, Object> createdAndRetrieved(String parent, String from, int ty, Map<String, Object> content) {
        String root = content.keySet().iterator().next();
        ResponsePrimitive created = cse.send(cse.create(parent, from, ty, content));
        assertRsc(ResponseStatusCode.CREATED, created);
        DeclaredTypes.assertConform(cse.types.require(ty), body(created, root));
        ResponsePrimitive retrieved = cse.send(cse.request(Operation.RETRIEVE, created.contentLocation, from));
        assertRsc(ResponseStatusCode.OK, retrieved);
        Map<String, Object> attributes = body(retrieved, root);
        DeclaredTypes.assertConform(cse.types.require(ty), attributes);
        return attributes;
    }

    @Test
    void ts0004_7_4_representationsHoldTheDeclaredDataTypes() {
        Map<String, Object> ae = createdAndRetrieved("cse-in", "Cdt", ResourceTypes.AE, map("m2m:ae", map("rn", "dt", "api", "Ndt",
                "rr", true, "srv", List.of("3"), "poa", List.of("http://10.0.0.1:9000/n"), "csz", List.of("json"), "lbl", List.of("a b"),
                "tri", 3010L, "trn", 7L, "tren", false, "nl", "/id-mn/cse-mn/node1", "mei", "1@x.example")));
        assertInstanceOf(Number.class, ae.get("ty"));
        assertInstanceOf(Boolean.class, ae.get("rr"));
        createdAndRetrieved("cse-in/dt", "Cdt", ResourceTypes.CONTAINER, map("m2m:cnt", map("rn", "box", "mni", 3L, "mbs", 100L,
                "mia", 60L, "disr", false, "or", "http://example.org/o", "et", "20991231T000000")));
        Map<String, Object> cin = createdAndRetrieved("cse-in/dt/box", "Cdt", ResourceTypes.CONTENT_INSTANCE,
                map("m2m:cin", map("cnf", "text/plain:0", "con", "21", "or", "http://example.org/o")));
        assertEquals(2L, ((Number) cin.get("cs")).longValue());
        Map<String, Object> cnt = body(cse.send(cse.request(Operation.RETRIEVE, "cse-in/dt/box", "Cdt")), "m2m:cnt");
        DeclaredTypes.assertConform(cse.types.require(ResourceTypes.CONTAINER), cnt);
        assertInstanceOf(Number.class, cnt.get("cni"));
        assertInstanceOf(Number.class, cnt.get("st"));
        createdAndRetrieved("cse-in/dt", "Cdt", ResourceTypes.ACCESS_CONTROL_POLICY, map("m2m:acp", map("rn", "acp",
                "pv", map("acr", List.of(map("acor", List.of("Cdt"), "acop", 3L, "acaf", true))),
                "pvs", map("acr", List.of(map("acor", List.of("Cdt"), "acop", 63L))))));
        Map<String, Object> grp = createdAndRetrieved("cse-in/dt", "Cdt", ResourceTypes.GROUP, map("m2m:grp", map("rn", "grp",
                "mt", 3L, "mnm", 5L, "mid", List.of("cse-in/dt/box"), "csy", 2L, "gn", "the group")));
        assertEquals(true, grp.get("mtv"));
        createdAndRetrieved("cse-in/dt/box", "Cdt", ResourceTypes.SUBSCRIPTION, map("m2m:sub", map("rn", "sub",
                "nu", List.of("Cdt"), "enc", map("net", List.of(1L, 3L), "atr", List.of("con"), "sts", 9L),
                "bn", map("dur", "PT10S"), "rl", map("mnn", 5L, "tww", "PT1M"), "pn", 1L, "nec", 100L, "exc", 3L, "ln", false,
                "su", "Cdt")));
    }

    @Test
    void ts0004_7_4_12_1_aRequestResourceHoldsTheDeclaredDataTypes() {
        cse.ae("Cae1", "app1");
        RequestPrimitive req = cse.request(Operation.RETRIEVE, "cse-in/app1", "Cae1");
        req.responseType = ResponseTypeValue.NON_BLOCKING_REQUEST_SYNCH;
        String requestRi = (String) ((Map<?, ?>) cse.send(req).content).get("m2m:uri");
        cse.nonBlocking.close(5_000); // lets the request finish

        ResponsePrimitive rsp = cse.send(cse.request(Operation.RETRIEVE, requestRi, "Cae1"));

        assertRsc(ResponseStatusCode.OK, rsp);
        Map<String, Object> request = body(rsp, "m2m:req");
        DeclaredTypes.assertConform(cse.types.require(ResourceTypes.REQUEST), request);
        assertEquals(2L, ((Number) request.get("op")).longValue());
        assertEquals(1L, ((Number) request.get("rs")).longValue());
    }
}
