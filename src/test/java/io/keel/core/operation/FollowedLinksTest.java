package io.keel.core.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkClosure;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.SemanticSettings;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Descriptors of other CSEs read for their links (TS-0004 7.3.3.18, 7.4.48.2.3 c: recursively), as the dispatcher
 * would answer: each address once, cycles ending, addresses in a descriptor read as its CSE reads them, a bounded time.
 */
class FollowedLinksTest {
    private static final String M2M = "<http://www.onem2m.org/ontology/Base_Ontology/base_ontology#resourceDescriptorLink>";
    private final Map<String, Object> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private FollowedLinks links(long timeoutMillis, int maxNodes) {
        return new FollowedLinks(new RemoteDescriptors(req -> {
            asked.add(req.to);
            Object a = answers.get(req.to);
            if (a instanceof CompletableFuture<?> f) {
                @SuppressWarnings("unchecked")
                CompletableFuture<ResponsePrimitive> never = (CompletableFuture<ResponsePrimitive>) f;
                return never;
            }
            return CompletableFuture.completedFuture(a == null ? new ResponsePrimitive(ResponseStatusCode.NOT_FOUND, null)
                    : (ResponsePrimitive) a);
        }, SemanticSettings.DEFAULTS), timeoutMillis, maxNodes);
    }

    private void descriptor(String address, String turtle, List<String> rels) {
        Map<String, Object> smd = new LinkedHashMap<>();
        smd.put("dcrp", 5L);
        smd.put("dsp", Base64.getEncoder().encodeToString(("@prefix ex: <http://e/> .\n" + turtle).getBytes(StandardCharsets.UTF_8)));
        if (rels != null) {
            smd.put("rels", rels);
        }
        answers.put(address, new ResponsePrimitive(ResponseStatusCode.OK, Map.of("m2m:smd", smd)));
    }

    private static RequestPrimitive request() {
        RequestPrimitive req = new RequestPrimitive();
        req.from = "CAdmin";
        return req;
    }

    @Test
    void ts0004_7_3_3_18_linksAreFollowedAcrossCsesAndACycleEnds_addressesAsTheirCseReadsThem() {
        // MN's a links b there (CSE-relative, so SP-relative from here), b links back to a (SP-relative) and to c by annotation.
        descriptor("/id-mn/cse-mn/a", "ex:a ex:p ex:o .", List.of("cse-mn/b"));
        descriptor("/id-mn/cse-mn/b", "ex:b ex:p ex:o . ex:b " + M2M + " \"/id-other/cse-o/c\" .", List.of("/id-mn/cse-mn/a"));
        descriptor("/id-other/cse-o/c", "ex:c ex:p ex:o .", null);
        FetchedDescriptors f = links(1000, 100).read(request(), List.of("/id-mn/cse-mn/a"), LinkMethod.VALIDATION,
                FollowedLinks.OnFailure.SKIP).join();
        assertEquals(Set.of("/id-mn/cse-mn/a", "/id-mn/cse-mn/b", "/id-other/cse-o/c"), f.found().keySet());
        assertEquals(3, asked.size(), "each read once: " + asked);
        assertTrue(f.unavailable().isEmpty());
    }

    @Test
    void ts0004_7_3_3_18_2_forMatchingRelatedSemanticsOutweighsTheAnnotation() {
        descriptor("/id-mn/cse-mn/b", "ex:b " + M2M + " \"/id-other/cse-o/c\" .", List.of());
        descriptor("/id-other/cse-o/c", "ex:c ex:p ex:o .", null);
        FetchedDescriptors f = links(1000, 100).read(request(), List.of("/id-mn/cse-mn/b"), LinkMethod.MATCHING,
                FollowedLinks.OnFailure.SKIP).join();
        assertEquals(Set.of("/id-mn/cse-mn/b"), f.found().keySet());
    }

    @Test
    void aCseThatDoesNotAnswerInTimeIsUnavailable_or5103_or4119() {
        answers.put("/id-slow/cse/x", new CompletableFuture<ResponsePrimitive>());
        long start = System.nanoTime();
        FetchedDescriptors f = links(200, 100).read(request(), List.of("/id-slow/cse/x"), LinkMethod.MATCHING,
                FollowedLinks.OnFailure.SKIP).join();
        assertEquals(Set.of("/id-slow/cse/x"), f.unavailable());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "bounded by the timeout");
        CompletionException query = assertThrows(CompletionException.class, () -> links(200, 100).read(request(),
                List.of("/id-slow/cse/x"), LinkMethod.MATCHING, FollowedLinks.OnFailure.TARGET_NOT_REACHABLE).join());
        OneM2MException e = assertInstanceOf(OneM2MException.class, query.getCause());
        assertEquals(ResponseStatusCode.TARGET_NOT_REACHABLE, e.rsc());
        assertTrue(e.getMessage().contains("did not answer within 200 ms"), e.getMessage());
        CompletionException validation = assertThrows(CompletionException.class, () -> links(200, 100).read(request(),
                List.of("/id-slow/cse/x"), LinkMethod.VALIDATION, FollowedLinks.OnFailure.LINKED_SEMANTICS_NOT_AVAILABLE).join());
        assertEquals(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, ((OneM2MException) validation.getCause()).rsc());
    }

    @Test
    void aRefusalOrAbsenceAddsNothing_exceptToAValidation() {
        answers.put("/id-mn/cse-mn/closed", new ResponsePrimitive(ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE, null));
        FetchedDescriptors f = links(1000, 100).read(request(), List.of("/id-mn/cse-mn/closed", "/id-mn/cse-mn/none"),
                LinkMethod.MATCHING, FollowedLinks.OnFailure.SKIP).join();
        assertTrue(f.found().isEmpty() && f.unavailable().isEmpty());
        CompletionException e = assertThrows(CompletionException.class, () -> links(1000, 100).read(request(),
                List.of("/id-mn/cse-mn/closed"), LinkMethod.VALIDATION, FollowedLinks.OnFailure.LINKED_SEMANTICS_NOT_AVAILABLE).join());
        assertEquals(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, ((OneM2MException) e.getCause()).rsc());
    }

    @Test
    void anEndlessChainStopsAtTheDepth() {
        for (int i = 0; i < LinkClosure.MAX_DEPTH + 5; i++) {
            descriptor("/id-mn/cse-mn/d" + i, "ex:d" + i + " ex:p ex:o .", List.of("cse-mn/d" + (i + 1)));
        }
        FetchedDescriptors f = links(1000, 100).read(request(), List.of("/id-mn/cse-mn/d0"), LinkMethod.MATCHING,
                FollowedLinks.OnFailure.SKIP).join();
        assertEquals(LinkClosure.MAX_DEPTH + 1, f.found().size());
        assertEquals(1, f.unavailable().size(), "the next one is named: a discovery says it is partial");
    }
}
