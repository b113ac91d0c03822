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
    private final Orders orders = new Orders();
    private final Stats stats = new Stats();
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

    /** Orders left unpaid: the shop has no payment, so an order still PLACED this long after it was placed is cancelled. */
    public static class Orders {
        /** How long an order may stay PLACED before the timeout center cancels it (reason "unpaid"). */
        private java.time.Duration unpaidTimeout = java.time.Duration.ofMinutes(15);

        public java.time.Duration getUnpaidTimeout() {
            return unpaidTimeout;
        }

        public void setUnpaidTimeout(java.time.Duration unpaidTimeout) {
            if (unpaidTimeout == null || unpaidTimeout.isNegative() || unpaidTimeout.isZero()) {
                throw new IllegalArgumentException("shop.orders.unpaid-timeout must be > 0, but was " + unpaidTimeout);
            }
            this.unpaidTimeout = unpaidTimeout;
        }
    }

    /** The buyer order counts job (UNIT): recomputes {@code buyer_order_counts} for the slots this unit owns. */
    public static class Stats {
        /** How often the job runs (read by its {@code @Scheduled}, {@code ${shop.stats.every:30s}}). */
        private java.time.Duration every = java.time.Duration.ofSeconds(30);

        public java.time.Duration getEvery() {
            return every;
        }

        public void setEvery(java.time.Duration every) {
            this.every = every;
        }
    }

    public Orders getOrders() {
        return orders;
    }

    public Stats getStats() {
        return stats;
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
