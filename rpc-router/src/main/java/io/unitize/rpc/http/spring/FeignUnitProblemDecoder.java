package io.unitize.rpc.http.spring;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import feign.Response;
import feign.codec.ErrorDecoder;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.rpc.http.UnitProblem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Feign client's side of the provider guard: a refusal that arrives as a Unitize problem document
 * becomes the typed exception the Dubbo path throws ({@link UnitMisrouteException},
 * {@link UnitWriteFrozenException}), carrying the provider's facts; every other error response is
 * left to {@code delegate} (Feign's default decoder unless the application has its own).
 */
public final class FeignUnitProblemDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 16 * 1024;

    private final ErrorDecoder delegate;

    public FeignUnitProblemDecoder(ErrorDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        if ((response.status() == 421 || response.status() == 503) && isProblem(response) && response.body() != null) {
            byte[] body;
            try (InputStream in = response.body().asInputStream()) {
                body = in.readNBytes(MAX_BODY);
            } catch (IOException e) {
                return delegate.decode(methodKey, response);
            }
            Exception typed = typed(body);
            if (typed != null) {
                return typed;
            }
            return delegate.decode(methodKey, response.toBuilder().body(body).build());
        }
        return delegate.decode(methodKey, response);
    }

    private static boolean isProblem(Response response) {
        return response.headers().getOrDefault("Content-Type", java.util.List.of()).stream()
                .anyMatch(v -> v.startsWith(UnitProblem.MEDIA_TYPE))
                || response.headers().getOrDefault("content-type", java.util.List.of()).stream().anyMatch(v -> v.startsWith(UnitProblem.MEDIA_TYPE));
    }

    /** The exception of a Unitize problem document, or {@code null} when the body is not one (input: parsed strictly, never trusted further). */
    static Exception typed(byte[] body) {
        JSONObject p;
        try {
            p = JSON.parseObject(new String(body, StandardCharsets.UTF_8));
        } catch (JSONException | ClassCastException e) {
            return null;
        }
        if (p == null) {
            return null;
        }
        try {
            if (UnitProblem.TYPE_MISROUTED.equals(p.getString("type"))) {
                return new UnitMisrouteException(p.getLongValue("buyerId"), p.getIntValue("slot"), p.getString("homeUnit"),
                        p.getString("thisUnit"), p.getLongValue("rulesVersion"));
            }
            if (UnitProblem.TYPE_FROZEN.equals(p.getString("type"))) {
                return new UnitWriteFrozenException(p.getLongValue("buyerId"), p.getIntValue("slot"), p.getLongValue("rulesVersion"));
            }
        } catch (JSONException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
