package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Candidate;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterOperation;
import org.junit.jupiter.api.Test;

/** The content filter as one more condition under filterOperation (TS-0004 7.3.3.17.12, 7.3.3.17.13). */
class FilteredSearchTest {
    private static final ContentFilter WARM;

    static {
        FilterCriteria fc = new FilterCriteria();
        fc.contentFilterSyntax = 1;
        fc.contentFilterQuery = "$[?(@.temp > 20)]";
        WARM = ContentFilter.of(fc);
    }

    private static Candidate candidate(int met, int of, boolean warm) {
        Resource r = new Resource();
        r.ty = ResourceTypes.CONTENT_INSTANCE;
        r.attributes.put("con", warm ? "{\"temp\":25}" : "{\"temp\":5}");
        return new Candidate(r, met, of);
    }

    private static boolean meets(FilterOperation fo, int met, int of, boolean warm) {
        return new FilteredSearch(new TypeRegistry(), 100).meets(fo, candidate(met, of, warm), WARM);
    }

    @Test
    void andNeedsEveryConditionAndTheContent() {
        assertEquals(true, meets(FilterOperation.AND, 2, 2, true));
        assertEquals(false, meets(FilterOperation.AND, 2, 2, false));
        assertEquals(false, meets(FilterOperation.AND, 1, 2, true));
        assertEquals(true, meets(FilterOperation.AND, 0, 0, true), "the content filter alone");
    }

    @Test
    void orNeedsAnyOne() {
        assertEquals(true, meets(FilterOperation.OR, 1, 2, false));
        assertEquals(true, meets(FilterOperation.OR, 0, 2, true));
        assertEquals(false, meets(FilterOperation.OR, 0, 2, false));
        assertEquals(false, meets(FilterOperation.OR, 0, 0, false));
    }

    @Test
    void xorNeedsExactlyOne() {
        assertEquals(true, meets(FilterOperation.XOR, 1, 2, false));
        assertEquals(false, meets(FilterOperation.XOR, 1, 2, true), "another condition and the content: two");
        assertEquals(true, meets(FilterOperation.XOR, 0, 2, true));
        assertEquals(false, meets(FilterOperation.XOR, 0, 2, false));
        assertEquals(false, meets(FilterOperation.XOR, 2, 2, false));
    }
}
