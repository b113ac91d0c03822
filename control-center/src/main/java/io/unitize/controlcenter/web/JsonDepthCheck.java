package io.unitize.controlcenter.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;

/**
 * Refuses a JSON text nested deeper than the limit before a parser builds anything from it (the
 * rules document is handed to unit-core's codec as text). Other syntax errors are left to that
 * parser, which names line and column.
 */
final class JsonDepthCheck {

    private final int maxDepth;
    private final JsonFactory factory;

    JsonDepthCheck(int maxDepth) {
        this.maxDepth = maxDepth;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build();
    }

    int maxDepth() {
        return maxDepth;
    }

    /** @throws RequestRefusedException (400) if {@code json} nests deeper than the limit */
    void check(String json) {
        try (JsonParser p = factory.createParser(json)) {
            while (p.nextToken() != null) {
                // every token passes the parser's nesting check
            }
        } catch (StreamConstraintsException e) {
            throw RequestRefusedException.tooDeep(maxDepth);
        } catch (JsonProcessingException e) {
            // malformed: the codec reports it with its position
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }
}
