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
        assertThatThrownBy(() -> UnitWriteGuard.builder().rules(() -> RULES).build()).hasMessageContaining("unit must be set");
        assertThatThrownBy(() -> UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES).maintenanceTable("ledger")
                .table(GuardedTable.center("ledger")).build()).hasMessageContaining("maintenance table ledger must be a declared unit table, but is CENTER");
        assertThatThrownBy(() -> UnitWriteGuard.builder().unit("unit-b").rules(() -> RULES).table(GuardedTable.center("a"))
                .table(GuardedTable.center("A"))).hasMessageContaining("table a is declared twice");
        assertThatCode(() -> MaintenanceWrites.open("ok", "orders").close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> MaintenanceWrites.open(" ", "orders")).hasMessageContaining("needs a reason");
    }
}
