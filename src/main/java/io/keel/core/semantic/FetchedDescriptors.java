package io.keel.core.semantic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;

/**
 * The descriptors of other CSEs one request read, by address, and the addresses it could not read: their CSE did
 * not answer, or answered something other than a descriptor, a refusal (4103) or that it does not exist (4004).
 */
public record FetchedDescriptors(Map<String, LinkedDescriptor> found, Set<String> unavailable) {
    public static final FetchedDescriptors NONE = new FetchedDescriptors(Map.of(), Set.of());

    /** The graphs of those of {@code addresses} that were read. */
    public Map<String, Graph> graphs(Collection<String> addresses) {
        Map<String, Graph> out = new LinkedHashMap<>();
        for (String a : addresses) {
            LinkedDescriptor d = found.get(a);
            if (d != null) {
                out.put(a, d.graph());
            }
        }
        return out;
    }
}
