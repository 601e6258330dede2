package io.keel.persistence;

import io.keel.core.resource.Resource;
import io.keel.primitive.OneM2MException;
import io.keel.primitive.ResponseStatusCode;
import io.keel.serialization.ContentCodec;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@link ResourceStore} on JPA (EclipseLink), one EntityManager per transaction. */
public final class JpaResourceStore implements ResourceStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private final EntityManagerFactory emf;

    public JpaResourceStore(EntityManagerFactory emf) {
        this.emf = emf;
    }

    @Override
    public <T> T read(Function<TreeTransaction, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(new Tx(em));
        } finally {
            em.close();
        }
    }

    @Override
    public <T> T write(Function<TreeTransaction, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction t = em.getTransaction();
        try {
            t.begin();
            T result = work.apply(new Tx(em));
            t.commit();
            return result;
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new OneM2MException(ResponseStatusCode.CONFLICT, "a resource with this name already exists under the parent");
            }
            throw e;
        } finally {
            if (t.isActive()) {
                t.rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() {
        emf.close();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static final class Tx implements TreeTransaction {
        private final EntityManager em;

        Tx(EntityManager em) {
            this.em = em;
        }

        @Override
        public Resource find(String ri) {
            ResourceEntity e = em.find(ResourceEntity.class, ri);
            return e == null ? null : toResource(e);
        }

        @Override
        public Resource findByStructuredName(String srn) {
            List<ResourceEntity> l = em.createQuery("SELECT r FROM ResourceEntity r WHERE r.srn = :srn", ResourceEntity.class)
                    .setParameter("srn", srn).getResultList();
            return l.isEmpty() ? null : toResource(l.get(0));
        }

        @Override
        public Resource lock(String ri) {
            ResourceEntity e = em.find(ResourceEntity.class, ri, LockModeType.PESSIMISTIC_WRITE);
            return e == null ? null : toResource(e);
        }

        @Override
        public void insert(Resource r) {
            ResourceEntity e = new ResourceEntity();
            copy(r, e);
            em.persist(e);
            em.flush(); // surface a duplicate sibling name here, inside the request, as 4105
        }

        @Override
        public void update(Resource r) {
            ResourceEntity e = em.find(ResourceEntity.class, r.ri);
            if (e == null) {
                throw OneM2MException.notFound("resource " + r.ri + " no longer exists");
            }
            copy(r, e);
        }

        @Override
        public void deleteSubtree(Resource r) {
            em.flush();
            // The srn prefix finds the whole subtree in one indexed statement; labels go by ON DELETE CASCADE.
            em.createQuery("DELETE FROM ResourceEntity r WHERE r.srn = :srn OR r.srn LIKE :prefix ESCAPE '\\'")
                    .setParameter("srn", r.srn)
                    .setParameter("prefix", escapeLike(r.srn) + "/%")
                    .executeUpdate();
            em.clear();
        }

        @Override
        public List<Resource> children(String pi, List<Integer> types, int offset, int limit) {
            TypedQuery<ResourceEntity> q = types.isEmpty()
                    ? em.createQuery("SELECT r FROM ResourceEntity r WHERE r.pi = :pi ORDER BY r.ct, r.ri", ResourceEntity.class)
                    : em.createQuery("SELECT r FROM ResourceEntity r WHERE r.pi = :pi AND r.ty IN :ty ORDER BY r.ct, r.ri",
                            ResourceEntity.class).setParameter("ty", types);
            return toResources(q.setParameter("pi", pi).setFirstResult(offset).setMaxResults(limit).getResultList());
        }

        @Override
        public Resource newestOrOldestChild(String pi, int ty, boolean newest) {
            String order = newest ? "r.ct DESC, r.ri DESC" : "r.ct, r.ri";
            List<ResourceEntity> l = em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.pi = :pi AND r.ty = :ty ORDER BY " + order, ResourceEntity.class)
                    .setParameter("pi", pi).setParameter("ty", ty).setMaxResults(1).getResultList();
            return l.isEmpty() ? null : toResource(l.get(0));
        }

        @Override
        public List<Resource> oldestChildren(String pi, int ty, int limit) {
            return toResources(em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.pi = :pi AND r.ty = :ty ORDER BY r.ct, r.ri", ResourceEntity.class)
                    .setParameter("pi", pi).setParameter("ty", ty).setMaxResults(limit).getResultList());
        }

        @Override
        public List<Resource> expired(Instant now, int limit) {
            return toResources(em.createQuery(
                            "SELECT r FROM ResourceEntity r WHERE r.et < :now ORDER BY r.et", ResourceEntity.class)
                    .setParameter("now", micros(now)).setMaxResults(limit).getResultList());
        }

        private static String escapeLike(String s) {
            return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }

        private static List<Resource> toResources(List<ResourceEntity> entities) {
            List<Resource> out = new ArrayList<>(entities.size());
            for (ResourceEntity e : entities) {
                out.add(toResource(e));
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Resource toResource(ResourceEntity e) {
            Resource r = new Resource();
            r.ri = e.ri;
            r.pi = e.pi;
            r.ty = e.ty;
            r.rn = e.rn;
            r.srn = e.srn;
            r.ct = instant(e.ct);
            r.lt = instant(e.lt);
            r.et = e.et == null ? null : instant(e.et);
            r.st = e.st;
            r.cr = e.cr;
            r.origin = e.origin;
            r.cs = e.cs;
            Map<String, Object> attrs = (Map<String, Object>) ContentCodec.fromJson(e.attrs);
            Object lbl = attrs.remove("lbl");
            if (lbl instanceof List<?> l) {
                for (Object o : l) {
                    r.lbl.add((String) o);
                }
            }
            r.attributes = new LinkedHashMap<>(attrs);
            return r;
        }

        private static HashSet<Object> storedLabels(String attrs) {
            Object lbl = ((Map<?, ?>) ContentCodec.fromJson(attrs)).get("lbl");
            return lbl instanceof List<?> l ? new HashSet<>(l) : new HashSet<>();
        }

        private static void copy(Resource r, ResourceEntity e) {
            e.ri = r.ri;
            e.pi = r.pi;
            e.ty = r.ty;
            e.rn = r.rn;
            e.srn = r.srn;
            e.ct = micros(r.ct);
            e.lt = micros(r.lt);
            e.et = r.et == null ? null : micros(r.et);
            e.st = r.st;
            e.cr = r.cr;
            e.origin = r.origin;
            e.cs = r.cs;
            // The label rows change only when the labels do; comparing with the stored document avoids loading them.
            boolean labelsChanged = e.attrs == null || !storedLabels(e.attrs).equals(new HashSet<>(r.lbl));
            Map<String, Object> doc = new LinkedHashMap<>();
            if (!r.lbl.isEmpty()) {
                doc.put("lbl", r.lbl);
            }
            doc.putAll(r.attributes);
            e.attrs = ContentCodec.toJson(doc);
            if (labelsChanged) {
                e.labels = new HashSet<>(r.lbl);
            }
        }
    }
}
