package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Invariant 3 of the drill (see {@link Checker}): every unit's order rows, replication status and the client's acknowledgements. */
final class DuplicateIdsCheck {

    private final ShopDatabases shop;

    DuplicateIdsCheck(ShopDatabases shop) {
        this.shop = shop;
    }

    /** 3: no two acknowledgements with one id; every unit's copy of an id has the same buyer and writer; replication threads have no error. */
    Verdict noDuplicates(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        Map<Long, OrderRow> first = new HashMap<>();
        long checked = 0;
        for (UnitEndpoint u : shop.units()) {
            for (OrderRow r : shop.scenarioRows(run, u)) {
                checked++;
                OrderRow seen = first.putIfAbsent(r.id(), r);
                if (seen != null && (seen.buyer() != r.buyer() || seen.server() != r.server())) {
                    bad.add("id " + r.id() + ": buyer " + seen.buyer() + "/server " + seen.server() + " in one unit, buyer "
                            + r.buyer() + "/server " + r.server() + " in " + u.code());
                }
            }
            try (Connection c = shop.connect(u); PreparedStatement ps = c.prepareStatement("SHOW ALL SLAVES STATUS"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt("Last_SQL_Errno") != 0) {
                        bad.add(u.code() + " replication " + rs.getString("Connection_name") + ": " + rs.getString("Last_SQL_Error"));
                    }
                }
            }
        }
        Set<Long> acked = new HashSet<>();
        for (Sample s : run.samples()) {
            if (s.op() == Sample.Op.PLACE && s.ok() && !acked.add(s.orderId())) {
                bad.add("id " + s.orderId() + " acknowledged twice");
            }
        }
        return Verdict.of(Checker.I3, checked, bad);
    }
}
