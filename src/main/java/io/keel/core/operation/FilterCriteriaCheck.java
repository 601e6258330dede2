package io.keel.core.operation;

import io.keel.core.filter.ContentFilter;
import io.keel.core.filter.GeoQuery;
import io.keel.core.filter.LabelsQuery;
import io.keel.core.semantic.SemanticDiscovery;
import io.keel.core.resource.types.TypeRegistry;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.OneM2MException;
import java.util.List;
import java.util.Set;

/** What the core checks of Filter Criteria before any query runs. */
final class FilterCriteriaCheck {
    /**
     * ct, lt, st, et, lbl, ty, cs and cnf are filtered by their own conditions (crb/cra, ms/us, sts/stb, exb/exa, lbl,
     * ty, sza/szb, cty), never as attribute conditions.
     */
    private static final Set<String> OWN_CONDITIONS = Set.of("ct", "lt", "st", "et", "lbl", "ty", "cs", "cnf");

    private FilterCriteriaCheck() {
    }

    /** For the filter criteria of a conditional operation or child results, which cannot take a relative path. */
    static void check(FilterCriteria fc, TypeRegistry types) {
        check(fc, types, false);
    }

    /** @param relativePath whether a relative path (arp) can be applied: in discovery, not to a single target */
    static void check(FilterCriteria fc, TypeRegistry types, boolean relativePath) {
        GeoQuery.of(fc); // an incomplete geo-query or a malformed geom is 4000 before any query
        if (fc.labelsQuery != null) {
            LabelsQuery.parse(fc.labelsQuery); // a malformed expression is 4000 before any query
        }
        SemanticDiscovery.check(fc); // not SPARQL: 4143 before any query (TS-0004 7.3.3.18)
        if (fc.applyRelativePath != null && !relativePath) {
            // 7.3.3.17.17 appends the path to each resource of a filtering result: a discovery's, not one target's.
            throw OneM2MException.badRequest("arp (applyRelativePath) applies to the result of a discovery (fu=1,"
                    + " TS-0004 7.3.3.17.17), not to a conditional operation or a child resource list");
        }
        ContentFilter.of(fc); // a content filter that cannot run (cfq without cfs, bad JSONPath) is 4000 before any query
        for (List<AttributeCondition> conditions : List.of(fc.attributes, fc.childAttributes, fc.parentAttributes)) {
            for (int i = 0; i < conditions.size(); i++) {
                AttributeCondition c = conditions.get(i);
                if (OWN_CONDITIONS.contains(c.name())) {
                    throw OneM2MException.badRequest(c.name() + " has filter conditions of its own and is no attribute"
                            + " condition (TS-0004 7.3.3.17.9)");
                }
                if (!types.isKnownAttribute(c.name())) {
                    throw OneM2MException.badRequest("unknown attribute " + c.name() + " in a filter condition");
                }
                if (types.isFloatAttribute(c.name()) && c.value().indexOf('*') < 0) {
                    // Stored as a double ("21.0"): the condition 21 must find it (flexContainer custom attributes).
                    conditions.set(i, new AttributeCondition(c.name(), floatText(c.name(), c.value())));
                }
            }
        }
    }

    private static String floatText(String name, String value) {
        try {
            return String.valueOf(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            throw OneM2MException.badRequest("attribute condition " + name + " needs a number: " + value);
        }
    }
}
