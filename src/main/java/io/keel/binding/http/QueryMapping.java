package io.keel.binding.http;

import static io.keel.primitive.ParameterValues.absRelTimestamp;
import static io.keel.primitive.ParameterValues.bool;
import static io.keel.primitive.ParameterValues.enumValue;
import static io.keel.primitive.ParameterValues.intInRange;
import static io.keel.primitive.ParameterValues.nonNegativeInt;
import static io.keel.primitive.ParameterValues.nonNegativeLong;
import static io.keel.primitive.ParameterValues.timestamp;

import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.FilterOperation;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.IntEnum;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ParameterValues;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TS-0009 6.2.2.2: the query component → request primitive parameters and Filter Criteria, one entry per row of
 * table 6.2.2.2-1 (plus the Filter Criteria elements of TS-0004 the table omits: lbq, chty, pty, clbl, palb, arp).
 * <p>
 * In this binding a raw '+' separates the items of a 0..n field ({@code ty=2+3}), which may also be repeated
 * ({@code ty=2&ty=3}); it is never a space. Items are split on raw '+' first and then percent-decoded, so
 * {@code %2B} is a literal plus and {@code %20} a space. Any other {@code name=value} is an attribute condition,
 * {@code c.name} a child and {@code p.name} a parent attribute condition.
 */
public final class QueryMapping {
    /** A syntactically valid attribute short name. */
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    /** A media type without parameters (cty): type "/" subtype, RFC 6838 restricted names. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
    private static final String ATTRIBUTE_LIST = "atrl";

    /** Multiplicity of a field in table 6.2.2.2-1. */
    private enum Multiplicity {
        ONE,
        MANY
    }

    /** Stores one (decoded) value of a field; {@code name} is the error label, e.g. "query field ty". */
    @FunctionalInterface
    private interface Setter {
        void set(RequestPrimitive req, String name, String value, Instant now);
    }

    /** One row of the table; {@code key} identifies the parameter, so that two spellings of it count as one field. */
    private record Field(String key, Multiplicity multiplicity, Setter setter) {
    }

    private static final Map<String, Field> FIELDS = new HashMap<>();

    static {
        // request primitive parameters
        one("rt", (r, n, v, t) -> r.responseType = enumValue(ResponseTypeValue.class, n, v));
        one("rp", (r, n, v, t) -> r.resultPersistence = absRelTimestamp(n, v, t));
        one("rcn", (r, n, v, t) -> r.resultContent = enumValue(ResultContent.class, n, v));
        one("da", (r, n, v, t) -> r.deliveryAggregation = bool(n, v));
        one("drt", (r, n, v, t) -> r.desiredIdResultType = enumValue(DesiredIdResultType.class, n, v));
        many("rids", (r, n, v, t) -> r.roleIds.add(v));
        many("tids", (r, n, v, t) -> r.tokenIds.add(v));
        many("ltids", (r, n, v, t) -> r.localTokenIds.add(v));
        one("tqi", (r, n, v, t) -> r.tokenRequestIndicator = bool(n, v)); // the table says 0..n, but it is one boolean
        one("asi", (r, n, v, t) -> r.authorizationSignatureIndicator = bool(n, v));
        one("auri", (r, n, v, t) -> r.authorizationRelationshipIndicator = bool(n, v));
        one("sqi", (r, n, v, t) -> r.semanticQueryIndicator = bool(n, v));
        // filter criteria conditions
        one("crb", (r, n, v, t) -> r.filterCriteria().createdBefore = timestamp(n, v));
        one("cra", (r, n, v, t) -> r.filterCriteria().createdAfter = timestamp(n, v));
        one("dgb", (r, n, v, t) -> r.filterCriteria().generatedBefore = timestamp(n, v));
        one("dga", (r, n, v, t) -> r.filterCriteria().generatedAfter = timestamp(n, v));
        one("ms", (r, n, v, t) -> r.filterCriteria().modifiedSince = timestamp(n, v));
        one("us", (r, n, v, t) -> r.filterCriteria().unmodifiedSince = timestamp(n, v));
        one("sts", (r, n, v, t) -> r.filterCriteria().stateTagSmaller = nonNegativeLong(n, v));
        one("stb", (r, n, v, t) -> r.filterCriteria().stateTagBigger = nonNegativeLong(n, v));
        one("exb", (r, n, v, t) -> r.filterCriteria().expireBefore = timestamp(n, v));
        one("exa", (r, n, v, t) -> r.filterCriteria().expireAfter = timestamp(n, v));
        many("lbl", (r, n, v, t) -> r.filterCriteria().labels.add(v));
        one("lbq", (r, n, v, t) -> r.filterCriteria().labelsQuery = v);
        many("ty", (r, n, v, t) -> r.filterCriteria().resourceTypes.add(nonNegativeInt(n, v)));
        many("chty", (r, n, v, t) -> r.filterCriteria().childResourceTypes.add(nonNegativeInt(n, v)));
        many("pty", (r, n, v, t) -> r.filterCriteria().parentResourceTypes.add(nonNegativeInt(n, v)));
        many("clbl", (r, n, v, t) -> r.filterCriteria().childLabels.add(v));
        many("palb", (r, n, v, t) -> r.filterCriteria().parentLabels.add(v));
        one("sza", (r, n, v, t) -> r.filterCriteria().sizeAbove = nonNegativeLong(n, v));
        one("szb", (r, n, v, t) -> r.filterCriteria().sizeBelow = nonNegativeLong(n, v));
        many("cty", (r, n, v, t) -> r.filterCriteria().contentTypes.add(mediaType(n, v)));
        // filter criteria that shape the result
        one("fu", (r, n, v, t) -> r.filterCriteria().filterUsage = enumValue(FilterUsage.class, n, v));
        one("lim", (r, n, v, t) -> r.filterCriteria().limit = nonNegativeInt(n, v));
        many("smf", (r, n, v, t) -> r.filterCriteria().semanticsFilter.add(v));
        one("fo", (r, n, v, t) -> r.filterCriteria().filterOperation = enumValue(FilterOperation.class, n, v));
        one("cfs", (r, n, v, t) -> r.filterCriteria().contentFilterSyntax = intInRange(n, v, 1, 1)); // 1 = JSONPath, the only syntax
        one("cfq", (r, n, v, t) -> r.filterCriteria().contentFilterQuery = v);
        one("lvl", (r, n, v, t) -> r.filterCriteria().level = intInRange(n, v, 1, Integer.MAX_VALUE));
        one("ofst", (r, n, v, t) -> r.filterCriteria().offset = intInRange(n, v, 1, Integer.MAX_VALUE)); // offsets start at 1
        one("arp", (r, n, v, t) -> r.filterCriteria().applyRelativePath = v);
        // geometryType is Release 4 (not in TS-0009 V3.9.1); its key is written gmty in some places, gnty in
        // others, and Keel takes both as the same parameter.
        one("gmty", "geometryType", (r, n, v, t) -> r.filterCriteria().geometryType = intInRange(n, v, 1, 6));
        one("gnty", "geometryType", (r, n, v, t) -> r.filterCriteria().geometryType = intInRange(n, v, 1, 6));
        one("geom", (r, n, v, t) -> r.filterCriteria().geometry = v);
        one("gsf", (r, n, v, t) -> r.filterCriteria().geoSpatialFunction = intInRange(n, v, 1, 3));
    }

    private QueryMapping() {
    }

    private static void one(String name, Setter s) {
        one(name, name, s);
    }

    private static void one(String name, String key, Setter s) {
        FIELDS.put(name, new Field(key, Multiplicity.ONE, s));
    }

    private static void many(String name, Setter s) {
        FIELDS.put(name, new Field(name, Multiplicity.MANY, s));
    }

    /** How the bindings write a query field: HTTP percent-encodes it in one string, CoAP sends it as it is. */
    private enum Syntax {
        /** TS-0009 6.2.2.2: percent-encoded, a raw '+' separates the items of a 0..n field. */
        PERCENT_ENCODED,
        /** TS-0008 6.2.2.3: each Uri-Query option one {@code name=value}, never encoded; a 0..n field repeats. */
        LITERAL;

        String decode(String label, String raw) {
            return ParameterValues.text(label, this == PERCENT_ENCODED ? PercentEncoding.decode(raw, label) : raw);
        }

        /** The items of a 0..n value; an empty item is a 4000. */
        List<String> items(String label, String raw) {
            if (this == LITERAL) {
                return List.of(decode(label, raw));
            }
            List<String> out = new ArrayList<>();
            for (String item : raw.split("\\+", -1)) {
                if (item.isEmpty()) {
                    throw OneM2MException.badRequest(label + " has an empty list item (raw '+' separates items)");
                }
                out.add(decode(label, item));
            }
            return out;
        }
    }

    /**
     * Applies a raw (undecoded) query string to the request primitive. Empty pairs ({@code a=1&&b=2}, a trailing
     * '&') are skipped; everything else must be a valid {@code name=value}.
     *
     * @param op the request's operation: only a Retrieve may carry {@code atrl}
     */
    public static void apply(String rawQuery, Operation op, RequestPrimitive req, Instant now) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (!pair.isEmpty()) {
                pairs.add(pair);
            }
        }
        apply(pairs, Syntax.PERCENT_ENCODED, op, req, now);
    }

    /**
     * CoAP (TS-0008 6.2.2.3): the Uri-Query options, each one {@code name=value} as the option carries it (CoAP
     * options are not percent-encoded). The parameters are those of the HTTP binding's table; a 0..n field is
     * given by repeating the option ({@code ty=2}, {@code ty=3}), so an item may hold any character, '+' included.
     */
    public static void applyUriQuery(List<String> uriQuery, Operation op, RequestPrimitive req, Instant now) {
        apply(uriQuery, Syntax.LITERAL, op, req, now);
    }

    private static void apply(List<String> pairs, Syntax syntax, Operation op, RequestPrimitive req, Instant now) {
        Set<String> seen = new HashSet<>();
        List<String> attributeList = null;
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw OneM2MException.badRequest("query field '" + pair + "' has no value (name=value expected)");
            }
            if (eq == 0) {
                throw OneM2MException.badRequest("query field with an empty name: '" + pair + "'");
            }
            String name = syntax.decode("query field name", pair.substring(0, eq));
            String label = "query field " + name;
            String raw = pair.substring(eq + 1);
            if (raw.isEmpty()) {
                throw OneM2MException.badRequest(label + " has an empty value");
            }
            if (name.equals(ATTRIBUTE_LIST)) {
                if (op != Operation.RETRIEVE) {
                    throw OneM2MException.badRequest(label + " (partial retrieve) is only valid in a Retrieve request");
                }
                if (attributeList == null) {
                    attributeList = new ArrayList<>();
                }
                for (String item : syntax.items(label, raw)) {
                    if (!SHORT_NAME.matcher(item).matches()) {
                        throw OneM2MException.badRequest(label + " names an invalid attribute short name: " + item);
                    }
                    attributeList.add(item);
                }
                continue;
            }
            Field field = FIELDS.get(name);
            if (field == null) {
                attributeCondition(req, name, label, syntax.items(label, raw));
            } else if (field.multiplicity() == Multiplicity.MANY) {
                for (String item : syntax.items(label, raw)) {
                    field.setter().set(req, label, item, now);
                }
            } else {
                if (!seen.add(field.key())) {
                    throw OneM2MException.badRequest(label + " may occur only once");
                }
                if (syntax == Syntax.PERCENT_ENCODED && raw.indexOf('+') >= 0) {
                    throw OneM2MException.badRequest(label + " takes a single value; a raw '+' separates list items"
                            + " (write %2B for a literal plus, %20 for a space)");
                }
                field.setter().set(req, label, syntax.decode(label, raw), now);
            }
        }
        if (attributeList != null) {
            req.content = Map.of("m2m:atrl", List.copyOf(attributeList));
        }
    }

    /** atr (and catr/patr): written as {@code name=value}, {@code c.name=value}, {@code p.name=value}. */
    private static void attributeCondition(RequestPrimitive req, String name, String label, List<String> values) {
        if (name.equals("atr") || name.equals("catr") || name.equals("patr")) {
            throw OneM2MException.badRequest(label + " is not used in the HTTP binding; write attribute conditions as"
                    + " <attribute>=<value>, c.<attribute>=<value> or p.<attribute>=<value>");
        }
        String attribute = name;
        String prefix = "";
        if (name.startsWith("c.") || name.startsWith("p.")) {
            prefix = name.substring(0, 2);
            attribute = name.substring(2);
        }
        if (!SHORT_NAME.matcher(attribute).matches()) {
            throw OneM2MException.badRequest("unknown " + label + ": neither a parameter of TS-0009 table 6.2.2.2-1"
                    + " nor an attribute short name");
        }
        FilterCriteria fc = req.filterCriteria();
        List<AttributeCondition> target = switch (prefix) {
            case "c." -> fc.childAttributes;
            case "p." -> fc.parentAttributes;
            default -> fc.attributes;
        };
        for (String value : values) {
            target.add(new AttributeCondition(attribute, value));
        }
    }

    private static String mediaType(String name, String v) {
        if (!MEDIA_TYPE.matcher(v).matches()) {
            throw OneM2MException.badRequest(name + " must be a media type (type/subtype): " + v);
        }
        return v;
    }

    // ---------------------------------------------------------------- client side: request primitive → query

    /** One query field a request is sent with: its name and its items (one for a single-valued field), unencoded. */
    public record Parameter(String name, List<String> items) {
    }

    /**
     * Client side (a request this CSE sends on, TS-0009 6.2.2.2): the query component for the request primitive's
     * parameters and Filter Criteria, without the leading '?'; empty when there are none. Each item is
     * percent-encoded, items of a 0..n field are joined by a raw '+'.
     */
    public static String query(RequestPrimitive req) {
        List<String> q = new ArrayList<>();
        for (Parameter p : parameters(req)) {
            List<String> items = new ArrayList<>();
            for (String item : p.items()) {
                items.add(encodeItem(item));
            }
            q.add(p.name() + "=" + String.join("+", items));
        }
        return String.join("&", q);
    }

    /**
     * CoAP client side (TS-0008 6.2.2.3): the Uri-Query options for the same fields, one {@code name=item} per item,
     * as {@link #applyUriQuery} reads them.
     */
    public static List<String> uriQuery(RequestPrimitive req) {
        List<String> options = new ArrayList<>();
        for (Parameter p : parameters(req)) {
            for (String item : p.items()) {
                options.add(p.name() + "=" + item);
            }
        }
        return options;
    }

    /**
     * The request primitive's query fields and Filter Criteria. Times go in their absolute form. {@code atrl} comes
     * from the Content of a Retrieve (which carries no body in either binding).
     */
    public static List<Parameter> parameters(RequestPrimitive req) {
        List<Parameter> q = new ArrayList<>();
        add(q, "rt", req.responseType);
        add(q, "rp", req.resultPersistence);
        add(q, "rcn", req.resultContent);
        add(q, "da", req.deliveryAggregation);
        add(q, "drt", req.desiredIdResultType);
        addAll(q, "rids", req.roleIds);
        addAll(q, "tids", req.tokenIds);
        addAll(q, "ltids", req.localTokenIds);
        add(q, "tqi", req.tokenRequestIndicator);
        add(q, "asi", req.authorizationSignatureIndicator);
        add(q, "auri", req.authorizationRelationshipIndicator);
        add(q, "sqi", req.semanticQueryIndicator);
        FilterCriteria fc = req.filterCriteria;
        if (fc != null) {
            add(q, "crb", fc.createdBefore);
            add(q, "cra", fc.createdAfter);
            add(q, "dgb", fc.generatedBefore);
            add(q, "dga", fc.generatedAfter);
            add(q, "ms", fc.modifiedSince);
            add(q, "us", fc.unmodifiedSince);
            add(q, "sts", fc.stateTagSmaller);
            add(q, "stb", fc.stateTagBigger);
            add(q, "exb", fc.expireBefore);
            add(q, "exa", fc.expireAfter);
            addAll(q, "lbl", fc.labels);
            add(q, "lbq", fc.labelsQuery);
            addAll(q, "ty", fc.resourceTypes);
            addAll(q, "chty", fc.childResourceTypes);
            addAll(q, "pty", fc.parentResourceTypes);
            addAll(q, "clbl", fc.childLabels);
            addAll(q, "palb", fc.parentLabels);
            add(q, "sza", fc.sizeAbove);
            add(q, "szb", fc.sizeBelow);
            addAll(q, "cty", fc.contentTypes);
            add(q, "fu", fc.filterUsage);
            add(q, "lim", fc.limit);
            addAll(q, "smf", fc.semanticsFilter);
            add(q, "fo", fc.filterOperation);
            add(q, "cfs", fc.contentFilterSyntax);
            add(q, "cfq", fc.contentFilterQuery);
            add(q, "lvl", fc.level);
            add(q, "ofst", fc.offset);
            add(q, "arp", fc.applyRelativePath);
            add(q, "gmty", fc.geometryType);
            add(q, "geom", fc.geometry);
            add(q, "gsf", fc.geoSpatialFunction);
            conditions(q, "", fc.attributes);
            conditions(q, "c.", fc.childAttributes);
            conditions(q, "p.", fc.parentAttributes);
        }
        if (req.operation == Operation.RETRIEVE && req.content instanceof Map<?, ?> m && m.get("m2m:atrl") instanceof List<?> atrl) {
            addAll(q, ATTRIBUTE_LIST, atrl);
        }
        return q;
    }

    private static void add(List<Parameter> q, String name, Object value) {
        if (value == null) {
            return;
        }
        String text;
        if (value instanceof IntEnum e) {
            text = String.valueOf(e.value());
        } else if (value instanceof Instant t) {
            text = Timestamps.format(t);
        } else {
            text = value.toString();
        }
        q.add(new Parameter(name, List.of(text)));
    }

    private static void addAll(List<Parameter> q, String name, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        List<String> items = new ArrayList<>();
        for (Object v : values) {
            items.add(String.valueOf(v));
        }
        q.add(new Parameter(name, items));
    }

    private static void conditions(List<Parameter> q, String prefix, List<AttributeCondition> conditions) {
        for (AttributeCondition c : conditions) {
            q.add(new Parameter(prefix + c.name(), List.of(c.value())));
        }
    }

    /** Everything but unreserved characters (RFC 3986 2.3) and ':' becomes %XX of its UTF-8 bytes; '+' too. */
    static String encodeItem(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (byte by : value.getBytes(StandardCharsets.UTF_8)) {
            int c = by & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
