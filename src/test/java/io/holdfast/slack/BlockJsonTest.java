package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.JsonOps;
import com.slack.api.util.json.GsonFactory;
import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Posts and slash-command answers are written with a plain snake-case Gson, not the SDK's, whose adapters build a
 * JSON tree of every block before writing it. The JSON must be the same as the SDK's, for every kind of block a
 * message can hold.
 */
class BlockJsonTest {

    @Test
    void everyKindOfBlockIsWrittenExactlyAsTheSdkWritesIt() {
        Text owner = Text.builder().mention("U1").build();
        Message message = Message.builder(Text.builder().plain("Promise #7 to Acme <& co>").build())
                .section(Text.builder().strong("Promise #7").plain(" to ").strong("Acme <& co>").build())
                .quote("send the \"SOC2\" report\nand the pen test")
                .fields(List.of(new Block.Field("Owner", owner), new Block.Field("Due",
                        Text.builder().when(Instant.parse("2026-12-11T22:00:00Z"), "Fri 11 Dec 17:00 EST").build())))
                .context(Text.builder().plain("Promised on ").when(Instant.parse("2026-12-07T17:02:15Z"), "Mon 7 Dec 12:02 EST").build())
                .actions(List.of(new Block.Button("Done", "promise.done", "7", Block.Style.PRIMARY),
                        new Block.Button("Snooze", "promise.snooze", "7", Block.Style.DEFAULT)))
                .build();
        Gson sdk = GsonFactory.createSnakeCase(new SlackConfig());

        String ours = SlackJson.blocks(new BlockKit().blocks(message));
        String theirs = sdk.toJson(new BlockKit().blocks(message));

        assertEquals(JsonParser.parseString(theirs), JsonParser.parseString(ours));
        assertEquals(theirs, ours);
    }

    @Test
    void aSlashCommandsAnswerIsWrittenExactlyAsBoltWritesIt() {
        Message answer = Message.builder(Text.plain("Promise #7 to Acme saved; due Fri 11 Dec 17:00 EST"))
                .section(Text.builder().plain("Promise ").strong("#7").plain(" to Acme <& co>, owner ").mention("U1").build())
                .context(Text.plain("Undo: /promise cancel #7"))
                .build();
        BlockKit blockKit = new BlockKit();
        SlashCommandResponse response = SlashCommandResponse.builder().responseType("ephemeral").text(blockKit.fallback(answer))
                .blocks(blockKit.blocks(answer)).build();

        String ours = SlackJson.payload(response);
        String bolts = JsonOps.toJsonString(response);

        assertEquals(bolts, ours);
        assertEquals("ephemeral", JsonParser.parseString(ours).getAsJsonObject().get("response_type").getAsString());
    }
}
