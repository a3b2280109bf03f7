package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import com.slack.api.SlackConfig;
import com.slack.api.util.json.GsonFactory;
import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Posts write their blocks with a plain snake-case Gson, not the SDK's, whose adapters build a JSON tree of every
 * block before writing it. The JSON must be the same as the SDK's, for every kind of block a message can hold.
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

        String ours = SlackChat.blocksJson(new BlockKit().blocks(message));
        String theirs = sdk.toJson(new BlockKit().blocks(message));

        assertEquals(JsonParser.parseString(theirs), JsonParser.parseString(ours));
        assertEquals(theirs, ours);
    }
}
