package io.keel.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The checks of TS-0004 7.3.2.1 every request passes before anything is looked up or run. */
class RequestValidationTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static RequestPrimitive request(Instant ret, Instant oet, Instant rst) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.requestIdentifier = "1";
        req.releaseVersionIndicator = "3";
        req.requestExpirationTimestamp = ret;
        req.operationExecutionTime = oet;
        req.resultExpirationTimestamp = rst;
        return req;
    }

    private static ResponseStatusCode refusal(RequestPrimitive req) {
        return assertThrows(OneM2MException.class, () -> RequestValidation.checkEnvelope(req, NOW)).rsc();
    }

    @Test
    void ts0004_7_3_2_1_timesThatCannotAllHoldAreRefusedBeforeAnythingRuns() {
        Instant in10 = NOW.plusSeconds(10);
        Instant in20 = NOW.plusSeconds(20);
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, refusal(request(in10, in20, null)), "OET after RET");
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, refusal(request(null, in20, in10)), "OET after RST");
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, refusal(request(in20, null, in10)), "RST before RET");
    }

    @Test
    void ts0004_7_3_2_1_timesInTheirOrderPass() {
        Instant in10 = NOW.plusSeconds(10);
        Instant in20 = NOW.plusSeconds(20);
        Instant in30 = NOW.plusSeconds(30);
        assertDoesNotThrow(() -> RequestValidation.checkEnvelope(request(in20, in10, in30), NOW));
        assertDoesNotThrow(() -> RequestValidation.checkEnvelope(request(in10, in10, in10), NOW), "equal times hold");
        assertDoesNotThrow(() -> RequestValidation.checkEnvelope(request(null, in10, null), NOW));
    }

    @Test
    void ts0004_7_3_2_1_anExpiredRequestAndAMissingIdentifierAreRefused() {
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, refusal(request(NOW, null, null)));
        RequestPrimitive noRi = request(null, null, null);
        noRi.requestIdentifier = null;
        assertEquals(ResponseStatusCode.BAD_REQUEST, refusal(noRi));
    }
}
