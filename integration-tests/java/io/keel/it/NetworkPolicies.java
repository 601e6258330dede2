package io.keel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keel.it.OneM2MClient.Reply;

/** Network-based locationPolicies (los 1) of the target tel:+15550100 under a CSEBase, and what they stored. */
final class NetworkPolicies {
    private final OneM2MClient client;
    private final String cse;

    /** @param cse the CSEBase's path, e.g. "/cse-loc" */
    NetworkPolicies(OneM2MClient client, String cse) {
        this.client = client;
        this.cse = cse;
    }

    /** Creates one with these further attributes (JSON members); its m2m:lcp. */
    JsonNode create(String attributes) {
        Reply r = client.create(cse, 10, "{\"m2m:lcp\":{\"los\":1,\"lot\":\"tel:+15550100\"," + attributes + "}}")
                .header("X-M2M-RVI", "4").send();
        assertEquals(201, r.status(), r.text());
        return r.json().path("m2m:lcp");
    }

    /** How many positions the policy's container holds. */
    int instances(String loi) {
        return client.get("/" + loi).send().json().path("m2m:cnt").path("cni").asInt();
    }

    /** The coordinates of the newest position. */
    String latest(String loi) {
        return client.get("/" + loi + "/la").header("X-M2M-RVI", "4").send().json().path("m2m:cin").path("loc").path("crd").asText();
    }

    /** The policy's locationStatus. */
    String status(String ri) {
        return client.get("/" + ri).send().json().path("m2m:lcp").path("lost").asText();
    }
}
