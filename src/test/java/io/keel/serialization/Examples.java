package io.keel.serialization;

import io.keel.primitive.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Example bodies in the JSON serialization of TS-0004 8.4 (Content roots as in 7.5.2), and small tree helpers. */
final class Examples {
    static final String AE_CREATE = "{\"m2m:ae\":{\"rn\":\"myapp\",\"api\":\"Nmyapp\",\"rr\":true,\"srv\":[\"3\"],"
            + "\"poa\":[\"http://10.0.0.5:9000\"]}}";
    static final String AE_RESPONSE = "{\"m2m:ae\":{\"rn\":\"myapp\",\"ty\":2,\"ri\":\"Cmyapp\",\"pi\":\"id-in\","
            + "\"ct\":\"20250101T120000,000000\",\"lt\":\"20250101T120000,000000\",\"et\":\"20300101T120000,000000\","
            + "\"api\":\"Nmyapp\",\"aei\":\"Cmyapp\",\"rr\":true,\"srv\":[\"3\"],\"poa\":[\"http://10.0.0.5:9000\"]}}";
    static final String CONTAINER = "{\"m2m:cnt\":{\"rn\":\"cnt1\",\"lbl\":[\"key1\",\"key2:val\"],\"mni\":10,\"mbs\":10000,"
            + "\"st\":0,\"or\":null}}";
    static final String CIN_TEXT = "{\"m2m:cin\":{\"cnf\":\"text/plain:0\",\"con\":\"22\"}}";
    static final String CIN_OBJECT = "{\"m2m:cin\":{\"cnf\":\"application/json:0\",\"con\":{\"t\":21.5,\"ok\":true,\"n\":null,"
            + "\"tags\":[\"a\",\"b\"]}}}";
    /** rcn=4: children grouped per type as arrays, recursively. */
    static final String NESTED = "{\"m2m:ae\":{\"rn\":\"myapp\",\"ty\":2,\"m2m:cnt\":[{\"rn\":\"cnt1\",\"ty\":3,"
            + "\"m2m:cin\":[{\"rn\":\"i1\",\"ty\":4,\"con\":\"1\"},{\"rn\":\"i2\",\"ty\":4,\"con\":\"2\"}],"
            + "\"m2m:sub\":[{\"rn\":\"s1\",\"ty\":23,\"nu\":[\"Cmyapp\"]}]},{\"rn\":\"cnt2\",\"ty\":3}]}}";
    /** rcn=5: child references. */
    static final String CHILD_REFS = "{\"m2m:ae\":{\"rn\":\"myapp\",\"ch\":[{\"nm\":\"cnt1\",\"typ\":3,\"val\":\"cse-in/myapp/cnt1\"},"
            + "{\"nm\":\"cnt2\",\"typ\":3,\"val\":\"cse-in/myapp/cnt2\"}]}}";
    static final String URIL = "{\"m2m:uril\":[\"cse-in/myapp/cnt1\",\"cse-in/myapp/cnt2\"]}";
    static final String RRL = "{\"m2m:rrl\":{\"rrf\":[{\"nm\":\"cnt1\",\"typ\":3,\"val\":\"cse-in/myapp/cnt1\"},"
            + "{\"nm\":\"cnt2\",\"typ\":3,\"val\":\"cse-in/myapp/cnt2\"}]}}";
    static final String DBG = "{\"m2m:dbg\":\"attribute api is missing\"}";
    static final String SGN = "{\"m2m:sgn\":{\"nev\":{\"rep\":{\"m2m:cin\":{\"rn\":\"cin_1\",\"ty\":4,\"con\":\"22\"}},\"net\":3},"
            + "\"sur\":\"/id-in/sub9876\",\"cr\":\"Cmyapp\"}}";
    static final String SGN_VERIFICATION = "{\"m2m:sgn\":{\"vrq\":true,\"sur\":\"/id-in/sub9876\",\"cr\":\"Cmyapp\"}}";

    static final List<String> ALL = List.of(AE_CREATE, AE_RESPONSE, CONTAINER, CIN_TEXT, CIN_OBJECT, NESTED, CHILD_REFS,
            URIL, RRL, DBG, SGN, SGN_VERIFICATION);

    private Examples() {
    }

    static Map<String, Object> json(String s) {
        return ContentCodec.decode(s.getBytes(StandardCharsets.UTF_8), Serialization.JSON);
    }

    static String xml(Object tree) {
        return new String(ContentCodec.encode(tree, Serialization.XML), StandardCharsets.UTF_8);
    }

    static Map<String, Object> fromXml(String doc) {
        return ContentCodec.decode(doc.getBytes(StandardCharsets.UTF_8), Serialization.XML);
    }

    /** The value at a path of map keys and list indexes. */
    static Object at(Object tree, Object... path) {
        Object v = tree;
        for (Object step : path) {
            v = step instanceof Integer i ? ((List<?>) v).get(i) : ((Map<?, ?>) v).get(step);
        }
        return v;
    }
}
