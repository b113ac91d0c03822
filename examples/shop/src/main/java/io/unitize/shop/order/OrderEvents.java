package io.unitize.shop.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.shop.api.OrderView;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The body of an ORDER_EVENTS message: the order as it is after the change (JSON). */
public final class OrderEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderEvents() {
    }

    public static byte[] body(OrderView order) {
        try {
            return JSON.writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OrderView parse(byte[] body) {
        try {
            return JSON.readValue(body, OrderView.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("ORDER_EVENTS body is not an order: " + e.getMessage(), e);
        }
    }
}
