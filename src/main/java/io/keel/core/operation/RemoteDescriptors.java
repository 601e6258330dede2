package io.keel.core.operation;

import io.keel.core.AddressForm;
import io.keel.core.Identifiers;
import io.keel.core.resource.types.SemanticDescriptorType;
import io.keel.core.semantic.LinkedDescriptor;
import io.keel.core.semantic.Rdf;
import io.keel.core.semantic.RelatedSemantics;
import io.keel.core.semantic.ResourceDescriptorLink;
import io.keel.core.semantic.SemanticDiscovery;
import io.keel.core.semantic.SemanticFormat;
import io.keel.core.semantic.SemanticSettings;
import io.keel.primitive.ContentStatus;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterUsage;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Operation;
import io.keel.primitive.RequestPrimitive;
import io.keel.primitive.ResponsePrimitive;
import io.keel.primitive.ResponseStatusCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.jena.graph.Graph;

/**
 * {@code <semanticDescriptor>} resources read for a semantic operation of this CSE from wherever they are: the
 * descriptors of a group member on another CSE (TS-0004 7.4.35.2.2), those relatedSemantics or
 * m2m:resourceDescriptorLink names (7.3.3.18, 7.4.48.2.3 c; {@link FollowedLinks}). Each is a Retrieve as the original originator through the dispatcher, so a local one is read as any
 * Retrieve is, a remote one forwarded, and the hosting CSE's access control judges the originator.
 *
 * <p>What the originator may not read (4103) or what no longer exists (4004) contributes nothing, as a local
 * descriptor the originator may not read does; any other answer means the data basis cannot be had complete, which
 * is TARGET_NOT_REACHABLE (5103) naming the address and what it answered.
 */
final class RemoteDescriptors {
    private final Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher;
    private final SemanticSettings limits;

    RemoteDescriptors(Function<RequestPrimitive, CompletableFuture<ResponsePrimitive>> dispatcher, SemanticSettings limits) {
        this.dispatcher = dispatcher;
        this.limits = limits;
    }

    /** The descriptors at and below {@code root} that the originator may discover and retrieve, by address. */
    CompletableFuture<Map<String, LinkedDescriptor>> below(RequestPrimitive original, String root) {
        FilterCriteria fc = SemanticDiscovery.descriptorsOnly();
        fc.filterUsage = FilterUsage.DISCOVERY;
        RequestPrimitive discovery = request(original, root);
        discovery.filterCriteria = fc;
        return dispatcher.apply(discovery).thenCompose(rsp -> {
            if (refused(rsp)) {
                return CompletableFuture.completedFuture(Map.of());
            }
            require(rsp, root);
            if (rsp.contentStatus == ContentStatus.PARTIAL_CONTENT) {
                throw OneM2MException.badRequest(root + " has more descriptors than its CSE lists in one answer: query a"
                        + " narrower group or target");
            }
            List<CompletableFuture<Map.Entry<String, LinkedDescriptor>>> each = new ArrayList<>();
            for (String found : uris(rsp)) {
                String address = address(root, found);
                each.add(representation(original, address).thenApply(smd -> smd == null ? null
                        : Map.entry(address, descriptor(address, smd))));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<String, LinkedDescriptor> out = new LinkedHashMap<>();
                each.forEach(f -> {
                    Map.Entry<String, LinkedDescriptor> e = f.join();
                    if (e != null) {
                        out.put(e.getKey(), e.getValue());
                    }
                });
                return out;
            });
        });
    }

    /** The m2m:smd at {@code address}; null when the originator may not retrieve it or it does not exist. */
    CompletableFuture<Map<?, ?>> representation(RequestPrimitive original, String address) {
        return dispatcher.apply(request(original, address)).thenApply(rsp -> {
            if (refused(rsp)) {
                return null;
            }
            require(rsp, address);
            if (!(rsp.content instanceof Map<?, ?> m) || !(m.get("m2m:smd") instanceof Map<?, ?> smd)) {
                throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, address + " is no semanticDescriptor");
            }
            return smd;
        });
    }

    /**
     * A descriptor's representation read from {@code address}: its triples, and the addresses it links as this CSE
     * reaches them (an address in it is read as the CSE that holds it would).
     */
    LinkedDescriptor descriptor(String address, Map<?, ?> smd) {
        Graph graph = graph(address, smd);
        Object rels = smd.get(SemanticDescriptorType.RELATED_SEMANTICS);
        List<String> related = rels == null ? null : RelatedSemantics.addresses(rels).stream().map(a -> address(address, a))
                .toList();
        List<String> annotated = ResourceDescriptorLink.addresses(graph).stream().map(a -> address(address, a)).toList();
        Object or = smd.get(SemanticDescriptorType.ONTOLOGY_REF);
        return new LinkedDescriptor(graph, related, annotated, or == null ? null : String.valueOf(or));
    }

    /** The triples of a descriptor's representation (dsp in the syntax dcrp names). */
    Graph graph(String address, Map<?, ?> smd) {
        try {
            Object dcrp = smd.get(SemanticDescriptorType.DESCRIPTOR_REPRESENTATION);
            if (!(dcrp instanceof Number n)) {
                throw OneM2MException.badRequest("it has no descriptorRepresentation");
            }
            return Rdf.parse(SemanticDescriptorType.DESCRIPTOR, smd.get(SemanticDescriptorType.DESCRIPTOR),
                    SemanticFormat.ofContent(n.longValue(), SemanticDescriptorType.DESCRIPTOR_REPRESENTATION), limits);
        } catch (OneM2MException e) {
            throw new OneM2MException(e.rsc(), "the descriptor " + address + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * An address a CSE answered, as this CSE reaches it: a CSE-relative one (its structured name or ri) is made
     * SP-relative (or absolute) with the CSE-ID of {@code asked}, the address it was asked at.
     */
    static String address(String asked, String answered) {
        String cse = AddressForm.of(asked).csePrefix();
        // Asked CSE-relative, the answer is of this CSE.
        return answered.startsWith("/") || cse == null ? answered : cse + "/" + answered;
    }

    private static RequestPrimitive request(RequestPrimitive original, String to) {
        RequestPrimitive req = new RequestPrimitive();
        req.operation = Operation.RETRIEVE;
        req.to = to;
        req.from = original.from;
        req.requestIdentifier = "semantic-" + Identifiers.random(12);
        req.releaseVersionIndicator = original.releaseVersionIndicator;
        req.roleIds.addAll(original.roleIds);
        req.tokenIds.addAll(original.tokenIds);
        req.tokens.addAll(original.tokens);
        req.originatorAuthenticated = original.originatorAuthenticated;
        req.credentialId = original.credentialId;
        req.binding = original.binding;
        req.originatorAddress = original.originatorAddress;
        req.requestExpirationTimestamp = original.requestExpirationTimestamp;
        return req;
    }

    private static boolean refused(ResponsePrimitive rsp) {
        return rsp.responseStatusCode == ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE
                || rsp.responseStatusCode == ResponseStatusCode.NOT_FOUND;
    }

    private static void require(ResponsePrimitive rsp, String address) {
        if (rsp.responseStatusCode != ResponseStatusCode.OK) {
            Object dbg = rsp.content instanceof Map<?, ?> m ? m.get("m2m:dbg") : null;
            throw new OneM2MException(ResponseStatusCode.TARGET_NOT_REACHABLE, address + " answered "
                    + rsp.responseStatusCode.code() + (dbg == null ? "" : " (" + dbg + ")"));
        }
    }

    /** The addresses of a discovery answer: m2m:uril, or the val of each m2m:rrl reference. */
    static List<String> uris(ResponsePrimitive rsp) {
        List<String> out = new ArrayList<>();
        if (rsp.content instanceof Map<?, ?> m) {
            if (m.get("m2m:uril") instanceof List<?> l) {
                l.forEach(u -> out.add(String.valueOf(u)));
            } else if (m.get("m2m:rrl") instanceof Map<?, ?> rrl && rrl.get("rrf") instanceof List<?> refs) {
                refs.forEach(r -> {
                    if (r instanceof Map<?, ?> ref && ref.get("val") != null) {
                        out.add(String.valueOf(ref.get("val")));
                    }
                });
            }
        }
        return out;
    }
}
