package io.unitize.shop.web;

import java.util.List;

/** {@code POST /api/orders} body: {@code {"items":[{"productId":1,"quantity":2}]}}. */
public record PlaceOrderRequest(List<Item> items) {

    public record Item(Long productId, Integer quantity) {
    }
}
