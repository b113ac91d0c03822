package io.unitize.shop.api;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as read back from its unit's database. {@code writtenByServer} is the database
 * server id that wrote the row (set by a trigger, carried unchanged by replication), so anyone can
 * see which unit's database took the write; {@code servedByUnit} is the unit whose service answered.
 */
public class OrderView implements Serializable {
    private static final long serialVersionUID = 1L;

    private long id;
    private long buyerId;
    private String status;
    private long totalCents;
    private long version;
    private String createdAt;
    private long writtenByServer;
    private Long updatedByServer;
    private String servedByUnit;
    private List<OrderLine> lines = new ArrayList<>();

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public long getBuyerId() {
        return buyerId;
    }

    public void setBuyerId(long buyerId) {
        this.buyerId = buyerId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public long getTotalCents() {
        return totalCents;
    }

    public void setTotalCents(long totalCents) {
        this.totalCents = totalCents;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public long getWrittenByServer() {
        return writtenByServer;
    }

    public void setWrittenByServer(long writtenByServer) {
        this.writtenByServer = writtenByServer;
    }

    public Long getUpdatedByServer() {
        return updatedByServer;
    }

    public void setUpdatedByServer(Long updatedByServer) {
        this.updatedByServer = updatedByServer;
    }

    public String getServedByUnit() {
        return servedByUnit;
    }

    public void setServedByUnit(String servedByUnit) {
        this.servedByUnit = servedByUnit;
    }

    public List<OrderLine> getLines() {
        return lines;
    }

    public void setLines(List<OrderLine> lines) {
        this.lines = lines;
    }
}
