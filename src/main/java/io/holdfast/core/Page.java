package io.holdfast.core;

import java.util.List;

/**
 * What one person sees on a page of their own rather than in a channel (Slack's App Home): parts under
 * headings, each a neutral {@link Message}. Renderers draw the headings and set the parts apart.
 */
public record Page(List<Page.Part> parts) {

    public Page {
        parts = List.copyOf(parts);
    }

    /** @param heading shown above the part; empty for a part that needs none, such as a short notice at the top */
    public record Part(String heading, Message body) {}
}
