package io.keel.core.resource.types;

import io.keel.core.location.NetworkLocationSource;
import io.keel.core.resource.AttributeType;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.flex.CatalogueLoader;
import io.keel.core.resource.flex.FlexCatalogue;
import io.keel.core.resource.flex.Specialization;
import io.keel.core.resource.mgmt.MgmtCatalogue;
import io.keel.core.resource.mgmt.MgmtCatalogueLoader;
import io.keel.core.resource.mgmt.MgmtSpecialization;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.semantic.SemanticSettings;
import io.keel.core.store.Visibility;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The resource types this CSE implements, by number: adding a type means adding its class and a line here. */
public final class TypeRegistry {
    private static final int ANNOUNCED_FLEX_CONTAINER = AnnouncedType.OFFSET + ResourceTypes.FLEX_CONTAINER;
    private static final int ANNOUNCED_MGMT_OBJ = AnnouncedType.OFFSET + ResourceTypes.MGMT_OBJ;
    private final Map<Integer, ResourceType> byTy = new LinkedHashMap<>();
    private final Map<String, ResourceType> byRootElement = new LinkedHashMap<>();
    // What the types say together, derived once: deletions, discovery and content filters ask on every request.
    private final List<Integer> inheritingAccessControl;
    private final Set<Integer> childless;
    private final List<Visibility.HiddenChildren> hiddenChildren;
    private final Set<Integer> withContent;
    private final Set<String> fanOutPoints;
    private final FlexCatalogue flex;
    /** One type per flexContainer specialization, by containerDefinition (what a stored resource keeps). */
    private final Map<String, FlexContainerType> flexByCnd = new LinkedHashMap<>();
    /** The announced type of each announceable type, by the original's root element (one per specialization). */
    private final Map<String, AnnouncedType> announcedByOriginal = new LinkedHashMap<>();
    /** One announced type per flexContainer specialization, by containerDefinition (MA, so each stored one has it). */
    private final Map<String, AnnouncedType> announcedFlexByCnd = new LinkedHashMap<>();
    private final MgmtCatalogue mgmt;
    private final CrossResourceSubscriptionType crossResourceSubscription = new CrossResourceSubscriptionType();
    private final TokenType token = new TokenType();
    /** One type per mgmtObj specialization, by mgmtDefinition (what a stored resource keeps). */
    private final Map<Long, MgmtObjType> mgmtByMgd = new LinkedHashMap<>();
    /** One announced type per announced mgmtObj specialization, by mgmtDefinition (MA, so each stored one has it). */
    private final Map<Long, AnnouncedType> announcedMgmtByMgd = new LinkedHashMap<>();

    /** What the distributed authorization resources ask of the CSE's access control, once it is bound. */
    private volatile AuthorizationFunctions authorization = AuthorizationFunctions.UNBOUND;

    /**
     * Binds the CSE's access control to {@code <authorizationDecision>}, {@code <authorizationPolicy>} and {@code
     * <authorizationInformation>} (the CSE is their PDP, PRP and PIP): access control is built from the types, so it
     * comes after them.
     */
    public void bindAuthorization(AuthorizationFunctions functions) {
        this.authorization = functions;
    }

    /** What the CSE's own authorization resources do (its PDP, PRP and PIP), for the CSE as PEP asking them in-process. */
    public AuthorizationFunctions authorization() {
        return authorization;
    }

    /** {@code <crossResourceSubscription>}, whose requests on its targets the CSE wires in. */
    public CrossResourceSubscriptionType crossResourceSubscription() {
        return crossResourceSubscription;
    }

    /** {@code <container>}, whose Retrieve of la the CSE's location tracker precedes for location containers. */
    public ContainerType container() {
        return (ContainerType) require(ResourceTypes.CONTAINER);
    }

    /** {@code <semanticDescriptor>}, whose validation by another CSE's semanticValidation the CSE wires in. */
    public SemanticDescriptorType semanticDescriptor() {
        return (SemanticDescriptorType) require(ResourceTypes.SEMANTIC_DESCRIPTOR);
    }

    /** {@code <token>}, whose issuer and verifier the CSE wires in. */
    public TokenType token() {
        return token;
    }

    /** With the flexContainer specializations Keel ships. */
    public TypeRegistry() {
        this(new FlexCatalogue(CatalogueLoader.builtIn()));
    }

    public TypeRegistry(FlexCatalogue flex) {
        this(flex, MgmtCatalogueLoader.builtIn());
    }

    public TypeRegistry(FlexCatalogue flex, MgmtCatalogue mgmt) {
        this(flex, mgmt, SemanticSettings.DEFAULTS);
    }

    /** With the bounds of semanticDescriptors from the settings. */
    public TypeRegistry(FlexCatalogue flex, SemanticSettings semantics) {
        this(flex, MgmtCatalogueLoader.builtIn(), semantics);
    }

    /** With the Location Server interface found on the class path, if any (see {@link NetworkLocationSource}). */
    public TypeRegistry(FlexCatalogue flex, MgmtCatalogue mgmt, SemanticSettings semantics) {
        this(flex, mgmt, semantics, NetworkLocationSource.discover().orElse(null));
    }

    /** @param network the Location Server interface of network-based locationPolicies; null when the CSE has none */
    public TypeRegistry(FlexCatalogue flex, MgmtCatalogue mgmt, SemanticSettings semantics, NetworkLocationSource network) {
        this.flex = flex;
        this.mgmt = mgmt;
        register(new AccessControlPolicyType());
        register(new CseBaseType());
        register(new AeType());
        register(new ContainerType());
        register(new ContentInstanceType(semantics));
        register(new DynamicAuthorizationConsultationType());
        register(new AuthorizationDecisionType(() -> authorization));
        register(new AuthorizationPolicyType(() -> authorization));
        register(new AuthorizationInformationType(() -> authorization));
        register(new ExecInstanceType());
        register(new FlexContainerInstanceType());
        register(new GroupType());
        register(new LocationPolicyType(network));
        register(new MgmtCmdType());
        register(MgmtObjType.generic(mgmt));
        register(new NodeType());
        register(new NotificationTargetMgmtPolicyRefType());
        register(new NotificationTargetPolicyType());
        register(new PolicyDeletionRulesType());
        register(new PollingChannelType());
        register(new RemoteCseType());
        register(new RequestType());
        register(new RoleType());
        register(token);
        register(new ScheduleType());
        register(new M2mServiceSubscriptionProfileType());
        register(new ServiceSubscribedNodeType());
        register(new ServiceSubscribedAppRuleType());
        register(new SemanticDescriptorType(semantics));
        register(new OntologyRepositoryType());
        register(new OntologyType(semantics));
        register(new SubscriptionType(this::get));
        register(crossResourceSubscription);
        register(new TimeSeriesType());
        register(new TimeSeriesInstanceType());
        register(FlexContainerType.generic(flex));
        List<FlexContainerType> specialized = new java.util.ArrayList<>();
        for (Specialization s : flex.all()) {
            FlexContainerType t = FlexContainerType.of(s, flex);
            byRootElement.put(t.rootElement(), t);
            flexByCnd.put(s.cnd(), t);
            specialized.add(t);
        }
        List<MgmtObjType> mgmtObjs = new java.util.ArrayList<>();
        for (MgmtSpecialization s : mgmt.all()) {
            MgmtObjType t = MgmtObjType.of(s, mgmt);
            byRootElement.put(t.rootElement(), t);
            mgmtByMgd.put((long) s.mgd(), t);
            mgmtObjs.add(t);
        }
        // One announced type per type Keel announces, declared from it (TS-0004 7.4.26).
        for (ResourceType original : List.copyOf(byTy.values())) {
            if (original.supportsAnnouncement()) {
                register(announce(original));
            }
        }
        // and one per flexContainer specialization ({@code cod:binShAnnc}), found by root element and cnd like its original.
        for (FlexContainerType original : specialized) {
            AnnouncedType a = announce(original);
            byRootElement.put(a.rootElement(), a);
            announcedFlexByCnd.put(original.specialization().cnd(), a);
        }
        // and one per announced mgmtObj specialization ({@code m2m:fwrA}), found by root element and mgd like its original.
        for (MgmtObjType original : mgmtObjs) {
            if (original.announced()) {
                AnnouncedType a = announce(original);
                byRootElement.put(a.rootElement(), a);
                announcedMgmtByMgd.put((long) original.specialization().mgd(), a);
            }
        }
        inheritingAccessControl = byTy.values().stream().filter(t -> !t.hasAccessControlPolicyIds() && !t.governsItself())
                .map(ResourceType::ty).toList();
        childless = byTy.values().stream().filter(ResourceType::childless).map(ResourceType::ty)
                .collect(Collectors.toUnmodifiableSet());
        hiddenChildren = byTy.values().stream().flatMap(t -> t.hiddenChildren().stream()).toList();
        withContent = byTy.values().stream().filter(ResourceType::hasContent).map(ResourceType::ty)
                .collect(Collectors.toUnmodifiableSet());
        fanOutPoints = byTy.values().stream().flatMap(t -> t.virtualChildren().values().stream())
                .filter(v -> v.fansOut()).map(v -> v.name()).collect(Collectors.toUnmodifiableSet());
    }

    private AnnouncedType announce(ResourceType original) {
        Set<Integer> children = original.childTypes().stream().map(byTy::get)
                .filter(t -> t != null && t.supportsAnnouncement()).map(t -> AnnouncedType.OFFSET + t.ty())
                .collect(Collectors.toUnmodifiableSet());
        AnnouncedType a = original instanceof AnnouncedVariant v ? v.announcedType(children) : new AnnouncedType(original, children);
        announcedByOriginal.put(original.rootElement(), a);
        return a;
    }

    /** The announced type of an announceable type (of a flexContainer specialization: its own, {@code cod:binShAnnc}). */
    public AnnouncedType announcedTypeOf(ResourceType original) {
        AnnouncedType a = announcedByOriginal.get(original.rootElement());
        if (a == null) {
            throw new IllegalStateException(original.rootElement() + " is not announced");
        }
        return a;
    }

    private void register(ResourceType t) {
        byTy.put(t.ty(), t);
        byRootElement.put(t.rootElement(), t);
    }

    /** Each type, in registration order. */
    public void forEach(java.util.function.Consumer<ResourceType> action) {
        byTy.values().forEach(action);
    }

    /** @return the type, or null when Keel does not implement it. */
    public ResourceType get(int ty) {
        return byTy.get(ty);
    }

    /** The type of a stored resource, which is always one Keel implements. */
    public ResourceType require(int ty) {
        ResourceType t = byTy.get(ty);
        if (t == null) {
            throw new IllegalStateException("no resource type " + ty);
        }
        return t;
    }

    /**
     * The type a request asks to create: 5001 for a type the standard defines but Keel does not implement, 4000 for a
     * number the standard does not know.
     */
    public ResourceType requested(int ty) {
        ResourceType type = byTy.get(ty);
        if (type != null) {
            return type;
        }
        if (ResourceTypes.isDefined(ty)) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "resource type " + ty + " is not supported by this CSE");
        }
        throw OneM2MException.badRequest("unknown resource type " + ty);
    }

    /**
     * The type of a stored resource: its flexContainer specialization (by cnd) for a flexContainer, the generic
     * flexContainer type when the catalogue no longer has it; likewise for a mgmtObj by its mgmtDefinition.
     */
    public ResourceType typeOf(Resource r) {
        if (r.ty == ResourceTypes.FLEX_CONTAINER && r.get(FlexContainerType.CONTAINER_DEFINITION) instanceof String cnd
                && flexByCnd.get(cnd) != null) {
            return flexByCnd.get(cnd);
        }
        if (r.ty == ANNOUNCED_FLEX_CONTAINER && r.get(FlexContainerType.CONTAINER_DEFINITION) instanceof String cnd
                && announcedFlexByCnd.get(cnd) != null) {
            return announcedFlexByCnd.get(cnd);
        }
        if (r.ty == ResourceTypes.MGMT_OBJ && mgmtByMgd.get(MgmtObjType.mgmtDefinition(r)) != null) {
            return mgmtByMgd.get(MgmtObjType.mgmtDefinition(r));
        }
        if (r.ty == ANNOUNCED_MGMT_OBJ && announcedMgmtByMgd.get(MgmtObjType.mgmtDefinition(r)) != null) {
            return announcedMgmtByMgd.get(MgmtObjType.mgmtDefinition(r));
        }
        return require(r.ty);
    }

    /**
     * The type a Create's content stands for, leniently: the specialization its root element names for a
     * flexContainer (else the generic one), the type of the number otherwise; null when Keel does not implement it.
     */
    public ResourceType get(int ty, Object content) {
        if ((isFlex(ty) || isMgmtObj(ty)) && content instanceof Map<?, ?> root && root.size() == 1) {
            ResourceType t = specialized(ty, String.valueOf(root.keySet().iterator().next()));
            if (t != null) {
                return t;
            }
        }
        return get(ty);
    }

    private static boolean isFlex(int ty) {
        return ty == ResourceTypes.FLEX_CONTAINER || ty == ANNOUNCED_FLEX_CONTAINER;
    }

    private static boolean isMgmtObj(int ty) {
        return ty == ResourceTypes.MGMT_OBJ || ty == ANNOUNCED_MGMT_OBJ;
    }

    /** The flexContainer specialization (or its announced variant) of type {@code ty} with this root element, or null. */
    private ResourceType specialized(int ty, String rootElement) {
        ResourceType t = byRootElement.get(rootElement);
        if (t == null || t.ty() != ty) {
            return null;
        }
        ResourceType original = t instanceof AnnouncedType a ? a.original() : t;
        return (original instanceof FlexContainerType f && f.specialization() != null)
                || (original instanceof MgmtObjType m && m.specialization() != null) ? t : null;
    }

    /**
     * {@link #requested(int)}, and for a flexContainer the specialization its content's root element names: 4125 when
     * neither the root element nor the cnd names one Keel knows (TS-0004 7.4.37.2.1), 4000 for a content of no
     * specialization's shape.
     */
    public ResourceType requested(int ty, Object content) {
        ResourceType type = requested(ty);
        if (isMgmtObj(ty)) {
            return requestedMgmtObj(ty, content);
        }
        if (!isFlex(ty)) {
            return type;
        }
        String suffix = ty == ResourceTypes.FLEX_CONTAINER ? "" : "Annc";
        if (!(content instanceof Map<?, ?> root) || root.size() != 1) {
            throw OneM2MException.badRequest("the content of a flexContainer must be a single element of its specialization"
                    + " (such as cod:binSh)");
        }
        Map.Entry<?, ?> e = root.entrySet().iterator().next();
        ResourceType t = specialized(ty, String.valueOf(e.getKey()));
        Object cnd = e.getValue() instanceof Map<?, ?> inner ? inner.get(FlexContainerType.CONTAINER_DEFINITION) : null;
        if (t instanceof AnnouncedType a && cnd != null
                && !((FlexContainerType) a.original()).specialization().cnd().equals(cnd)) {
            // The original's type checks its cnd when it is created; an announced one is checked here.
            throw OneM2MException.badRequest("cnd " + cnd + " is not the containerDefinition of " + e.getKey());
        }
        if (t != null) {
            return t;
        }
        Specialization named = cnd instanceof String s ? flex.byContainerDefinition(s) : null;
        if (named != null) {
            throw OneM2MException.badRequest("cnd " + cnd + " is the containerDefinition of " + named.rootElement() + suffix
                    + ", not of " + e.getKey());
        }
        throw new OneM2MException(ResponseStatusCode.SPECIALIZATION_SCHEMA_NOT_FOUND, "no flexContainer specialization "
                + (cnd == null ? "has the root element " + e.getKey() : "has the containerDefinition " + cnd));
    }

    /**
     * The mgmtObj specialization (or its announced variant) a Create's content names by its root element: the mgmd it
     * carries must be the specialization's. A root element of none is 5001 when its mgd is one TS-0004 table
     * 6.3.4.2.22-1 defines but Keel does not implement (0 self-defined, 1020-1026 of TS-0022), else 4000.
     */
    private ResourceType requestedMgmtObj(int ty, Object content) {
        String suffix = ty == ResourceTypes.MGMT_OBJ ? "" : "A";
        if (!(content instanceof Map<?, ?> root) || root.size() != 1) {
            throw OneM2MException.badRequest("the content of a mgmtObj must be a single element of its specialization"
                    + " (such as m2m:fwr)");
        }
        Map.Entry<?, ?> e = root.entrySet().iterator().next();
        ResourceType t = specialized(ty, String.valueOf(e.getKey()));
        Object given = e.getValue() instanceof Map<?, ?> inner ? inner.get(MgmtObjType.MGMT_DEFINITION) : null;
        Long mgd = null;
        if (given != null) {
            mgd = MgmtObjType.definedMgmtDefinition(given);
        }
        if (t instanceof AnnouncedType a && mgd != null && ((MgmtObjType) a.original()).specialization().mgd() != mgd) {
            // The original's type checks its mgd when it is created; an announced one is checked here.
            throw OneM2MException.badRequest("mgd " + mgd + " is not the mgmtDefinition of " + e.getKey());
        }
        if (t != null) {
            return t;
        }
        MgmtSpecialization named = mgd == null ? null : mgmt.byMgd(mgd);
        if (named != null) {
            throw OneM2MException.badRequest("mgd " + mgd + " is the mgmtDefinition of " + named.rootElement() + suffix
                    + ", not of " + e.getKey());
        }
        if (mgd != null) {
            throw new OneM2MException(ResponseStatusCode.NOT_IMPLEMENTED, "mgmtDefinition " + mgd + " is not supported by this"
                    + " CSE: it implements those of TS-0004 Annex D, 1001-1019");
        }
        throw OneM2MException.badRequest("no mgmtObj specialization has the root element " + e.getKey());
    }

    /** The mgmtObj specializations this CSE implements. */
    public MgmtCatalogue mgmtCatalogue() {
        return mgmt;
    }

    /** The flexContainer specializations this CSE knows. */
    public FlexCatalogue flexCatalogue() {
        return flex;
    }

    /** @return the type whose representation has this root element ({@code m2m:cnt}, {@code cod:binSh}), or null. */
    public ResourceType byRootElement(String rootElement) {
        return byRootElement.get(rootElement);
    }

    /** Whether some implemented type has an attribute of this short name (what attribute conditions may name). */
    public boolean isKnownAttribute(String sn) {
        return byRootElement.values().stream().anyMatch(t -> t.attribute(sn) != null);
    }

    /**
     * Whether every type that has an attribute of this short name declares it as a number stored as a double (xs:float
     * custom attributes): attribute conditions on it compare numbers, not texts.
     */
    public boolean isFloatAttribute(String sn) {
        return byRootElement.values().stream().map(t -> t.attribute(sn)).filter(d -> d != null)
                .allMatch(d -> d.type() == AttributeType.FLOAT) && isKnownAttribute(sn);
    }

    /** Types without acpi that take their parent's access decision (all but those governed by their own privileges). */
    public List<Integer> inheritingAccessControl() {
        return inheritingAccessControl;
    }

    /** Types that never have children, which a deletion need not look below. */
    public Set<Integer> childless() {
        return childless;
    }

    /** What discovery and child lists never show, whoever asks, over all types. */
    public List<Visibility.HiddenChildren> hiddenChildren() {
        return hiddenChildren;
    }

    /** Types whose resources carry content a content filter (cfs/cfq) can test. */
    public Set<Integer> withContent() {
        return withContent;
    }

    /** Names of the virtual children that fan out (a group's fopt), whatever type has them. */
    public Set<String> fanOutPoints() {
        return fanOutPoints;
    }

    /** The supportedResourceType (srt) list the CSEBase advertises. */
    public List<Integer> supported() {
        return List.copyOf(byTy.keySet());
    }
}
