package io.keel.binding.websocket;

import io.keel.primitive.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * The oneM2M subprotocols of TS-0020 table 6.2.2.9-1: the serialization of every primitive on a connection, and the
 * frame kind that carries it (JSON and XML in text frames, CBOR in binary frames).
 */
public enum Subprotocol {
    JSON("oneM2M.json", Serialization.JSON, false),
    XML("oneM2M.xml", Serialization.XML, false),
    CBOR("oneM2M.cbor", Serialization.CBOR, true);

    private final String token;
    private final Serialization serialization;
    private final boolean binary;

    Subprotocol(String token, Serialization serialization, boolean binary) {
        this.token = token;
        this.serialization = serialization;
        this.binary = binary;
    }

    /** The name in Sec-WebSocket-Protocol. */
    public String token() {
        return token;
    }

    public Serialization serialization() {
        return serialization;
    }

    /** Whether its primitives travel in binary frames (opcode 0x2) rather than text frames (0x1). */
    public boolean binary() {
        return binary;
    }

    /**
     * The first subprotocol the client offers that Keel speaks (TS-0020 6.2.2.7: the order is the client's
     * preference; 6.2.3.5: the server selects one of them), or null. Each header value may list several names.
     */
    public static Subprotocol select(List<String> offered) {
        for (String name : names(offered)) {
            Subprotocol p = named(name);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The subprotocol of this name (names are compared as RFC 6455 4.1 has them: exactly), or null. */
    public static Subprotocol named(String name) {
        for (Subprotocol p : values()) {
            if (p.token.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The subprotocol for a serialization, first in what a client offers; the others follow as fallbacks. */
    public static List<String> preferring(Serialization serialization) {
        List<String> names = new ArrayList<>();
        for (Subprotocol p : values()) {
            if (p.serialization == serialization) {
                names.add(0, p.token);
            } else {
                names.add(p.token);
            }
        }
        return names;
    }

    /** The names in Sec-WebSocket-Protocol header values, in order (RFC 6455 4.1: comma separated tokens). */
    static List<String> names(List<String> headerValues) {
        List<String> names = new ArrayList<>();
        if (headerValues != null) {
            for (String value : headerValues) {
                for (String name : value.split(",")) {
                    if (!name.isBlank()) {
                        names.add(name.trim());
                    }
                }
            }
        }
        return names;
    }
}
