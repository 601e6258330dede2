package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.it.OneM2MClient.Reply;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the ITs that run on a {@link CsePair} (an IN-CSE and an MN-CSE registered with it): a class starts the
 * pair in its {@code @BeforeAll} with {@link #startCses}, and it is closed after the class's tests.
 */
abstract class TwoCsesIT {
    static CsePair cses;
    static OneM2MClient atIn;
    static OneM2MClient atMn;

    /** @param name names the temporary directory the two CSEs keep their data in */
    static void startCses(String name) {
        cses = CsePair.start(name);
        atIn = cses.atIn;
        atMn = cses.atMn;
    }

    @AfterAll
    static void stopCses() {
        if (cses != null) {
            cses.close();
            cses = null;
        }
    }

    /** Sends the call as the client both CSEs know. */
    static Reply send(OneM2MClient.Call call) {
        return cses.send(call);
    }

    /** A container on {@code at} whose policy gives {@code originator} every operation; returns its ri. */
    static String governedContainer(OneM2MClient at, String cseName, String container, String originator) {
        return CsePair.governedContainer(TwoCsesIT::send, at, cseName, container, originator);
    }
}
