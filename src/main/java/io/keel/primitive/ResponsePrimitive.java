package io.keel.primitive;

import java.time.Instant;

/** A oneM2M response primitive, TS-0004 7.2.1.2. */
public final class ResponsePrimitive {
    public ResponseStatusCode responseStatusCode;
    public String requestIdentifier;
    /** The serialization the receiver chose for this response (TS-0004 7.3.3.12); null: the binding's negotiation stands. */
    public Serialization serialization;
    /** Content: a tree of maps, lists and scalars with its root element (e.g. {@code m2m:cnt}); null when none. */
    public Object content;
    public String to;
    public String from;
    public Instant originatingTimestamp;
    public Instant resultExpirationTimestamp;
    public Integer eventCategory;
    public ContentStatus contentStatus;
    public Integer contentOffset;
    public String assignedTokenIdentifiers;
    /** Token Request Information (tqf, an m2m:dynAuthTokenReqInfo) of a 4103 to a request with tqi; null when none. */
    public java.util.Map<String, Object> tokenRequestInformation;
    public Boolean authorizationSignatureRequestInformation;
    public String releaseVersionIndicator;
    public String vendorInformation;
    public String m2mServiceUser;
    /** The hierarchical address of a created resource, for Content-Location (TS-0009 6.4.4). */
    public String contentLocation;
    /** An opaque version of the returned resource for ETag (TS-0009 6.4.6); null when none. */
    public String entityTag;
    /** When the returned resource was last modified, for Last-Modified; null when none. */
    public Instant lastModified;

    /** How a conditional request (RFC 7232) ended when it did not simply succeed. */
    public enum ConditionalOutcome {
        NOT_MODIFIED,
        PRECONDITION_FAILED
    }

    public ConditionalOutcome conditionalOutcome;

    public ResponsePrimitive() {
    }

    public ResponsePrimitive(ResponseStatusCode rsc, Object content) {
        this.responseStatusCode = rsc;
        this.content = content;
    }

    /** An error response whose Content is {@code m2m:dbg} with the reason. */
    public static ResponsePrimitive error(ResponseStatusCode rsc, String reason) {
        return new ResponsePrimitive(rsc, reason == null ? null : java.util.Map.of("m2m:dbg", reason));
    }

    /**
     * Copies what a response echoes from its request and fits it to the originator's release: rqi, vsi, and rvi — the
     * request's release when this CSE speaks it, else the newest it speaks; none for a Release 1 originator, whose
     * response carries neither rvi nor vsi (TS-0004 7.2.1.2, 7.3.2.6), and whose Response Status Code is one Release 1
     * knows.
     */
    public ResponsePrimitive echo(RequestPrimitive request) {
        requestIdentifier = request.requestIdentifier;
        boolean release1 = ReleaseVersion.RELEASE_1.equals(request.releaseVersionIndicator);
        vendorInformation = release1 ? null : request.vendorInformation;
        if (release1) {
            releaseVersionIndicator = null;
        } else if (releaseVersionIndicator == null) {
            releaseVersionIndicator = ReleaseVersion.isSupported(request.releaseVersionIndicator)
                    ? request.releaseVersionIndicator : ReleaseVersion.LATEST;
        }
        if (responseStatusCode != null && ReleaseVersion.isSupported(request.releaseVersionIndicator)) {
            responseStatusCode = responseStatusCode.forRelease(request.releaseVersionIndicator);
        }
        return this;
    }
}
