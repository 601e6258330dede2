package io.keel.core.operation;

import io.keel.core.AddressForm;
import io.keel.core.Identifiers;
import io.keel.core.resource.Resource;
import io.keel.core.resource.types.AnnouncedType;
import io.keel.core.resource.types.OntologyRepositoryType;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.semantic.DescriptorLinks;
import io.keel.core.semantic.FetchedDescriptors;
import io.keel.core.semantic.LinkedDescriptor.LinkMethod;
import io.keel.core.semantic.Ontologies;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.semantic.ValidationElsewhere;
import io.keel.core.store.Transaction;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.jena.graph.Graph;

/**
 * TS-0004 7.4.34.2.1 Recv-6.5 c: before the write transaction of a Create or Update of a {@code <semanticDescriptor>}
 * to validate, whether it links (recursively, relatedSemantics and m2m:resourceDescriptorLink) a descriptor of
 * another CSE; if so, an Update with its representation, this CSE as the originator, to the {@code <semanticValidation>}
 * of the repository holding the ontology its ontologyRef names (TS-0004 7.4.48.2.3), through the dispatcher: the
 * repository of another CSE, or of this CSE, whose semanticValidation reads the linked descriptors of other CSEs itself.
 * The request and the look-up of an ontology addressed by its resource ID alone share keel.semantics.query-timeout.
 *
 * <p>Its answer is the validation result (step k): 2004 valid; INVALID_SEMANTICS, ONTOLOGY_NOT_AVAILABLE or
 * LINKED_SEMANTICS_NOT_AVAILABLE the answer of the Create or Update, naming the semanticValidation. No answer in time
 * and any other answer (no validation result: the repository refuses this CSE, 4004, 5xxx) are TARGET_NOT_REACHABLE.
 */
public final class ValidationRequests implements ValidationElsewhere {
    private final OperationContext ctx;
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher;
    private final DescriptorLinks addresses;
    private final long timeoutMillis;
    private final SemanticSettings limits;

    /** @param dispatcher handles the Update as any request: this CSE's semanticValidation, or forwarded to another's */
    public ValidationRequests(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher) {
        this(ctx, dispatcher, ctx.search.semanticQuery().limits().queryTimeoutMillis());
    }

    ValidationRequests(OperationContext ctx, Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher,
                       long timeoutMillis) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.addresses = new RoutedDescriptorLinks(ctx.router);
        this.timeoutMillis = timeoutMillis;
        this.limits = ctx.search.semanticQuery().limits();
    }

    /**
     * Where to ask: {@code smv}, the semanticValidation's address, or {@code ontology}, the resource ID of an ontology
     * of another CSE whose repository is to be retrieved first.
     */
    private record Asked(String smv, String ontology) {
    }

    @Override
    public String validate(RequestPrimitive request, String ri, Map<String, Object> smd, List<String> links) {
        if (links.isEmpty()) {
            return null;
        }
        Asked asked = ctx.store.read(tx -> linksElsewhere(tx, links) ? asked(tx, String.valueOf(smd.get(
                SemanticDescriptorType.ONTOLOGY_REF))) : null);
        if (asked == null) {
            return null;
        }
        CompletableFuture<String> smv = asked.smv() != null ? CompletableFuture.completedFuture(asked.smv())
                : repositoryOf(request, asked.ontology());
        String[] where = {asked.smv() != null ? asked.smv() : "the semanticValidation of " + asked.ontology()};
        try {
            return smv.thenCompose(to -> {
                where[0] = to;
                return dispatcher.apply(update(request, to, smd));
            }).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).handle((rsp, failure) -> result(where[0], rsp, failure)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof OneM2MException m ? m : e;
        }
    }

    /** Step c: whether the descriptor reaches, through descriptors of this CSE or directly, one of another CSE. */
    private boolean linksElsewhere(Transaction tx, List<String> links) {
        RelatedSemantics.Reach reach = new RelatedSemantics(addresses).reachFrom(tx.tree(), null, tx.semantics(),
                Visibility.EVERYTHING, links, FetchedDescriptors.NONE, LinkMethod.VALIDATION, ctx.cse.contentScanMax());
        return !reach.remote().isEmpty();
    }

    /** The semanticValidation of the repository holding the ontology {@code or} names (TS-0004 7.4.48.2.3). */
    private Asked asked(Transaction tx, String or) {
        if (ctx.router.isRemote(or)) {
            return elsewhere(or);
        }
        Resource ontology = Ontologies.hosted(tx.tree(), tx.semantics(), ctx.cse, or);
        if (Ontologies.announced(ontology)) {
            // An announced copy: the original's repository validates.
            return elsewhere(String.valueOf(ontology.get(AnnouncedType.LINK)));
        }
        Resource repository = tx.tree().find(ontology.pi);
        return new Asked(repository.srn + "/" + OntologyRepositoryType.SEMANTIC_VALIDATION, null);
    }

    /** An ontology of another CSE: its parent is in its structured address; an unstructured one is retrieved first. */
    private static Asked elsewhere(String ontology) {
        AddressForm form = AddressForm.of(ontology);
        int last = form.rest() == null ? -1 : form.rest().lastIndexOf('/');
        if (last < 0) {
            return new Asked(null, ontology);
        }
        return new Asked(form.csePrefix() + "/" + form.rest().substring(0, last) + "/" + OntologyRepositoryType.SEMANTIC_VALIDATION,
                null);
    }

    /** Retrieves the ontology, as this CSE, for its parent: the repository. */
    private CompletableFuture<String> repositoryOf(RequestPrimitive original, String ontology) {
        RequestPrimitive retrieve = asThisCse(original, Operation.RETRIEVE, ontology);
        return dispatcher.apply(retrieve).thenApply(rsp -> {
            if (rsp.responseStatusCode == ResponseStatusCode.OK && rsp.content instanceof Map<?, ?> m && m.size() == 1
                    && m.values().iterator().next() instanceof Map<?, ?> ont && ont.get("pi") instanceof String pi) {
                return AddressForm.of(ontology).csePrefix() + "/" + pi + "/" + OntologyRepositoryType.SEMANTIC_VALIDATION;
            }
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the ontology " + ontology + " (ontologyRef)"
                    + " answered " + rsp.responseStatusCode.code() + " to this CSE's Retrieve" + debug(rsp));
        });
    }

    private RequestPrimitive update(RequestPrimitive original, String smv, Map<String, Object> smd) {
        Map<String, Object> sent = new LinkedHashMap<>(smd);
        // Read on another CSE: the addresses of this CSE that it links go SP-relative, in rels and in dsp.
        if (sent.get(SemanticDescriptorType.RELATED_SEMANTICS) instanceof List<?> rels) {
            sent.put(SemanticDescriptorType.RELATED_SEMANTICS, rels.stream().map(String::valueOf).map(this::spRelative).toList());
        }
        SemanticFormat format = SemanticFormat.ofContent(((Number) smd.get(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION))
                .longValue(), SemanticDescriptorType.DESCRIPTOR_REPRESENTATION);
        Graph dsp = Rdf.parse(SemanticDescriptorType.DESCRIPTOR, smd.get(SemanticDescriptorType.DESCRIPTOR), format, limits);
        Graph readdressed = ResourceDescriptorLink.readdressed(dsp, this::spRelative);
        if (readdressed != dsp) {
            sent.put(SemanticDescriptorType.DESCRIPTOR, Rdf.write(readdressed, format));
        }
        RequestPrimitive req = asThisCse(original, Operation.UPDATE, smv);
        req.content = Map.of("m2m:smd", sent);
        return req;
    }

    private String spRelative(String address) {
        return AddressForm.of(address).namesCse() ? address : ctx.cse.spRelativeCseId() + "/" + address;
    }

    /** TS-0004 7.4.34.2.1 c: "itself as the Originator". */
    private RequestPrimitive asThisCse(RequestPrimitive original, Operation op, String to) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = op;
        req.to = to;
        req.from = ctx.cse.spRelativeCseId();
        req.originatorAuthenticated = true;
        req.requestIdentifier = "validation-" + Identifiers.random(12);
        req.releaseVersionIndicator = original.releaseVersionIndicator;
        return req;
    }

    /** Step k, or why there is no validation result. */
    private String result(String smv, ResponsePrimitive rsp, Throwable failure) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof OneM2MException e && e.rsc() == ResponseStatusCode.TARGET_NOT_REACHABLE) {
            throw e;
        }
        if (cause != null) {
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the descriptor links descriptors of another CSE:"
                    + " it was sent for validation to " + smv + (cause instanceof TimeoutException ? ", which did not answer within "
                    + timeoutMillis + " ms (keel.semantics.query-timeout)" : ": " + cause.getMessage()));
        }
        ResponseStatusCode rsc = rsp.responseStatusCode;
        if (rsc == ResponseStatusCode.UPDATED) {
            return smv;
        }
        String answered = smv + " answered " + rsc.code() + debug(rsp);
        if (Set.of(ResponseStatusCode.INVALID_SEMANTICS, ResponseStatusCode.ONTOLOGY_NOT_AVAILABLE,
                ResponseStatusCode.LINKED_SEMANTICS_NOT_AVAILABLE).contains(rsc)) {
            throw new OneM2MException(rsc, "the descriptor links descriptors of another CSE, so " + answered);
        }
        throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, "the descriptor links descriptors of another CSE,"
                + " and no validation result came back: " + answered);
    }

    private static String debug(ResponsePrimitive rsp) {
        Object dbg = rsp.content instanceof Map<?, ?> m ? m.get("m2m:dbg") : null;
        return dbg == null ? "" : " (" + dbg + ")";
    }
}
