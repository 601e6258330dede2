package io.keel.persistence;

import io.keel.core.filter.LabelsQuery;
import io.keel.core.store.DescriptorPatterns;
import io.keel.core.store.DescriptorPatterns.TriplePattern;
import io.keel.core.store.GeoWindow;
import io.keel.core.store.Visibility;
import io.keel.primitive.FilterCriteria;
import io.keel.primitive.FilterCriteria.AttributeCondition;
import io.keel.primitive.FilterOperation;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Filter Criteria as one JPQL query (TS-0004 6.3.5.8, 7.3.3.17): several values of one condition are
 * ORed, different conditions are combined by filterOperation. Every condition is a column, label or attribute-value
 * predicate the indexes serve; nothing is filtered in memory, except the content filter, which no database evaluates
 * (see {@link io.keel.core.store.ResourceSearch#candidates}).
 */
final class ResourceQuery {
    private final Map<String, Object> parameters = new HashMap<>();
    private int aliases;
    private boolean selectiveSubquery;
    private SemanticPlan semanticPlan;
    private boolean counted;

    /**
     * How {@link #described} evaluates a semanticsFilter; without a plan, every pattern by lookup. {@code counted}: a
     * per-candidate lookup as a counted subquery, not EXISTS (for PostgreSQL, see {@link #described}).
     */
    ResourceQuery planning(SemanticPlan plan, boolean counted) {
        this.semanticPlan = plan;
        this.counted = counted;
        return this;
    }

    /** A new query (no parameters yet) that evaluates a semanticsFilter by the same plan. */
    ResourceQuery replanned() {
        return new ResourceQuery().planning(semanticPlan, counted);
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * The ORDER BY clause. Results are in srn order. With a single type and no label or attribute condition, naming
     * ty first lets the database read resource_type_subtree in order and stop at the limit; a label or attribute
     * condition is better served by looking its few matches up first, which that order would prevent.
     */
    String orderBy(String r, FilterCriteria fc) {
        return fc.resourceTypes.size() == 1 && !selectiveSubquery ? " ORDER BY " + r + ".ty, " + r + ".srn" : " ORDER BY " + r + ".srn";
    }

    /** The WHERE fragment for the matching conditions of {@code fc} on resource alias {@code r}; "" when none. */
    String conditions(String r, FilterCriteria fc) {
        return conditions(r, fc, null);
    }

    /** {@link #conditions(String, FilterCriteria)} with a semanticsFilter the database evaluates (null: none). */
    String conditions(String r, FilterCriteria fc, DescriptorPatterns described) {
        List<String> conditions = conditionList(r, fc, described);
        if (conditions.isEmpty()) {
            return "";
        }
        FilterOperation fo = fc.filterOperationOrDefault();
        if (fo == FilterOperation.XOR) {
            return met(conditions) + " = 1"; // exactly one of the conditions holds
        }
        return "(" + String.join(fo == FilterOperation.OR ? " OR " : " AND ", conditions) + ")";
    }

    /**
     * How many of {@code conditions} a resource meets, as an integer expression. It may be used twice in one query
     * (selected and compared): a named parameter may occur more than once.
     */
    String met(List<String> conditions) {
        StringBuilder sum = new StringBuilder("(");
        for (int i = 0; i < conditions.size(); i++) {
            sum.append(i == 0 ? "" : " + ").append("CASE WHEN ").append(conditions.get(i)).append(" THEN 1 ELSE 0 END");
        }
        return sum.append(")").toString();
    }

    /**
     * The matching conditions of {@code fc} on resource alias {@code r}, one predicate per condition (the values of
     * one condition already ORed), not yet combined by filterOperation. The content filter (cfs/cfq) is not among
     * them: no database evaluates it (see {@link io.keel.core.store.ResourceSearch#candidates}).
     */
    List<String> conditionList(String r, FilterCriteria fc) {
        return conditionList(r, fc, null);
    }

    /** {@link #conditionList(String, FilterCriteria)} with a semanticsFilter the database evaluates (null: none). */
    List<String> conditionList(String r, FilterCriteria fc, DescriptorPatterns described) {
        List<String> conditions = new ArrayList<>();
        compare(conditions, r + ".ct", "<", fc.createdBefore);
        compare(conditions, r + ".ct", ">=", fc.createdAfter);
        compare(conditions, r + ".dgt", "<", fc.generatedBefore); // a resource without dgt (NULL) meets neither
        compare(conditions, r + ".dgt", ">=", fc.generatedAfter);
        compare(conditions, r + ".lt", ">=", fc.modifiedSince);
        compare(conditions, r + ".lt", "<", fc.unmodifiedSince);
        compare(conditions, r + ".st", "<", fc.stateTagSmaller);
        compare(conditions, r + ".st", ">=", fc.stateTagBigger);
        compare(conditions, r + ".et", "<", fc.expireBefore);
        compare(conditions, r + ".et", ">=", fc.expireAfter);
        compare(conditions, r + ".cs", ">=", fc.sizeAbove);
        compare(conditions, r + ".cs", "<", fc.sizeBelow);
        if (!fc.labels.isEmpty()) {
            conditions.add(labelIn(r, fc.labels));
            selectiveSubquery = true;
        }
        if (fc.labelsQuery != null) {
            LabelsQuery q = LabelsQuery.parse(fc.labelsQuery);
            conditions.add(labelsQuery(r, q));
            selectiveSubquery |= q.kind() != LabelsQuery.Kind.NOT_HAS;
        }
        if (!fc.resourceTypes.isEmpty()) {
            conditions.add(r + ".ty IN " + in(fc.resourceTypes));
        }
        if (!fc.contentTypes.isEmpty()) {
            conditions.add(r + ".cty IN " + in(fc.contentTypes));
        }
        if (!fc.attributes.isEmpty()) {
            conditions.add(attributes(r, fc.attributes));
        }
        selectiveSubquery |= !fc.attributes.isEmpty();
        if (!fc.childResourceTypes.isEmpty()) {
            conditions.add(child(r, c -> c + ".ty IN " + in(fc.childResourceTypes)));
        }
        if (!fc.childLabels.isEmpty()) {
            conditions.add(child(r, c -> labelIn(c, fc.childLabels)));
        }
        if (!fc.childAttributes.isEmpty()) {
            conditions.add(child(r, c -> attributes(c, fc.childAttributes)));
        }
        if (!fc.parentResourceTypes.isEmpty()) {
            conditions.add(parent(r, p -> p + ".ty IN " + in(fc.parentResourceTypes)));
        }
        if (!fc.parentLabels.isEmpty()) {
            conditions.add(parent(r, p -> labelIn(p, fc.parentLabels)));
        }
        if (!fc.parentAttributes.isEmpty()) {
            conditions.add(parent(r, p -> attributes(p, fc.parentAttributes)));
        }
        if (described != null) {
            conditions.add(described(r, described));
        }
        return conditions;
    }

    /** Who may see what (see {@link Visibility}), as a predicate on alias {@code r}; "" when everything is visible. */
    String visibility(String r, Visibility v) {
        String access = access(r, v);
        String hidden = notHidden(r, v.hidden());
        return access.isEmpty() ? hidden : hidden.isEmpty() ? access : access + " AND " + hidden;
    }

    /**
     * None of the hidden children: each rule is an uncorrelated subquery on the attribute index, evaluated once (the
     * parents with the attribute value are few).
     */
    private String notHidden(String r, List<Visibility.HiddenChildren> rules) {
        List<String> all = new ArrayList<>();
        for (Visibility.HiddenChildren h : rules) {
            String v = alias();
            all.add("NOT (" + r + ".ty = " + param(h.type()) + " AND " + r + ".pi IN (SELECT " + v + ".ri FROM AttributeRow " + v
                    + " WHERE " + v + ".nm = " + param(h.parentAttribute()) + " AND " + v + ".val = " + param(h.parentValue()) + "))");
        }
        return String.join(" AND ", all);
    }

    private String access(String r, Visibility v) {
        if (v.everything()) {
            return "";
        }
        List<String> owned = new ArrayList<>();
        owned.add(r + ".origin = " + param(v.origin()));
        for (String subtree : v.subtrees()) {
            owned.add(r + ".srn = " + param(subtree));
            owned.add(below(r + ".srn", subtree));
        }
        String ownership = "(" + String.join(" OR ", owned) + ")";
        Visibility.Custody custody = v.custody();
        if (custody != null) {
            ownership = "(" + custodied(r, custody, true) + " OR (NOT " + custodied(r, custody, false) + " AND " + ownership + "))";
        }
        List<String> any = new ArrayList<>();
        String byToken = tokenGranted(r, v);
        if (!byToken.isEmpty()) {
            any.add(byToken);
        }
        if (!v.alsoVisible().isEmpty()) {
            any.add(r + ".ri IN " + param(v.alsoVisible()));
        }
        if (!v.policiesExist()) {
            any.add(ownership);
            return "(" + String.join(" OR ", any) + ")";
        }
        if (custody != null) {
            String c = alias();
            any.add("(" + r + ".ty = " + v.policyType() + " AND " + r + ".ri IN (SELECT " + c + ".ri FROM AttributeRow " + c
                    + " WHERE " + c + ".nm = " + param(custody.attribute()) + " AND " + c + ".val IN " + in(custody.names()) + "))");
        }
        if (!v.selfGranting().isEmpty()) {
            any.add("(" + r + ".ty = " + v.policyType() + " AND " + r + ".ri IN " + param(v.selfGranting()) + ")");
        }
        if (!v.granting().isEmpty()) {
            String g = alias();
            any.add(r + ".ri IN (SELECT " + g + ".ri FROM GoverningPolicyRow " + g + " WHERE " + g + ".acp IN " + param(v.granting()) + ")");
        }
        String g = alias();
        any.add("(" + r + ".ty <> " + v.policyType() + " AND NOT EXISTS (SELECT " + g + " FROM GoverningPolicyRow "
                + g + " WHERE " + g + ".ri = " + r + ".ri) AND " + ownership + ")");
        return "(" + String.join(" OR ", any) + ")";
    }

    /** The resources a token grants, and their children that take their decision; "" when none. */
    private String tokenGranted(String r, Visibility v) {
        if (v.tokenGranted().isEmpty()) {
            return "";
        }
        String granted = param(v.tokenGranted());
        if (v.inheriting().isEmpty()) {
            return r + ".ri IN " + granted;
        }
        return "(" + r + ".ri IN " + granted + " OR (" + r + ".pi IN " + param(v.tokenGranted()) + " AND " + r + ".ty IN "
                + param(v.inheriting()) + "))";
    }

    /**
     * Whether the resource, or the parent whose decision a resource of an inheriting type takes, names a custodian
     * ({@code requester}: the requester). Uncorrelated subqueries on the attribute index, evaluated once.
     */
    private String custodied(String r, Visibility.Custody custody, boolean requester) {
        String c = alias();
        String custodians = "(SELECT " + c + ".ri FROM AttributeRow " + c + " WHERE " + c + ".nm = " + param(custody.attribute())
                + (requester ? " AND " + c + ".val IN " + in(custody.names()) : "") + ")";
        String own = r + ".ri IN " + custodians;
        if (custody.inheritingTypes().isEmpty()) {
            return "(" + own + ")";
        }
        return "(" + own + " OR (" + r + ".ty IN " + in(custody.inheritingTypes()) + " AND " + r + ".pi IN " + custodians + "))";
    }

    String param(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return ":" + name;
    }

    /**
     * The names below {@code srn} ("srn/…"), as a range of the srn column, not {@code LIKE 'srn/%' ESCAPE '\\'}:
     * with an ESCAPE clause EclipseLink writes every parameter of the statement into its SQL, which the database then
     * parses and plans anew each time; and H2 cannot use an index for a LIKE whose pattern is a parameter. The range
     * is the same set in the column's binary order ('0' follows '/').
     */
    String below(String column, String srn) {
        return "(" + column + " >= " + param(srn + "/") + " AND " + column + " < " + param(srn + "0") + ")";
    }

    /**
     * {@code (:p0, :p1, …)}, one parameter per value. EclipseLink's parser rejects a bare collection parameter
     * ({@code IN :p0}) inside CASE WHEN, where XOR and the condition counts of {@link #met} put every condition.
     */
    String in(Collection<?> values) {
        List<String> params = new ArrayList<>();
        values.forEach(v -> params.add(param(v)));
        return "(" + String.join(", ", params) + ")";
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private void compare(List<String> conditions, String column, String op, Object value) {
        if (value != null) {
            conditions.add(column + " " + op + " " + param(value instanceof Instant t ? Timestamps.epochMicros(t) : value));
        }
    }

    /** Uncorrelated: the database finds the labelled resources once, by the label index, not once per row. */
    private String labelIn(String r, List<String> labels) {
        String l = alias();
        return r + ".ri IN (SELECT " + l + ".ri FROM LabelRow " + l + " WHERE " + l + ".lbl IN " + param(labels) + ")";
    }

    /** A labelsQuery expression (TS-0004 7.3.3.17.16) as uncorrelated subqueries on the label index. */
    private String labelsQuery(String r, LabelsQuery q) {
        return switch (q.kind()) {
            case HAS -> withKey(r, q.key());
            case NOT_HAS -> "NOT " + withKey(r, q.key());
            case EQUALS, IN -> labelIn(r, q.pairs());
            case NOT_EQUALS, NOT_IN -> "(" + withKeyValue(r, q.key()) + " AND NOT " + labelIn(r, q.pairs()) + ")";
        };
    }

    /** A label that is the key, or the key with a value. */
    private String withKey(String r, String key) {
        String l = alias();
        return r + ".ri IN (SELECT " + l + ".ri FROM LabelRow " + l + " WHERE " + l + ".lbl = " + param(key) + " OR "
                + l + ".lbl LIKE " + param(escapeLike(key) + ":%") + " ESCAPE '\\')";
    }

    /** A label that is the key with a value. */
    private String withKeyValue(String r, String key) {
        String l = alias();
        return r + ".ri IN (SELECT " + l + ".ri FROM LabelRow " + l + " WHERE " + l + ".lbl LIKE "
                + param(escapeLike(key) + ":%") + " ESCAPE '\\')";
    }

    /**
     * The resources whose location's bounding box passes the window of a geo-query: an uncorrelated subquery on the
     * entries of resource_geo in the grid cells the window overlaps ({@link GeoCells}), each cell a range of its key.
     */
    String geoWindow(String r, GeoWindow w) {
        String g = alias();
        String minLon = param(w.minLon());
        String minLat = param(w.minLat());
        String maxLon = param(w.maxLon());
        String maxLat = param(w.maxLat());
        String box = switch (w.relation()) {
            case INSIDE -> g + ".minLon >= " + minLon + " AND " + g + ".maxLon <= " + maxLon
                    + " AND " + g + ".minLat >= " + minLat + " AND " + g + ".maxLat <= " + maxLat;
            case COVERS -> g + ".minLon <= " + minLon + " AND " + g + ".maxLon >= " + maxLon
                    + " AND " + g + ".minLat <= " + minLat + " AND " + g + ".maxLat >= " + maxLat;
            case OVERLAPS -> g + ".minLon <= " + maxLon + " AND " + g + ".maxLon >= " + minLon
                    + " AND " + g + ".minLat <= " + maxLat + " AND " + g + ".maxLat >= " + minLat;
        };
        selectiveSubquery = true;
        return r + ".ri IN (SELECT " + g + ".ri FROM GeoRow " + g + " WHERE " + g + ".cell IN " + in(GeoCells.query(w))
                + " AND " + box + ")";
    }

    /**
     * The semanticsFilter: the resources with a visible semanticDescriptor child in whose graph a basic graph pattern
     * has a solution. A term is compared by its key (two hashed keys are equal only for equal terms, SHA-256); a
     * variable occurring again joins on the key where it first occurred. The plan's first triple pattern drives: it
     * alone is the subquery's table, the others and the descriptor's visibility are tested per row (EXISTS within the
     * same graph), so that no database may start from a less selective one. As the plan chooses, that subquery is
     * uncorrelated, evaluated once (the described resources, read by id), or correlated, probing the descriptors of
     * each candidate through semantic_triple_described.
     */
    String described(String r, DescriptorPatterns described) {
        SemanticPlan plan = semanticPlan != null ? semanticPlan
                : new SemanticPlan(described.anyOf(), described.anyOf().stream().map(bgp -> false).toList());
        List<String> any = new ArrayList<>();
        for (int i = 0; i < plan.orders().size(); i++) {
            boolean perCandidate = plan.perCandidate().get(i);
            List<TriplePattern> patterns = plan.orders().get(i);
            String first = alias();
            List<String> where = new ArrayList<>();
            where.add(perCandidate ? first + ".described = " + r + ".ri" : first + ".described IS NOT NULL");
            where.addAll(graphMatches(first, patterns, described));
            String select = " FROM SemanticTripleRow " + first + " WHERE " + String.join(" AND ", where);
            // Per candidate on PostgreSQL as a counted subquery, not EXISTS: it turns an EXISTS into a semi-join it may
            // run by hashing every match first, while an aggregate stays a filter evaluated row by row up to the limit.
            // H2 evaluates either row by row, and an EXISTS stops at the first triple, without its grouping machinery
            // (which cost most of a broad smf discovery).
            any.add(!perCandidate ? r + ".ri IN (SELECT " + first + ".described" + select + ")"
                    : counted ? "(SELECT COUNT(" + first + ") " + select + ") > 0" : "EXISTS (SELECT 1" + select + ")");
            selectiveSubquery |= !perCandidate;
        }
        return any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")";
    }

    /**
     * The conditions on triple row {@code first} that its graph answers the basic graph pattern {@code patterns}
     * (their first matched by {@code first} itself, the rest by the graph's other triples) and that its descriptor is
     * visible.
     */
    private List<String> graphMatches(String first, List<TriplePattern> patterns, DescriptorPatterns described) {
        Map<String, String> bound = new HashMap<>();
        List<String> where = new ArrayList<>(terms(first, patterns.get(0), bound));
        if (patterns.size() > 1) {
            StringBuilder from = new StringBuilder();
            List<String> rest = new ArrayList<>();
            for (TriplePattern tp : patterns.subList(1, patterns.size())) {
                String t = alias();
                from.append(from.length() == 0 ? "" : ", ").append("SemanticTripleRow ").append(t);
                rest.add(t + ".graph = " + first + ".graph");
                rest.addAll(terms(t, tp, bound));
            }
            where.add("EXISTS (SELECT 1 FROM " + from + " WHERE " + String.join(" AND ", rest) + ")");
        }
        String d = alias();
        String visible = visibility(d, descriptorVisibility(described));
        if (!visible.isEmpty()) {
            where.add("EXISTS (SELECT 1 FROM ResourceEntity " + d + " WHERE " + d + ".ri = " + first + ".graph AND " + visible + ")");
        }
        return where;
    }

    /**
     * A semanticsFilter of one basic graph pattern walked from the triples of its pattern {@code walked} (constant
     * predicate and object, V44's index): the conditions on triple row {@code t} and the resource {@code r} it
     * describes, for a statement ordered by {@code t.describedSrn} that reads those triples in that order (see
     * JpaResourceStore's walkedDiscovery). The row of each match comes once per matching triple of its descriptors.
     */
    List<String> walked(String t, String r, DescriptorPatterns described, TriplePattern walked) {
        List<TriplePattern> patterns = new ArrayList<>(semanticPlan.orders().get(0));
        patterns.remove(walked);
        patterns.add(0, walked);
        List<String> where = new ArrayList<>();
        where.add(r + ".ri = " + t + ".described");
        where.addAll(graphMatches(t, patterns, described));
        return where;
    }

    /**
     * The pattern the planned semanticsFilter is walked from ({@link #walked}): one basic graph pattern, a pattern of it
     * with a variable subject and a constant predicate and object, the first such in the plan's order (the most
     * selective). Walking reads the matches below the target in name order and stops at the limit, so it costs what
     * the cheaper of {@link SemanticPlan}'s two plans would at most; they remain for the filters it cannot walk. Null
     * when none.
     */
    TriplePattern walkable() {
        if (semanticPlan == null || semanticPlan.orders().size() != 1) {
            return null;
        }
        for (TriplePattern tp : semanticPlan.orders().get(0)) {
            List<String> terms = tp.terms();
            if (DescriptorPatterns.isVariable(terms.get(0)) && !DescriptorPatterns.isVariable(terms.get(1))
                    && !DescriptorPatterns.isVariable(terms.get(2))) {
                return tp;
            }
        }
        return null;
    }

    /** The conditions of triple pattern {@code tp} on row {@code t}, binding its variables seen first here. */
    private List<String> terms(String t, TriplePattern tp, Map<String, String> bound) {
        List<String> where = new ArrayList<>();
        String[] columns = {t + ".sKey", t + ".pKey", t + ".oKey"};
        List<String> terms = tp.terms();
        for (int k = 0; k < 3; k++) {
            String term = terms.get(k);
            if (!DescriptorPatterns.isVariable(term)) {
                where.add(columns[k] + " = " + param(TermKey.of(term)));
            } else if (bound.containsKey(term)) {
                where.add(columns[k] + " = " + bound.get(term));
            } else {
                bound.put(term, columns[k]);
            }
        }
        return where;
    }

    /** The descriptors' visibility without the hiding rules of other types, which never hold for a descriptor. */
    private static Visibility descriptorVisibility(DescriptorPatterns described) {
        Visibility v = described.descriptors();
        return v.hiding(v.hidden().stream().filter(h -> h.type() == described.descriptorType()).toList());
    }

    private String child(String r, Function<String, String> condition) {
        String c = alias();
        return "EXISTS (SELECT " + c + " FROM ResourceEntity " + c + " WHERE " + c + ".pi = " + r + ".ri AND " + condition.apply(c) + ")";
    }

    private String parent(String r, Function<String, String> condition) {
        String p = alias();
        return "EXISTS (SELECT " + p + " FROM ResourceEntity " + p + " WHERE " + p + ".ri = " + r + ".pi AND " + condition.apply(p) + ")";
    }

    /**
     * The attribute conditions of one tag (atr, or those on a child or the parent) are one condition: any of the
     * name/value pairs matching meets it (TS-0004 7.3.3.17.0, 7.3.3.17.9).
     */
    private String attributes(String r, List<AttributeCondition> conditions) {
        List<String> any = new ArrayList<>();
        for (AttributeCondition c : conditions) {
            any.add(attributeEquals(r, c.name(), c.value()));
        }
        return any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")";
    }

    /** attribute = value, with {@code *} standing for any characters in string values. */
    private String attributeEquals(String r, String name, String value) {
        return switch (name) {
            case "rn", "ri", "pi", "cr" -> text(r + "." + name, value);
            case "ty" -> r + ".ty = " + param((int) number(name, value));
            case "st", "cs" -> r + "." + name + " = " + param(number(name, value));
            case "ct", "lt", "et" -> r + "." + name + " = " + param(Timestamps.epochMicros(Timestamps.parse(value, name)));
            case "lbl" -> {
                String l = alias();
                yield r + ".ri IN (SELECT " + l + ".ri FROM LabelRow " + l + " WHERE " + text(l + ".lbl", value) + ")";
            }
            default -> {
                String v = alias();
                yield r + ".ri IN (SELECT " + v + ".ri FROM AttributeRow " + v + " WHERE " + v + ".nm = " + param(name)
                        + " AND " + text(v + ".val", value) + ")";
            }
        };
    }

    private String text(String column, String value) {
        if (value.indexOf('*') < 0) {
            return column + " = " + param(value);
        }
        return column + " LIKE " + param(escapeLike(value).replace("*", "%")) + " ESCAPE '\\'";
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw OneM2MException.badRequest("attribute condition " + name + " needs an integer: " + value);
        }
    }

    private String alias() {
        return "a" + (aliases++);
    }
}
