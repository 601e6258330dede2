package io.keel.binding.coap;

import static io.keel.primitive.ResponseStatusCode.*;

import io.keel.primitive.Operation;
import io.keel.primitive.ResponseStatusCode;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * TS-0008 6.2.4, table 6.2.4-1: Response Status Code → CoAP Response Code. Many codes share one CoAP code, so the
 * oneM2M-RSC option always carries the exact one. A code the table (V3.9.0) does not list is sent by its class:
 * 4xxx as 4.00, every other as 5.00, never a success.
 */
public final class CoapStatusMapping {
    private static final Map<ResponseStatusCode, ResponseCode> CODES = new EnumMap<>(ResponseStatusCode.class);

    static {
        map(ResponseCode.CREATED, ACCEPTED, ACCEPTED_NON_BLOCKING_REQUEST_SYNCH, ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH, CREATED);
        map(ResponseCode.DELETED, DELETED);
        map(ResponseCode.CHANGED, UPDATED);
        map(ResponseCode.BAD_REQUEST, BAD_REQUEST, CONTENTS_UNACCEPTABLE, GROUP_REQUEST_IDENTIFIER_EXISTS, GROUP_MEMBER_TYPE_INCONSISTENT,
                ILLEGAL_TRANSACTION_STATE_TRANSITION_ATTEMPTED, BLOCKING_SUBSCRIPTION_ALREADY_EXISTS, INVALID_SPARQL_QUERY,
                ALREADY_EXISTS, UNABLE_TO_REPLACE_REQUEST, UNABLE_TO_RECALL_REQUEST, MAX_NUMBER_OF_MEMBER_EXCEEDED, INVALID_CMDTYPE,
                INVALID_ARGUMENTS, INSUFFICIENT_ARGUMENTS, ALREADY_COMPLETE, MGMT_COMMAND_NOT_CANCELLABLE);
        map(ResponseCode.BAD_OPTION, INVALID_SEMANTICS, INVALID_TRIGGER_PURPOSE);
        map(ResponseCode.FORBIDDEN, SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE, ORIGINATOR_HAS_NO_PRIVILEGE, CONFLICT,
                ORIGINATOR_NOT_AUTHENTICATED, SECURITY_ASSOCIATION_REQUIRED, INVALID_CHILD_RESOURCE_TYPE, NO_MEMBERS,
                ESPRIM_UNSUPPORTED_OPTION, ESPRIM_UNKNOWN_KEY_ID, ESPRIM_UNKNOWN_ORIG_RAND_ID, ESPRIM_UNKNOWN_RECV_RAND_ID,
                ESPRIM_BAD_MAC, ESPRIM_IMPERSONATION_ERROR, ORIGINATOR_HAS_ALREADY_REGISTERED, APP_RULE_VALIDATION_FAILED,
                OPERATION_DENIED_BY_REMOTE_ENTITY, RECEIVER_HAS_NO_PRIVILEGE, TARGET_NOT_SUBSCRIBABLE,
                SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE, DISCOVERY_DENIED_BY_IPE, TARGET_HAS_NO_SESSION_CAPABILITY, SESSION_IS_ONLINE,
                TRIGGERING_DISABLED_FOR_RECIPIENT, TRANSACTION_PROCESSING_IS_INCOMPLETE);
        map(ResponseCode.NOT_FOUND, NOT_FOUND, ONTOLOGY_NOT_AVAILABLE, LINKED_SEMANTICS_NOT_AVAILABLE, MASHUP_MEMBER_NOT_FOUND,
                TARGET_NOT_REACHABLE, REMOTE_ENTITY_NOT_REACHABLE, EXTERNAL_OBJECT_NOT_REACHABLE, EXTERNAL_OBJECT_NOT_FOUND);
        map(ResponseCode.METHOD_NOT_ALLOWED, OPERATION_NOT_ALLOWED);
        map(ResponseCode.NOT_ACCEPTABLE, NOT_ACCEPTABLE);
        map(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, UNSUPPORTED_MEDIA_TYPE);
        map(ResponseCode.INTERNAL_SERVER_ERROR, INTERNAL_SERVER_ERROR, SUBSCRIPTION_VERIFICATION_INITIATION_FAILED,
                GROUP_MEMBERS_NOT_RESPONDED, ESPRIM_DECRYPTION_ERROR, ESPRIM_ENCRYPTION_ERROR, SPARQL_UPDATE_ERROR,
                JOIN_MULTICAST_GROUP_FAILED, LEAVE_MULTICAST_GROUP_FAILED, CROSS_RESOURCE_OPERATION_FAILURE,
                MGMT_SESSION_CANNOT_BE_ESTABLISHED, MGMT_SESSION_ESTABLISHMENT_TIMEOUT, MGMT_CONVERSION_ERROR,
                MGMT_CANCELLATION_FAILED);
        map(ResponseCode.NOT_IMPLEMENTED, RELEASE_VERSION_NOT_SUPPORTED, SPECIALIZATION_SCHEMA_NOT_FOUND, NOT_IMPLEMENTED,
                NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED);
        map(ResponseCode.GATEWAY_TIMEOUT, REQUEST_TIMEOUT, EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT,
                EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT);
    }

    private CoapStatusMapping() {
    }

    private static void map(ResponseCode code, ResponseStatusCode... rscs) {
        for (ResponseStatusCode rsc : rscs) {
            CODES.put(rsc, code);
        }
    }

    /** The CoAP Response Code of a response to a request with this operation (2000 is 2.05, or 2.04 for Notify). */
    public static ResponseCode coapCode(ResponseStatusCode rsc, Operation operation) {
        if (rsc == null) {
            return ResponseCode.INTERNAL_SERVER_ERROR;
        }
        if (rsc == OK) {
            return operation == Operation.NOTIFY ? ResponseCode.CHANGED : ResponseCode.CONTENT;
        }
        ResponseCode code = CODES.get(rsc);
        if (code != null) {
            return code;
        }
        return rsc.code() / 1000 == 4 ? ResponseCode.BAD_REQUEST : ResponseCode.INTERNAL_SERVER_ERROR;
    }

    /**
     * Client side, for a response that carried no (or no known) oneM2M-RSC: the code a CoAP Response Code stands for
     * in the table, the most general where several share it.
     */
    public static ResponseStatusCode fallbackRsc(ResponseCode code, Operation operation) {
        return switch (code) {
            case CREATED -> operation == Operation.CREATE ? CREATED : ACCEPTED;
            case DELETED -> DELETED;
            case CHANGED -> operation == Operation.UPDATE ? UPDATED : OK;
            case CONTENT, VALID -> OK;
            case FORBIDDEN, UNAUTHORIZED -> ORIGINATOR_HAS_NO_PRIVILEGE;
            case NOT_FOUND -> NOT_FOUND;
            case METHOD_NOT_ALLOWED -> OPERATION_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> NOT_ACCEPTABLE;
            case UNSUPPORTED_CONTENT_FORMAT -> UNSUPPORTED_MEDIA_TYPE;
            case NOT_IMPLEMENTED -> NOT_IMPLEMENTED;
            case GATEWAY_TIMEOUT -> REQUEST_TIMEOUT;
            case SERVICE_UNAVAILABLE, BAD_GATEWAY -> TARGET_NOT_REACHABLE;
            default -> code.isClientError() ? BAD_REQUEST : code.isSuccess() ? OK : INTERNAL_SERVER_ERROR;
        };
    }
}
