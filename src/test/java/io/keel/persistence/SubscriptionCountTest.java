package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keel.core.resource.Resource;
import io.keel.core.store.ResourceStore;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The count of subscription children a resource's row keeps (V40, {@code ResourceTree.countSubscriptions}): every way
 * a request reads the resource sees it, an update of the resource leaves it, and V40 counts what was stored before.
 */
class SubscriptionCountTest {
    @Test
    void everyReadSeesTheCount_andAnUpdateKeepsIt() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-subs")) {
            store.write(tx -> {
                tx.tree().insert(StoredResource.of("id-in", null, 5, "cse-in"));
                tx.tree().insert(StoredResource.of("cnt1", "id-in", 3, "cse-in/cnt"));
                return null;
            });
            assertEquals(0, store.read(tx -> tx.tree().find("cnt1")).subscriptions, "a new resource has none");
            store.write(tx -> {
                tx.tree().lock("cnt1");
                tx.tree().insert(StoredResource.of("sub1", "cnt1", 23, "cse-in/cnt/sub1"));
                tx.tree().countSubscriptions("cnt1", 1);
                tx.tree().insert(StoredResource.of("sub2", "cnt1", 23, "cse-in/cnt/sub2"));
                tx.tree().countSubscriptions("cnt1", 1);
                return null;
            });
            store.write(tx -> {
                Resource cnt = tx.tree().lock("cnt1");
                assertEquals(2, cnt.subscriptions, "locked");
                cnt.attributes.put("mni", 5L);
                tx.tree().update(cnt);
                return null;
            });
            store.read(tx -> {
                assertEquals(2, tx.tree().find("cnt1").subscriptions, "found, after an update of the resource");
                tx.tree().prefetch(List.of("cse-in", "cse-in/cnt"));
                assertEquals(2, tx.tree().findByStructuredName("cse-in/cnt").subscriptions, "prefetched");
                return null;
            });
            store.write(tx -> {
                tx.tree().lock("cnt1");
                Resource sub = tx.tree().lock("sub1");
                tx.tree().countSubscriptions("cnt1", -1);
                tx.tree().deleteSubtree(sub, java.util.Set.of());
                return null;
            });
            assertEquals(1, store.read(tx -> tx.tree().find("cnt1")).subscriptions);
        }
    }

    @Test
    void v40CountsTheSubscriptionsStoredBeforeIt() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("keel-subs-v40").resolve("keel");
        Migrations.on(url).target("38").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "", "")) {
            Migrations.insertResource(c, "id-in", null, 5, "cse-in");
            Migrations.insertResource(c, "cnt", "id-in", 3, "cse-in/c");
            Migrations.insertResource(c, "s1", "cnt", 23, "cse-in/c/s1");
            Migrations.insertResource(c, "s2", "cnt", 23, "cse-in/c/s2");
            Migrations.insertResource(c, "s3", "id-in", 23, "cse-in/s3");
        }
        Migrations.on(url).load().migrate();
        Map<String, Integer> subs = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, "", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT ri, subs FROM resource")) {
            while (rs.next()) {
                subs.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertEquals(Map.of("id-in", 1, "cnt", 2, "s1", 0, "s2", 0, "s3", 0), subs);
    }
}
