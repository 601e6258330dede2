package io.keel.core.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.core.store.Candidate;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterOperation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The content filter and the geo-query (Release 4) as more conditions under filterOperation (TS-0004 7.3.3.17.12,
 * 7.3.3.17.13).
 */
class FilteredSearchTest {
    private static final ContentFilter WARM;
    private static final GeoQuery NEAR_ORIGIN;

    static {
        FilterCriteria fc = new FilterCriteria();
        fc.contentFilterSyntax = 1;
        fc.contentFilterQuery = "$[?(@.temp > 20)]";
        WARM = ContentFilter.of(fc);
        FilterCriteria geo = new FilterCriteria();
        geo.geometryType = 3;
        geo.geometry = "[[[0, 0], [20, 0], [20, 20], [0, 20], [0, 0]]]";
        geo.geoSpatialFunction = 1;
        NEAR_ORIGIN = GeoQuery.of(geo);
    }

    private static Candidate candidate(int met, int of, boolean warm) {
        Resource r = new Resource();
        r.ty = ResourceTypes.CONTENT_INSTANCE;
        r.attributes.put("con", warm ? "{\"temp\":25}" : "{\"temp\":5}");
        return new Candidate(r, met, of);
    }

    private static boolean meets(FilterOperation fo, int met, int of, boolean warm) {
        FilteredSearch search = new FilteredSearch(new TypeRegistry(), 100);
        return FilteredSearch.meets(fo, candidate(met, of, warm), search.undecided(WARM, null));
    }

    /** A contentInstance with warm or cold content, located at [10, 10] or [50, 50]. */
    private static boolean meetsBoth(FilterOperation fo, int met, int of, boolean warm, boolean inside) {
        Candidate c = candidate(met, of, warm);
        c.resource().attributes.put("loc", Map.of("typ", 1L, "crd", inside ? "[10, 10]" : "[50, 50]"));
        FilteredSearch search = new FilteredSearch(new TypeRegistry(), 100);
        return FilteredSearch.meets(fo, c, search.undecided(WARM, NEAR_ORIGIN));
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

    @Test
    void contentAndGeoQueryAreTwoConditions() {
        assertEquals(true, meetsBoth(FilterOperation.AND, 1, 1, true, true));
        assertEquals(false, meetsBoth(FilterOperation.AND, 1, 1, true, false), "outside the polygon");
        assertEquals(true, meetsBoth(FilterOperation.OR, 0, 1, false, true), "the location alone");
        assertEquals(false, meetsBoth(FilterOperation.OR, 0, 1, false, false));
        assertEquals(true, meetsBoth(FilterOperation.XOR, 0, 1, false, true), "the location alone");
        assertEquals(false, meetsBoth(FilterOperation.XOR, 0, 1, true, true), "content and location: two");
        assertEquals(false, meetsBoth(FilterOperation.XOR, 1, 1, false, true), "another condition and the location: two");
        assertEquals(true, meetsBoth(FilterOperation.XOR, 1, 1, false, false));
    }

    @Test
    void aResourceWithoutLocationNeverMeetsTheGeoQuery() {
        Candidate c = candidate(0, 0, true);
        FilteredSearch search = new FilteredSearch(new TypeRegistry(), 100);
        assertEquals(false, FilteredSearch.meets(FilterOperation.AND, c, search.undecided(null, NEAR_ORIGIN)));
    }
}
