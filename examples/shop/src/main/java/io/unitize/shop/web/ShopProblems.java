package io.unitize.shop.web;

import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.rpc.NoUnitProviderException;
import io.unitize.shop.api.BuyerFrozenException;
import io.unitize.shop.api.OutOfStockException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/**
 * Every refusal is an RFC 7807 problem document. Bad input is 400 naming the field; a buyer whose
 * slot is moving (edge freeze, the provider guard or the database guard) is 503 with Retry-After —
 * never a 500 — and nothing was written.
 */
@RestControllerAdvice
public class ShopProblems {

    static final String RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        p.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler(BuyerTokenRefusedException.class)
    ResponseEntity<ProblemDetail> badToken(BuyerTokenRefusedException e) {
        ProblemDetail p = problem(HttpStatus.UNAUTHORIZED, "bad-token", "Bearer token refused", e.getMessage());
        p.setProperty("field", "Authorization");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(p);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "body: not the expected JSON, e.g. {\"items\":[{\"productId\":1,\"quantity\":2}]}");
        p.setProperty("field", "body");
        return ResponseEntity.badRequest().body(p);
    }

    @ExceptionHandler(OrderNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(OrderNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", e.getMessage()));
    }

    @ExceptionHandler(OutOfStockException.class)
    ResponseEntity<ProblemDetail> outOfStock(OutOfStockException e) {
        ProblemDetail p = problem(HttpStatus.CONFLICT, "out-of-stock", "Out of stock", e.getMessage());
        p.setProperty("productId", e.getProductId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }

    @ExceptionHandler({BuyerFrozenException.class, UnitWriteFrozenException.class, UnitMisrouteException.class, NoUnitProviderException.class})
    ResponseEntity<ProblemDetail> moving(RuntimeException e) {
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "buyer-moving", "Buyer temporarily unavailable",
                e.getMessage() + " (nothing was written; retry after " + RETRY_AFTER_SECONDS + " s)");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(p);
    }

    /** A Dubbo failure (no provider reachable, a timeout): the refusal it carries if any, else 503 — never a 500. */
    @ExceptionHandler(org.apache.dubbo.rpc.RpcException.class)
    ResponseEntity<ProblemDetail> rpc(org.apache.dubbo.rpc.RpcException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof BuyerFrozenException || t instanceof UnitWriteFrozenException || t instanceof UnitMisrouteException
                    || t instanceof NoUnitProviderException) {
                return moving((RuntimeException) t);
            }
        }
        ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service temporarily unavailable",
                "a service this request needs did not answer (" + e.getClass().getSimpleName() + " code " + e.getCode()
                        + "); retry after " + RETRY_AFTER_SECONDS + " s");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(p);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("https://unitize.io/problems/shop/" + type));
        p.setTitle(title);
        return p;
    }
}
