package io.holdfast.kudos;

import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** The words and cards Holdfast uses about kudos, as neutral messages. */
public final class KudosMessages {
    public static final String VERIFY_ACTION = "kudos.verify";

    /** The recognition card: who, for which client, what they did and the impact, and who said so. */
    public Message card(Kudos k, ZoneId zone) {
        Text.Builder title = Text.builder().plain("🏆 ").strong("Kudos").plain(" for ");
        people(title, k.recipients());
        Text.Builder summary = Text.builder().plain("Kudos for ");
        people(summary, k.recipients());
        Message.Builder card = Message.builder(summary.plain(" on " + k.accountName()).build())
                .section(title.plain(" · ").strong(k.accountName()).build())
                .quote(k.text())
                .context(Text.builder().plain("From ").mention(k.giverId()).plain(" · ").when(k.givenAt(), Times.withZone(k.givenAt(), zone))
                        .build());
        if (k.isVerified()) {
            card.section(verifiedLine(k));
        } else {
            card.actions(List.of(new Block.Button("Verify", VERIFY_ACTION, String.valueOf(k.id()), Block.Style.PRIMARY)));
        }
        return card.build();
    }

    private static Text verifiedLine(Kudos k) {
        return Text.builder().plain("✅ Verified by ").mention(k.verifierId()).plain(" · impact " + k.rubric().impact() + " · speed "
                + k.rubric().speed() + " · creativity " + k.rubric().creativity()).build();
    }

    private static void people(Text.Builder text, List<String> users) {
        for (int i = 0; i < users.size(); i++) {
            if (i > 0) {
                text.plain(i == users.size() - 1 ? " and " : ", ");
            }
            text.mention(users.get(i));
        }
    }

    public Message given(Kudos k) {
        Text.Builder text = Text.builder().plain("Kudos #" + k.number() + " posted for ");
        people(text, k.recipients());
        return Message.of(text.plain(". A lead or their manager can verify it on the card.").build());
    }

    public Message verified(Kudos k) {
        return Message.of(Text.builder().plain("Verified kudos #" + k.number() + ": impact " + k.rubric().impact() + ", speed "
                + k.rubric().speed() + ", creativity " + k.rubric().creativity() + ".").build());
    }

    public Message list(String title, List<Kudos> kudos, ZoneId zone) {
        if (kudos.isEmpty()) {
            return Message.of("No " + title + ". Recognise a client-impact win with /kudos @lee Acme Corp: what they did and the impact");
        }
        Message.Builder out = Message.builder(Text.plain(title + " (" + kudos.size() + ")"))
                .section(Text.builder().strong(Character.toUpperCase(title.charAt(0)) + title.substring(1) + " (" + kudos.size() + ")").build());
        for (Kudos k : kudos.subList(0, Math.min(20, kudos.size()))) {
            Text.Builder line = Text.builder().strong("#" + k.number()).plain(" " + Times.inZone(k.givenAt(), zone) + " · ");
            people(line, k.recipients());
            line.plain(" · " + k.accountName() + " — " + shortened(k.text()) + " — from ").mention(k.giverId());
            line.plain(k.isVerified() ? " — verified, rubric " + k.rubric().total() + "/9" : " — not verified yet");
            out.section(line.build());
        }
        if (kudos.size() > 20) {
            out.context(Text.plain("…and " + (kudos.size() - 20) + " more; the full log: holdfast export kudos --from … --to …"));
        }
        return out.build();
    }

    /** The monthly "Client Impact" shout-out: the best verified kudos of the month, behaviour and impact quoted. */
    public Message shoutOut(YearMonth month, List<Kudos> top) {
        String monthName = month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
        Message.Builder out = Message.builder(Text.plain("Client Impact shout-out for " + monthName))
                .section(Text.builder().plain("🌟 ").strong("Client Impact — " + monthName).build());
        if (top.isEmpty()) {
            return out.section(Text.plain("No verified kudos last month. Saw someone save a client relationship? "
                    + "/kudos @them Account: what they did and the impact")).build();
        }
        int place = 1;
        for (Kudos k : top) {
            Text.Builder line = Text.builder().plain(place++ + ". ");
            people(line, k.recipients());
            out.section(line.plain(" for ").strong(k.accountName()).plain(" (rubric " + k.rubric().total() + "/9, nominated by ")
                    .mention(k.giverId()).plain(")").build());
            out.quote(k.text());
        }
        return out.context(Text.plain("Verified by leads for impact on the client, speed and creativity.")).build();
    }

    private static String shortened(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 99) + "…";
    }

    public Message help() {
        Message.Builder out = Message.builder(Text.plain("How to use /kudos"))
                .section(Text.builder().strong("/kudos").plain(" — recognise client-impact wins, naming the behaviour and the impact.").build());
        List.of("/kudos @lee Acme Corp: spotted the renewal risk early and set up a fix call, which saved the $120k renewal",
                        "Mention one or more people, then the account, a colon, and at least 8 words on what they did and the client impact.",
                        "A lead (or the person's manager, /holdfast manager @lee @dana) verifies it on the card: impact, speed, creativity, 1–3 each.",
                        "/kudos list [@user] [2026-11 | november] — the recognition log, privately",
                        "Each month's best verified kudos are celebrated in the recognition channel (/holdfast shoutout #wins).")
                .forEach(line -> out.section(Text.plain(line)));
        return out.build();
    }
}
