package io.unitize.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shop's own settings (everything unit-related comes from the Unitize starters' {@code unitize.*}). */
@ConfigurationProperties("shop")
public class ShopProperties {

    /** This process's unit; the same value as {@code unitize.unit}. */
    private String unit;
    /**
     * Deprecated: this unit's index is {@code index} of the unit in units[] of the rules document. Used only
     * where units[] gives none, refused when it disagrees (UNITIZE-RULE-062). Removed in the next release.
     */
    private Integer unitIndex;
    private final Jwt jwt = new Jwt();
    /** The order ids' high-water mark file (default {@code ${user.home}/order-id-<unit>.hwm}). */
    private java.nio.file.Path idHighWaterMark;

    public java.nio.file.Path getIdHighWaterMark() {
        return idHighWaterMark;
    }

    public void setIdHighWaterMark(java.nio.file.Path idHighWaterMark) {
        this.idHighWaterMark = idHighWaterMark;
    }

    /** Bearer tokens naming the buyer (subject = buyer id), checked by the shop too, not only by the gateway. */
    public static class Jwt {
        /** HS256 secret (at least 32 bytes), the gateway's {@code unitize.gateway.jwt.secret}; unset: tokens are not read. */
        private String secret;

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }
    }

    public Jwt getJwt() {
        return jwt;
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    @org.springframework.boot.context.properties.DeprecatedConfigurationProperty(reason = "the unit's index is units[].index of the rules document")
    public Integer getUnitIndex() {
        return unitIndex;
    }

    public void setUnitIndex(Integer unitIndex) {
        this.unitIndex = unitIndex;
    }
}
