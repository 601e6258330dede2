package io.keel.serialization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Serialization;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes and decodes oneM2M Content (TS-0004 clause 8) as a generic tree: maps (key order kept), lists, strings,
 * longs, doubles, booleans and null. Malformed input of any kind becomes a 4000 with a short readable reason.
 */
public final class ContentCodec {
    /** Deeper than any oneM2M resource; a hostile body cannot exhaust the stack. */
    static final int MAX_NESTING = 64;
    private static final ObjectMapper JSON = configure(JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper CBOR = configure(CBORMapper.builder(CBORFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ContentCodec() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.enable(DeserializationFeature.USE_LONG_FOR_INTS).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Decodes a body; its top level must be an object. */
    public static Map<String, Object> decode(byte[] body, Serialization s) {
        Object tree = switch (s) {
            case JSON -> read(JSON, body, "JSON");
            case CBOR -> read(CBOR, body, "CBOR");
            case XML -> XmlCodec.decode(body);
        };
        if (!(tree instanceof Map<?, ?>)) {
            throw OneM2MException.badRequest("the body must be a " + s.token() + " object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
    }

    public static byte[] encode(Object tree, Serialization s) {
        try {
            return switch (s) {
                case JSON -> JSON.writeValueAsBytes(tree);
                case CBOR -> CBOR.writeValueAsBytes(tree);
                case XML -> XmlCodec.encode(tree);
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode content", e);
        }
    }

    /** JSON text of a tree, as the database stores attribute documents. */
    public static String toJson(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode content", e);
        }
    }

    public static Object fromJson(String json) {
        return read(JSON, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "JSON");
    }

    private static Object read(ObjectMapper mapper, byte[] body, String format) {
        if (body.length == 0) {
            throw OneM2MException.badRequest("the body is empty");
        }
        try {
            Object tree = mapper.readValue(body, Object.class);
            return tree instanceof Map<?, ?> m ? ordered(m) : tree;
        } catch (IOException | RuntimeException e) {
            throw OneM2MException.badRequest("the body is not valid " + format + ": " + reason(e));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ordered(Map<?, ?> m) {
        return m instanceof LinkedHashMap<?, ?> ? (Map<String, Object>) m : new LinkedHashMap<>((Map<String, Object>) m);
    }

    /** The parser's own words, first line only, without Java class names or source locations. */
    static String reason(Throwable e) {
        String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (msg == null) {
            return "malformed input";
        }
        msg = msg.lines().findFirst().orElse("malformed input");
        return msg.replaceAll("\\(?(class |for type )?`?[a-z]+(\\.[a-zA-Z0-9_$]+){2,}`?\\)?", "").trim();
    }
}
