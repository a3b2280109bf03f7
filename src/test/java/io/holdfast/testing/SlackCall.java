package io.holdfast.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request received by {@link FakeSlackApi}.
 *
 * @param method        Web API method name ({@code chat.postMessage}), or {@code response_url}
 * @param params        form parameters, or the top-level fields of a JSON body (objects and arrays as JSON text)
 * @param rawBody       the body exactly as sent
 * @param authorization the {@code Authorization} header, {@code null} when absent
 * @param path          the request path, e.g. {@code /api/chat.postMessage} or {@code /response/cmd-1}
 */
public record SlackCall(String method, Map<String, String> params, String rawBody, String authorization, String path) {

    public SlackCall {
        params = Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }

    public boolean isJson() {
        return rawBody.stripLeading().startsWith("{");
    }

    public JsonObject json() {
        if (!isJson()) {
            throw new IllegalStateException(method + " was sent as a form, not JSON: " + rawBody);
        }
        return JsonParser.parseString(rawBody).getAsJsonObject();
    }

    /** The {@code blocks} sent with the call, whether as a form parameter or a JSON field; empty when none. */
    public JsonArray blocks() {
        String blocks = param("blocks");
        return blocks == null ? new JsonArray() : JsonParser.parseString(blocks).getAsJsonArray();
    }

    /** For a {@code response_url} call, the id given to {@link FakeSlackApi#responseUrl(String)}. */
    public String responseUrlId() {
        return path.startsWith(FakeSlackApi.RESPONSE_PATH) ? path.substring(FakeSlackApi.RESPONSE_PATH.length()) : null;
    }

    /**
     * Every piece of text a person would read: the {@code text} parameter followed by each {@code text} string
     * found in the blocks, attachments and view, one per line. Meant for {@code contains} assertions.
     */
    public String text() {
        List<String> texts = new ArrayList<>();
        if (param("text") != null) {
            texts.add(param("text"));
        }
        for (String structured : List.of("blocks", "attachments", "view")) {
            String value = param(structured);
            if (value != null && !value.isBlank()) {
                collectTexts(JsonParser.parseString(value), texts);
            }
        }
        return String.join("\n", texts);
    }

    private static void collectTexts(JsonElement element, List<String> into) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collectTexts(child, into));
        } else if (element.isJsonObject()) {
            element.getAsJsonObject().entrySet().forEach(field -> {
                JsonElement value = field.getValue();
                if (field.getKey().equals("text") && value.isJsonPrimitive()) {
                    into.add(value.getAsString());
                } else {
                    collectTexts(value, into);
                }
            });
        }
    }
}
