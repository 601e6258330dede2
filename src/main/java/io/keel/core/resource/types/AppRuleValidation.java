package io.keel.core.resource.types;

import io.keel.core.CseIdentity;
import io.keel.core.Identifiers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an AE may register here (TS-0004 7.3.2.7, 7.4.5.2.1; TS-0001 10.2.2.2, 9.6.29). Once the CSE holds any
 * m2mServiceSubscriptionProfile, the profiles decide: a serviceSubscribedNode whose csi is this CSE's CSE-ID must
 * exist (else 4128 SERVICE_SUBSCRIPTION_NOT_ESTABLISHED), and one of the serviceSubscribedAppRules its ruleLinks name
 * must admit the registration's credential, App-ID and AE-ID-Stem (else 4126 APP_RULE_VALIDATION_FAILED). Without
 * any profile, {@code keel.ae.allowed-originators} decides (4126 too).
 */
final class AppRuleValidation {

    private AppRuleValidation() {
    }

    /** @param stem the AE-ID-Stem the AE will have */
    static void check(ResourceOperation op, String stem) {
        if (op.tree.ofType(ResourceTypes.M2M_SERVICE_SUBSCRIPTION_PROFILE).isEmpty()) {
            if (op.cse.aeAllowedOriginators().stream().noneMatch(p -> Identifiers.matchesWildcard(p, stem))) {
                throw new OneM2MException(ResponseStatusCode.APP_RULE_VALIDATION_FAILED,
                        "originator " + stem + " is not allowed to register (keel.ae.allowed-originators)");
            }
            return;
        }
        List<Resource> nodes = op.tree.ofType(ResourceTypes.SERVICE_SUBSCRIBED_NODE).stream()
                .filter(n -> isThisCse(op.cse, n.get(ServiceSubscribedNodeType.CSE_ID))).toList();
        if (nodes.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.SERVICE_SUBSCRIPTION_NOT_ESTABLISHED, "no serviceSubscribedNode"
                    + " of an m2mServiceSubscriptionProfile has the csi " + op.cse.spRelativeCseId() + ": no AE may register here");
        }
        List<Resource> rules = new ArrayList<>();
        for (Resource node : nodes) {
            if (node.get(ServiceSubscribedNodeType.RULE_LINKS) instanceof List<?> links) {
                for (Object link : links) {
                    Resource rule = rule(op.tree, (String) link);
                    if (rule != null && !rules.contains(rule)) {
                        rules.add(rule);
                    }
                }
            }
        }
        String api = (String) op.given.get("api");
        String credential = credential(op.request);
        if (rules.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.APP_RULE_VALIDATION_FAILED, "the serviceSubscribedNode for "
                    + op.cse.spRelativeCseId() + " links no serviceSubscribedAppRule: no AE may register here");
        }
        if (rules.stream().noneMatch(r -> admits(r, op.request, api, stem))) {
            throw new OneM2MException(ResponseStatusCode.APP_RULE_VALIDATION_FAILED, "no serviceSubscribedAppRule linked"
                    + " for " + op.cse.spRelativeCseId() + " admits the App-ID " + api + " with the AE-ID-Stem " + stem
                    + (credential == null ? " without a security association" : " over the credential " + credential)
                    + " (rules " + String.join(", ", rules.stream().map(r -> r.ri).toList()) + ")");
        }
    }

    /**
     * One rule admits the registration when its apci holds the credential (absent: the registration comes without a
     * security association; {@code *} any credential), and aai the App-ID and aae the AE-ID-Stem (absent: none).
     */
    static boolean admits(Resource rule, RequestPrimitive req, String api, String stem) {
        List<String> apci = strings(rule.get(ServiceSubscribedAppRuleType.APPLICABLE_CRED_IDS));
        boolean credentialHolds = rule.get(ServiceSubscribedAppRuleType.APPLICABLE_CRED_IDS) == null
                ? !req.originatorAuthenticated
                : req.originatorAuthenticated && apci.stream().anyMatch(p -> p.equals("*")
                        || (req.credentialId != null && Identifiers.matchesWildcard(p, req.credentialId)));
        return credentialHolds
                && strings(rule.get(ServiceSubscribedAppRuleType.ALLOWED_APP_IDS)).stream().anyMatch(p -> Identifiers.matchesWildcard(p, api))
                && strings(rule.get(ServiceSubscribedAppRuleType.ALLOWED_AES)).stream().anyMatch(p -> Identifiers.matchesWildcard(p, stem));
    }

    /** The serviceSubscribedAppRule a ruleLinks entry names (by resourceID or structured name, CSE- or SP-relative), or null. */
    static Resource rule(ResourceTree tree, String link) {
        String path = link;
        int cse = path.indexOf("/", path.startsWith("//") ? 2 : 0);
        if (path.startsWith("//") && cse > 0) {
            path = path.substring(cse); // absolute: //sp/id-in/x → /id-in/x
        }
        if (path.startsWith("/")) {
            int slash = path.indexOf('/', 1);
            path = slash < 0 ? "" : path.substring(slash + 1); // SP-relative: /id-in/x → x
        }
        Resource r = path.isEmpty() ? null : tree.find(path);
        if (r == null && path.contains("/")) {
            r = tree.findByStructuredName(path);
        }
        return r != null && r.ty == ResourceTypes.SERVICE_SUBSCRIBED_APP_RULE ? r : null;
    }

    private static boolean isThisCse(CseIdentity cse, Object csi) {
        if (!(csi instanceof String id)) {
            return false;
        }
        String own = "//" + cse.spId();
        String local = id.startsWith(own + "/") ? id.substring(own.length()) : id;
        return local.equals(cse.spRelativeCseId()) || local.equals(cse.cseId());
    }

    private static String credential(RequestPrimitive req) {
        return req.originatorAuthenticated ? (req.credentialId == null ? "of the binding" : req.credentialId) : null;
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(i -> out.add((String) i));
        }
        return out;
    }
}
