package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's processes: a port taken between its check and the process's bind does not fail the test. */
class KeelProcessIT {
    @Test
    void aPortTakenMeanwhileMovesTheProcess_andTheAddressItNamesItself() throws Exception {
        int port = KeelProcess.freePort();
        try (ServerSocket taker = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
             KeelProcess keel = KeelProcess.start(Map.of("KEEL_HTTP_PORT", String.valueOf(port),
                     "KEEL_CSE_POA", "http://127.0.0.1:" + port))) {
            assertTrue(taker.isBound());
            assertNotEquals(port, keel.httpPort());
            RawHttp.Response cse = RawHttp.send(keel.base(), "GET", "/cse-in", "X-M2M-Origin: CAdmin\r\n", null);
            assertEquals(200, cse.status(), cse.text());
            assertTrue(cse.text().contains("127.0.0.1:" + keel.httpPort()), cse.text());
        }
    }
}
