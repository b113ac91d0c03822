package io.unitize.gateway;

import java.util.List;

/** What the buyer-id sources read of a request; the framework adapter implements it. Every list is empty when absent. */
public interface RequestView {

    /** Every value of a header, in the order received (one per header line). */
    List<String> headers(String name);

    /** Every value of a cookie of that name, in the order received (not decoded). */
    List<String> cookies(String name);

    /** Every value of a query parameter, percent-decoded exactly once. */
    List<String> queryParams(String name);

    /** The request path as sent (still percent-encoded), without query. */
    String rawPath();
}
