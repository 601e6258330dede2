package io.keel.serialization;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Serialization;
import io.keel.primitive.SerializedText;
import io.keel.primitive.SharedTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * oneM2M Content (TS-0004 clause 8) as a generic tree: {@code LinkedHashMap<String, Object>} (key order kept),
 * {@code ArrayList<Object>}, {@code String}, {@code Long} (a {@code BigInteger} only beyond the long range),
 * {@code Double}, {@code Boolean} and {@code null}. XML gives every scalar as a String (TS-0004 8.3; the core types
 * it by attribute). Any malformed body becomes a 4000 BAD_REQUEST with a short readable reason; nothing else is
 * thrown for bad input. Stateless and thread-safe.
 */
public final class ContentCodec {
    /** Deeper than any oneM2M resource; a hostile body cannot exhaust the stack. */
    static final int MAX_NESTING = 64;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build();
    private static final ObjectMapper JSON = configure(JsonMapper.builder(new JsonFactoryBuilder().streamReadConstraints(LIMITS)
            // A character beyond the BMP as its four UTF-8 bytes, as a String encoded in UTF-8 has it, not escaped.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build()));
    private static final ObjectMapper CBOR = configure(CBORMapper.builder(CBORFactory.builder().streamReadConstraints(LIMITS).build()));

    private ContentCodec() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        // Integers are widened to Long afterwards (see normalize): USE_LONG_FOR_INTS would refuse values beyond a long.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Decodes a request or notification body; its top level must be an object (a single root element in XML). */
    public static Map<String, Object> decode(byte[] body, Serialization s) {
        if (body == null || body.length == 0) {
            throw OneM2MException.badRequest("the body is empty");
        }
        Object tree = switch (s) {
            case JSON -> readJson(utf8(body, "JSON"));
            case CBOR -> read("CBOR", () -> CBOR.readValue(body, Object.class));
            case XML -> XmlCodec.decode(body);
        };
        if (!(tree instanceof Map<?, ?>)) {
            throw OneM2MException.badRequest("the body must be a " + s.token().toUpperCase() + " object, not "
                    + (tree instanceof List<?> ? "an array" : "a single value"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
    }

    /**
     * Encodes a tree. For XML it must be a map with exactly one entry (the root element); a tree XML cannot carry
     * (e.g. a key that is no XML name) is an {@link IllegalArgumentException}, as is anything Jackson cannot write.
     */
    public static byte[] encode(Object tree, Serialization s) {
        return switch (s) {
            case JSON -> {
                // Straight to UTF-8 bytes: no String in between.
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                    write(g, tree);
                } catch (IOException e) {
                    throw cannotEncode(s, e);
                }
                yield out.toByteArray();
            }
            case CBOR -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                try (JsonGenerator g = CBOR.createGenerator(out)) {
                    write(g, tree);
                } catch (IOException e) {
                    throw cannotEncode(s, e);
                }
                yield out.toByteArray();
            }
            case XML -> XmlCodec.encode(tree);
        };
    }

    /** JSON text of a tree (any value, not only an object), as the database stores attribute documents. */
    public static String toJson(Object tree) {
        return json(g -> write(g, tree));
    }

    private interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    private static String json(Writing writing) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writing.to(g);
        } catch (IOException e) {
            throw cannotEncode(Serialization.JSON, e);
        }
        return out.toString();
    }

    /**
     * Maps and lists with their sizes up front, so that CBOR gets definite-length maps and arrays (Jackson's own map
     * serializer writes indefinite-length ones); scalars, and anything else, as Jackson writes them.
     */
    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof SharedTree t && !(g instanceof CBORGenerator)) {
            // JSON text made once for every message that carries this tree.
            g.writeRawValue(t.kept(Serialization.JSON, () -> new SerializedString(plainJson(t))));
        } else if (v instanceof Map<?, ?> m) {
            writeObject(g, m);
        } else if (v instanceof List<?> l) {
            g.writeStartArray(l, l.size());
            for (Object item : l) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof SerializedText t) {
            g.writeString(t.in(Serialization.JSON)); // CBOR primitives carry the JSON form too (TS-0004 7.3.3.19)
        } else {
            g.writeObject(v);
        }
    }

    private static void writeObject(JsonGenerator g, Map<?, ?> m) throws IOException {
        g.writeStartObject(m, m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            g.writeFieldName(String.valueOf(e.getKey()));
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** The JSON text of a shared tree, written as any other map. */
    private static String plainJson(SharedTree t) {
        return json(g -> writeObject(g, t));
    }

    private static IllegalArgumentException cannotEncode(Serialization s, IOException e) {
        String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return new IllegalArgumentException("cannot encode content as " + s.token() + ": " + why, e);
    }

    /** The inverse of {@link #toJson}: same parsing rules as {@link #decode}, but any top-level value is accepted. */
    public static Object fromJson(String json) {
        if (json == null || json.isEmpty()) {
            throw OneM2MException.badRequest("the JSON text is empty");
        }
        return readJson(json);
    }

    private static Object readJson(String text) {
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark may be ignored (RFC 8259 8.1)
        return read("JSON", () -> JSON.readValue(json, Object.class));
    }

    /** A Jackson read that may fail on bad input. */
    private interface Parse {
        Object run() throws IOException;
    }

    private static Object read(String format, Parse parse) {
        Object tree;
        try {
            tree = parse.run();
        } catch (IOException | RuntimeException e) {
            throw OneM2MException.badRequest("the body is not valid " + format + ": " + reason(e));
        }
        return normalize(tree, format);
    }

    /**
     * Strict UTF-8 (RFC 8259 8.1): Jackson alone lets overlong forms through, and would guess UTF-16/32 from the
     * first bytes.
     */
    static String utf8(byte[] body, String format) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw OneM2MException.badRequest("the body is not valid " + format + ": it is not valid UTF-8");
        }
    }

    /**
     * Brings Jackson's values to the tree's types, in place: Integer to Long, BigInteger within the long range to Long,
     * Float (CBOR half/single precision) and BigDecimal (CBOR decimal fraction) to Double, byte strings (CBOR major
     * type 2) to base64 text, as xs:base64Binary is written in JSON. Maps and lists are Jackson's LinkedHashMap and
     * ArrayList already.
     */
    @SuppressWarnings("unchecked")
    private static Object normalize(Object v, String format) {
        if (v instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).replaceAll((k, x) -> normalize(x, format));
            return m;
        }
        if (v instanceof List<?> l) {
            ((List<Object>) l).replaceAll(x -> normalize(x, format));
            return l;
        }
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < Long.SIZE ? (Object) b.longValue() : b;
        }
        if (v instanceof Float f) {
            return Double.valueOf(f.toString()); // 0.1f stays 0.1, not 0.10000000149011612
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        throw OneM2MException.badRequest("the body is not valid " + format + ": it contains an unsupported kind of value");
    }

    /** The parser's own words, first sentence only: no source excerpt, location, Java class or feature names. */
    static String reason(Throwable e) {
        if (e instanceof StreamConstraintsException) {
            return e.getMessage().contains("nesting depth") ? "nested deeper than " + MAX_NESTING + " levels" : "a value is too long";
        }
        String msg = e instanceof JacksonException j ? j.getOriginalMessage() : null;
        if (msg == null) {
            return "malformed input";
        }
        if (msg.startsWith("Trailing token")) {
            return "unexpected data after the end of the document";
        }
        if (msg.startsWith("Unexpected end-of-input") || msg.startsWith("No content to map")) {
            return "unexpected end of input";
        }
        msg = msg.lines().findFirst().orElse("");
        for (String cut : new String[] {" (start marker", " at [Source", " (bound as", " (for ", " (not recognized", ": enable"}) {
            int at = msg.indexOf(cut);
            if (at > 0) {
                msg = msg.substring(0, at);
            }
        }
        msg = msg.replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
        if (msg.isEmpty() || msg.contains("Exception") || msg.contains("java.")) {
            return "malformed input";
        }
        return msg.length() > 160 ? msg.substring(0, 157) + "..." : msg;
    }
}
