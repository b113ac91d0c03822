package io.unitize.gateway.scg;

import io.unitize.gateway.DecisionCounters;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/** Puts a {@link StrictHttpFramingHandler} right after the HTTP/1.1 codec of every connection of the gateway's Netty server. */
public class StrictHttpFramingCustomizer implements NettyServerCustomizer {

    private final String unit;
    private final DecisionCounters counters;

    public StrictHttpFramingCustomizer(String unit, DecisionCounters counters) {
        this.unit = unit;
        this.counters = counters;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remote) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null && channel.pipeline().get(StrictHttpFramingHandler.NAME) == null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, StrictHttpFramingHandler.NAME, new StrictHttpFramingHandler(unit, counters));
            }
        });
    }
}
