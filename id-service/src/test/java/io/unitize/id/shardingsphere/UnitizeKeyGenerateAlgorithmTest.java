package io.unitize.id.shardingsphere;

import io.unitize.id.IdLayout;
import io.unitize.id.SnowflakeIdGenerator;
import org.apache.shardingsphere.infra.algorithm.keygen.core.KeyGenerateAlgorithm;
import org.apache.shardingsphere.infra.spi.type.typed.TypedSPILoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashSet;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loaded the way ShardingSphere loads key generators: by type, through its SPI loader. */
class UnitizeKeyGenerateAlgorithmTest {

    @AfterEach
    void reset() {
        UnitizeKeyGenerateAlgorithm.use(null);
    }

    @Test
    void shardingSphereFindsItByTypeAndItsKeysCarryTheUnit() {
        Properties props = new Properties();
        props.setProperty("unit-index", "3");
        props.setProperty("worker-id", "9");
        KeyGenerateAlgorithm algorithm = TypedSPILoader.getService(KeyGenerateAlgorithm.class, "UNITIZE_SNOWFLAKE", props);
        Collection<? extends Comparable<?>> keys = algorithm.generateKeys(null, 1_000);
        assertThat(new HashSet<>(keys)).hasSize(1_000);
        for (Comparable<?> k : keys) {
            assertThat(IdLayout.standard().unitOf((Long) k)).isEqualTo(3);
            assertThat(IdLayout.standard().workerOf((Long) k)).isEqualTo(9);
        }
    }

    @Test
    void anApplicationGeneratorTakesPrecedence() {
        UnitizeKeyGenerateAlgorithm.use(SnowflakeIdGenerator.builder().unit(1).worker(2).build());
        KeyGenerateAlgorithm algorithm = TypedSPILoader.getService(KeyGenerateAlgorithm.class, "UNITIZE_SNOWFLAKE", new Properties());
        long key = (Long) algorithm.generateKeys(null, 1).iterator().next();
        assertThat(IdLayout.standard().unitOf(key)).isEqualTo(1);
    }

    @Test
    void missingPropertiesAreNamed() {
        Properties props = new Properties();
        props.setProperty("unit-index", "x");
        assertThatThrownBy(() -> TypedSPILoader.getService(KeyGenerateAlgorithm.class, "UNITIZE_SNOWFLAKE", props))
                .hasMessageContaining("'unit-index' must be a number, but was 'x'");
    }
}
