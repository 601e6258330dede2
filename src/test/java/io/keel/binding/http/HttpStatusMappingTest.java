package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.keel.primitive.ResponseStatusCode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TS-0009 table 6.3.2-1, every row, with the shifted rows resolved as shared/spec §8 does. */
class HttpStatusMappingTest {
    @ParameterizedTest(name = "rsc {0} → HTTP {1}")
    @CsvSource({
            "1000,202", "1001,202", "1002,202",
            "2000,200", "2002,200", "2004,200", "2001,201",
            "4000,400", "4102,400", "4110,400", "4120,400", "4122,400", "4123,400", "4131,400", "4133,400", "4134,400",
            "4137,400", "4142,400", "4143,400", "6010,400", "6022,400", "6023,400", "6024,400",
            "4101,403", "4103,403", "5105,403", "5203,403", "5205,403", "4106,403", "4107,403", "4108,403", "4109,403",
            "4111,403", "4112,403", "4113,403", "4114,403", "4115,403", "4116,403", "4117,403", "4126,403", "4127,403",
            "4128,403", "4135,403", "4136,403", "4138,403", "4139,403", "5208,403", "5214,403", "5215,403", "5218,403",
            "5222,403", "6034,403",
            "4004,404", "4118,404", "4119,404", "4121,404", "4130,404", "4132,404", "5103,404", "5107,404", "6003,404", "6005,404",
            "4005,405",
            "5207,406",
            "4104,409", "4105,409", "4124,409", "4140,409", "5106,409", "5219,409", "5220,409", "6028,409", "6029,409",
            "4015,415",
            "5000,500", "5204,500", "5209,500", "5210,500", "5211,500", "5212,500", "5216,500", "5217,500", "5221,500",
            "5230,500", "5231,500", "5232,500", "6020,500", "6021,500", "6025,500", "6026,500", "6033,500",
            "4001,501", "4125,501", "5001,501", "5206,501",
            "4008,504", "6030,504", "6031,504"})
    void clause6_3_2_statusCodeMapping(int rsc, int http) {
        assertNotNull(ResponseStatusCode.of(rsc), "rsc " + rsc + " is a known code");
        assertEquals(http, HttpStatusMapping.httpStatus(rsc));
    }

    @Test
    void clause6_3_2_everyKnownCodeHasAMappingThatMatchesItsClass() {
        Arrays.stream(ResponseStatusCode.values()).forEach(c -> {
            int http = HttpStatusMapping.httpStatus(c);
            int cls = c.code() / 1000;
            if (cls == 1 || cls == 2) {
                assertEquals(2, http / 100, c + " is a success");
            } else {
                assertEquals(true, http >= 400, c + " is an error");
            }
        });
    }

    @Test
    void clause6_3_2_unknownCodeMapsTo500NeverTo200() {
        assertEquals(500, HttpStatusMapping.httpStatus(4141));
        assertEquals(500, HttpStatusMapping.httpStatus(1234));
        assertEquals(500, HttpStatusMapping.httpStatus(null));
    }

    @Test
    void clause6_1_useCase4_missingRscFallsBackToTheHttpStatus() {
        assertEquals(ResponseStatusCode.OK, HttpStatusMapping.fallbackRsc(200));
        assertEquals(ResponseStatusCode.CREATED, HttpStatusMapping.fallbackRsc(201));
        assertEquals(ResponseStatusCode.NOT_FOUND, HttpStatusMapping.fallbackRsc(404));
        assertEquals(ResponseStatusCode.REQUEST_TIMEOUT, HttpStatusMapping.fallbackRsc(504));
        assertEquals(ResponseStatusCode.BAD_REQUEST, HttpStatusMapping.fallbackRsc(418));
        assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, HttpStatusMapping.fallbackRsc(502));
    }
}
