package io.holdfast.settings;

import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Text;
import io.holdfast.core.UserInputException;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.escalation.Leads;
import io.holdfast.escalation.Severity;
import io.holdfast.escalation.SlaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /holdfast} settings escalations use: leads, the escalation channel, SLA windows,
 * decision authority and the repeat window. Workspace admins and escalation leads may change them.
 */
final class EscalationSettingsCommands {
    static final String SLA_EXAMPLE = "/holdfast sla P1 ack 30m resolve 48h";

    private final EscalationSettings settings;
    private final LeadDirectory leadDirectory;

    EscalationSettingsCommands(EscalationSettings settings, LeadDirectory leadDirectory) {
        this.settings = settings;
        this.leadDirectory = leadDirectory;
    }

    Reply leads(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        if (args.isEmpty()) {
            Leads leads = settings.leads(tenantId);
            if (leads.isEmpty()) {
                return Reply.show("No escalation leads yet. Set them with /holdfast leads @dana @lee, or a user group: "
                        + "/holdfast leads @cs-leads (workspace admins).");
            }
            return Reply.show(Message.of(describe(Text.builder().plain("Escalation leads:"), leads).build()));
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can choose the escalation leads.");
        }
        if (args.equalsIgnoreCase("off") || args.equalsIgnoreCase("none")) {
            settings.setLeads(tenantId, new Leads(List.of(), null));
            return Reply.show("Removed the escalation leads.");
        }
        List<String> users = new ArrayList<>();
        String group = null;
        for (String word : args.split("\\s+")) {
            Optional<String> person = Mentions.only(word);
            Optional<String> team = Mentions.onlyGroup(word);
            if (person.isPresent()) {
                users.add(person.get());
            } else if (team.isPresent() && group == null) {
                group = team.get();
            } else {
                throw new UserInputException("Mention each lead, or one user group. Example: /holdfast leads @dana @lee");
            }
        }
        Leads leads = new Leads(users, group);
        settings.setLeads(tenantId, leads);
        return Reply.show(Message.of(describe(Text.builder().plain("Escalation leads are now"), leads)
                .plain(". They are asked to review repeat escalations and may assign, resolve and reopen any.").build()));
    }

    private static Text.Builder describe(Text.Builder text, Leads leads) {
        leads.users().forEach(lead -> text.plain(" ").mention(lead));
        if (leads.group() != null) {
            text.plain(" ").group(leads.group());
        }
        return text;
    }

    Reply escalationChannel(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        if (args.isEmpty()) {
            return Reply.show("Escalation cards go to the account's channel if it has one, else "
                    + settings.escalationChannel(tenantId).map(c -> "the escalation channel #" + label(invocation, c))
                    .orElse("the channel they were raised in") + ". Change it with /holdfast escalations #support.");
        }
        requireChanger(invocation);
        if (args.equalsIgnoreCase("off")) {
            settings.setEscalationChannel(tenantId, null);
            return Reply.show("Escalation cards now go to the channel they were raised in (unless the account has its own).");
        }
        String channel = Mentions.onlyChannel(args).orElseThrow(() -> new UserInputException(
                "Name one channel. Example: /holdfast escalations #support"));
        settings.setEscalationChannel(tenantId, channel);
        return Reply.show("Escalation cards now go to #" + label(invocation, channel) + " (unless the account has its own channel). "
                + "Invite me there if it is private: /invite @holdfast");
    }

    Reply sla(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        if (args.isEmpty()) {
            Message.Builder out = Message.builder(Text.plain("SLA policy")).section(Text.builder().strong("SLA policy").build());
            for (Severity severity : Severity.values()) {
                SlaPolicy policy = settings.policy(tenantId, severity);
                out.section(Text.plain(severity + ": acknowledge within " + policy.ack().describe() + ", resolve within "
                        + policy.resolve().describe()));
            }
            return Reply.show(out.context(Text.plain("Business time is 09:00–17:00, Monday to Friday, in the workspace's time zone, less "
                    + "its holidays. Change with " + SLA_EXAMPLE + " (m, h, d = clock time; bh, bd = business hours, days).")).build());
        }
        requireChanger(invocation);
        String[] parts = args.split("\\s+", 2);
        Severity severity = severity(parts[0], SLA_EXAMPLE);
        SlaPolicy changed;
        try {
            changed = settings.policy(tenantId, severity).with(parts.length > 1 ? parts[1] : "");
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage() + " Example: " + SLA_EXAMPLE);
        }
        settings.setPolicy(tenantId, changed);
        return Reply.show(severity + " escalations raised from now on: acknowledge within " + changed.ack().describe()
                + ", resolve within " + changed.resolve().describe() + ".");
    }

    Reply authority(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        String example = "/holdfast authority P2 frontline may offer a credit up to $75 or one free month; more needs a lead";
        if (args.isEmpty()) {
            Message.Builder out = Message.builder(Text.plain("Decision authority")).section(Text.builder().strong("Decision authority").build());
            for (Severity severity : Severity.values()) {
                Optional<String> text = settings.authority(tenantId, severity);
                out.section(Text.plain(severity + ": " + text.orElse("not set")));
            }
            return Reply.show(out.context(Text.plain("Shown on each escalation card. Set with " + example)).build());
        }
        requireChanger(invocation);
        String[] parts = args.split("\\s+", 2);
        Severity severity = severity(parts[0], example);
        String text = parts.length > 1 ? invocation.plain(parts[1]).strip() : "";
        if (text.isEmpty() || text.length() > 300) {
            throw new UserInputException("Say what the front line may offer, in up to 300 characters. Example: " + example);
        }
        settings.setAuthority(tenantId, severity, text);
        return Reply.show("Cards of " + severity + " escalations now show: " + text);
    }

    Reply repeatWindow(Invocation invocation, String args) {
        String example = "/holdfast repeat 30";
        if (args.isEmpty()) {
            return Reply.show("A second escalation of an account within " + settings.repeatWindow(invocation.tenant().id()).toDays()
                    + " days asks the leads for a review. Change with " + example + " (days).");
        }
        requireChanger(invocation);
        int days;
        try {
            days = Integer.parseInt(args.replaceFirst("(?i)\\s*d(ays?)?$", "").strip());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 365) {
            throw new UserInputException("Give a number of days from 1 to 365. Example: " + example);
        }
        settings.setRepeatWindow(invocation.tenant().id(), days);
        return Reply.show("A second escalation of an account within " + days + " days now asks the leads for a review.");
    }

    private void requireChanger(Invocation invocation) {
        if (!invocation.actor().admin() && !leadDirectory.isLead(invocation.tenant(), invocation.actor().userId())) {
            throw new UserInputException("Only workspace admins and escalation leads can change escalation settings.");
        }
    }

    private static Severity severity(String word, String example) {
        return Severity.parse(word).orElseThrow(() -> new UserInputException("Unknown severity \"" + word
                + "\": use P1, P2 or P3. Example: " + example));
    }

    private static String label(Invocation invocation, String channelId) {
        return invocation.mentionLabels().getOrDefault(channelId, channelId);
    }
}
