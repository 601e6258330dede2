package io.keel.primitive;

/** The three serializations of TS-0004 clause 8 (contentSerialization, csz). */
public enum Serialization {
    JSON("json"),
    XML("xml"),
    CBOR("cbor");

    private final String token;

    Serialization(String token) {
        this.token = token;
    }

    /** The csz token: {@code json}, {@code xml} or {@code cbor}. */
    public String token() {
        return token;
    }
}
