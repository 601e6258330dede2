package io.keel.binding.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.primitive.ResponseStatusCode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TS-0009 6.3.2, table 6.3.2-1 as V3.9.1 gives it (intact there): every row. */
class HttpStatusMappingTest {
    /**
     * TS-0009 V3.9.1 table 6.3.2-1 row by row (rsc → HTTP status), codes newer than V3.9.1 placed by the later
     * release's row order. 4141 has no mapping in any source and is not listed.
     */
    private static final Map<Integer, Integer> SPEC_TABLE = new LinkedHashMap<>();

    static {
        row(202, 1000, 1001, 1002);
        row(200, 2000, 2002, 2004);
        row(201, 2001);
        row(400, 4000, 4102, 4110, 4120, 4122, 4123, 4131, 4133, 4134, 4137, 4142, 4143, 6010, 6022, 6023, 6024);
        row(501, 4001, 4125, 5001, 5206);
        row(404, 4004, 4118, 4119, 4121, 4130, 4132, 5103, 5107, 6003, 6005);
        row(405, 4005);
        row(504, 4008, 6030, 6031);
        row(415, 4015);
        row(403, 4101, 4103, 4106, 4107, 4108, 4109, 4111, 4112, 4113, 4114, 4115, 4116, 4117, 4126, 4127, 4128, 4135, 4136,
                4138, 4139, 5105, 5203, 5205, 5208, 5214, 5215, 5218, 5222, 6034);
        row(409, 4104, 4105, 4124, 4140, 5106, 5219, 5220, 6028, 6029);
        row(500, 5000, 5204, 5209, 5210, 5211, 5212, 5216, 5217, 5221, 5230, 5231, 5232, 6020, 6021, 6025, 6026, 6033);
        row(406, 5207);
    }

    private static void row(int http, int... codes) {
        for (int c : codes) {
            SPEC_TABLE.put(c, http);
        }
    }

    static Stream<Arguments> specTable() {
        return SPEC_TABLE.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "clause6_3_2_rsc{0}MapsTo{1}")
    @MethodSource("specTable")
    void clause6_3_2_everyRowOfTheTable(int rsc, int http) {
        ResponseStatusCode code = ResponseStatusCode.of(rsc);
        assertNotNull(code, "rsc " + rsc + " is a known code");
        assertEquals(http, HttpStatusMapping.httpStatus(code), "enum overload");
        assertEquals(http, HttpStatusMapping.httpStatus(rsc), "int overload");
    }

    @Test
    void clause6_3_2_theTableCoversEveryKnownCode() {
        Set<Integer> known = Arrays.stream(ResponseStatusCode.values()).map(ResponseStatusCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(known, new TreeSet<>(SPEC_TABLE.keySet()),
                "every ResponseStatusCode has a row in the test table, so none falls to 500 by omission");
    }

    @Test
    void clause6_3_2_rsc4008MapsTo504() {
        assertEquals(504, HttpStatusMapping.httpStatus(ResponseStatusCode.REQUEST_TIMEOUT));
    }

    @Test
    void clause6_3_2_rsc5206MapsTo501NotTo504() {
        assertEquals(501, HttpStatusMapping.httpStatus(ResponseStatusCode.NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED));
    }

    @Test
    void clause6_3_2_rsc4015MapsTo415AndRsc6028MapsTo409() {
        assertEquals(415, HttpStatusMapping.httpStatus(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE));
        assertEquals(409, HttpStatusMapping.httpStatus(ResponseStatusCode.ALREADY_COMPLETE));
        assertEquals(409, HttpStatusMapping.httpStatus(ResponseStatusCode.MGMT_COMMAND_NOT_CANCELLABLE));
    }

    @Test
    void clause6_3_2_rsc6034MapsTo403AndRsc6033MapsTo500() {
        assertEquals(403, HttpStatusMapping.httpStatus(ResponseStatusCode.REQUESTED_ACTIVITY_PATTERN_NOT_PERMITTED));
        assertEquals(500, HttpStatusMapping.httpStatus(ResponseStatusCode.NETWORK_QOS_CONFIG_ERROR));
    }

    @ParameterizedTest(name = "clause6_3_2_unknownCode{0}MapsTo500")
    @ValueSource(ints = {4141, 1234, 2003, 0, -1, 9999, 99999, Integer.MAX_VALUE})
    void clause6_3_2_unknownCodeMapsTo500NeverTo200(int rsc) {
        assertEquals(500, HttpStatusMapping.httpStatus(rsc));
    }

    @Test
    void clause6_3_2_nullCodeMapsTo500() {
        assertEquals(500, HttpStatusMapping.httpStatus((ResponseStatusCode) null));
    }

    @Test
    void clause6_3_2_successCodesAreTheOnly2xx() {
        for (ResponseStatusCode c : ResponseStatusCode.values()) {
            int http = HttpStatusMapping.httpStatus(c);
            assertEquals(c.isSuccess(), http >= 200 && http < 300, c + " → " + http);
        }
    }

    @ParameterizedTest(name = "clause6_1_useCase4_http{0}FallsBackToRsc{1}")
    @CsvSource({"200,2000", "201,2001", "202,1000", "400,4000", "403,4103", "404,4004", "405,4005", "406,5207", "409,4105",
            "415,4015", "501,5001", "504,4008", "401,4000", "410,4000", "418,4000", "429,4000", "499,4000", "500,5000",
            "502,5000", "503,5000", "599,5000", "204,2000"})
    void clause6_1_useCase4_missingRscFallsBackToTheHttpStatus(int http, int rsc) {
        assertEquals(ResponseStatusCode.of(rsc), HttpStatusMapping.fallbackRsc(http));
    }

    @ParameterizedTest(name = "clause6_1_useCase4_fallbackForHttp{0}MapsBackTo{0}")
    @ValueSource(ints = {200, 201, 202, 400, 403, 404, 405, 406, 409, 415, 500, 501, 504})
    void clause6_1_useCase4_fallbackRoundTripsThroughTheTable(int http) {
        assertEquals(http, HttpStatusMapping.httpStatus(HttpStatusMapping.fallbackRsc(http)));
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 304, 0, -1, 600})
    void clause6_1_useCase4_noOneM2MMeaningFallsBackTo5000(int http) {
        assertEquals(ResponseStatusCode.INTERNAL_SERVER_ERROR, HttpStatusMapping.fallbackRsc(http));
        assertTrue(HttpStatusMapping.httpStatus(HttpStatusMapping.fallbackRsc(http)) >= 500);
    }
}
