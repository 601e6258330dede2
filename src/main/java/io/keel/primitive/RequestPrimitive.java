package io.keel.primitive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A oneM2M request primitive, TS-0004 7.2.1.1 (short names 8.2.2). Field names follow the long parameter names;
 * the binding fills them, the core reads them. {@code null} means the parameter was not present.
 */
public final class RequestPrimitive {
    /** Request-scope attribute under which the binding stores the primitive for the JAX-RS layer. */
    public static final String ATTRIBUTE = "io.keel.primitive.RequestPrimitive";

    public Operation operation;
    /** The To parameter as received (CSE-relative, SP-relative or absolute form). */
    public String to;
    public String from;
    public String requestIdentifier;
    public Integer resourceType;
    /** Content: the decoded body (maps, lists, strings, numbers, booleans, null), or null when absent. */
    public Object content;
    /** How the body was serialized; XML content carries every scalar as text, so the core coerces it by type. */
    public Serialization contentSerialization;
    /**
     * True when the request indicates no serialization for its response (no Accept but any, no body of its own): the
     * receiver then answers in the originator's contentSerialization (TS-0004 7.3.3.12).
     */
    public boolean responseSerializationOpen;
    /** What the receiver found for such a request: the first csz of the originator's AE; null when it has none. */
    public Serialization originatorSerialization;
    /**
     * The {@code <request>} a non-blocking request runs under (TS-0004 7.3.2.2), set by the receiver when it accepts
     * the request; null for a blocking one. Not copied: a fan-out's member requests are blocking.
     */
    public String requestResourceId;
    public final List<String> roleIds = new ArrayList<>();
    public Instant originatingTimestamp;
    public Instant requestExpirationTimestamp;
    public Instant resultExpirationTimestamp;
    public Instant operationExecutionTime;
    public ResponseTypeValue responseType;
    /** notificationURI element of Response Type (X-M2M-RTU); null when the header was absent, empty list when empty. */
    public List<String> responseTypeNotificationUris;
    /** Result Persistence as the absolute time until which a non-blocking result is kept. */
    public Instant resultPersistence;
    public ResultContent resultContent;
    public Integer eventCategory;
    public Boolean deliveryAggregation;
    public String groupRequestIdentifier;
    /** Group Request Target Members (grtm): the members a group fan-out is limited to; null when absent. */
    public List<String> groupRequestTargetMembers;
    /** Filter Criteria; null when the request carried none of its fields. */
    public FilterCriteria filterCriteria;
    public DesiredIdResultType desiredIdResultType;
    public final List<String> tokens = new ArrayList<>();
    public final List<String> tokenIds = new ArrayList<>();
    public final List<String> localTokenIds = new ArrayList<>();
    public Boolean tokenRequestIndicator;
    public Boolean authorizationSignatureIndicator;
    public final List<String> authorizationSignatures = new ArrayList<>();
    public Boolean authorizationRelationshipIndicator;
    public Boolean semanticQueryIndicator;
    public String releaseVersionIndicator;
    public String vendorInformation;
    public String primitiveProfileIdentifier;
    public String m2mServiceUser;
    public final List<String> ontologyMappingResources = new ArrayList<>();
    /**
     * Binding metadata, not a oneM2M parameter: the IP address the request came from, as the transport reports it
     * (HTTP: the client end of the connection), or null. Access control contexts (acip) are matched against it.
     */
    public String originatorAddress;
    /** Binding metadata: the binding the request came through ({@code http}, {@code ws}, ...); null for the CSE's own. */
    public String binding;
    /** Whether the binding authenticated the originator (HTTP authentication, TS-0009 7.1); not a oneM2M parameter. */
    public boolean originatorAuthenticated;
    /**
     * The Credential-ID of the security association the binding authenticated the originator in (TS-0001 9.6.29
     * applicableCredIDs), or null when it knows none; not a oneM2M parameter.
     */
    public String credentialId;
    /** RFC 7232 conditions of the HTTP request (TS-0009 6.4.6); null when it carried none. */
    public Preconditions preconditions;

    public FilterCriteria filterCriteria() {
        if (filterCriteria == null) {
            filterCriteria = new FilterCriteria();
        }
        return filterCriteria;
    }

    /** A copy of every parameter; the lists are copied, Content and Filter Criteria are shared (the core only reads them). */
    public RequestPrimitive copy() {
        RequestPrimitive c = new RequestPrimitive();
        c.operation = operation;
        c.to = to;
        c.from = from;
        c.requestIdentifier = requestIdentifier;
        c.resourceType = resourceType;
        c.content = content;
        c.contentSerialization = contentSerialization;
        c.responseSerializationOpen = responseSerializationOpen;
        c.roleIds.addAll(roleIds);
        c.originatingTimestamp = originatingTimestamp;
        c.requestExpirationTimestamp = requestExpirationTimestamp;
        c.resultExpirationTimestamp = resultExpirationTimestamp;
        c.operationExecutionTime = operationExecutionTime;
        c.responseType = responseType;
        c.responseTypeNotificationUris = responseTypeNotificationUris == null ? null : List.copyOf(responseTypeNotificationUris);
        c.resultPersistence = resultPersistence;
        c.resultContent = resultContent;
        c.eventCategory = eventCategory;
        c.deliveryAggregation = deliveryAggregation;
        c.groupRequestIdentifier = groupRequestIdentifier;
        c.groupRequestTargetMembers = groupRequestTargetMembers == null ? null : List.copyOf(groupRequestTargetMembers);
        c.filterCriteria = filterCriteria;
        c.desiredIdResultType = desiredIdResultType;
        c.tokens.addAll(tokens);
        c.tokenIds.addAll(tokenIds);
        c.localTokenIds.addAll(localTokenIds);
        c.tokenRequestIndicator = tokenRequestIndicator;
        c.authorizationSignatureIndicator = authorizationSignatureIndicator;
        c.authorizationSignatures.addAll(authorizationSignatures);
        c.authorizationRelationshipIndicator = authorizationRelationshipIndicator;
        c.semanticQueryIndicator = semanticQueryIndicator;
        c.releaseVersionIndicator = releaseVersionIndicator;
        c.vendorInformation = vendorInformation;
        c.primitiveProfileIdentifier = primitiveProfileIdentifier;
        c.m2mServiceUser = m2mServiceUser;
        c.ontologyMappingResources.addAll(ontologyMappingResources);
        c.originatorAddress = originatorAddress;
        c.binding = binding;
        c.originatorAuthenticated = originatorAuthenticated;
        c.credentialId = credentialId;
        c.preconditions = preconditions;
        return c;
    }

    /** True when this Retrieve asks for discovery (fu=1). */
    public boolean isDiscovery() {
        return filterCriteria != null && filterCriteria.filterUsage == FilterUsage.DISCOVERY;
    }
}
