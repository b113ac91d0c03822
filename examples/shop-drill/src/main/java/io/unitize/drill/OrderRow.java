package io.unitize.drill;

import java.time.Instant;

/** One scenario row of a unit's {@code orders} table, as the checker reads it: id, buyer, {@code written_by_server}, {@code created_at}. */
record OrderRow(long id, long buyer, long server, Instant at) {
}
