package io.unitize.controlcenter.integrity.web;

import io.unitize.controlcenter.integrity.canal.MisrouteAuditLoop;
import io.unitize.controlcenter.integrity.config.MisrouteConfiguration;
import io.unitize.controlcenter.integrity.misroute.MisrouteAudit;
import io.unitize.controlcenter.integrity.misroute.MisrouteWrite;
import io.unitize.controlcenter.integrity.store.JdbcMisrouteLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/misroutes}: the writes the audit found, newest first, and each unit's audit. */
@RestController
@RequestMapping("/api/v1")
public class MisroutesController {

    private final JdbcMisrouteLog log;
    private final ObjectProvider<MisrouteConfiguration.MisrouteAudits> audits;

    public MisroutesController(JdbcMisrouteLog log, ObjectProvider<MisrouteConfiguration.MisrouteAudits> audits) {
        this.log = log;
        this.audits = audits;
    }

    @GetMapping("/misroutes")
    public View misroutes(@RequestParam(defaultValue = "100") int limit) {
        MisrouteConfiguration.MisrouteAudits a = audits.getIfAvailable();
        List<UnitAudit> units = a == null ? List.of() : a.loops().stream().map(UnitAudit::of).toList();
        return new View(a != null, units, log.recent(Math.max(1, Math.min(limit, 1000))));
    }

    public record View(boolean enabled, List<UnitAudit> units, List<MisrouteWrite> writes) {
    }

    /** One unit's audit: rows judged, replicated rows skipped, misroutes, newest commit read, last error. */
    public record UnitAudit(String unit, Long serverId, long judged, long replicatedSkipped, long misroutes, Long lastCommitMillis,
                            String error) {

        static UnitAudit of(MisrouteAuditLoop loop) {
            MisrouteAudit.Stats s = loop.stats();
            return s == null ? new UnitAudit(loop.unit(), null, 0, 0, 0, null, loop.lastError())
                    : new UnitAudit(loop.unit(), s.serverId(), s.judged(), s.replicatedSkipped(), s.misroutes(),
                    s.lastCommitMillis() == 0 ? null : s.lastCommitMillis(), loop.lastError());
        }
    }
}
