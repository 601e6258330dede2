package io.keel.core.resource;

import static org.junit.jupiter.api.Assertions.fail;

import io.keel.primitive.OneM2MException;
import java.util.Map;

/** For tests of other packages: whether a representation Keel made holds every attribute in its declared data type. */
public final class DeclaredTypes {
    private DeclaredTypes() {
    }

    /** Fails naming each attribute of {@code attributes} (as JSON would carry them) that its declaration refuses. */
    public static void assertConform(ResourceType type, Map<String, Object> attributes) {
        StringBuilder wrong = new StringBuilder();
        attributes.forEach((sn, v) -> {
            AttributeDef def = type.attribute(sn);
            if (def == null) {
                wrong.append("\n").append(sn).append(" is not declared by ").append(type.rootElement());
                return;
            }
            if (v == null) {
                return;
            }
            try {
                def.type().normalize(sn, v, false);
            } catch (OneM2MException e) {
                wrong.append("\n").append(sn).append(" = ").append(v).append(": ").append(e.getMessage());
            }
        });
        if (wrong.length() > 0) {
            fail(type.rootElement() + " representation does not have the declared data types:" + wrong);
        }
    }
}
