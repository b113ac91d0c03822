package io.unitize.controlcenter.web;

import io.unitize.controlcenter.store.AuditLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The audit history: every change an operator made or tried, newest first. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public List<AuditLog.AuditEvent> recent(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(Math.max(1, Math.min(limit, 1000)));
    }
}
