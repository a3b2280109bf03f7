package io.holdfast.kudos;

import io.holdfast.core.Form;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import io.holdfast.core.Reply;
import java.util.List;
import java.util.Map;

/** The Verify button and its rubric form (a Slack modal, a Teams card form). */
public final class KudosForms {
    public static final String VERIFY = "kudos.verify";
    private static final List<String> SCORES = List.of("1", "2", "3");

    private final KudosService service;
    private final KudosMessages messages;

    public KudosForms(KudosService service, KudosMessages messages) {
        this.service = service;
        this.messages = messages;
    }

    /** The button opens the rubric for those who may verify, and politely refuses everyone else. */
    public Reply verifyButton(Invocation invocation, String kudosId) {
        Kudos k = service.referredTo(invocation.actor(), kudosId);
        if (k.isVerified()) {
            return Reply.show("Kudos #" + k.number() + " was already verified.");
        }
        service.requireMayVerify(invocation.actor(), k);
        return Reply.form(new Form(VERIFY, "Verify kudos #" + k.number(), "Verify", String.valueOf(k.id()), List.of(
                new Form.Choice("impact", "Impact on the client (1–3)", SCORES, null, false),
                new Form.Choice("speed", "Speed of response (1–3)", SCORES, null, false),
                new Form.Choice("creativity", "Creativity in solving the problem (1–3)", SCORES, null, false))));
    }

    public FormOutcome submitVerify(Invocation invocation, String kudosId, Map<String, String> values) {
        Kudos k = service.referredTo(invocation.actor(), kudosId);
        Rubric rubric;
        try {
            rubric = new Rubric(score(values, "impact"), score(values, "speed"), score(values, "creativity"));
        } catch (IllegalArgumentException e) {
            return new FormOutcome.Invalid(Map.of("impact", "Score impact, speed and creativity from 1 to 3."));
        }
        return new FormOutcome.Accepted(messages.verified(service.verify(invocation.actor(), k, rubric)));
    }

    private static int score(Map<String, String> values, String input) {
        return Integer.parseInt(values.getOrDefault(input, "0"));
    }
}
