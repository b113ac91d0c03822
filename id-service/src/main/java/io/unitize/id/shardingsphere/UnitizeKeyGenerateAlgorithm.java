package io.unitize.id.shardingsphere;

import io.unitize.id.SnowflakeIdGenerator;
import org.apache.shardingsphere.infra.algorithm.core.context.AlgorithmSQLContext;
import org.apache.shardingsphere.infra.algorithm.keygen.core.KeyGenerateAlgorithm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * ShardingSphere key generator {@code UNITIZE_SNOWFLAKE}: keys from Unitize's snowflake generator,
 * carrying the unit, never colliding with keys generated in another unit.
 *
 * <pre>
 * keyGenerators:
 *   unitize:
 *     type: UNITIZE_SNOWFLAKE
 *     props:
 *       unit-index: 1     # ignored when the application registered its generator
 *       worker-id: 7
 * </pre>
 * An application that leases its worker id ({@code JdbcWorkerLeases}) registers its generator with
 * {@link #use(SnowflakeIdGenerator)} before ShardingSphere starts; the properties are the fallback.
 */
public final class UnitizeKeyGenerateAlgorithm implements KeyGenerateAlgorithm {

    public static final String TYPE = "UNITIZE_SNOWFLAKE";
    private static final AtomicReference<SnowflakeIdGenerator> SHARED = new AtomicReference<>();

    private SnowflakeIdGenerator generator;

    /** The generator every {@code UNITIZE_SNOWFLAKE} key generator of this JVM uses. */
    public static void use(SnowflakeIdGenerator generator) {
        SHARED.set(generator);
    }

    @Override
    public void init(Properties props) {
        SnowflakeIdGenerator shared = SHARED.get();
        if (shared != null) {
            generator = shared;
            return;
        }
        generator = SnowflakeIdGenerator.builder().unit(required(props, "unit-index")).worker(required(props, "worker-id")).build();
    }

    private static int required(Properties props, String key) {
        String v = props.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("key generator " + TYPE + " needs property '" + key
                    + "' (or an application generator registered with UnitizeKeyGenerateAlgorithm.use)");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key generator " + TYPE + " property '" + key + "' must be a number, but was '" + v + "'");
        }
    }

    @Override
    public Collection<Long> generateKeys(AlgorithmSQLContext context, int keyGenerateCount) {
        List<Long> keys = new ArrayList<>(keyGenerateCount);
        for (int i = 0; i < keyGenerateCount; i++) {
            keys.add(generator.nextId());
        }
        return keys;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
