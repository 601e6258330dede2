package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.OneM2MException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code <authorizationInformation>} (ty 37, m2m:auif), TS-0004 7.4.45; TS-0001 9.6.43; TS-0003 7.5: a PIP. An Update
 * of fr (with rids and tids to narrow it) is an access control information request for the roles and tokens this CSE
 * keeps for that originator ({@link AuthorizationFunctions#information}). The response carries them as the child
 * resources of the representation ({@code m2m:rol}, {@code m2m:tk}) with sus 1 (OK), or sus 2 (NOT_APPLICABLE) when
 * there are none; neither the request nor the information is kept (TS-0004 7.4.45.2.3 step 6).
 */
public final class AuthorizationInformationType extends AuthorizationFunctionType {
    /** The attributes of an access control information request (TS-0004 7.4.45.2.3 step 1a). */
    private static final List<String> REQUEST = List.of("fr", "rids", "tids");

    AuthorizationInformationType(Supplier<AuthorizationFunctions> functions) {
        super(ResourceTypes.AUTHORIZATION_INFORMATION, "auif", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.readOnly(AuthorizationStatus.ATTRIBUTE, AttributeType.NON_NEGATIVE_INTEGER),
                AttributeDef.optional("fr", AttributeType.ID),
                AttributeDef.optional("rids", AttributeType.LIST),
                AttributeDef.optional("tids", AttributeType.LIST)), "information", REQUEST, List.of("fr"), functions);
    }

    @Override
    void validate(ResourceOperation op) {
        strings(op.given.get("rids"), "rids");
        strings(op.given.get("tids"), "tids");
    }

    /** The roles and tokens found go in the response only (TS-0004 7.4.45.2.3 steps 4-6): nothing is stored. */
    @Override
    AuthorizationStatus answer(ResourceOperation op, AuthorizationFunctions functions) {
        Map<String, List<Map<String, Object>>> found = functions.information(op.tree, (String) op.given.get("fr"),
                strings(op.given.get("rids"), "rids"), strings(op.given.get("tids"), "tids"));
        found.forEach(op::answer);
        return found.isEmpty() ? AuthorizationStatus.NOT_APPLICABLE : AuthorizationStatus.OK;
    }

    /** rids and tids: lists of role IDs and tokenIDs, strings (TS-0004 7.4.45.2.3 step 1c). */
    private static List<String> strings(Object value, String sn) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof String s) || s.isEmpty()) {
                throw OneM2MException.badRequest(sn + " must be a list of " + (sn.equals("rids") ? "role IDs" : "tokenIDs") + " (strings)");
            }
            out.add(s);
        }
        return out;
    }
}
