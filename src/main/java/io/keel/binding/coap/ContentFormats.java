package io.keel.binding.coap;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Serialization;
import java.util.Map;

/**
 * TS-0008 6.2.2.2: the CoAP Content-Format numbers of the serializations Keel speaks: application/xml (41),
 * application/json (50), application/cbor (60), and the oneM2M media types of TS-0004 6.7 (table 6.2.2.2-1).
 */
public final class ContentFormats {
    public static final int XML = 41;
    public static final int JSON = 50;
    public static final int CBOR = 60;
    public static final int RES_JSON = 10001;
    public static final int RES_XML = 10014;
    public static final int RES_CBOR = 10010;

    /** A Content-Format: its serialization, and whether it is one of the oneM2M types. */
    private record Format(Serialization serialization, boolean oneM2M) {
    }

    private static final Map<Integer, Format> FORMATS = Map.ofEntries(
            Map.entry(XML, new Format(Serialization.XML, false)),
            Map.entry(JSON, new Format(Serialization.JSON, false)),
            Map.entry(CBOR, new Format(Serialization.CBOR, false)),
            Map.entry(RES_XML, new Format(Serialization.XML, true)),
            Map.entry(RES_JSON, new Format(Serialization.JSON, true)),
            Map.entry(10002, new Format(Serialization.XML, true)), // ntfy+xml
            Map.entry(10003, new Format(Serialization.JSON, true)), // ntfy+json
            Map.entry(10006, new Format(Serialization.XML, true)), // preq+xml
            Map.entry(10007, new Format(Serialization.JSON, true)), // preq+json
            Map.entry(10008, new Format(Serialization.XML, true)), // prsp+xml
            Map.entry(10009, new Format(Serialization.JSON, true)), // prsp+json
            Map.entry(RES_CBOR, new Format(Serialization.CBOR, true)),
            Map.entry(10011, new Format(Serialization.CBOR, true)), // ntfy+cbor
            Map.entry(10012, new Format(Serialization.CBOR, true)), // preq+cbor
            Map.entry(10013, new Format(Serialization.CBOR, true))); // prsp+cbor

    private ContentFormats() {
    }

    /** The serialization of a request payload's Content-Format; one Keel cannot read is a 4015. */
    public static Serialization serializationOf(int contentFormat) {
        Format f = FORMATS.get(contentFormat);
        if (f == null) {
            throw new OneM2MException(ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE, "unsupported Content-Format " + contentFormat
                    + "; use 50 (json), 41 (xml), 60 (cbor) or a oneM2M format of TS-0008 table 6.2.2.2-1 (e.g. 10001)");
        }
        return f.serialization();
    }

    /** The serialization of a response payload, or null when the format is none Keel reads. */
    public static Serialization serializationOrNull(int contentFormat) {
        Format f = FORMATS.get(contentFormat);
        return f == null ? null : f.serialization();
    }

    /**
     * The Content-Format a response is sent in, for a request that named no Accept: that of its payload, a oneM2M
     * one as the resource type of its serialization ({@code vnd.onem2m-res+...}); JSON when it had none.
     */
    public static int responseFormat(Integer requestFormat) {
        Format f = requestFormat == null ? null : FORMATS.get(requestFormat);
        if (f == null) {
            return JSON;
        }
        return f.oneM2M() ? resourceFormat(f.serialization()) : plain(f.serialization());
    }

    /**
     * An Accept option's Content-Format, when a response can be sent in it: the plain and the oneM2M resource types;
     * any other is a 5207 NOT_ACCEPTABLE (CoAP 4.06, TS-0008 6.2.2.2).
     */
    public static int accepted(int accept) {
        Format f = FORMATS.get(accept);
        if (f == null || (f.oneM2M() && accept != resourceFormat(f.serialization()))) {
            throw new OneM2MException(ResponseStatusCode.NOT_ACCEPTABLE, "Accept " + accept + " is no Content-Format a"
                    + " response is sent in; accept 50 (json), 41 (xml), 60 (cbor), 10001, 10014 or 10010");
        }
        return accept;
    }

    /** The plain Content-Format of a serialization: what the CSE sends its own requests in. */
    public static int plain(Serialization s) {
        return switch (s) {
            case JSON -> JSON;
            case XML -> XML;
            case CBOR -> CBOR;
        };
    }

    private static int resourceFormat(Serialization s) {
        return switch (s) {
            case JSON -> RES_JSON;
            case XML -> RES_XML;
            case CBOR -> RES_CBOR;
        };
    }
}
