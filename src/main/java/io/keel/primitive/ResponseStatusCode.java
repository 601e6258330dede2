package io.keel.primitive;

import java.util.HashMap;
import java.util.Map;

/**
 * Response Status Codes of TS-0004 6.6, including the newer ones the binding lists, each with the release that
 * introduced it (as Keel records it: see README, "Releases served").
 */
public enum ResponseStatusCode {
    ACCEPTED(1000),
    ACCEPTED_NON_BLOCKING_REQUEST_SYNCH(1001, "2"),
    ACCEPTED_NON_BLOCKING_REQUEST_ASYNCH(1002, "2"),
    OK(2000),
    CREATED(2001),
    DELETED(2002),
    UPDATED(2004),
    BAD_REQUEST(4000),
    RELEASE_VERSION_NOT_SUPPORTED(4001, "2a"),
    NOT_FOUND(4004),
    OPERATION_NOT_ALLOWED(4005),
    REQUEST_TIMEOUT(4008),
    UNSUPPORTED_MEDIA_TYPE(4015, "3"),
    SUBSCRIPTION_CREATOR_HAS_NO_PRIVILEGE(4101),
    CONTENTS_UNACCEPTABLE(4102),
    ORIGINATOR_HAS_NO_PRIVILEGE(4103),
    GROUP_REQUEST_IDENTIFIER_EXISTS(4104),
    CONFLICT(4105),
    ORIGINATOR_NOT_AUTHENTICATED(4106, "2"),
    SECURITY_ASSOCIATION_REQUIRED(4107, "2"),
    INVALID_CHILD_RESOURCE_TYPE(4108, "2"),
    NO_MEMBERS(4109, "2"),
    GROUP_MEMBER_TYPE_INCONSISTENT(4110, "2"),
    ESPRIM_UNSUPPORTED_OPTION(4111, "2"),
    ESPRIM_UNKNOWN_KEY_ID(4112, "2"),
    ESPRIM_UNKNOWN_ORIG_RAND_ID(4113, "2"),
    ESPRIM_UNKNOWN_RECV_RAND_ID(4114, "2"),
    ESPRIM_BAD_MAC(4115, "2"),
    ESPRIM_IMPERSONATION_ERROR(4116, "2"),
    ORIGINATOR_HAS_ALREADY_REGISTERED(4117, "2a"),
    ONTOLOGY_NOT_AVAILABLE(4118, "2"),
    LINKED_SEMANTICS_NOT_AVAILABLE(4119, "2"),
    INVALID_SEMANTICS(4120, "2"),
    MASHUP_MEMBER_NOT_FOUND(4121, "3"),
    INVALID_TRIGGER_PURPOSE(4122, "3"),
    ILLEGAL_TRANSACTION_STATE_TRANSITION_ATTEMPTED(4123, "3"),
    BLOCKING_SUBSCRIPTION_ALREADY_EXISTS(4124, "3"),
    SPECIALIZATION_SCHEMA_NOT_FOUND(4125, "3"),
    APP_RULE_VALIDATION_FAILED(4126, "3"),
    OPERATION_DENIED_BY_REMOTE_ENTITY(4127, "3"),
    SERVICE_SUBSCRIPTION_NOT_ESTABLISHED(4128, "3"),
    ONTOLOGY_MAPPING_ALGORITHM_NOT_AVAILABLE(4130, "3"),
    ONTOLOGY_MAPPING_POLICY_NOT_MATCHED(4131, "3"),
    ONTOLOGY_MAPPING_NOT_AVAILABLE(4132, "3"),
    BAD_FACT_INPUTS_FOR_REASONING(4133, "3"),
    BAD_RULE_INPUTS_FOR_REASONING(4134, "3"),
    DISCOVERY_LIMIT_EXCEEDED(4135, "3"),
    PRIMITIVE_PROFILE_NOT_ACCESSIBLE(4136, "3"),
    PRIMITIVE_PROFILE_BAD_REQUEST(4137, "3"),
    UNAUTHORIZED_USER(4138, "3"),
    SERVICE_SUBSCRIPTION_NOT_ACTIVE(4139, "3"),
    SOFTWARE_CAMPAIGN_CONFLICT(4140, "4"),
    INVALID_PROCESS_CONFIGURATION(4142, "4"),
    INVALID_SPARQL_QUERY(4143, "4"),
    INTERNAL_SERVER_ERROR(5000),
    NOT_IMPLEMENTED(5001),
    TARGET_NOT_REACHABLE(5103),
    RECEIVER_HAS_NO_PRIVILEGE(5105),
    ALREADY_EXISTS(5106),
    REMOTE_ENTITY_NOT_REACHABLE(5107, "3"),
    TARGET_NOT_SUBSCRIBABLE(5203),
    SUBSCRIPTION_VERIFICATION_INITIATION_FAILED(5204),
    SUBSCRIPTION_HOST_HAS_NO_PRIVILEGE(5205),
    NON_BLOCKING_SYNCH_REQUEST_NOT_SUPPORTED(5206),
    NOT_ACCEPTABLE(5207, "2"),
    DISCOVERY_DENIED_BY_IPE(5208, "2"),
    GROUP_MEMBERS_NOT_RESPONDED(5209, "2"),
    ESPRIM_DECRYPTION_ERROR(5210, "2"),
    ESPRIM_ENCRYPTION_ERROR(5211, "2"),
    SPARQL_UPDATE_ERROR(5212, "2"),
    TARGET_HAS_NO_SESSION_CAPABILITY(5214, "3"),
    SESSION_IS_ONLINE(5215, "3"),
    JOIN_MULTICAST_GROUP_FAILED(5216, "3"),
    LEAVE_MULTICAST_GROUP_FAILED(5217, "3"),
    TRIGGERING_DISABLED_FOR_RECIPIENT(5218, "3"),
    UNABLE_TO_REPLACE_REQUEST(5219, "3"),
    UNABLE_TO_RECALL_REQUEST(5220, "3"),
    CROSS_RESOURCE_OPERATION_FAILURE(5221, "3"),
    TRANSACTION_PROCESSING_IS_INCOMPLETE(5222, "3"),
    ONTOLOGY_MAPPING_ALGORITHM_FAILED(5230, "3"),
    ONTOLOGY_CONVERSION_FAILED(5231, "3"),
    REASONING_PROCESSING_FAILED(5232, "3"),
    EXTERNAL_OBJECT_NOT_REACHABLE(6003),
    EXTERNAL_OBJECT_NOT_FOUND(6005),
    MAX_NUMBER_OF_MEMBER_EXCEEDED(6010),
    MGMT_SESSION_CANNOT_BE_ESTABLISHED(6020),
    MGMT_SESSION_ESTABLISHMENT_TIMEOUT(6021),
    INVALID_CMDTYPE(6022),
    INVALID_ARGUMENTS(6023),
    INSUFFICIENT_ARGUMENTS(6024),
    MGMT_CONVERSION_ERROR(6025),
    MGMT_CANCELLATION_FAILED(6026),
    ALREADY_COMPLETE(6028),
    MGMT_COMMAND_NOT_CANCELLABLE(6029),
    EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_RQET_TIMEOUT(6030, "2"),
    EXTERNAL_OBJECT_NOT_REACHABLE_BEFORE_OET_TIMEOUT(6031, "2"),
    NETWORK_QOS_CONFIG_ERROR(6033, "3"),
    REQUESTED_ACTIVITY_PATTERN_NOT_PERMITTED(6034, "3");

    private static final Map<Integer, ResponseStatusCode> BY_CODE = new HashMap<>();

    static {
        for (ResponseStatusCode c : values()) {
            BY_CODE.put(c.code, c);
        }
    }

    private final int code;
    /** The release that defined the code; an entity of an earlier release gets its class's code instead. */
    private final String introduced;

    ResponseStatusCode(int code) {
        this(code, ReleaseVersion.RELEASE_1);
    }

    ResponseStatusCode(int code, String introduced) {
        this.code = code;
        this.introduced = introduced;
    }

    public int code() {
        return code;
    }

    public boolean isSuccess() {
        return code < 4000;
    }

    /**
     * The code as an entity of the given release knows it: this one, or, if that release did not define it yet, the
     * generic code of its class (1000, 2000, 4000, 5000), which every release defines.
     */
    public ResponseStatusCode forRelease(String release) {
        if (ReleaseVersion.knows(release, introduced)) {
            return this;
        }
        if (code < 2000) {
            return ACCEPTED;
        }
        if (code < 4000) {
            return OK;
        }
        return code < 5000 ? BAD_REQUEST : INTERNAL_SERVER_ERROR;
    }

    /** @return the code, or null when the number is not a known Response Status Code. */
    public static ResponseStatusCode of(int code) {
        return BY_CODE.get(code);
    }
}
