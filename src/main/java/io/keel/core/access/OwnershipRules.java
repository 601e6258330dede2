package io.keel.core.access;

import io.keel.core.CseIdentity;
import io.keel.core.resource.Resource;
import io.keel.core.resource.ResourceType;
import io.keel.core.resource.ResourceTypes;
import io.keel.core.store.ResourceTree;
import java.util.List;

/**
 * The rules that hold whatever the access control policies say, and the default for resources without
 * accessControlPolicyIDs. The default is TS-0001 9.6.1.3.2: the originator that created the resource has access;
 * from Release 4, the resource's custodian (cstn) instead when it names one, and then only the custodian.
 * The rest are Keel's own rules, not the standard's: the admin originator and the CSE itself may do everything;
 * registered AEs and CSEs may retrieve the CSEBase; the AE a resource lives under has its creator's rights.
 */
final class OwnershipRules {
    private final CseIdentity cse;

    OwnershipRules(CseIdentity cse) {
        this.cse = cse;
    }

    /** The admin originator and the CSE itself pass every check. */
    boolean isPrivileged(String who) {
        return who.equals(cse.adminOriginator()) || who.equals(cse.cseId());
    }

    /** An AE registered here (by its AE-ID-Stem) or a CSE registered here (by its SP-relative CSE-ID, {@code /id-mn}). */
    boolean isRegistered(ResourceTree tx, String who) {
        if (who.startsWith("/") && who.indexOf('/', 1) < 0) {
            Resource csr = tx.find(who.substring(1)); // a remoteCSE's ri is the CSE-ID without the slash
            return csr != null && csr.ty == ResourceTypes.REMOTE_CSE && who.equals(csr.get("csi"));
        }
        Resource r = tx.find(who);
        return r != null && r.ty == ResourceTypes.AE;
    }

    /**
     * The default policy: the custodian of the resource when it names one; else the creator of the resource, the AE
     * itself, and the AE it lives under.
     */
    boolean owns(ResourceTree tx, String who, Resource target) {
        if (custodian(target) != null) {
            return isCustodian(who, target);
        }
        if (who.equals(target.origin) || (target.ty == ResourceTypes.AE && who.equals(target.ri))) {
            return true;
        }
        Resource ae = owningAe(tx, target);
        return ae != null && who.equals(ae.ri);
    }

    /** Whether the resource names a custodian and it is this originator (in any form {@link #localId} accepts). */
    boolean isCustodian(String who, Resource target) {
        String custodian = custodian(target);
        return custodian != null && who.equals(localId(custodian));
    }

    /**
     * Whether the originator holds the custodial rights that changing the custodian needs: it is the custodian, or,
     * when none is named, the creator.
     */
    boolean holdsCustody(String who, Resource target) {
        return custodian(target) != null ? isCustodian(who, target) : who.equals(target.origin);
    }

    /**
     * The forms a custodian value naming this originator (in its {@link #localId} form) may take: CSE-relative,
     * SP-relative and absolute for an entity of this CSE, SP-relative and absolute for another CSE of this SP.
     */
    List<String> namesOf(String who) {
        if (who.startsWith("//")) {
            return List.of(who);
        }
        String sp = "//" + cse.spId();
        if (who.startsWith("/")) {
            return List.of(who, sp + who);
        }
        String spRelative = cse.spRelativeCseId() + "/" + who;
        return List.of(who, spRelative, sp + spRelative);
    }

    private static String custodian(Resource r) {
        return r.get(ResourceType.CUSTODIAN) instanceof String s ? s : null;
    }

    /** The subtrees {@link #owns} gives the originator, as structured names: its own AE's, if it is one. */
    List<String> ownedSubtrees(ResourceTree tx, String who) {
        Resource ae = tx.find(who);
        return ae != null && ae.ty == ResourceTypes.AE ? List.of(ae.srn) : List.of();
    }

    /** The absolute form of an originator's ID (TS-0003 7.3.2.2 step 4.1.1.3: a holder is an Absolute AE-ID). */
    String absoluteId(String originator) {
        String local = localId(originator);
        if (local.startsWith("//")) {
            return local;
        }
        return "//" + cse.spId() + (local.startsWith("/") ? local : cse.spRelativeCseId() + "/" + local);
    }

    /**
     * An originator in SP-relative ({@code /id-in/Cxyz}) or absolute form ({@code //sp/id-in/Cxyz}) of this CSE is the
     * same as its CSE-relative form; one of another CSE of this service provider is kept SP-relative.
     */
    String localId(String originator) {
        String ownSp = "//" + cse.spId() + "/";
        if (originator.startsWith(ownSp)) {
            originator = originator.substring(ownSp.length() - 1);
        }
        String prefix = cse.spRelativeCseId() + "/";
        if (originator.startsWith(prefix)) {
            return originator.substring(prefix.length());
        }
        if (originator.equals(cse.spRelativeCseId())) {
            return cse.cseId();
        }
        return originator;
    }

    /** The M2M-SP-ID an originator in the form {@link #localId} leaves belongs to: its own when absolute, else ours. */
    String domainOf(String localOriginator) {
        if (localOriginator.startsWith("//")) {
            int slash = localOriginator.indexOf('/', 2);
            return slash < 0 ? localOriginator.substring(2) : localOriginator.substring(2, slash);
        }
        return cse.spId();
    }

    /** The AE a resource lives under: the second segment of its structured ID, if that is an AE. */
    private static Resource owningAe(ResourceTree tx, Resource r) {
        String[] segments = r.srn.split("/", 3);
        if (segments.length < 3) {
            return null;
        }
        Resource top = tx.findByStructuredName(segments[0] + "/" + segments[1]);
        return top != null && top.ty == ResourceTypes.AE ? top : null;
    }
}
