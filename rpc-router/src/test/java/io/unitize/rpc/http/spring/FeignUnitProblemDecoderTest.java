package io.unitize.rpc.http.spring;

import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.rpc.http.UnitProblem;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider's problem document back into the typed refusal; anything else is Feign's. */
class FeignUnitProblemDecoderTest {

    private final FeignUnitProblemDecoder decoder = new FeignUnitProblemDecoder(new ErrorDecoder.Default());

    private static Response response(int status, String type, String body) {
        Map<String, Collection<String>> headers = Map.of("Content-Type", List.of(type));
        return Response.builder().status(status).reason("x").headers(headers)
                .request(Request.create(Request.HttpMethod.GET, "http://orders/o", Map.of(), null, StandardCharsets.UTF_8, null))
                .body(body, StandardCharsets.UTF_8).build();
    }

    @Test
    void misroutedAndFrozenProblemsBecomeTheTypedExceptions() {
        String misrouted = "{\"type\":\"" + UnitProblem.TYPE_MISROUTED + "\",\"status\":421,\"buyerId\":7,\"slot\":7,"
                + "\"homeUnit\":\"center\",\"thisUnit\":\"unit-b\",\"rulesVersion\":3}";
        assertThat(decoder.decode("k", response(421, UnitProblem.MEDIA_TYPE, misrouted)))
                .isInstanceOfSatisfying(UnitMisrouteException.class, e -> {
                    assertThat(e.buyerId()).isEqualTo(7);
                    assertThat(e.homeUnit()).isEqualTo("center");
                    assertThat(e.thisUnit()).isEqualTo("unit-b");
                    assertThat(e.rulesVersion()).isEqualTo(3);
                });
        String frozen = "{\"type\":\"" + UnitProblem.TYPE_FROZEN + "\",\"status\":503,\"buyerId\":42,\"slot\":42,\"rulesVersion\":2}";
        assertThat(decoder.decode("k", response(503, UnitProblem.MEDIA_TYPE, frozen))).isInstanceOf(UnitWriteFrozenException.class);
    }

    @Test
    void otherErrorsStayFeigns() {
        assertThat(decoder.decode("k", response(503, "text/plain", "busy"))).isInstanceOf(FeignException.class);
        assertThat(decoder.decode("k", response(421, UnitProblem.MEDIA_TYPE, "{\"type\":\"about:blank\"}")))
                .isInstanceOf(FeignException.class).hasMessageContaining("about:blank");
        assertThat(decoder.decode("k", response(421, UnitProblem.MEDIA_TYPE, "not json"))).isInstanceOf(FeignException.class);
        assertThat(decoder.decode("k", response(500, UnitProblem.MEDIA_TYPE, "{}"))).isInstanceOf(FeignException.class);
    }
}
