package io.unitize.mq;

/**
 * The application's handler. Returning normally means done (acknowledged); throwing means not done:
 * the message is delivered again later (a frozen buyer's write refused by the DB guard is one such
 * case), never lost and never counted as consumed.
 */
@FunctionalInterface
public interface UnitMessageListener {

    void onMessage(UnitMessage message) throws Exception;
}
