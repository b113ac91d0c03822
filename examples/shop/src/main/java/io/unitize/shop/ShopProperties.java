package io.unitize.shop;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The shop's own settings (everything unit-related comes from the Unitize starters' {@code unitize.*}). */
@ConfigurationProperties("shop")
public class ShopProperties {

    /** This process's unit; the same value as {@code unitize.unit}. */
    private String unit;
    /** This unit's index for id-service (0..15, different in every unit, never changed once given). */
    private int unitIndex = -1;

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    public int getUnitIndex() {
        return unitIndex;
    }

    public void setUnitIndex(int unitIndex) {
        this.unitIndex = unitIndex;
    }
}
