package io.unitize.rpc.bench;

/** The same service without {@code @HARoute}: Unitize leaves its calls alone (the baseline). */
public interface PlainOrders {
    long echo(long buyerId);
}
