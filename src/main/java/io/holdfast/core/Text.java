package io.holdfast.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A line of message text made of spans; build it with {@link #builder()}. */
public record Text(List<Span> spans) {

    public Text {
        spans = List.copyOf(spans);
    }

    public static Text plain(String text) {
        return new Text(List.of(new Span.Plain(text)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The text with every mention and time written out plainly, for consoles and notification fallbacks. */
    public String plainText() {
        StringBuilder out = new StringBuilder();
        for (Span span : spans) {
            if (span instanceof Span.Plain p) {
                out.append(p.text());
            } else if (span instanceof Span.Strong s) {
                out.append(s.text());
            } else if (span instanceof Span.Mention m) {
                out.append('@').append(m.userId());
            } else if (span instanceof Span.Group g) {
                out.append('@').append(g.groupId());
            } else if (span instanceof Span.When w) {
                out.append(w.fallback());
            }
        }
        return out.toString();
    }

    public static final class Builder {
        private final List<Span> spans = new ArrayList<>();

        public Builder plain(String text) {
            spans.add(new Span.Plain(text));
            return this;
        }

        public Builder strong(String text) {
            spans.add(new Span.Strong(text));
            return this;
        }

        public Builder mention(String userId) {
            spans.add(new Span.Mention(userId));
            return this;
        }

        public Builder group(String groupId) {
            spans.add(new Span.Group(groupId));
            return this;
        }

        public Builder when(Instant at, String fallback) {
            spans.add(new Span.When(at, fallback));
            return this;
        }

        public Builder append(Text text) {
            spans.addAll(text.spans());
            return this;
        }

        public Text build() {
            return new Text(spans);
        }
    }
}
