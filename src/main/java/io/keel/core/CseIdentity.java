package io.keel.core;

import java.util.List;

/** Who this CSE is, and the fixed policies it applies; taken from {@link Settings} once at start. */
public record CseIdentity(String cseId, String cseName, String spId, int cseType, String adminOriginator,
                          List<String> aeAllowedOriginators, long defaultExpirationSeconds, int maxResultSize,
                          int contentScanMax, List<String> pointOfAccess, String registrarPoa, String registrarCseId,
                          String registrarCseName, String registrarAuthorization) {

    /** A CSE without a registrar (an IN-CSE, or one not configured to register). */
    public CseIdentity(String cseId, String cseName, String spId, int cseType, String adminOriginator,
                       List<String> aeAllowedOriginators, long defaultExpirationSeconds, int maxResultSize,
                       int contentScanMax, List<String> pointOfAccess) {
        this(cseId, cseName, spId, cseType, adminOriginator, aeAllowedOriginators, defaultExpirationSeconds, maxResultSize,
                contentScanMax, pointOfAccess, "", "", "", "");
    }

    public static CseIdentity from(Settings s) {
        return new CseIdentity(s.cseId(), s.cseName(), s.spId(), s.cseType(), s.adminOriginator(),
                s.aeAllowedOriginators(), s.defaultExpirationSeconds(), s.maxResultSize(), s.contentScanMax(),
                List.of("http://" + s.httpHost() + ":" + s.httpPort()), s.registrarPoa(), s.registrarCseId(),
                s.registrarCseName(), s.registrarAuthorization());
    }

    /** SP-relative CSE-ID, e.g. {@code /id-in}. */
    public String spRelativeCseId() {
        return "/" + cseId;
    }

    /** The CSE's own ri: its CSE-ID without the slash. */
    public String cseBaseRi() {
        return cseId;
    }

    /** Whether a registrar is configured: its point of access is known (an IN-CSE has none). */
    public boolean hasRegistrar() {
        return registrarPoa != null && !registrarPoa.isEmpty();
    }
}
