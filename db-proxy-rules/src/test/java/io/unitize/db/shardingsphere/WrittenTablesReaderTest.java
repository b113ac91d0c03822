package io.unitize.db.shardingsphere;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.db.GuardedTable;
import io.unitize.db.SqlScreen;
import io.unitize.db.UnitTableLayout;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.WritePermit;
import io.unitize.db.WriteHint;
import org.apache.shardingsphere.infra.binder.context.statement.dml.InsertStatementContext;
import org.apache.shardingsphere.infra.config.props.ConfigurationProperties;
import org.apache.shardingsphere.infra.database.core.type.DatabaseType;
import org.apache.shardingsphere.infra.metadata.ShardingSphereMetaData;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.resource.ResourceMetaData;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.infra.metadata.database.schema.model.ShardingSphereColumn;
import org.apache.shardingsphere.infra.metadata.database.schema.model.ShardingSphereSchema;
import org.apache.shardingsphere.infra.metadata.database.schema.model.ShardingSphereTable;
import org.apache.shardingsphere.infra.spi.type.typed.TypedSPILoader;
import org.apache.shardingsphere.sql.parser.api.CacheOption;
import org.apache.shardingsphere.sql.parser.api.SQLParserEngine;
import org.apache.shardingsphere.sql.parser.api.SQLStatementVisitorEngine;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decision on every INSERT / REPLACE / UPDATE / DELETE line of the ground-truth fixtures
 * ({@code guard/probes.sql}, {@code guard/corpus.sql}), from ShardingSphere's MySQL parser and the
 * reader, without a database: fast feedback in {@code mvn test}; {@code GuardGroundTruthIT} checks
 * the same lines against the rows MariaDB really changes.
 */
class WrittenTablesReaderTest {

    private static final RulesSnapshot RULES = UnitRules.builder().version(1).updatedAt(Instant.parse("2026-12-01T00:00:00Z")).author("t")
            .reason("t").unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of())).unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
            .route(0, 4999, "center").route(5000, 9999, "unit-b").freeze(7000, 7099).build().compile();
    private static final List<String> UNIT_TABLES = List.of("t_order", "t_order_item", "t_cart", "t_coupon", "t_small", "t_text");
    private static final Map<String, UnitTableLayout> LAYOUTS = Map.of(
            "t_order", new UnitTableLayout("t_order", "user_id", "BIGINT", List.of(List.of("id"))),
            "t_order_item", new UnitTableLayout("t_order_item", "user_id", "BIGINT", List.of(List.of("id"))),
            "t_cart", new UnitTableLayout("t_cart", "user_id", "BIGINT", List.of(List.of("user_id", "sku"))),
            "t_coupon", new UnitTableLayout("t_coupon", "user_id", "BIGINT", List.of(List.of("user_id", "id"), List.of("code"))),
            "t_small", new UnitTableLayout("t_small", "user_id", "INT", List.of(List.of("id"))),
            "t_text", new UnitTableLayout("t_text", "user_id", "VARCHAR", List.of(List.of("id"))));

    private final DatabaseType mysql = TypedSPILoader.getService(DatabaseType.class, "MySQL");
    private final SQLParserEngine parser = new SQLParserEngine(mysql, new CacheOption(16, 16));
    private final SQLStatementVisitorEngine visitor = new SQLStatementVisitorEngine(mysql);
    private final ShardingSphereMetaData metaData = metaData();
    private final UnitWriteGuard guard = guard();

    @Test
    void everyWriteLineOfTheFixturesGetsItsExpectedDecision() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String resource : List.of("guard/probes.sql", "guard/corpus.sql")) {
            for (String line : lines(resource)) {
                String[] f = line.split(" :: ", 3);
                if (f[2].contains("SHARDINGSPHERE_HINT")) {
                    continue; // decided by the auditor (rewrite skipped), covered by the IT
                }
                String got = decide(f[1], f[2]);
                if (got == null) {
                    continue; // not an INSERT / UPDATE / DELETE
                }
                checked++;
                if (!(got.startsWith(f[0]) || f[0].equals("REFUSE") && got.startsWith("REFUSE"))) {
                    wrong.add(resource + ": expected " + f[0] + ", got " + got + " | " + line);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isGreaterThan(150);
    }

    /** "ACCEPT", "ACCEPT pin=5001" or "REFUSE:REASON"; null for statements the reader does not read. */
    private String decide(String options, String sql) throws Exception {
        Long hint = null;
        List<Object> params = new ArrayList<>();
        if (!options.equals("-")) {
            for (String o : options.split(";")) {
                if (o.startsWith("hint=")) {
                    hint = Long.parseLong(o.substring(5));
                } else if (o.startsWith("params=")) {
                    for (String p : o.substring(7).split(",")) {
                        params.add(param(p));
                    }
                }
            }
        }
        try {
            SqlScreen.screen(sql);
            SQLStatement st = visitor.visit(parser.parse(sql, false));
            if (!(st instanceof InsertStatement || st instanceof UpdateStatement || st instanceof DeleteStatement)) {
                return null;
            }
            WrittenTablesReader reader = new WrittenTablesReader(sql, params, guard, LAYOUTS::get);
            List<WrittenTablesReader.TableWrite> writes = st instanceof UpdateStatement u ? reader.update(u)
                    : st instanceof DeleteStatement d ? reader.delete(d) : reader.insert(new InsertStatementContext(metaData, params, (InsertStatement) st, "db"));
            StringBuilder out = new StringBuilder("ACCEPT");
            try (WriteHint.Scope ignored = hint == null ? () -> { } : WriteHint.buyer(hint)) {
                for (WrittenTablesReader.TableWrite w : writes) {
                    WritePermit permit = guard.decide(w.table(), w.buyers(), w.pinSite() != null);
                    if (permit.needsPin()) {
                        out.append(" pin=").append(permit.pinBuyer());
                    }
                }
            }
            return out.toString();
        } catch (UnitWriteRefusedException e) {
            return "REFUSE:" + e.reason();
        }
    }

    private static Object param(String p) {
        if (p.startsWith("'")) {
            return p.substring(1, p.length() - 1);
        }
        if (p.endsWith("bd")) {
            return new BigDecimal(p.substring(0, p.length() - 2));
        }
        if (p.endsWith("d")) {
            return Double.valueOf(p.substring(0, p.length() - 1));
        }
        if (p.endsWith("i")) {
            return Integer.valueOf(p.substring(0, p.length() - 1));
        }
        return Long.valueOf(p);
    }

    private static List<String> lines(String resource) throws Exception {
        try (InputStream in = WrittenTablesReaderTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static UnitWriteGuard guard() {
        UnitWriteGuard.Builder b = UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES)
                .table(GuardedTable.centerUnit("t_product")).table(GuardedTable.center("t_ledger"));
        UNIT_TABLES.forEach(t -> b.table(GuardedTable.unit(t, "user_id")));
        return b.build();
    }

    private ShardingSphereMetaData metaData() {
        ShardingSphereSchema schema = new ShardingSphereSchema("db", List.of(table("t_order", "id", "user_id", "status", "amount"),
                table("t_order_item", "id", "order_id", "user_id", "sku", "status"), table("t_cart", "user_id", "sku", "qty"),
                table("t_coupon", "user_id", "id", "code"), table("t_small", "id", "user_id"), table("t_text", "id", "user_id"),
                table("t_product", "sku", "price"), table("t_center_cfg", "k", "v"), table("t_ledger", "id", "note")), List.of());
        ShardingSphereDatabase db = new ShardingSphereDatabase("db", mysql, new ResourceMetaData(Map.of()), new RuleMetaData(List.of()), List.of(schema));
        return new ShardingSphereMetaData(List.of(db), new ResourceMetaData(Map.of()), new RuleMetaData(List.of()), new ConfigurationProperties(new Properties()));
    }

    private static ShardingSphereTable table(String name, String... columns) {
        List<ShardingSphereColumn> cs = new ArrayList<>();
        for (String c : columns) {
            cs.add(new ShardingSphereColumn(c, java.sql.Types.OTHER, false, false, false, true, false, true));
        }
        return new ShardingSphereTable(name, cs, List.of(), List.of());
    }
}
