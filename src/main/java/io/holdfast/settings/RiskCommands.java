package io.holdfast.settings;

import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Text;
import io.holdfast.core.UserInputException;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.risk.RiskWeightStore;
import io.holdfast.risk.RiskWeights;
import io.holdfast.store.Database;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** {@code /holdfast risk}: shows the risk weights, and lets admins and leads tune them for their workspace. */
final class RiskCommands {
    static final String EXAMPLE = "/holdfast risk overdue_promise=12 p1_open=40";

    private final Database db;
    private final RiskWeightStore weights;
    private final LeadDirectory leads;

    RiskCommands(Database db, RiskWeightStore weights, LeadDirectory leads) {
        this.db = db;
        this.weights = weights;
        this.leads = leads;
    }

    Reply handle(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        if (!args.isEmpty()) {
            if (!invocation.actor().admin() && !leads.isLead(invocation.tenant(), invocation.actor().userId())) {
                throw new UserInputException("Only workspace admins and escalation leads can change the risk weights.");
            }
            Map<RiskWeights.Weight, Integer> changes = new EnumMap<>(RiskWeights.Weight.class);
            for (String word : args.split("\\s+")) {
                String[] pair = word.split("=", 2);
                changes.put(weight(pair[0]), value(pair.length > 1 ? pair[1] : ""));
            }
            // All or nothing: a typo in the third pair must not leave the first two changed.
            db.write(c -> {
                for (Map.Entry<RiskWeights.Weight, Integer> change : changes.entrySet()) {
                    weights.set(c, tenantId, change.getKey(), change.getValue());
                }
                return null;
            });
        }
        RiskWeights current = db.read(c -> weights.load(c, tenantId));
        Message.Builder out = Message.builder(Text.plain("Risk weights")).section(Text.builder().strong("Risk weights").build());
        StringBuilder lines = new StringBuilder();
        for (RiskWeights.Weight w : RiskWeights.Weight.values()) {
            lines.append(w.name().toLowerCase(Locale.ROOT)).append('=').append(current.of(w)).append("  ");
        }
        return Reply.show(out.section(Text.plain(lines.toString().strip()))
                .context(Text.plain("Change with " + EXAMPLE + " (0 turns a signal off).")).build());
    }

    private static RiskWeights.Weight weight(String name) {
        try {
            return RiskWeights.Weight.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("I don't know the weight \"" + name + "\"; /holdfast risk lists them. Example: " + EXAMPLE);
        }
    }

    private static int value(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= 1000) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new UserInputException("A weight is a whole number from 0 to 1000. Example: " + EXAMPLE);
    }
}
