package io.unitize.shop.order;

import java.sql.Timestamp;

/** A row of {@code orders} as MyBatis maps it. */
public class OrderRow {
    public long id;
    public long buyerId;
    public String status;
    public long totalCents;
    public long version;
    public Timestamp createdAt;
    public Long writtenByServer;
    public Long updatedByServer;
}
