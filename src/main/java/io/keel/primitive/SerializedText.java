package io.keel.primitive;

/**
 * A text content value that has one form for JSON and CBOR primitives and another for XML ones: a SPARQL result
 * (m2m:qres) is the W3C JSON results document in the first and the W3C XML results document in the second (TS-0004
 * 7.3.3.19). The serializers pick the form; the core need not know which serialization the binding negotiates.
 */
public record SerializedText(String json, String xml) {
    /** The form for a primitive serialized as {@code s}. */
    public String in(Serialization s) {
        return s == Serialization.XML ? xml : json;
    }

    /** The JSON form: what a stored copy (a non-blocking request's result, kept as JSON) holds. */
    @Override
    public String toString() {
        return json;
    }
}
