package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.Settings;
import io.keel.core.resource.Resource;
import io.keel.core.store.DescriptorLinkage;
import io.keel.core.store.ResourceStore;
import io.keel.core.store.SemanticIndex.Quad;
import io.keel.it.FreshPostgres;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a CSE holds that makes a semanticsFilter reach beyond one descriptor's graph (TS-0004 7.3.3.18.1, 7.3.3.18.2),
 * found across the whole CSE in one lookup: a descriptor with relatedSemantics, an m2m:resourceDescriptorLink triple,
 * a semanticDescriptorAnnc; each found on its own, and nothing for descriptors of their own graphs only. On H2, and on
 * PostgreSQL when {@value FreshPostgres#SERVER} names a server.
 */
class DescriptorLinkageTest {
    private static final String ANNOTATION = "<http://www.onem2m.org/ontology/Base_Ontology/base_ontology#resourceDescriptorLink>";
    private static final DescriptorLinkage.Kinds KINDS = new DescriptorLinkage.Kinds(24, "rels", ANNOTATION, 10024);

    static Stream<String> databases() {
        return FreshPostgres.serverFromEnvironment() == null ? Stream.of("h2") : Stream.of("h2", "postgres");
    }

    private static Resource resource(String ri, String pi, int ty, String srn) {
        return StoredResource.of(ri, pi, ty, srn);
    }

    private static DescriptorLinkage linkage(ResourceStore store) {
        return store.read(tx -> tx.semantics().linkage(KINDS));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void ts0004_7_3_3_18_eachKindOfLinkIsFoundAcrossTheCse(String database) throws Exception {
        FreshPostgres postgres = null;
        Settings settings;
        if (database.equals("h2")) {
            settings = TempDatabase.settings("keel-descriptor-linkage");
        } else {
            postgres = FreshPostgres.create(FreshPostgres.serverFromEnvironment(), "descriptor_linkage");
            String url = postgres.url();
            settings = new Settings(key -> key.equals("keel.db.url") ? url : null);
        }
        ResourceStore store = Database.open(settings);
        try {
            store.write(tx -> {
                tx.tree().insert(resource("id-in", null, 5, "cse-in"));
                tx.tree().insert(resource("ae", "id-in", 2, "cse-in/ae"));
                tx.tree().insert(resource("smd", "ae", 24, "cse-in/ae/smd"));
                tx.semantics().replace("smd", "ae", List.of(new Quad("smd", "<urn:d>", "<urn:p>", "<urn:o>")));
                return null;
            });
            assertEquals(new DescriptorLinkage(false, false, false), linkage(store), "descriptors of their own graphs only");

            store.write(tx -> {
                tx.tree().insert(resource("smdA", "ae", 10024, "cse-in/ae/smdA"));
                return null;
            });
            assertEquals(new DescriptorLinkage(false, false, true), linkage(store), "an announced descriptor");

            store.write(tx -> {
                tx.semantics().replace("smd", "ae", List.of(new Quad("smd", "<urn:d>", ANNOTATION, "<urn:elsewhere>")));
                return null;
            });
            assertEquals(new DescriptorLinkage(false, true, true), linkage(store), "an annotation");

            store.write(tx -> {
                Resource other = resource("cnt", "ae", 3, "cse-in/ae/cnt");
                other.attributes.put("rels", List.of("x"));
                tx.tree().insert(other);
                return null;
            });
            assertEquals(new DescriptorLinkage(false, true, true), linkage(store), "rels of another type is no relatedSemantics");

            store.write(tx -> {
                Resource linking = resource("smd2", "ae", 24, "cse-in/ae/smd2");
                linking.attributes.put("rels", List.of("cse-in/ae/smd"));
                tx.tree().insert(linking);
                return null;
            });
            assertEquals(new DescriptorLinkage(true, true, true), linkage(store), "a descriptor with relatedSemantics");
        } finally {
            store.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
