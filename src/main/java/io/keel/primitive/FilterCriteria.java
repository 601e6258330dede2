package io.keel.primitive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Filter Criteria parameter (fc), TS-0004 6.3.5.8: one field per element of table 6.2.2.2-1. Values are
 * already typed and range-checked by the binding; {@code null} means "not given".
 */
public final class FilterCriteria {
    /** One attribute condition (atr, catr, patr): short name and the value as written. */
    public record AttributeCondition(String name, String value) {
    }

    public Instant createdBefore;
    public Instant createdAfter;
    /** dataGenerationTime conditions (Keel's Release-4 reading; short names dgb, dga): dga ≤ dgt < dgb. */
    public Instant generatedBefore;
    public Instant generatedAfter;
    public Instant modifiedSince;
    public Instant unmodifiedSince;
    public Long stateTagSmaller;
    public Long stateTagBigger;
    public Instant expireBefore;
    public Instant expireAfter;
    public final List<String> labels = new ArrayList<>();
    public String labelsQuery;
    public final List<Integer> resourceTypes = new ArrayList<>();
    public final List<Integer> childResourceTypes = new ArrayList<>();
    public final List<Integer> parentResourceTypes = new ArrayList<>();
    public final List<String> childLabels = new ArrayList<>();
    public final List<String> parentLabels = new ArrayList<>();
    public Long sizeAbove;
    public Long sizeBelow;
    public final List<String> contentTypes = new ArrayList<>();
    public final List<AttributeCondition> attributes = new ArrayList<>();
    public final List<AttributeCondition> childAttributes = new ArrayList<>();
    public final List<AttributeCondition> parentAttributes = new ArrayList<>();
    public FilterUsage filterUsage;
    public Integer limit;
    public final List<String> semanticsFilter = new ArrayList<>();
    /**
     * What the core made of {@link #semanticsFilter} when it checked the request (its parsed queries, opaque here), so
     * that the rest of the request does not parse the SPARQL again; null before, and in a {@link #copy}.
     */
    public Object semanticsFilterParsed;
    public FilterOperation filterOperation;
    public Integer contentFilterSyntax;
    public String contentFilterQuery;
    public Integer level;
    public Integer offset;
    public String applyRelativePath;
    public Integer geometryType;
    public String geometry;
    public Integer geoSpatialFunction;

    /** True when at least one matching condition is present (fu, lim, lvl, ofst, fo alone only shape the result). */
    public boolean hasConditions() {
        return createdBefore != null || createdAfter != null || generatedBefore != null || generatedAfter != null
                || modifiedSince != null || unmodifiedSince != null
                || stateTagSmaller != null || stateTagBigger != null || expireBefore != null || expireAfter != null
                || !labels.isEmpty() || labelsQuery != null || !resourceTypes.isEmpty() || !childResourceTypes.isEmpty()
                || !parentResourceTypes.isEmpty() || !childLabels.isEmpty() || !parentLabels.isEmpty()
                || sizeAbove != null || sizeBelow != null || !contentTypes.isEmpty() || !attributes.isEmpty()
                || !childAttributes.isEmpty() || !parentAttributes.isEmpty() || !semanticsFilter.isEmpty()
                || contentFilterQuery != null || geometryType != null || geometry != null || geoSpatialFunction != null;
    }

    /** The same conditions, in lists of its own: a request sent on may change its paging without changing this one. */
    public FilterCriteria copy() {
        FilterCriteria c = new FilterCriteria();
        c.createdBefore = createdBefore;
        c.createdAfter = createdAfter;
        c.generatedBefore = generatedBefore;
        c.generatedAfter = generatedAfter;
        c.modifiedSince = modifiedSince;
        c.unmodifiedSince = unmodifiedSince;
        c.stateTagSmaller = stateTagSmaller;
        c.stateTagBigger = stateTagBigger;
        c.expireBefore = expireBefore;
        c.expireAfter = expireAfter;
        c.labels.addAll(labels);
        c.labelsQuery = labelsQuery;
        c.resourceTypes.addAll(resourceTypes);
        c.childResourceTypes.addAll(childResourceTypes);
        c.parentResourceTypes.addAll(parentResourceTypes);
        c.childLabels.addAll(childLabels);
        c.parentLabels.addAll(parentLabels);
        c.sizeAbove = sizeAbove;
        c.sizeBelow = sizeBelow;
        c.contentTypes.addAll(contentTypes);
        c.attributes.addAll(attributes);
        c.childAttributes.addAll(childAttributes);
        c.parentAttributes.addAll(parentAttributes);
        c.filterUsage = filterUsage;
        c.limit = limit;
        c.semanticsFilter.addAll(semanticsFilter);
        c.filterOperation = filterOperation;
        c.contentFilterSyntax = contentFilterSyntax;
        c.contentFilterQuery = contentFilterQuery;
        c.level = level;
        c.offset = offset;
        c.applyRelativePath = applyRelativePath;
        c.geometryType = geometryType;
        c.geometry = geometry;
        c.geoSpatialFunction = geoSpatialFunction;
        return c;
    }

    public FilterUsage filterUsageOrDefault() {
        return filterUsage == null ? FilterUsage.CONDITIONAL_RETRIEVAL : filterUsage;
    }

    public FilterOperation filterOperationOrDefault() {
        return filterOperation == null ? FilterOperation.AND : filterOperation;
    }
}
