package io.keel.core.resource.types;

import io.keel.core.resource.AttributeDef;
import io.keel.core.resource.AttributeDef.Presence;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.PendingWrite;
import io.keel.core.resource.RemoteResources;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceOperation;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.DescriptorIndexing;
import io.keel.core.semantic.DescriptorUpdate;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.LinkedValidation;
import io.keel.core.semantic.OntologyValidation;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.semantic.ValidationElsewhere;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;

/**
 * {@code <semanticDescriptor>} (ty 24, m2m:smd), TS-0004 7.4.34: an RDF description of its parent. The descriptor
 * (dsp, base64) must parse in the syntax dcrp names; a semanticOpExec (soe) is a SPARQL update applied to it and is
 * never stored nor returned. Its triples are kept in the store's semantic index, replaced in the same transaction,
 * which semantic discovery (smf) reads. Announced as semanticDescriptorAnnc (10024), whose CSE indexes the announced
 * descriptor in turn ({@link SemanticDescriptorAnncType}).
 */
public final class SemanticDescriptorType extends ResourceType implements AnnouncedVariant {
    public static final String DESCRIPTOR_REPRESENTATION = "dcrp";
    public static final String SEMANTIC_OP_EXEC = "soe";
    public static final String DESCRIPTOR = "dsp";
    public static final String ONTOLOGY_REF = "or";
    public static final String RELATED_SEMANTICS = "rels";
    public static final String SEMANTIC_VALIDATED = "svd";
    public static final String VALIDATION_ENABLE = "vlde";
    private final SemanticSettings limits;
    /** Validation by a semanticValidation, of a descriptor linking descriptors of other CSEs; set by the composition. */
    private volatile ValidationElsewhere elsewhere = ValidationElsewhere.NONE;

    public SemanticDescriptorType(SemanticSettings limits) {
        super(ResourceTypes.SEMANTIC_DESCRIPTOR, "smd", List.of(
                AttributeDef.optional(ACCESS_CONTROL_POLICY_IDS, AttributeType.LIST_OF_URIS),
                AttributeDef.mandatory(DESCRIPTOR_REPRESENTATION, AttributeType.POSITIVE_INTEGER),
                new AttributeDef(SEMANTIC_OP_EXEC, AttributeType.STRING, Presence.NOT_PERMITTED, Presence.OPTIONAL),
                AttributeDef.mandatory(DESCRIPTOR, AttributeType.STRING),
                AttributeDef.optional(ONTOLOGY_REF, AttributeType.ANY_URI),
                AttributeDef.optional(RELATED_SEMANTICS, AttributeType.LIST_OF_ANY_URI),
                AttributeDef.readOnly(SEMANTIC_VALIDATED, AttributeType.BOOLEAN),
                AttributeDef.optional(VALIDATION_ENABLE, AttributeType.BOOLEAN)));
        this.limits = limits;
    }

    /** How a descriptor that links descriptors of other CSEs is validated (TS-0004 7.4.34.2.1 Recv-6.5 c). */
    public void validatesElsewhereWith(ValidationElsewhere elsewhere) {
        this.elsewhere = elsewhere;
    }

    @Override
    public boolean hasCreator() {
        return true;
    }

    @Override
    public boolean supportsAnnouncement() {
        return true;
    }

    /**
     * TS-0001 table 9.6.30-2: the specific attributes are OA (semanticOpExec NA). acpi and daci (MA, OA) are not
     * announced: they name policies of this CSE, as for every type Keel announces.
     */
    @Override
    public List<String> announcedAttributes() {
        return List.of(DESCRIPTOR_REPRESENTATION, DESCRIPTOR, ONTOLOGY_REF, RELATED_SEMANTICS, SEMANTIC_VALIDATED,
                VALIDATION_ENABLE);
    }

    @Override
    public AnnouncedType announcedType(Set<Integer> childTypes) {
        return new SemanticDescriptorAnncType(this, childTypes, limits);
    }

    /** TS-0004 table 7.4.34.1-4 lists subscription and transaction; Keel has no transaction. */
    @Override
    public Set<Integer> childTypes() {
        return Set.of(ResourceTypes.SUBSCRIPTION);
    }

    /**
     * TS-0004 7.4.34.2.1 Recv-6.5 c (and 7.4.34.2.3 c): a descriptor to validate that links descriptors of other CSEs
     * is sent to a semanticValidation before the write transaction, no lock held while it answers ({@link
     * ValidationElsewhere}); a valid one is marked for the hooks in the transaction ({@link #validate}).
     */
    @Override
    public boolean worksBeforeTransaction() {
        return true;
    }

    @Override
    public void beforeTransaction(PendingWrite write) {
        Resource r = write.resource();
        // For a Create the resource holds what is given; for an Update what is stored, which the given values change.
        Map<String, Object> next = new LinkedHashMap<>(r.attributes);
        write.given().forEach((k, v) -> {
            if (v == null) {
                next.remove(k);
            } else {
                next.put(k, v);
            }
        });
        if (!Boolean.TRUE.equals(next.get(VALIDATION_ENABLE)) || next.get(ONTOLOGY_REF) == null
                || (write.given().get(SEMANTIC_OP_EXEC) != null && write.given().containsKey(DESCRIPTOR))) {
            return; // not validated, or refused in the transaction
        }
        Graph g;
        if (write.given().get(SEMANTIC_OP_EXEC) instanceof String soe) {
            g = DescriptorUpdate.apply(Rdf.parse(DESCRIPTOR, r.get(DESCRIPTOR), format(r.get(DESCRIPTOR_REPRESENTATION)), limits),
                    soe, limits);
            next.put(DESCRIPTOR, Rdf.write(g, format(next.get(DESCRIPTOR_REPRESENTATION))));
        } else {
            g = Rdf.parse(DESCRIPTOR, next.get(DESCRIPTOR), format(next.get(DESCRIPTOR_REPRESENTATION)), limits);
        }
        Object rels = next.get(RELATED_SEMANTICS);
        List<String> links = LinkMethod.VALIDATION.links(rels == null ? null : RelatedSemantics.addresses(rels),
                ResourceDescriptorLink.addresses(g));
        Map<String, Object> smd = new LinkedHashMap<>();
        for (String sn : List.of(DESCRIPTOR_REPRESENTATION, DESCRIPTOR, ONTOLOGY_REF, RELATED_SEMANTICS)) {
            if (next.get(sn) != null) {
                smd.put(sn, next.get(sn));
            }
        }
        String by = elsewhere.validate(write.request(), r.ri, smd, links);
        if (by != null) {
            Map<String, Object> stored = write.request().operation == Operation.CREATE ? Map.of() : r.attributes;
            write.retrieved().put(validatedKey(r.ri, stored), new RemoteResources.Retrieved(ResponseStatusCode.UPDATED, ty(), by));
        }
    }

    /**
     * The key under which the validation elsewhere of a Create or Update is found in the transaction: the descriptor's
     * ri with a digest of what was stored of it when the representation sent was made (nothing for a Create). In the
     * transaction, an Update that finds something else stored (another Update came in between) finds no validation,
     * and is validated there as any other ({@link LinkedValidation}).
     */
    private static String validatedKey(String ri, Map<String, Object> stored) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String sn : List.of(DESCRIPTOR_REPRESENTATION, DESCRIPTOR, ONTOLOGY_REF, RELATED_SEMANTICS, VALIDATION_ENABLE)) {
                sha.update((sn + "=" + stored.get(sn) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return ri + "@" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What is stored of the descriptor an Update changes, before the values it sets (read before any hook's change). */
    private static Map<String, Object> storedBefore(ResourceOperation op) {
        Map<String, Object> stored = new HashMap<>(op.resource.attributes);
        op.given.keySet().forEach(stored::remove);
        stored.putAll(op.previous);
        return stored;
    }

    /** TS-0004 7.4.34.2.1 Recv-6.4: the descriptor must be what dcrp says, dcrp not IRI (4000). */
    @Override
    public void prepareCreate(ResourceOperation op) {
        announcedReadably(op.resource);
        if (Boolean.TRUE.equals(op.resource.get(VALIDATION_ENABLE))) {
            validate(op, descriptor(op.resource), Map.of());
        }
    }

    /** Indexed once the descriptor's row exists (its triples refer to it). */
    @Override
    public void afterCreate(ResourceOperation op) {
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, op.resource.pi, descriptor(op.resource));
    }

    /**
     * TS-0004 7.4.34.2.3: soe and dsp together are 4000; soe is applied to the stored descriptor (its syntax 4143, a
     * failure 5212) and the result is written back in dcrp's syntax; a new dsp or dcrp must parse. The index follows.
     */
    @Override
    public void prepareUpdate(ResourceOperation op) {
        announcedReadably(op.resource);
        Map<String, Object> before = storedBefore(op);
        Object soe = op.resource.attributes.remove(SEMANTIC_OP_EXEC); // never stored, never returned (7.4.34.2.2)
        boolean newDescriptor = op.given.containsKey(DESCRIPTOR) || op.given.containsKey(DESCRIPTOR_REPRESENTATION);
        if (soe != null && op.given.containsKey(DESCRIPTOR)) {
            throw OneM2MException.badRequest("semanticOpExec and descriptor cannot be updated together (TS-0004 7.4.34.2.3)");
        }
        if (soe == null && !newDescriptor) {
            if (Boolean.TRUE.equals(op.resource.get(VALIDATION_ENABLE))) {
                validate(op, descriptor(op.resource), before);
            } else {
                validationOff(op);
            }
            return;
        }
        Graph g;
        if (soe != null) {
            Object oldFormat = op.previous.getOrDefault(DESCRIPTOR_REPRESENTATION, op.resource.get(DESCRIPTOR_REPRESENTATION));
            Graph stored = Rdf.parse(DESCRIPTOR, op.resource.get(DESCRIPTOR), format(oldFormat), limits);
            g = DescriptorUpdate.apply(stored, (String) soe, limits);
            op.resource.attributes.put(DESCRIPTOR, Rdf.write(g, format(op.resource.get(DESCRIPTOR_REPRESENTATION))));
        } else {
            g = descriptor(op.resource);
        }
        if (Boolean.TRUE.equals(op.resource.get(VALIDATION_ENABLE))) {
            validate(op, g, before);
        } else {
            validationOff(op);
        }
        DescriptorIndexing.replace(op.semantics(), op.resource.ri, op.resource.pi, g);
    }

    /** An announced descriptor is read in the syntax dcrp names: aa naming dsp names dcrp too (else 4000). */
    private static void announcedReadably(Resource r) {
        if (r.get(ANNOUNCED_ATTRIBUTE) instanceof List<?> aa && aa.contains(DESCRIPTOR) && !aa.contains(DESCRIPTOR_REPRESENTATION)) {
            throw OneM2MException.badRequest("aa names dsp but not dcrp: the announced descriptor could not be read without"
                    + " its descriptorRepresentation");
        }
    }

    private Graph descriptor(Resource r) {
        return Rdf.parse(DESCRIPTOR, r.get(DESCRIPTOR), format(r.get(DESCRIPTOR_REPRESENTATION)), limits);
    }

    private static SemanticFormat format(Object dcrp) {
        return SemanticFormat.ofContent(((Number) dcrp).longValue(), DESCRIPTOR_REPRESENTATION);
    }

    /**
     * TS-0004 7.4.34.2.1 Recv-6.5 b–k: with validationEnable true the descriptor, with the descriptors it links, is
     * validated against the ontology of ontologyRef and those of the linked ones, which must be hosted here (else
     * ONTOLOGY_NOT_AVAILABLE, 4118); a problem is INVALID_SEMANTICS (4120) naming it, success sets semanticValidated
     * true. Which linked descriptors count: {@link LinkedValidation}; what "valid" means: {@link OntologyValidation}.
     */
    private void validate(ResourceOperation op, Graph descriptor, Map<String, Object> stored) {
        Object or = op.resource.get(ONTOLOGY_REF);
        if (or == null) {
            throw new OneM2MException(ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE,
                    "validationEnable is true but no ontologyRef names an ontology to validate against");
        }
        if (op.references.retrieved(validatedKey(op.resource.ri, stored)) != null) {
            // Step c, then k: a semanticValidation found it valid before the transaction (beforeTransaction).
            op.resource.attributes.put(SEMANTIC_VALIDATED, true);
            return;
        }
        List<String> problems = LinkedValidation.problems(op.tree, op.semantics(), op.cse, op.resource, descriptor, (String) or,
                limits);
        if (!problems.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.INVALID_SEMANTICS, "the descriptor (with the descriptors it links) is"
                    + " not valid against " + or + ": " + OntologyValidation.summary(problems));
        }
        op.resource.attributes.put(SEMANTIC_VALIDATED, true);
    }

    /** TS-0004 7.4.34.2.3 Recv-6.5 d: validation switched off, the descriptor is no longer known to be valid. */
    private static void validationOff(ResourceOperation op) {
        if (op.resource.attributes.containsKey(SEMANTIC_VALIDATED)) {
            op.resource.attributes.put(SEMANTIC_VALIDATED, false);
        }
    }
}
