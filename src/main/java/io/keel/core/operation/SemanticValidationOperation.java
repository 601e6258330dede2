package io.keel.core.operation;

import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.routing.Route;
import io.keel.core.semantic.Ontologies;
import io.keel.core.semantic.OntologyValidation;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.store.Transaction;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import io.keel.primitive.ResultContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.jena.graph.Graph;

/**
 * A request to an ontologyRepository's semanticValidation, {@code <ontologyRepository>/smv} (TS-0004 7.4.48): an Update
 * whose content is a {@code <semanticDescriptor>} representation (m2m:smd) is validated against the ontologies its
 * ontologyRef and those of the descriptors it links (relatedSemantics and m2m:resourceDescriptorLink, recursively)
 * refer to, the triples of all of them together, by {@link OntologyValidation} (TS-0004 7.4.48.2.3). Valid: 2004 with the representation and
 * semanticValidated true. Not valid: INVALID_SEMANTICS (4120) naming the problems. Nothing is stored.
 *
 * <p>The originator needs the Update privilege on the repository. The linked descriptors are retrieved as the
 * originator, wherever they are ({@link FollowedLinks}); one that cannot be had is LINKED_SEMANTICS_NOT_AVAILABLE
 * (4119). An ontology this CSE does not host is ONTOLOGY_NOT_AVAILABLE (4118): it fetches no external one.
 */
public final class SemanticValidationOperation {
    private static final String SMD = "m2m:smd";
    private final OperationContext ctx;
    private final FollowedLinks links;
    private final SemanticSettings limits;

    /** @param dispatcher retrieves the linked descriptors as any other request (forwarding those of other CSEs) */
    public SemanticValidationOperation(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this.ctx = ctx;
        this.limits = ctx.search.semanticQuery().limits();
        this.links = FollowedLinks.of(ctx, dispatcher);
    }

    /** One descriptor taking part: its triples and the ontology it refers to (null for none). */
    private record Part(Graph triples, String ontologyRef) {
    }

    /** In the read transaction that routed the request: what can be checked before any linked descriptor is read. */
    public OperationHandler.Prepared prepare(Transaction tx, RequestPrimitive req, Route.Virtual smv) {
        if (req.operation != Operation.UPDATE) {
            // TS-0004 7.4.48.2.1, 7.4.48.2.2, 7.4.48.2.4: only an Update validates.
            throw smv.child().refused(req.operation);
        }
        ctx.requireVirtualAccess(tx.tree(), req, smv, Operation.UPDATE);
        ResultContent rcn = OperationContext.resultContent(req, ResultContent.ATTRIBUTES,
                java.util.EnumSet.of(ResultContent.NOTHING, ResultContent.ATTRIBUTES, ResultContent.MODIFIED_ATTRIBUTES));
        Map<String, Object> smd = received(req);
        Part own = part("the content", smd);
        if (own.ontologyRef() == null || own.ontologyRef().isBlank()) {
            // TS-0004 7.4.48.2.3 Recv-6.4 b.
            throw new OneM2MException(ResponseStatusCode.CONTENTS_UNACCEPTABLE,
                    "the semanticDescriptor to validate has no ontologyRef to validate it against");
        }
        Object rels = smd.get(SemanticDescriptorType.RELATED_SEMANTICS);
        List<String> linked = LinkMethod.VALIDATION.links(rels == null ? null : RelatedSemantics.addresses(rels),
                ResourceDescriptorLink.addresses(own.triples()));
        return () -> links.read(req, linked, LinkMethod.VALIDATION, FollowedLinks.OnFailure.LINKED_SEMANTICS_NOT_AVAILABLE)
                .thenApply(fetched -> ctx.store.read(t -> validate(t, smd, own, fetched.found().values().stream()
                        .map(d -> new Part(d.graph(), d.ontologyRef())).toList(), rcn)));
    }

    /** TS-0004 7.4.48.2.3 Recv-6.4 a: the content is one m2m:smd with a descriptor in the syntax it names. */
    private static Map<String, Object> received(RequestPrimitive req) {
        if (!(req.content instanceof Map<?, ?> content) || content.size() != 1 || !(content.get(SMD) instanceof Map<?, ?> given)) {
            throw OneM2MException.badRequest("the content of an Update of semanticValidation is the " + SMD
                    + " to validate (TS-0004 7.4.48.2.3)");
        }
        Map<String, Object> smd = new LinkedHashMap<>();
        given.forEach((k, v) -> smd.put(String.valueOf(k), v));
        return smd;
    }

    private Part part(String what, Map<?, ?> smd) {
        Object dcrp = smd.get(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION);
        long format;
        try {
            format = dcrp instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(dcrp));
        } catch (NumberFormatException e) {
            throw OneM2MException.badRequest(what + " has no descriptorRepresentation (dcrp), an m2m:semanticFormat");
        }
        if (smd.get(SemanticDescriptorType.DESCRIPTOR) == null) {
            throw OneM2MException.badRequest(what + " has no descriptor (dsp)");
        }
        Graph triples = Rdf.parse(SemanticDescriptorType.DESCRIPTOR, smd.get(SemanticDescriptorType.DESCRIPTOR),
                SemanticFormat.ofContent(format, SemanticDescriptorType.DESCRIPTOR_REPRESENTATION), limits);
        Object or = smd.get(SemanticDescriptorType.ONTOLOGY_REF);
        return new Part(triples, or == null ? null : String.valueOf(or));
    }

    /** TS-0004 7.4.48.2.3 Recv-6.5 e–g and Recv-6.7 a. */
    private ResponsePrimitive validate(Transaction tx, Map<String, Object> smd, Part own, List<Part> linked, ResultContent rcn) {
        Graph triples = Rdf.emptyGraph();
        Graph ontologies = Rdf.emptyGraph();
        Set<String> refs = new java.util.LinkedHashSet<>();
        refs.add(own.ontologyRef());
        own.triples().find().forEachRemaining(triples::add);
        for (Part p : linked) {
            p.triples().find().forEachRemaining(triples::add);
            if (p.ontologyRef() != null && !p.ontologyRef().isBlank()) {
                refs.add(p.ontologyRef());
            }
        }
        for (String ref : refs) {
            Ontologies.resolve(tx.tree(), tx.semantics(), ctx.cse, ref, limits).find().forEachRemaining(ontologies::add);
        }
        List<String> problems = OntologyValidation.problems(triples, ontologies);
        if (!problems.isEmpty()) {
            throw new OneM2MException(ResponseStatusCode.INVALID_SEMANTICS, "the descriptor is not valid against "
                    + String.join(", ", refs) + " (semanticValidated false): " + OntologyValidation.summary(problems));
        }
        smd.put(SemanticDescriptorType.SEMANTIC_VALIDATED, true);
        Object content = switch (rcn) {
            case NOTHING -> null;
            case MODIFIED_ATTRIBUTES -> Map.of(SMD, Map.of(SemanticDescriptorType.SEMANTIC_VALIDATED, true));
            default -> Map.of(SMD, smd);
        };
        return new ResponsePrimitive(ResponseStatusCode.UPDATED, content);
    }
}
