package io.keel.core.filter;

import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labelsQuery expression (filter criteria {@code lbq}, TS-0004 7.3.3.17.16), tested against the labels of a
 * resource, where a label is a key ({@code color}) or a key-value pair ({@code color:red}, the key before the first
 * colon).
 *
 * @param values the values an EQ/NE names (one) or an IN/NI lists; empty for HAS and NOT_HAS
 */
public record LabelsQuery(Kind kind, String key, List<String> values) {
    /** The six forms of the clause. */
    public enum Kind {
        /** {@code key}: a label with the key, alone or with any value. */
        HAS,
        /** {@code NT key}: no label with the key. */
        NOT_HAS,
        /** {@code key EQ value} or {@code key:value}: the label {@code key:value}. */
        EQUALS,
        /** {@code key NE value}: a label with the key and a value, and none of them with this value. */
        NOT_EQUALS,
        /** {@code key IN (v1, v2…)}: a label {@code key:v} for one of the values. */
        IN,
        /** {@code key NI (v1, v2…)}: a label with the key and a value, and none of them with one of these values. */
        NOT_IN
    }

    private static final Pattern LIST = Pattern.compile("(.+?)\\s+(IN|NI)\\s*\\((.*)\\)");
    private static final Pattern COMPARISON = Pattern.compile("(.+?)\\s+(EQ|NE)\\s+(.+)");
    private static final Pattern NOT = Pattern.compile("NT\\s+(.+)");

    /**
     * The expression, or 4000 naming what is wrong with it. A label is an xs:token and may hold single spaces, so
     * what is neither of the operator forms is a key (or, with a colon, a key-value pair) as a whole.
     */
    public static LabelsQuery parse(String expression) {
        String e = expression.strip().replaceAll("\\s+", " ");
        if (e.isEmpty()) {
            throw bad(expression, "it is empty");
        }
        Matcher m;
        if ((m = LIST.matcher(e)).matches()) {
            return new LabelsQuery(m.group(2).equals("IN") ? Kind.IN : Kind.NOT_IN, key(expression, m.group(1)),
                    values(expression, m.group(3)));
        }
        if ((m = COMPARISON.matcher(e)).matches()) {
            return new LabelsQuery(m.group(2).equals("EQ") ? Kind.EQUALS : Kind.NOT_EQUALS, key(expression, m.group(1)),
                    List.of(value(expression, m.group(3))));
        }
        if ((m = NOT.matcher(e)).matches()) {
            return new LabelsQuery(Kind.NOT_HAS, key(expression, m.group(1)), List.of());
        }
        int colon = e.indexOf(':');
        return colon < 0 ? new LabelsQuery(Kind.HAS, key(expression, e), List.of())
                : new LabelsQuery(Kind.EQUALS, key(expression, e.substring(0, colon)),
                        List.of(value(expression, e.substring(colon + 1))));
    }

    /** The labels {@code key:value} of this expression's values. */
    public List<String> pairs() {
        return values.stream().map(v -> key + ":" + v).toList();
    }

    private static List<String> values(String expression, String inside) {
        List<String> values = new ArrayList<>();
        for (String v : inside.split(",")) {
            values.add(value(expression, v.strip()));
        }
        return values;
    }

    /** A key holds no colon: the first colon of a label ends its key. */
    private static String key(String expression, String key) {
        if (key.indexOf(':') >= 0) {
            throw bad(expression, "the key \"" + key + "\" holds a colon");
        }
        return value(expression, key);
    }

    private static String value(String expression, String token) {
        if (token.isBlank()) {
            throw bad(expression, "a key or value is missing");
        }
        if (token.indexOf('(') >= 0 || token.indexOf(')') >= 0) {
            throw bad(expression, "\"" + token + "\" holds a parenthesis outside the list of an IN or NI");
        }
        return token.strip();
    }

    private static OneM2MException bad(String expression, String why) {
        return OneM2MException.badRequest("lbq \"" + expression + "\" is no labelsQuery expression (TS-0004 7.3.3.17.16): " + why);
    }
}
