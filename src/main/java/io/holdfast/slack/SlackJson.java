package io.holdfast.slack;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import com.slack.api.model.block.LayoutBlock;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Writes what Holdfast sends Slack (posted blocks, slash-command answers) as the SDK's Gson does: snake case,
 * each block by its own class. The SDK's adapters build a JSON tree of every block and then write the tree,
 * a quarter of the delivery threads' samples in the acknowledgement benchmark; this Gson writes each block's
 * fields straight out. BlockJsonTest holds the two to the same JSON.
 */
final class SlackJson {
    private static final Gson PLAIN = new GsonBuilder().setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
    private static final Type BLOCKS = new TypeToken<List<LayoutBlock>>() { }.getType();

    private SlackJson() {
    }

    static void writeBlocks(List<LayoutBlock> blocks, JsonWriter out) {
        PLAIN.toJson(blocks, BLOCKS, out);
    }

    static String blocks(List<LayoutBlock> blocks) {
        return PLAIN.toJson(blocks, BLOCKS);
    }

    /** A whole payload, such as a slash command's answer; Bolt sends a String body as it is. */
    static String payload(Object payload) {
        return PLAIN.toJson(payload);
    }
}
