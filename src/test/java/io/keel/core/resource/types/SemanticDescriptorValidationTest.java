package io.keel.core.resource.types;

import static io.keel.core.operation.CoreFixture.ADMIN;
import static io.keel.core.operation.CoreFixture.CSE_BASE;
import static io.keel.core.operation.CoreFixture.assertRsc;
import static io.keel.core.operation.CoreFixture.body;
import static io.keel.core.operation.CoreFixture.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.operation.CoreFixture;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.store.SemanticIndex;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A descriptor linking a descriptor of another CSE is validated by a semanticValidation before the write transaction
 * (TS-0004 7.4.34.2.1 and 7.4.34.2.3 Recv-6.5 c, k); what it found valid must be what the transaction writes.
 */
class SemanticDescriptorValidationTest {
    private static final String SMV = "/id-mn/cse-mn/repo/smv";
    private final CoreFixture core = new CoreFixture();
    private final List<String> validated = new ArrayList<>();
    private Runnable meanwhile;

    SemanticDescriptorValidationTest() {
        Map<String, List<SemanticIndex.Quad>> graphs = new HashMap<>();
        core.store.semantics = new SemanticIndex() {
            @Override
            public void replace(String graph, List<Quad> triples) {
                graphs.put(graph, List.copyOf(triples));
            }

            @Override
            public List<Quad> find(String graph, String s, String p, String o, int limit) {
                return graphs.getOrDefault(graph, List.of()).stream().filter(q -> (s == null || s.equals(q.s()))
                        && (p == null || p.equals(q.p())) && (o == null || o.equals(q.o()))).limit(limit).toList();
            }
        };
        core.types.semanticDescriptor().validatesElsewhereWith((request, ri, smd, links) -> {
            validated.add(String.valueOf(smd.get("dsp")));
            Runnable r = meanwhile;
            meanwhile = null;
            if (r != null) {
                r.run(); // another Update of the descriptor, between this validation and the transaction
            }
            return SMV;
        });
        core.container("room", CSE_BASE, "room");
        ResponsePrimitive created = core.send(core.create("cse-in/room", ADMIN, ResourceTypes.SEMANTIC_DESCRIPTOR,
                map("m2m:smd", map("rn", "desc", "dcrp", 5L, "dsp", turtle("ex:Lamp"), "or", "/id-mn/cse-mn/repo/onto",
                        "vlde", true))));
        assertRsc(ResponseStatusCode.CREATED, created);
        assertEquals(true, body(created, "m2m:smd").get("svd"), "valid as the semanticValidation answered");
    }

    /** A descriptor of a lamp (of class {@code type}) linking the descriptor of another CSE. */
    private static String turtle(String type) {
        String base = ResourceDescriptorLink.IRI.substring(0, ResourceDescriptorLink.IRI.indexOf('#') + 1);
        String text = "@prefix ex: <http://e/> .\n@prefix m2m: <" + base + "> .\n"
                + "ex:l a " + type + " ; m2m:resourceDescriptorLink \"/id-mn/cse-mn/lamp/desc\" .\n";
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private ResponsePrimitive update(Map<String, Object> smd) {
        return core.send(core.update("cse-in/room/desc", ADMIN, map("m2m:smd", smd)));
    }

    @Test
    void ts0004_7_4_34_2_3_k_anUpdateValidatedElsewhereSetsSemanticValidated() {
        ResponsePrimitive rsp = update(map("lbl", List.of("lamp")));
        assertRsc(ResponseStatusCode.UPDATED, rsp);
        assertEquals(true, body(rsp, "m2m:smd").get("svd"));
        assertEquals(2, validated.size(), "the Create's and the Update's representation went to the semanticValidation");
    }

    @Test
    void ts0004_7_4_34_2_3_c_whatChangedAfterTheValidationElsewhereIsNotTakenAsValidated() {
        String other = turtle("ex:Heater");
        meanwhile = () -> assertRsc(ResponseStatusCode.UPDATED, update(map("dsp", other)));
        ResponsePrimitive rsp = update(map("lbl", List.of("lamp")));
        assertRsc(ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE, rsp);
        assertTrue(Objects.toString(rsp.content).contains("changed meanwhile"), Objects.toString(rsp.content));
        ResponsePrimitive stored = core.send(core.request(io.keel.primitive.Operation.RETRIEVE, "cse-in/room/desc", ADMIN));
        assertEquals(other, body(stored, "m2m:smd").get("dsp"), "the Update in between stands");
        assertEquals(null, body(stored, "m2m:smd").get("lbl"), "the refused Update wrote nothing");
    }
}
