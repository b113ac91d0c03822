package io.unitize.core.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code unitize.unit} and {@code unitize.rules.*}: this application's unit and where its rules
 * come from (the unit's Nacos). Shared by every Unitize agent of the application.
 */
@ConfigurationProperties("unitize")
public class UnitizeRulesProperties {

    /** This application's unit, e.g. {@code center} or {@code unit-b}. Turns Unitize routing on. */
    private String unit;
    private final Rules rules = new Rules();

    public static class Rules extends NacosAuthProperties {
        /** This unit's Nacos, {@code host:port}. */
        private String serverAddr = "127.0.0.1:8848";
        /** Nacos namespace of the rules document (blank = public). */
        private String namespace;
        /** Data id of the rules document. */
        private String dataId = "unitize-rules.json";
        /** Group of the rules document and of the agents' registrations. */
        private String group = "UNITIZE";
        /** Local copy of the last applied rules, used when Nacos is unreachable at startup. */
        private Path snapshotFile;
        /** How long startup waits for the rules before going on without (calls are then refused). */
        private Duration initialTimeout = Duration.ofSeconds(5);
        /** The address this agent reports itself with. */
        private String reportIp = "127.0.0.1";
        /** What this application is, as the control center lists it (e.g. {@code order-service}). */
        private String agentKind = "app";

        public String getAgentKind() {
            return agentKind;
        }

        public void setAgentKind(String agentKind) {
            this.agentKind = agentKind;
        }

        public String getServerAddr() {
            return serverAddr;
        }

        public void setServerAddr(String serverAddr) {
            this.serverAddr = serverAddr;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public String getDataId() {
            return dataId;
        }

        public void setDataId(String dataId) {
            this.dataId = dataId;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public Path getSnapshotFile() {
            return snapshotFile;
        }

        public void setSnapshotFile(Path snapshotFile) {
            this.snapshotFile = snapshotFile;
        }

        public Duration getInitialTimeout() {
            return initialTimeout;
        }

        public void setInitialTimeout(Duration initialTimeout) {
            this.initialTimeout = initialTimeout;
        }

        public String getReportIp() {
            return reportIp;
        }

        public void setReportIp(String reportIp) {
            this.reportIp = reportIp;
        }
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public Rules getRules() {
        return rules;
    }

}
