package io.keel.binding.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.primitive.RequestPrimitive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What requests over a connection this CSE opened to its registrar are taken as (TS-0020 5.2). */
class AdmissionTest {

    @ParameterizedTest
    @CsvSource({
            "/id-in, true",
            "/id-in/CAdmin, true",
            "/id-mn2/Cae, true",
            "/id-mn, false",
            "/id-mn/Cae, false",
            "Cae, false",
            "CAdmin, false",
            "//other.example/id-x/Cae, false"})
    void ts0020_5_2_theRegistrarSpeaksForSpRelativeOriginatorsBeyondThisCse(String from, boolean authenticated) {
        RequestPrimitive req = new RequestPrimitive();
        req.from = from;
        Admission.throughRegistrar("id-mn").admit(req);
        assertEquals(authenticated, req.originatorAuthenticated, from);
    }
}
