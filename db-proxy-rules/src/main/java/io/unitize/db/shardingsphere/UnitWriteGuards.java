package io.unitize.db.shardingsphere;

import io.unitize.db.UnitWriteGuard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write guards of the process, by ShardingSphere logical database name ({@code databaseName}
 * in the YAML; {@code logic_db} by default). {@link UnitWriteAuditor} looks the guard up per statement.
 */
public final class UnitWriteGuards {

    private static final Map<String, UnitWriteGuard> GUARDS = new ConcurrentHashMap<>();

    private UnitWriteGuards() {
    }

    /** Guards every write of the ShardingSphere database {@code databaseName} from now on. */
    public static void register(String databaseName, UnitWriteGuard guard) {
        GUARDS.put(databaseName, guard);
    }

    public static void unregister(String databaseName) {
        GUARDS.remove(databaseName);
    }

    static UnitWriteGuard of(String databaseName) {
        return GUARDS.get(databaseName);
    }
}
