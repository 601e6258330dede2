package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labels a request's metrics get: operation, resource type where known, RSC — and never more than a fixed set. */
class RequestOutcomeTest {
    private static final TypeRegistry TYPES = new TypeRegistry();

    private static RequestPrimitive request(Operation op) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = "cse-in/some/where";
        req.from = "Csomeone";
        req.binding = "http";
        return req;
    }

    private static RequestOutcome outcome(RequestPrimitive req, ResponseStatusCode rsc, Object content) {
        return RequestOutcome.of(req, new ResponsePrimitive(rsc, content), 42, TYPES);
    }

    @Test
    void aCreateIsLabelledWithTheTypeItCreates() {
        RequestPrimitive req = request(Operation.CREATE);
        req.resourceType = ResourceTypes.CONTENT_INSTANCE;
        RequestOutcome o = outcome(req, ResponseStatusCode.CREATED, Map.of("m2m:cin", Map.of("con", "1")));
        assertEquals(new RequestOutcome("http", "create", 4, 2001, 42), o);
        // Also when it fails: the type was asked for.
        assertEquals(4, outcome(req, ResponseStatusCode.CONFLICT, Map.of("m2m:dbg", "taken")).resourceType());
    }

    @Test
    void aTypeThisCseDoesNotImplementIsNoLabel() {
        RequestPrimitive req = request(Operation.CREATE);
        req.resourceType = 987_654; // any number a client sends would otherwise become a time series
        assertNull(outcome(req, ResponseStatusCode.BAD_REQUEST, Map.of("m2m:dbg", "no such type")).resourceType());
    }

    @Test
    void otherOperationsTakeTheTypeTheAnswerRepresents() {
        assertEquals(new RequestOutcome("http", "retrieve", 3, 2000, 42),
                outcome(request(Operation.RETRIEVE), ResponseStatusCode.OK, Map.of("m2m:cnt", Map.of("cni", 0))));
        assertEquals(2, outcome(request(Operation.UPDATE), ResponseStatusCode.UPDATED, Map.of("m2m:ae", Map.of())).resourceType());
        assertEquals(5, outcome(request(Operation.RETRIEVE), ResponseStatusCode.OK, Map.of("m2m:cb", Map.of())).resourceType());
    }

    @Test
    void withoutARepresentationTheTypeIsUnknown() {
        assertEquals(new RequestOutcome("http", "delete", null, 2002, 42), outcome(request(Operation.DELETE), ResponseStatusCode.DELETED, null));
        assertNull(outcome(request(Operation.RETRIEVE), ResponseStatusCode.NOT_FOUND, Map.of("m2m:dbg", "gone")).resourceType());
        assertNull(outcome(request(Operation.RETRIEVE), ResponseStatusCode.OK, Map.of("m2m:rrl", Map.of())).resourceType());
        assertNull(outcome(request(Operation.RETRIEVE), ResponseStatusCode.OK, "plain").resourceType());
    }

    @Test
    void discoveryAndNotifyAreOperationsOfTheirOwn() {
        RequestPrimitive discovery = request(Operation.RETRIEVE);
        discovery.filterCriteria().filterUsage = FilterUsage.DISCOVERY;
        assertEquals(new RequestOutcome("http", "discovery", null, 2000, 42),
                outcome(discovery, ResponseStatusCode.OK, Map.of("m2m:uril", List.of("a", "b"))));
        assertEquals(new RequestOutcome("http", "notify", null, 2000, 42),
                outcome(request(Operation.NOTIFY), ResponseStatusCode.OK, null));
    }

    @Test
    void theCsesOwnRequestsCountAsInternal() {
        RequestPrimitive own = request(Operation.RETRIEVE);
        own.binding = null;
        assertEquals(RequestOutcome.INTERNAL, outcome(own, ResponseStatusCode.OK, null).binding());
    }

    @Test
    void aRequestWithoutOperationStillCounts() {
        assertEquals(new RequestOutcome("http", "none", null, 4000, 42),
                outcome(request(null), ResponseStatusCode.BAD_REQUEST, Map.of("m2m:dbg", "operation is missing")));
    }
}
