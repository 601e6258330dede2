package io.keel.binding.http;

import static io.keel.primitive.ResponseStatusCode.*;

import io.keel.primitive.ResponseStatusCode;
import java.util.EnumMap;
import java.util.Map;

/**
 * TS-0009 6.3.2, table 6.3.2-1: Response Status Code → HTTP status, as in V3.9.1, where the table is intact; codes
 * added after V3.9.1 are placed by the row order of the later release's table. A code the table does not list is a
 * server error (500), never a success.
 */
public final class HttpStatusMapping {
    private static final Map<ResponseStatusCode, Integer> STATUS = new EnumMap<>(ResponseStatusCode.class);

    static {
        map(200, OK, DELETED, UPDATED);
        map(201, CREATED);
        map(202, ACCEPTED, ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH);
        map(400, BAD_REQUEST, CONTENTS_UNACCEPTABLE, GROUP_MEMBER_TYPE_INCONSISTENT, INVALID_SEMANTICS, INVALID_TRIGGER_PURPOSE,
                ILLEGAL_TRANSACTION_STATE_TRANSITION_ATTEMPTED, ONTOLOGY_MAPPING_POLICY_NOT_MATCHED, BAD_FACT_INPUTS_FOR_REASONING,
                BAD_RULE_INPUTS_FOR_REASONING, PRIMITIVE_PROFILE_BAD_REQUEST, INVALID_PROCESS_CONFIGURATION, INVALID_SPARQL_QUERY,
                MAX_NUMBER_OF_MEMBER_EXCEEDED, INVALID_CMDTYPE, INVALID_ARGUMENTS, INSUFFICIENT_ARGUMENTS);
        map(403, SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE, ORIGINATOR_HAS_NO_PRIVILEGE, RECEIVER_HAS_NO_PRIVILEGE, TARGET_NOT_SUBSCRIBABLE,
                SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE, ORIGINATOR_NOT_AUTHENTICATED, SECURITY_ASSOCIATION_REQUIRED, INVALID_CHILD_RESOURCE_TYPE,
                NO_MEMBERS, ESPRIM_UNSUPPORTED_OPTION, ESPRIM_UNKNOWN_KEY_ID, ESPRIM_UNKNOWN_ORIG_RAND_ID, ESPRIM_UNKNOWN_RECV_RAND_ID,
                ESPRIM_BAD_MAC, ESPRIM_IMPERSONATION_ERROR, ORIGINATOR_HAS_ALREADY_REGISTERED, APP_RULE_VALIDATION_FAILED,
                OPERATION_DENIED_BY_REMOTE_ENTITY, SERVICE_SUBSCRIPTION_NOT_ESTABLISHED, DISCOVERY_LIMIT_EXCEEDED,
                PRIMITIVE_PROFILE_NOT_ACCESSIBLE, UNAUTHORIZED_USER, SERVICE_SUBSCRIPTION_NOT_ACTIVE, DISCOVERY_DENIED_BY_IPE,
                TARGET_HAS_NO_SESSION_CAPABILITY, SESSION_IS_ONLINE, TRIGGERING_DISABLED_FOR_RECIPIENT,
                TRANSACTION_PROCESSING_IS_INCOMPLETE, REQUESTED_ACTIVITY_PATTERN_NOT_PERMITTED);
        map(404, NOT_FOUND, ONTOLOGY_NOT_AVAILABLE, LINKED_SEMANTICS_NOT_AVAILABLE, MASHUP_MEMBER_NOT_FOUND,
                ONTOLOGY_MAPPING_ALGORITHM_NOT_AVAILABLE, ONTOLOGY_MAPPING_NOT_AVAILABLE, TARGET_NOT_REACHABLE,
                REMOTE_ENTITY_NOT_REACHABLE, EXTERNAL_OBJECT_NOT_REACHABLE, EXTERNAL_OBJECT_NOT_FOUND);
        map(405, OPERATION_NOT_ALLOWED);
        map(406, NOT_ACCEPTABLE);
        map(409, GROUP_REQUEST_IDENTIFIER_EXISTS, CONFLICT, BLOCKING_SUBSCRIPTION_ALREADY_EXISTS, SOFTWARE_CAMPAIGN_CONFLICT,
                ALREADY_EXISTS, UNABLE_TO_REPLACE_REQUEST, UNABLE_TO_RECALL_REQUEST, ALREADY_COMPLETE, MGMT_COMMAND_NOT_CANCELLABLE);
        map(415, UNSUPPORTED_MEDIA_TYPE);
        map(500, INTERNAL_SERVER_ERROR, SUBSCRIPTION_VERIFICATION_INITIATION_FAILED, GROUP_MEMBERS_NOT_RESPONDED,
                ESPRIM_DECRYPTION_ERROR, ESPRIM_ENCRYPTION_ERROR, SPARQL_UPDATE_ERROR, JOIN_MULTICAST_GROUP_FAILED,
                LEAVE_MULTICAST_GROUP_FAILED, CROSS_RESOURCE_OPERATION_FAILURE, ONTOLOGY_MAPPING_ALGORITHM_FAILED,
                ONTOLOGY_CONVERSION_FAILED, REASONING_PROCESSING_FAILED, MGMT_SESSION_CANNOT_BE_ESTABLISHED,
                MGMT_SESSION_ESTABLISHMENT_TIMEOUT, MGMT_CONVERSION_ERROR, MGMT_CANCELLATION_FAILED, NETWORK_QOS_CONFIG_ERROR);
        map(501, RELEASE_VERSION_NOT_SUPPORTED, SPECIALIZATION_SCHEMA_NOT_FOUND, NOT_IMPLEMENTED,
                NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED);
        map(504, REQUEST_TIMEOUT, EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT, EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT);
    }

    private HttpStatusMapping() {
    }

    private static void map(int status, ResponseStatusCode... codes) {
        for (ResponseStatusCode c : codes) {
            STATUS.put(c, status);
        }
    }

    /** Table 6.3.2-1; null or a code the table does not list → 500. */
    public static int httpStatus(ResponseStatusCode rsc) {
        return rsc == null ? 500 : STATUS.getOrDefault(rsc, 500);
    }

    /** The same for a raw number; one that is no Response Status Code at all → 500. */
    public static int httpStatus(int rsc) {
        return httpStatus(ResponseStatusCode.of(rsc));
    }

    /**
     * The reverse: the most general code of the status's group in table 6.3.2-1. Other 4xx → 4000, other 5xx → 5000,
     * other 2xx → 2000, anything else → 5000. For a response without a usable X-M2M-RSC (TS-0009 6.1 use case 4),
     * and for what the HTTP server refuses before there is a request primitive (the launcher's error handler).
     */
    public static ResponseStatusCode fallbackRsc(int httpStatus) {
        return switch (httpStatus) {
            case 200 -> OK;
            case 201 -> CREATED;
            case 202 -> ACCEPTED;
            case 400 -> BAD_REQUEST;
            case 403 -> ORIGINATOR_HAS_NO_PRIVILEGE;
            case 404 -> NOT_FOUND;
            case 405 -> OPERATION_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 501 -> NOT_IMPLEMENTED;
            case 504 -> REQUEST_TIMEOUT;
            default -> httpStatus >= 400 && httpStatus < 500 ? BAD_REQUEST
                    : httpStatus >= 200 && httpStatus < 300 ? OK
                    : INTERNAL_SERVER_ERROR;
        };
    }
}
