package io.unitize.controlcenter.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code unitize.control-center.api.*}: what a request may be. A larger body is refused with 413,
 * deeper nesting with 400, before anything parses it further.
 */
@ConfigurationProperties("unitize.control-center.api")
public class ApiLimits {

    /** The largest request body on any endpoint (a rules document of 10,000 ranges is about 0.6 MB). */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);
    /** How deep objects and arrays may nest in a JSON body (a rules document needs 4). */
    private int maxJsonDepth = 32;

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getMaxJsonDepth() {
        return maxJsonDepth;
    }

    public void setMaxJsonDepth(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }
}
