package io.holdfast.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** What our server answered to a request sent by {@link SlackRequests}. */
public record SlackResponse(int status, String body) {

    /** The body as JSON; Bolt answers an {@code ack(...)} with content as a JSON object. */
    public JsonObject json() {
        return JsonParser.parseString(body).getAsJsonObject();
    }
}
