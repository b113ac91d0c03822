package io.unitize.db;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitWriteGuardTest {

    private static final RulesSnapshot RULES = UnitRules.builder().version(3).updatedAt(Instant.parse("2026-11-22T00:00:00Z"))
            .author("t").reason("t").unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of())).route(0, 4999, "center").route(5000, 9999, "unit-b")
            .freeze(7000, 7099).build().compile();

    private static UnitWriteGuard guard(String unit) {
        return UnitWriteGuard.builder().unit(unit).rules(() -> RULES).table(GuardedTable.unit("Orders", "Buyer_ID"))
                .table(GuardedTable.center("ledger")).maintenanceTable("orders").build();
    }

    private static UnitWriteRefusedException.Reason reason(UnitWriteGuard g, String table, StatementBuyers b) {
        try {
            g.checkWrite(table, b);
            return null;
        } catch (UnitWriteRefusedException e) {
            return e.reason();
        }
    }

    @Test
    void decidesInTheDocumentedOrder() {
        UnitWriteGuard b = guard("unit-b");
        assertThat(reason(b, "ORDERS", new StatementBuyers(List.of(5001L, 5002L), true))).isNull();
        assertThat(reason(b, "orders", new StatementBuyers(List.of(42L), true))).isEqualTo(UnitWriteRefusedException.Reason.NOT_HOMED_HERE);
        assertThat(reason(b, "orders", new StatementBuyers(List.of(7001L, 42L), true))).isEqualTo(UnitWriteRefusedException.Reason.FROZEN);
        assertThat(reason(b, "orders", new StatementBuyers(List.of(5001L, 42L), true))).isEqualTo(UnitWriteRefusedException.Reason.MIXED_UNITS);
        assertThat(reason(b, "orders", new StatementBuyers(List.of(5001L), false))).as("a row without visible buyer")
                .isEqualTo(UnitWriteRefusedException.Reason.NO_BUYER);
        assertThat(reason(b, "ledger", StatementBuyers.none())).isEqualTo(UnitWriteRefusedException.Reason.CENTER_ONLY);
        assertThat(reason(guard("center"), "ledger", StatementBuyers.none())).isNull();
        assertThat(reason(b, "other", StatementBuyers.none())).isEqualTo(UnitWriteRefusedException.Reason.UNDECLARED_TABLE);
        assertThat(reason(UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES).strict(false).build(), "other", StatementBuyers.none()))
                .isNull();
    }

    @Test
    void aHintNamesTheBuyerButNeverWidensTheStatement() throws Exception {
        UnitWriteGuard b = guard("unit-b");
        try (WriteHint.Scope ignored = WriteHint.buyer(5001)) {
            assertThat(reason(b, "orders", StatementBuyers.unpinned(List.of(), "the UPDATE has no WHERE")))
                    .as("the SQL does not pin the rows, and the statement cannot be given the hint's condition").isEqualTo(UnitWriteRefusedException.Reason.NO_BUYER);
            assertThatThrownBy(() -> b.checkWrite("orders", StatementBuyers.unpinned(List.of(), "its WHERE does not pin orders.buyer_id")))
                    .hasMessageContaining("its WHERE does not pin orders.buyer_id")
                    .hasMessageContaining("the hint (buyer 5001) cannot stand in for that");
            WritePermit pinned = b.decide("orders", StatementBuyers.unpinned(List.of(), "no WHERE"), true);
            assertThat(pinned.needsPin()).as("where the adapter can add buyer_id = 5001, it must").isTrue();
            assertThat(pinned.pinBuyer()).isEqualTo(5001L);
            assertThat(pinned.buyerColumn()).isEqualTo("buyer_id");
            assertThat(b.decide("orders", StatementBuyers.pinned(List.of(5001L)), true).needsPin()).as("pinned by the SQL already").isFalse();
            assertThatThrownBy(() -> b.decide("orders", StatementBuyers.unpinned(List.of(5002L), "SET buyer_id = 5002 and no WHERE"), true))
                    .as("a row moved to another buyer than the hint's").hasMessageContaining("HINT_CONFLICT");
        }
        try (WriteHint.Scope ignored = WriteHint.buyer(42)) {
            assertThatThrownBy(() -> b.decide("orders", StatementBuyers.unpinned(List.of(), "no WHERE"), true))
                    .as("the hint's buyer itself is checked").hasMessageContaining("NOT_HOMED_HERE");
        }
        try (WriteHint.Scope ignored = WriteHint.buyer(7001)) {
            assertThatThrownBy(() -> b.decide("orders", StatementBuyers.unpinned(List.of(), "no WHERE"), true)).hasMessageContaining("FROZEN");
        }
        try (WriteHint.Scope job = MaintenanceWrites.open("purge", "orders")) {
            assertThat(b.decide("orders", StatementBuyers.unpinned(List.of(), "no WHERE"), false).needsPin()).as("audited maintenance scope").isFalse();
        }
    }

    @Test
    void refusalsCarryTheirStableCodeAsMessagePrefixAndVendorCode() {
        UnitWriteRefusedException e = new UnitWriteRefusedException("orders", 42L, 42, 3, UnitWriteRefusedException.Reason.NOT_HOMED_HERE, "x");
        assertThat(e.getMessage()).startsWith("UNITIZE-DB-011 write to orders refused (NOT_HOMED_HERE) for buyer 42 (slot 42), rules version 3: x");
        assertThat(e.getErrorCode()).isEqualTo(11);
        assertThat(e.getSQLState()).isEqualTo("45000");
        assertThat(e.code()).isEqualTo("UNITIZE-DB-011");
        assertThat(UnitWriteRefusedException.ofStatement("LoadData", UnitWriteRefusedException.Reason.UNSUPPORTED_STATEMENT, "y").getMessage())
                .isEqualTo("UNITIZE-DB-042 write to LoadData refused (UNSUPPORTED_STATEMENT): y");
        assertThat(java.util.Arrays.stream(UnitWriteRefusedException.Reason.values()).map(UnitWriteRefusedException.Reason::code).distinct().count())
                .isEqualTo(UnitWriteRefusedException.Reason.values().length);
    }

    @Test
    void withoutRulesEveryGuardedWriteIsRefused() {
        UnitWriteGuard g = UnitWriteGuard.builder().unit("unit-b").rules(() -> {
            throw new RulesUnavailableException("no rules yet");
        }).table(GuardedTable.unit("orders", "buyer_id")).build();
        assertThatThrownBy(() -> g.checkWrite("orders", new StatementBuyers(List.of(5001L), true)))
                .isInstanceOf(UnitWriteRefusedException.class).hasMessageContaining("NO_RULES");
    }

    @Test
    void badConfigurationIsRefusedNamingIt() {
        assertThatThrownBy(() -> GuardedTable.unit("orders", " ")).hasMessageContaining("unit table orders needs its buyer column");
        assertThatThrownBy(() -> GuardedTable.unit("orders", "buyer`id")).hasMessageContaining("buyer column must be a plain identifier");
        assertThatThrownBy(() -> UnitWriteGuard.builder().rules(() -> RULES).build()).hasMessageContaining("unit must be set");
        assertThatThrownBy(() -> UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES).maintenanceTable("ledger")
                .table(GuardedTable.center("ledger")).build()).hasMessageContaining("maintenance table ledger must be a declared unit table, but is CENTER");
        assertThatThrownBy(() -> UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES).table(GuardedTable.center("a"))
                .table(GuardedTable.center("A"))).hasMessageContaining("table a is declared twice");
        assertThatCode(() -> MaintenanceWrites.open("ok", "orders").close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> MaintenanceWrites.open(" ", "orders")).hasMessageContaining("needs a reason");
    }
}
