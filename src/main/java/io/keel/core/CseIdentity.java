package io.keel.core;

import java.util.List;

/** Who this CSE is, and the fixed policies it applies; taken from {@link Settings} once at start. */
public record CseIdentity(String cseId, String cseName, String spId, int cseType, String adminOriginator,
                          List<String> aeAllowedOriginators, long defaultExpirationSeconds, int maxResultSize,
                          int contentScanMax, List<String> pointOfAccess, Registrar registrar) {

    /**
     * The CSE this one registers with (TS-0001 10.2.2.7): its HTTP point of access, CSE-ID without the slash
     * ({@code id-in}), CSEBase resourceName (null: addressed by its CSE-ID), and the Authorization header value this CSE
     * sends it (null: none).
     */
    public record Registrar(String poa, String cseId, String cseName, String authorization) {
    }

    /** A CSE without a registrar. */
    public CseIdentity(String cseId, String cseName, String spId, int cseType, String adminOriginator,
                       List<String> aeAllowedOriginators, long defaultExpirationSeconds, int maxResultSize,
                       int contentScanMax, List<String> pointOfAccess) {
        this(cseId, cseName, spId, cseType, adminOriginator, aeAllowedOriginators, defaultExpirationSeconds,
                maxResultSize, contentScanMax, pointOfAccess, null);
    }

    public static CseIdentity from(Settings s) {
        return new CseIdentity(s.cseId(), s.cseName(), s.spId(), s.cseType(), s.adminOriginator(),
                s.aeAllowedOriginators(), s.defaultExpirationSeconds(), s.maxResultSize(), s.contentScanMax(),
                s.csePointOfAccess(), s.registrar());
    }

    /** SP-relative CSE-ID, e.g. {@code /id-in}. */
    public String spRelativeCseId() {
        return "/" + cseId;
    }

    /**
     * The CSE-relative rest of an address of this CSE in any of the three forms (TS-0004 6.2.3): the address itself
     * when CSE-relative, "" for this CSE's CSE-ID alone; null for an address of another CSE or service provider, or
     * one naming a service provider only.
     */
    public String cseRelative(String address) {
        AddressForm form = AddressForm.of(address);
        if (form.spId() != null && (!form.spId().equalsIgnoreCase(spId) || form.cseId() == null)) {
            return null;
        }
        return form.cseId() == null || form.cseId().equals(cseId) ? form.rest() : null;
    }

    /** The CSE's own ri: its CSE-ID without the slash. */
    public String cseBaseRi() {
        return cseId;
    }

    /** Whether this CSE registers with a registrar CSE ({@code keel.registrar.poa} and {@code keel.registrar.cse-id}). */
    public boolean hasRegistrar() {
        return registrar != null;
    }

    /** The registrar's HTTP point of access ({@code http://127.0.0.1:8080}), or null without a registrar. */
    public String registrarPoa() {
        return registrar == null ? null : registrar.poa();
    }

    /** The registrar's CSE-ID without the slash ({@code id-in}), or null without a registrar. */
    public String registrarCseId() {
        return registrar == null ? null : registrar.cseId();
    }

    /** The resourceName of the registrar's CSEBase ({@code cse-in}), or null when not configured. */
    public String registrarCseName() {
        return registrar == null ? null : registrar.cseName();
    }

    /** The Authorization header value this CSE sends its registrar ({@code Basic …}), or null. */
    public String registrarAuthorization() {
        return registrar == null ? null : registrar.authorization();
    }
}
