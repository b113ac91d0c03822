package io.unitize.gateway;

/** What the buyer-id sources read of a request; the framework adapter implements it. */
public interface RequestView {

    /** First value of a header, or null. */
    String header(String name);

    /** Value of a cookie, or null. */
    String cookie(String name);

    /** First value of a query parameter (decoded), or null. */
    String queryParam(String name);

    /** The request path, without query. */
    String path();
}
