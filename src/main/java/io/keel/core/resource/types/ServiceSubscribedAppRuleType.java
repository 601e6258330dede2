package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;

/**
 * {@code <serviceSubscribedAppRule>} (ty 19, m2m:asar), TS-0004 7.4.29; TS-0001 9.6.29: under the IN-CSE's CSEBase,
 * which credentials (apci) may register which App-IDs (aai) as which AE-ID-Stems (aae), each a list of patterns with
 * {@code *} wildcards; allowedRole-IDs (ari) are kept. {@link AppRuleValidation} applies them to AE registrations.
 */
public final class ServiceSubscribedAppRuleType extends ResourceType {
    public static final String APPLICABLE_CRED_IDS = "apci";
    public static final String ALLOWED_APP_IDS = "aai";
    public static final String ALLOWED_AES = "aae";

    public ServiceSubscribedAppRuleType() {
        super(ResourceTypes.SERVICE_SUBSCRIBED_APP_RULE, "asar", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.optional(APPLICABLE_CRED_IDS, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional(ALLOWED_APP_IDS, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional(ALLOWED_AES, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.optional("ari", AttributeType.LIST_OF_ANY_URI)));
    }

    /** TS-0004 table 7.4.29.1-4 (Keel has no transaction). */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    @Override
    public void prepareCreate(ResourceOperation op) {
        InCseOnly.check(op.cse, this);
        checkAllowedAppIds(op);
    }

    @Override
    public void prepareUpdate(ResourceOperation op) {
        checkAllowedAppIds(op);
    }

    /** TS-0004 7.4.29.2.1, 7.4.29.2.3: an aai pattern starts with '*', 'R' or 'N' (4000). */
    private static void checkAllowedAppIds(ResourceOperation op) {
        if (op.given.get(ALLOWED_APP_IDS) instanceof List<?> aai) {
            for (Object pattern : aai) {
                String p = (String) pattern;
                if ("*RN".indexOf(p.charAt(0)) < 0) {
                    throw OneM2MException.badRequest("aai (allowedApp-IDs) holds " + p
                            + ": an App-ID pattern starts with '*', 'R' or 'N'");
                }
            }
        }
    }
}
