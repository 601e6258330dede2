package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keel.core.store.NotificationOutbox;
import io.keel.core.store.ResourceStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox rows, written and deleted by plain JDBC on the transaction's connection: they commit and roll back with
 * the change that raised them, in every chunk, and come back in order.
 */
class NotificationOutboxTableTest {
    private static List<NotificationOutbox.Row> rows(int n, String prefix) {
        List<NotificationOutbox.Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new NotificationOutbox.Row(prefix + i, 1000 + i, "sub" + i, "sub" + i + " http://r/" + i,
                    "http://r/" + i, "ev1", "{\"nev\":{\"rep\":{\"m2m:cin\":{\"con\":\"" + i + "\"}},\"net\":3}}"));
        }
        return rows;
    }

    @Test
    void rowsCommitWithTheirTransactionAndGoWhenRemoved() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-outbox")) {
            List<NotificationOutbox.Row> written = rows(450, "r"); // three statements of at most 200 rows
            store.write(tx -> {
                tx.notificationOutbox().add("one", written);
                return null;
            });
            assertEquals(written, store.read(tx -> tx.notificationOutbox().owned("one")));

            assertThrows(IllegalStateException.class, () -> store.write(tx -> {
                tx.notificationOutbox().add("one", rows(250, "x"));
                throw new IllegalStateException("the change fails after raising its notifications");
            }));
            assertEquals(450, store.read(tx -> tx.notificationOutbox().owned("one")).size(), "rolled back with it");

            store.write(tx -> {
                tx.notificationOutbox().remove(written.subList(0, 430).stream().map(NotificationOutbox.Row::id).toList());
                return null;
            });
            assertEquals(written.subList(430, 450), store.read(tx -> tx.notificationOutbox().owned("one")));
        }
    }
}
