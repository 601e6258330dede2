package io.keel.primitive;

import java.util.List;

/** Release Version Indicator values this CSE speaks (X-M2M-RVI, srv). */
public final class ReleaseVersion {
    /** A request without rvi comes from a Release 1 entity (TS-0004 7.3.2.1), and nothing sent to one carries rvi. */
    public static final String RELEASE_1 = "1";
    /** What Keel accepts in X-M2M-RVI and in srv, oldest first; the newest is what it answers with by default. */
    public static final List<String> SUPPORTED = List.of(RELEASE_1, "2", "2a", "3", "4", "5");
    public static final String LATEST = "5";
    /** Every release version the standard defines, in order, valid inside srv even if Keel does not speak it. */
    public static final List<String> DEFINED = List.of(RELEASE_1, "2", "2a", "3", "4", "5");

    private ReleaseVersion() {
    }

    public static boolean isSupported(String rvi) {
        return rvi != null && SUPPORTED.contains(rvi);
    }

    /** Whether a release version is the given one or later (in the order of {@link #DEFINED}); false if unknown. */
    public static boolean isAtLeast(String rvi, String release) {
        int at = DEFINED.indexOf(rvi);
        return at >= 0 && at >= DEFINED.indexOf(release);
    }

    /** Whether something introduced in {@code introduced} exists for an entity of release {@code rvi}. */
    public static boolean knows(String rvi, String introduced) {
        return rvi == null || isAtLeast(rvi, introduced);
    }
}
