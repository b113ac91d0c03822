package io.unitize.shop.catalog;

/** A product of the catalog (center-unit table {@code product}). */
public record Product(long id, String name, long priceCents) {
}
