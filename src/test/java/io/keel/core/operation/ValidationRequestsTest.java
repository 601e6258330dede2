package io.keel.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.SemanticIndex;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.Test;

/**
 * The step before the write transaction of a Create or Update of a semanticDescriptor to validate (TS-0004 7.4.34.2.1
 * Recv-6.5 c): whether it links a descriptor of another CSE, and if so the Update of the semanticValidation of the
 * ontology's repository, this CSE the originator, and what its answer makes of the Create or Update.
 */
class ValidationRequestsTest {
    private static final String LAMP = "/id-mn/cse-mn/lamp/desc";
    private final CoreFixture core = new CoreFixture();
    private final Map<String, Object> answers = new HashMap<>();
    private final List<RequestPrimitive> sent = new ArrayList<>();
    private final ValidationRequests step = new ValidationRequests(core.ctx, req -> {
        sent.add(req);
        Object a = answers.get(req.to);
        if (a instanceof CompletableFuture<?> f) {
            @SuppressWarnings("unchecked")
            CompletableFuture<ResponsePrimitive> never = (CompletableFuture<ResponsePrimitive>) f;
            return never;
        }
        return CompletableFuture.completedFuture(a == null ? ResponsePrimitive.error(ResponseStatusCode.NOT_FOUND, "nothing at "
                + req.to) : (ResponsePrimitive) a);
    }, 200);

    ValidationRequestsTest() {
        core.store.semantics = new SemanticIndex() { // no triples: the links tested are relatedSemantics
            @Override
            public void replace(String graph, List<Quad> triples) {
            }

            @Override
            public List<Quad> find(String graph, String s, String p, String o, int limit) {
                return List.of();
            }
        };
    }

    private static Map<String, Object> smd(String or, List<String> rels) {
        Map<String, Object> smd = new LinkedHashMap<>();
        smd.put("dcrp", 5L);
        smd.put("dsp", "QHByZWZpeCBleDogPGh0dHA6Ly9lLz4gLgpleDpsIGEgZXg6TGlnaHQgLgo=");
        smd.put("or", or);
        smd.put("rels", rels);
        return smd;
    }

    private static RequestPrimitive creating() {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.CREATE;
        req.from = CoreFixture.ADMIN;
        req.releaseVersionIndicator = "3";
        return req;
    }

    private String validate(String or, List<String> links) {
        return step.validate(creating(), "smd1", smd(or, links), links);
    }

    @Test
    void ts0004_7_4_34_2_1_c_aLinkToAnotherCseSendsTheRepresentationToTheOntologysSemanticValidation_asThisCse() {
        answers.put("/id-mn/cse-mn/repo/smv", new ResponsePrimitive(ResponseStatusCode.UPDATED, Map.of("m2m:smd", Map.of("svd", true))));
        assertEquals("/id-mn/cse-mn/repo/smv", validate("/id-mn/cse-mn/repo/onto", List.of(LAMP, "cse-in/room/desc")));
        assertEquals(1, sent.size(), "one Update");
        RequestPrimitive update = sent.get(0);
        assertEquals(Operation.UPDATE, update.operation);
        assertEquals("/id-in", update.from, "the hosting CSE itself is the originator");
        Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) update.content).get("m2m:smd");
        assertEquals("/id-mn/cse-mn/repo/onto", content.get("or"));
        assertEquals(List.of(LAMP, "/id-in/cse-in/room/desc"), content.get("rels"),
                "an address of this CSE is SP-relative where another CSE reads it");
    }

    @Test
    void ts0004_7_4_34_2_1_c_aResourceDescriptorLinkOfThisCseInTheDescriptorIsSentSpRelative() {
        answers.put("/id-mn/cse-mn/repo/smv", new ResponsePrimitive(ResponseStatusCode.UPDATED, null));
        String turtle = "@prefix m2m: <" + ResourceDescriptorLink.IRI.substring(0, ResourceDescriptorLink.IRI.indexOf('#') + 1)
                + "> .\n<http://e/l> m2m:resourceDescriptorLink \"cse-in/room/desc\" , \"" + LAMP + "\" .\n";
        Map<String, Object> smd = smd("/id-mn/cse-mn/repo/onto", null);
        smd.put("dsp", Base64.getEncoder().encodeToString(turtle.getBytes(StandardCharsets.UTF_8)));
        List<String> links = List.of("cse-in/room/desc", LAMP);
        step.validate(creating(), "smd1", smd, links);
        Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) sent.get(0).content).get("m2m:smd");
        Graph dsp = Rdf.parse("dsp", content.get("dsp"), SemanticFormat.TURTLE, SemanticSettings.DEFAULTS);
        assertEquals(Set.of("/id-in/cse-in/room/desc", LAMP), Set.copyOf(ResourceDescriptorLink.addresses(dsp)),
                "another CSE reads the link to this CSE's descriptor SP-relative");
    }

    @Test
    void ts0004_7_4_34_2_1_c_anOntologyAddressedByItsResourceIdAloneIsRetrievedForItsRepository() {
        answers.put("/id-mn/ont5", new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:ont", Map.of("pi", "repo5"))));
        answers.put("/id-mn/repo5/smv", new ResponsePrimitive(ResponseStatusCode.UPDATED, null));
        assertEquals("/id-mn/repo5/smv", validate("/id-mn/ont5", List.of(LAMP)));
        assertEquals(Operation.RETRIEVE, sent.get(0).operation);
        assertEquals("/id-in", sent.get(0).from);
    }

    @Test
    void ts0004_7_4_34_2_1_c_noLinkToAnotherCse_validatedInTheTransaction_nothingSent() {
        core.container("room", CoreFixture.CSE_BASE, "room");
        core.add("roomDesc", "room", ResourceTypes.SEMANTIC_DESCRIPTOR, "desc");
        assertNull(validate("/id-mn/cse-mn/repo/onto", List.of()));
        assertNull(validate("/id-mn/cse-mn/repo/onto", List.of("cse-in/nothing/desc")), "a dangling link is the transaction's 4119");
        assertTrue(sent.isEmpty(), "nothing sent: " + sent);
    }

    @Test
    void ts0004_7_4_34_2_1_j_anInvalidDescriptorIsWhatTheSemanticValidationAnswered() {
        answers.put("/id-mn/cse-mn/repo/smv", ResponsePrimitive.error(ResponseStatusCode.INVALID_SEMANTICS, "ex:Toaster is no class"));
        OneM2MException e = assertThrows(OneM2MException.class, () -> validate("/id-mn/cse-mn/repo/onto", List.of(LAMP)));
        assertEquals(ResponseStatusCode.INVALID_SEMANTICS, e.rsc());
        assertTrue(e.getMessage().contains("/id-mn/cse-mn/repo/smv") && e.getMessage().contains("Toaster"), e.getMessage());
    }

    @Test
    void ts0004_7_4_34_2_1_c_noAnswerInTimeOrNoValidationResultIsTargetNotReachable() {
        answers.put("/id-mn/cse-mn/repo/smv", new CompletableFuture<ResponsePrimitive>());
        OneM2MException late = assertThrows(OneM2MException.class, () -> validate("/id-mn/cse-mn/repo/onto", List.of(LAMP)));
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, late.rsc());
        assertTrue(late.getMessage().contains("keel.semantics.query-timeout"), late.getMessage());
        answers.put("/id-mn/cse-mn/repo/smv", ResponsePrimitive.error(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, "no"));
        OneM2MException refused = assertThrows(OneM2MException.class, () -> validate("/id-mn/cse-mn/repo/onto", List.of(LAMP)));
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, refused.rsc(), "a refusal is no validation result");
        assertTrue(refused.getMessage().contains("4103"), refused.getMessage());
    }

    @Test
    void ts0004_7_4_34_2_1_e_anOntologyNeitherHereNorOnAnotherCseIsNotAvailable() {
        OneM2MException e = assertThrows(OneM2MException.class, () -> validate("http://example.org/nowhere", List.of(LAMP)));
        assertEquals(ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE, e.rsc());
        assertTrue(sent.isEmpty());
    }
}
