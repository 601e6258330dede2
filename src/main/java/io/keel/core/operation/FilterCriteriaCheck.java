package io.keel.core.operation;

import io.keel.core.filter.ContentFilter;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;

/** What the core checks of Filter Criteria before any query runs. */
final class FilterCriteriaCheck {
    private FilterCriteriaCheck() {
    }

    static void check(FilterCriteria fc, TypeRegistry types) {
        if (!fc.semanticsFilter.isEmpty() || fc.labelsQuery != null || fc.geometryType != null || fc.geometry != null
                || fc.geoSpatialFunction != null || fc.applyRelativePath != null) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                    "semantic, label-query, geographic and relative-path filters (smf, lbq, gmty/geom/gsf, arp)"
                            + " are not supported by this CSE");
        }
        ContentFilter.of(fc); // a content filter that cannot run (cfq without cfs, bad JSONPath) is 4000 before any query
        for (List<AttributeCondition> conditions : List.of(fc.attributes, fc.childAttributes, fc.parentAttributes)) {
            for (AttributeCondition c : conditions) {
                if (!types.isKnownAttribute(c.name())) {
                    throw OneM2MException.badRequest("unknown attribute " + c.name() + " in a filter condition");
                }
            }
        }
    }
}
