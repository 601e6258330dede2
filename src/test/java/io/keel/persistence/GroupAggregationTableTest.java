package io.keel.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keel.core.store.GroupAggregationQueue.Row;
import io.keel.core.store.ResourceStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answered member notifications a group's sweep removes: those due before the bound, and only answered ones. */
class GroupAggregationTableTest {
    @Test
    void answeredRowsDueBeforeTheBoundAreFoundAndRemoved() throws Exception {
        try (ResourceStore store = TempDatabase.open("keel-aggregation")) {
            store.write(tx -> {
                tx.groupAggregation().add(List.of(row("old", 100), row("open", 120), row("new", 300)));
                tx.groupAggregation().take(List.of("old", "open", "new"), "s1", 50);
                tx.groupAggregation().answer(List.of("old", "new"), 2000);
                return null;
            });
            assertFalse(answeredBefore(store, 100), "due at the bound, not before");
            assertTrue(answeredBefore(store, 101));

            store.write(tx -> {
                tx.groupAggregation().removeAnsweredBefore(200);
                return null;
            });
            assertFalse(answeredBefore(store, 200), "the open row is not answered");
            assertEquals(Map.of("new", 2000), store.read(tx -> tx.groupAggregation().answered("i1")));
            assertEquals(List.of("open", "new"), store.read(tx -> tx.groupAggregation()
                    .sent(new io.keel.core.store.GroupAggregationQueue.Batch("grp", "nfu")).stream().map(Row::id).toList()));
        }
    }

    private static boolean answeredBefore(ResourceStore store, long micros) {
        return store.read(tx -> tx.groupAggregation().hasAnsweredBefore(micros));
    }

    private static Row row(String id, long due) {
        return new Row(id, "grp", "nfu", due, "i1", due, "{\"m2m:sgn\":{}}");
    }
}
