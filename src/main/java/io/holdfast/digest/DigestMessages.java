package io.holdfast.digest;

import io.holdfast.core.Block;
import io.holdfast.core.Message;
import io.holdfast.core.Text;
import io.holdfast.core.Times;
import io.holdfast.promise.Promise;
import io.holdfast.risk.RiskEntry;
import java.time.ZoneId;
import java.util.List;

/** The at-risk digest as a neutral message: the triage practice's top accounts, reasons, owner and next steps. */
public final class DigestMessages {
    public static final String NEXT_STEP_ACTION = "digest.next-step";
    public static final String LOG_OUTCOME_ACTION = "digest.log-outcome";

    public Message digest(DigestReport report, ZoneId zone) {
        if (report.items().isEmpty()) {
            return Message.of("✅ All clear: no account shows a risk signal today (" + Times.inZone(report.asOf(), zone) + ").");
        }
        Message.Builder out = Message.builder(Text.plain("At-risk accounts: " + report.items().size()))
                .section(Text.builder().plain("📋 ").strong("At-risk accounts — " + Times.inZone(report.asOf(), zone)).build());
        int rank = 1;
        for (DigestReport.Item item : report.items()) {
            RiskEntry risk = item.risk();
            ranked(out, rank++, risk);
            for (Promise step : item.nextSteps()) {
                out.section(Text.builder().plain("→ #" + step.number() + " " + step.text() + " — ").mention(step.ownerId())
                        .plain(" — due " + Times.inZone(step.due(), zone)).build());
            }
            String accountId = String.valueOf(risk.accountId());
            out.actions(List.of(new Block.Button("Add next step", NEXT_STEP_ACTION, accountId, Block.Style.DEFAULT),
                    new Block.Button("Log outcome", LOG_OUTCOME_ACTION, accountId, Block.Style.DEFAULT)));
        }
        return out.build();
    }

    /** One at-risk account: its rank, score and owner, then the reasons in words and what started it. */
    public void ranked(Message.Builder out, int rank, RiskEntry risk) {
        Text.Builder head = Text.builder().strong(rank + ". " + risk.accountName()).plain(" · risk " + risk.score() + " · owner ");
        if (risk.ownerId() == null) {
            head.plain("not set");
        } else {
            head.mention(risk.ownerId());
        }
        out.section(head.build());
        out.context(Text.plain(String.join(" · ", risk.reasons())));
        if (risk.cause() != null) {
            out.context(Text.plain("Started with: " + risk.cause()));
        }
    }
}
