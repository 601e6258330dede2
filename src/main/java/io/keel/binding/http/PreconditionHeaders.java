package io.keel.binding.http;

import io.keel.primitive.OneM2MException;
import io.keel.primitive.Preconditions;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The RFC 7232 conditional-request header fields TS-0009 6.4.6 brings in with ETag support. */
final class PreconditionHeaders {
    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";
    static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    static final String IF_UNMODIFIED_SINCE = "If-Unmodified-Since";
    /** RFC 7232 2.3 entity-tag (strong or weak), or the "*" of If-Match / If-None-Match. */
    private static final Pattern ENTITY_TAG = Pattern.compile("\\*|(W/)?\"[\\x21\\x23-\\x7e\\x80-\\xff]*\"");

    private PreconditionHeaders() {
    }

    /** The request's preconditions, or null when it carries none of the four fields. */
    static Preconditions read(Headers h) {
        Preconditions p = new Preconditions(entityTags(h, IF_MATCH), entityTags(h, IF_NONE_MATCH),
                httpDate(h.first(IF_MODIFIED_SINCE)), httpDate(h.first(IF_UNMODIFIED_SINCE)));
        return p.isEmpty() ? null : p;
    }

    /** Client side (a request sent on): the four fields as the preconditions hold them; empty when null. */
    static java.util.Map<String, String> write(Preconditions p) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>();
        if (p != null) {
            if (p.ifMatch() != null) {
                h.put(IF_MATCH, String.join(", ", p.ifMatch()));
            }
            if (p.ifNoneMatch() != null) {
                h.put(IF_NONE_MATCH, String.join(", ", p.ifNoneMatch()));
            }
            if (p.ifModifiedSince() != null) {
                h.put(IF_MODIFIED_SINCE, HttpDate.format(p.ifModifiedSince()));
            }
            if (p.ifUnmodifiedSince() != null) {
                h.put(IF_UNMODIFIED_SINCE, HttpDate.format(p.ifUnmodifiedSince()));
            }
        }
        return h;
    }

    /** A list of entity tags, kept as received; a malformed one is a 4000. */
    private static List<String> entityTags(Headers h, String name) {
        if (!h.contains(name)) {
            return null;
        }
        List<String> tags = new ArrayList<>();
        for (String value : h.all(name)) {
            for (String tag : value.split(",")) {
                String t = tag.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (!ENTITY_TAG.matcher(t).matches()) {
                    throw OneM2MException.badRequest(name + " holds a malformed entity tag: " + t);
                }
                tags.add(t);
            }
        }
        return tags;
    }

    /** An HTTP-date; RFC 7232 3.3/3.4 say an invalid one is ignored. */
    private static Instant httpDate(String v) {
        if (v == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
