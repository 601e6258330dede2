package io.keel.core;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Resource identifiers and names (TS-0004 6.2, 6.3.3). */
public final class Identifiers {
    private static final char[] ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    /** m2m:resourceName: {@code (ALPHA/DIGIT) *(ALPHA/DIGIT/"-"/"."/"_")}. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /**
     * What may stand in an unstructured ri or AE-ID-Stem; not starting with '.', so that no resource can take the
     * first path segment {@code .well-known}, where Keel serves its own pages.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,254}");

    /** 36⁸: added to the time, nine base-36 digits until the year 5000, and IDs of one width sort like their times. */
    private static final long NINE_DIGITS = 2_821_109_907_456L;

    private Identifiers() {
    }

    public static String random(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)];
        }
        return new String(c);
    }

    /**
     * A new unstructured resource ID (TS-0001 9.6.1.3.1 asks only that it be unique in the CSE): the type's short name,
     * the time in milliseconds as nine base-36 digits and six random alphanumerics. IDs so sort by creation: a
     * container's new instances, named by their IDs by default, sit next to each other in every index of the resource
     * table, and a commit writes a few pages at its end instead of one page per index and instance (random IDs).
     */
    public static String newResourceId(String shortName) {
        return shortName + Long.toString(NINE_DIGITS + System.currentTimeMillis(), 36) + random(6);
    }

    public static boolean isResourceName(String rn) {
        return rn != null && RESOURCE_NAME.matcher(rn).matches();
    }

    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Matches an originator against a pattern where {@code *} stands for any run of characters. */
    public static boolean matchesWildcard(String pattern, String value) {
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return value.matches(re.toString());
    }
}
