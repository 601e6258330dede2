package io.keel.core.operation;

import io.keel.core.resource.ResourceTypes;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.List;

/** What the core checks of Filter Criteria before any query runs. */
final class FilterCriteriaCheck {
    private FilterCriteriaCheck() {
    }

    static void check(FilterCriteria fc, ResourceTypes types) {
        if (!fc.semanticsFilter.isEmpty() || fc.contentFilterQuery != null || fc.contentFilterSyntax != null
                || fc.labelsQuery != null || fc.geometryType != null || fc.geometry != null || fc.geoSpatialFunction != null
                || fc.applyRelativePath != null) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED,
                    "semantic, content, label-query, geographic and relative-path filters (smf, cfs/cfq, lbq, gmty/geom/gsf, arp)"
                            + " are not supported by this CSE");
        }
        for (List<AttributeCondition> conditions : List.of(fc.attributes, fc.childAttributes, fc.parentAttributes)) {
            for (AttributeCondition c : conditions) {
                if (!types.isKnownAttribute(c.name())) {
                    throw OneM2MException.badRequest("unknown attribute " + c.name() + " in a filter condition");
                }
            }
        }
    }
}
