package io.unitize.controlcenter.cutover;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Deep copies through JSON, as the real store keeps them (field by field). */
final class CutoverCopies {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);

    private CutoverCopies() {
    }

    static Cutover copy(Cutover c) {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsString(c), Cutover.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
