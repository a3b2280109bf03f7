package io.holdfast.settings;

import io.holdfast.account.AccountProfile;
import io.holdfast.account.AccountTimeline;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import io.holdfast.escalation.Escalation;
import io.holdfast.escalation.EscalationStore;
import io.holdfast.kudos.Kudos;
import io.holdfast.promise.Promise;
import io.holdfast.promise.PromiseStore;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/** The account page: attributes, what is open, evidence of care, and what happened lately. */
final class AccountMessages {

    Message account(AccountProfile profile, PromiseStore.Page promises, EscalationStore.Page escalations, List<Kudos> kudos,
                    List<AccountTimeline.Entry> timeline, ZoneId zone) {
        Message.Builder out = Message.builder(Text.plain(profile.account().name()))
                .section(Text.builder().strong(profile.account().name()).build())
                .context(attributes(profile));
        out.section(Text.builder().strong("Open promises (" + promises.total() + ")").build());
        for (Promise p : promises.promises().subList(0, Math.min(5, promises.promises().size()))) {
            out.section(Text.builder().plain("#" + p.number() + " " + p.text() + " — ").mention(p.ownerId())
                    .plain(" — due " + Times.inZone(p.due(), zone)).build());
        }
        out.section(Text.builder().strong("Open escalations (" + escalations.total() + ")").build());
        for (Escalation e : escalations.escalations().subList(0, Math.min(5, escalations.escalations().size()))) {
            out.section(Text.plain("#" + e.number() + " " + e.severity() + " " + e.summary() + " — " + e.status().label()
                    + (e.ackBreached() || e.resolveBreached() ? " (SLA breached)" : "")));
        }
        if (!kudos.isEmpty()) {
            out.section(Text.builder().strong("Recent kudos").build());
            for (Kudos k : kudos) {
                Text.Builder line = Text.builder().plain("#" + k.number() + " ");
                k.recipients().forEach(r -> line.mention(r).plain(" "));
                out.section(line.plain("— " + k.text()).build());
            }
        }
        if (!timeline.isEmpty()) {
            out.section(Text.builder().strong("Timeline").build());
            for (AccountTimeline.Entry entry : timeline) {
                out.context(Text.builder().plain(Times.inZone(entry.at(), zone) + " · " + entry.source() + " #" + entry.number() + " "
                        + entry.kind().toLowerCase(Locale.ROOT).replace('_', ' ') + " · ").mention(entry.actorId()).build());
            }
        }
        return out.build();
    }

    Message updated(AccountProfile profile) {
        return Message.of(Text.builder().plain("Saved ").strong(profile.account().name()).plain(": ").append(attributes(profile)).build());
    }

    private static Text attributes(AccountProfile p) {
        Text.Builder text = Text.builder();
        text.plain(p.tier() == null ? "tier not set" : p.tier().name().toLowerCase(Locale.ROOT));
        text.plain(" · " + (p.arr() == null ? "ARR not set" : NumberFormat.getCurrencyInstance(Locale.US).format(p.arr()).replace(".00", "") + " ARR"));
        text.plain(" · " + (p.renewal() == null ? "renewal not set" : "renews " + p.renewal()));
        text.plain(" · owner ");
        if (p.ownerId() == null) {
            text.plain("not set");
        } else {
            text.mention(p.ownerId());
        }
        return text.plain(" · " + (p.channel() == null ? "no channel" : "escalations go to its channel")).build();
    }
}
