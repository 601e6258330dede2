package io.keel.core.resource.types;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.RequestPrimitive;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One serviceSubscribedAppRule against one AE registration (TS-0001 9.6.29): apci for the credential (absent: no
 * security association), aai for the App-ID, aae for the AE-ID-Stem, each with {@code *} wildcards.
 */
class AppRuleValidationTest {

    private static Resource rule(String apci, String aai, String aae) {
        Resource r = new Resource();
        r.ri = "asar1";
        r.ty = ResourceTypes.SERVICE_SUBSCRIBED_APP_RULE;
        if (!apci.equals("-")) {
            r.attributes.put("apci", apci.isEmpty() ? List.of() : List.of(apci.split(" ")));
        }
        if (!aai.equals("-")) {
            r.attributes.put("aai", aai.isEmpty() ? List.of() : List.of(aai.split(" ")));
        }
        if (!aae.equals("-")) {
            r.attributes.put("aae", aae.isEmpty() ? List.of() : List.of(aae.split(" ")));
        }
        return r;
    }

    private static RequestPrimitive registration(String credential) {
        RequestPrimitive req = new RequestPrimitive();
        req.originatorAuthenticated = !credential.equals("-");
        req.credentialId = credential.equals("-") || credential.equals("?") ? null : credential;
        return req;
    }

    @ParameterizedTest(name = "apci {0}, aai {1}, aae {2}: {3} {4} {5} → {6}")
    @CsvSource(delimiter = '|', value = {
            // apci     | aai          | aae          | credential | App-ID   | stem     | admitted
            "-          | N*           | C*           | -          | Napp     | Cx       | true",
            "-          | N*           | C*           | gw1        | Napp     | Cx       | false",
            "*          | N*           | C*           | -          | Napp     | Cx       | false",
            "*          | N*           | C*           | gw1        | Napp     | Cx       | true",
            "*          | N*           | C*           | ?          | Napp     | Cx       | true",
            "gw*        | N*           | C*           | gw1        | Napp     | Cx       | true",
            "gw*        | N*           | C*           | other      | Napp     | Cx       | false",
            "gw*        | N*           | C*           | ?          | Napp     | Cx       | false",
            "a*z gw1    | *            | *            | gw1        | Rorg.app | Sx       | true",
            "-          | R123*X       | *            | -          | R123abcX | Cx       | true",
            "-          | R123*X       | *            | -          | R123abcY | Cx       | false",
            "-          | -            | *            | -          | Napp     | Cx       | false",
            "-          | ''           | *            | -          | Napp     | Cx       | false",
            "-          | *            | -            | -          | Napp     | Cx       | false",
            "-          | *            | S*           | -          | Napp     | Cx       | false",
            "-          | *            | S*           | -          | Napp     | Sx       | true",
            "-          | *            | Cfixed       | -          | Napp     | Cfixed   | true",
            "-          | *            | Cfixed       | -          | Napp     | Cfixed2  | false"})
    void ts0001_9_6_29_aRuleAdmitsWhenCredentialAppIdAndStemAllHold(String apci, String aai, String aae, String credential,
                                                                  String api, String stem, boolean admitted) {
        boolean result = AppRuleValidation.admits(rule(apci, aai, aae), registration(credential), api, stem);
        if (admitted) {
            assertTrue(result);
        } else {
            assertFalse(result);
        }
    }
}
