package io.keel.binding.http;

import io.keel.primitive.DesiredIdResultType;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.FilterOperation;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.IntEnum;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseTypeValue;
import io.keel.primitive.ResultContent;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * TS-0009 6.2.2.2: the query component → request primitive parameters and Filter Criteria, one entry per row of
 * table 6.2.2.2-1. In this binding a raw '+' separates the items of a list ({@code ty=2+3}); lists may also be given
 * by repeating the field. Any other {@code name=value} is an attribute condition ({@code c.}/{@code p.} prefixes for
 * child and parent attributes).
 */
public final class QueryMapping {
    private static final Pattern SHORT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    /** How one field is parsed: single-valued or a list, and where its value goes. */
    private record Field(boolean list, Setter setter) {
    }

    @FunctionalInterface
    private interface Setter {
        void set(RequestPrimitive req, String name, String value, Instant now);
    }

    private static final Map<String, Field> FIELDS = Map.ofEntries(
            one("rt", (r, n, v, t) -> r.responseType = IntEnum.of(ResponseTypeValue.class, integer(n, v), n)),
            one("rp", (r, n, v, t) -> r.resultPersistence = Timestamps.parseAbsRel(v, t, n)),
            one("rcn", (r, n, v, t) -> r.resultContent = IntEnum.of(ResultContent.class, integer(n, v), n)),
            one("da", (r, n, v, t) -> r.deliveryAggregation = bool(n, v)),
            one("drt", (r, n, v, t) -> r.desiredIdResultType = IntEnum.of(DesiredIdResultType.class, integer(n, v), n)),
            list("rids", (r, n, v, t) -> r.roleIds.add(v)),
            list("tids", (r, n, v, t) -> r.tokenIds.add(v)),
            list("ltids", (r, n, v, t) -> r.localTokenIds.add(v)),
            one("tqi", (r, n, v, t) -> r.tokenRequestIndicator = bool(n, v)),
            one("asi", (r, n, v, t) -> r.authorizationSignatureIndicator = bool(n, v)),
            one("auri", (r, n, v, t) -> r.authorizationRelationshipIndicator = bool(n, v)),
            one("sqi", (r, n, v, t) -> r.semanticQueryIndicator = bool(n, v)),
            one("crb", (r, n, v, t) -> r.filterCriteria().createdBefore = Timestamps.parse(v, n)),
            one("cra", (r, n, v, t) -> r.filterCriteria().createdAfter = Timestamps.parse(v, n)),
            one("ms", (r, n, v, t) -> r.filterCriteria().modifiedSince = Timestamps.parse(v, n)),
            one("us", (r, n, v, t) -> r.filterCriteria().unmodifiedSince = Timestamps.parse(v, n)),
            one("sts", (r, n, v, t) -> r.filterCriteria().stateTagSmaller = nonNegativeLong(n, v)),
            one("stb", (r, n, v, t) -> r.filterCriteria().stateTagBigger = nonNegativeLong(n, v)),
            one("exb", (r, n, v, t) -> r.filterCriteria().expireBefore = Timestamps.parse(v, n)),
            one("exa", (r, n, v, t) -> r.filterCriteria().expireAfter = Timestamps.parse(v, n)),
            list("lbl", (r, n, v, t) -> r.filterCriteria().labels.add(v)),
            one("lbq", (r, n, v, t) -> r.filterCriteria().labelsQuery = v),
            list("ty", (r, n, v, t) -> r.filterCriteria().resourceTypes.add((int) nonNegativeLong(n, v))),
            list("chty", (r, n, v, t) -> r.filterCriteria().childResourceTypes.add((int) nonNegativeLong(n, v))),
            list("pty", (r, n, v, t) -> r.filterCriteria().parentResourceTypes.add((int) nonNegativeLong(n, v))),
            list("clbl", (r, n, v, t) -> r.filterCriteria().childLabels.add(v)),
            list("palb", (r, n, v, t) -> r.filterCriteria().parentLabels.add(v)),
            one("sza", (r, n, v, t) -> r.filterCriteria().sizeAbove = nonNegativeLong(n, v)),
            one("szb", (r, n, v, t) -> r.filterCriteria().sizeBelow = nonNegativeLong(n, v)),
            list("cty", (r, n, v, t) -> r.filterCriteria().contentTypes.add(mediaType(n, v))),
            one("fu", (r, n, v, t) -> r.filterCriteria().filterUsage = IntEnum.of(FilterUsage.class, integer(n, v), n)),
            one("lim", (r, n, v, t) -> r.filterCriteria().limit = (int) nonNegativeLong(n, v)),
            list("smf", (r, n, v, t) -> r.filterCriteria().semanticsFilter.add(v)),
            one("fo", (r, n, v, t) -> r.filterCriteria().filterOperation = IntEnum.of(FilterOperation.class, integer(n, v), n)),
            one("cfs", (r, n, v, t) -> r.filterCriteria().contentFilterSyntax = range(n, v, 1, 1)),
            one("cfq", (r, n, v, t) -> r.filterCriteria().contentFilterQuery = v),
            one("lvl", (r, n, v, t) -> r.filterCriteria().level = range(n, v, 1, Integer.MAX_VALUE)),
            one("ofst", (r, n, v, t) -> r.filterCriteria().offset = range(n, v, 1, Integer.MAX_VALUE)),
            one("arp", (r, n, v, t) -> r.filterCriteria().applyRelativePath = v),
            one("gmty", (r, n, v, t) -> r.filterCriteria().geometryType = range(n, v, 1, 6)),
            one("gnty", (r, n, v, t) -> r.filterCriteria().geometryType = range(n, v, 1, 6)),
            one("geom", (r, n, v, t) -> r.filterCriteria().geometry = v),
            one("gsf", (r, n, v, t) -> r.filterCriteria().geoSpatialFunction = range(n, v, 1, 3)));

    private QueryMapping() {
    }

    private static Map.Entry<String, Field> one(String name, Setter s) {
        return Map.entry(name, new Field(false, s));
    }

    private static Map.Entry<String, Field> list(String name, Setter s) {
        return Map.entry(name, new Field(true, s));
    }

    /** Applies a raw (undecoded) query string to the request primitive. */
    public static void apply(String rawQuery, Operation op, RequestPrimitive req, Instant now) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        List<String> attributeList = null;
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw OneM2MException.badRequest("query field '" + pair + "' has no name=value form");
            }
            String name = RequestTargetMapping.decode(pair.substring(0, eq));
            String raw = pair.substring(eq + 1);
            if (raw.isEmpty()) {
                throw OneM2MException.badRequest("query field " + name + " has an empty value");
            }
            if (name.equals("atrl")) {
                if (op != Operation.RETRIEVE) {
                    throw OneM2MException.badRequest("atrl (partial retrieve) is only valid in a retrieve");
                }
                if (attributeList == null) {
                    attributeList = new ArrayList<>();
                }
                for (String item : items(name, raw)) {
                    if (!SHORT_NAME.matcher(item).matches()) {
                        throw OneM2MException.badRequest("atrl names an invalid attribute: " + item);
                    }
                    attributeList.add(item);
                }
                continue;
            }
            Field field = FIELDS.get(name);
            if (field != null) {
                if (!field.list() && !seen.add(name)) {
                    throw OneM2MException.badRequest("query field " + name + " may occur only once");
                }
                if (field.list()) {
                    for (String item : items(name, raw)) {
                        field.setter().set(req, name, item, now);
                    }
                } else {
                    field.setter().set(req, name, RequestTargetMapping.decode(raw), now);
                }
                continue;
            }
            attributeCondition(req.filterCriteria(), name, RequestTargetMapping.decode(raw));
        }
        if (attributeList != null) {
            req.content = Map.of("m2m:atrl", List.copyOf(attributeList));
        }
    }

    private static void attributeCondition(FilterCriteria fc, String name, String value) {
        List<AttributeCondition> target = fc.attributes;
        String attribute = name;
        if (name.startsWith("c.")) {
            target = fc.childAttributes;
            attribute = name.substring(2);
        } else if (name.startsWith("p.")) {
            target = fc.parentAttributes;
            attribute = name.substring(2);
        }
        if (!SHORT_NAME.matcher(attribute).matches()) {
            throw OneM2MException.badRequest("unknown query field " + name);
        }
        target.add(new AttributeCondition(attribute, value));
    }

    /** The items of a list value: split on raw '+', then each percent-decoded. */
    private static List<String> items(String name, String raw) {
        List<String> out = new ArrayList<>();
        for (String item : raw.split("\\+", -1)) {
            if (item.isEmpty()) {
                throw OneM2MException.badRequest("query field " + name + " has an empty list item");
            }
            out.add(RequestTargetMapping.decode(item));
        }
        return out;
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw OneM2MException.badRequest("query field " + name + " must be an integer: " + v);
        }
    }

    private static int range(String name, String v, int min, int max) {
        int n = integer(name, v);
        if (n < min || n > max) {
            throw OneM2MException.badRequest("query field " + name + " is out of range: " + v);
        }
        return n;
    }

    private static long nonNegativeLong(String name, String v) {
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OneM2MException.badRequest("query field " + name + " must be a non-negative integer: " + v);
    }

    private static Boolean bool(String name, String v) {
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw OneM2MException.badRequest("query field " + name + " must be true, false, 1 or 0: " + v);
        };
    }

    private static String mediaType(String name, String v) {
        if (!v.matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")) {
            throw OneM2MException.badRequest("query field " + name + " must be a media type: " + v);
        }
        return v;
    }
}
