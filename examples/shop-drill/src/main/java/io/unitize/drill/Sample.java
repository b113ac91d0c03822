package io.unitize.drill;

/**
 * One request of the open-loop load. Times are epoch milliseconds; {@code latencyMillis} counts from
 * the SCHEDULED send time (a stall of the client or of the system is not hidden). {@code status} 0 =
 * no answer ({@code error} says why). {@code orderStatus}: the order's status in a GET's answer.
 */
public record Sample(Op op, long buyer, String via, long scheduledAt, long sentAt, long answeredAt, double latencyMillis,
                     int status, boolean retryAfter, String error, long orderId, String orderStatus) {

    public enum Op { PLACE, GET, LIST, CANCEL }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
