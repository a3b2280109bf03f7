package io.holdfast.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Span;

/**
 * Neutral messages as JSON, so the outbox can hold them until a platform renders them. The type tags
 * live here, as mix-ins, so the message model in core knows nothing of Jackson.
 */
final class MessageJson {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .addMixIn(Span.class, SpanTypes.class)
            .addMixIn(Block.class, BlockTypes.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Span.Plain.class, name = "plain"),
        @JsonSubTypes.Type(value = Span.Strong.class, name = "strong"),
        @JsonSubTypes.Type(value = Span.Mention.class, name = "mention"),
        @JsonSubTypes.Type(value = Span.Group.class, name = "group"),
        @JsonSubTypes.Type(value = Span.When.class, name = "when")
    })
    private interface SpanTypes {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "b")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Block.Section.class, name = "section"),
        @JsonSubTypes.Type(value = Block.Quote.class, name = "quote"),
        @JsonSubTypes.Type(value = Block.Fields.class, name = "fields"),
        @JsonSubTypes.Type(value = Block.Context.class, name = "context"),
        @JsonSubTypes.Type(value = Block.Actions.class, name = "actions")
    })
    private interface BlockTypes {
    }

    String write(Message message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message cannot be serialised", e);
        }
    }

    Message read(String json) {
        try {
            return mapper.readValue(json, Message.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox body is not a message", e);
        }
    }
}
