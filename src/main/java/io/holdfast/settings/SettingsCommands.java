package io.holdfast.settings;

import io.holdfast.core.CommandHandler;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Tenant;
import io.holdfast.core.Text;
import io.holdfast.core.UserInputException;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.account.AccountStore;
import io.holdfast.account.AccountTimeline;
import io.holdfast.core.Timetable;
import io.holdfast.digest.DigestMessages;
import io.holdfast.digest.DigestService;
import io.holdfast.digest.SubscriptionStore;
import io.holdfast.escalation.EscalationService;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.escalation.LeadDirectory;
import io.holdfast.kudos.KudosService;
import io.holdfast.kudos.KudosSettings;
import io.holdfast.promise.PromiseService;
import io.holdfast.risk.RiskWeightStore;
import io.holdfast.store.Database;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import io.holdfast.store.TenantStore;
import java.util.List;
import java.util.Locale;

/** {@code /holdfast}: the workspace's settings and help. */
public final class SettingsCommands implements CommandHandler {
    private static final String HOLIDAYS_EXAMPLE = "/holdfast holidays US";

    private final TenantStore tenants;
    private final HolidayCalendars calendars;
    private final EscalationSettingsCommands escalation;
    private final KudosSettingsCommands recognition;
    private final AccountCommands accounts;
    private final DigestCommands digest;
    private final RiskCommands risk;

    public SettingsCommands(TenantStore tenants, HolidayCalendars calendars, EscalationSettings escalationSettings, LeadDirectory leads,
                            KudosSettings kudosSettings, Clock clock, AccountPages accountPages, Digests digests) {
        this.tenants = tenants;
        this.calendars = calendars;
        this.escalation = new EscalationSettingsCommands(escalationSettings, leads);
        this.recognition = new KudosSettingsCommands(kudosSettings, clock);
        this.digest = new DigestCommands(digests.subscriptions(), digests.service(), digests.messages(), digests.timetable(), clock);
        this.risk = new RiskCommands(accountPages.db(), digests.riskWeights(), leads);
        this.accounts = new AccountCommands(accountPages.db(), accountPages.accounts(), accountPages.timeline(), accountPages.promises(),
                accountPages.escalations(), accountPages.kudos(), leads);
    }

    /** What digest subscriptions need. */
    public record Digests(SubscriptionStore subscriptions, DigestService service, DigestMessages messages, Timetable timetable,
                          RiskWeightStore riskWeights) {}

    /** What the account page reads from. */
    public record AccountPages(Database db, AccountStore accounts, AccountTimeline timeline, PromiseService promises,
                               EscalationService escalations, KudosService kudos) {}

    @Override
    public Reply handle(Invocation invocation) {
        String[] words = invocation.text().split("\\s+", 2);
        String verb = words[0].toLowerCase(Locale.ROOT);
        String args = words.length > 1 ? words[1].strip() : "";
        return switch (verb) {
            case "", "settings" -> Reply.show(settings(invocation.tenant()));
            case "help", "?" -> Reply.show(help());
            case "holidays" -> holidays(invocation, args);
            case "timezone", "tz" -> timeZone(invocation, args);
            case "hours" -> hours(invocation, args);
            case "leads" -> escalation.leads(invocation, args);
            case "escalations" -> escalation.escalationChannel(invocation, args);
            case "sla" -> escalation.sla(invocation, args);
            case "authority" -> escalation.authority(invocation, args);
            case "repeat" -> escalation.repeatWindow(invocation, args);
            case "manager" -> recognition.manager(invocation, args);
            case "shoutout" -> recognition.shoutOutChannel(invocation, args);
            case "account" -> accounts.handle(invocation, args);
            case "digest" -> digest.handle(invocation, args);
            case "risk" -> risk.handle(invocation, args);
            default -> Reply.show("I didn't understand \"" + verb + "\". See /holdfast help, or try " + HOLIDAYS_EXAMPLE + ".");
        };
    }

    private Reply timeZone(Invocation invocation, String zone) {
        if (zone.isEmpty()) {
            return Reply.show("The workspace works in " + invocation.tenant().zone().getId()
                    + " (business hours for SLA clocks). Change it with /holdfast timezone America/New_York.");
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can change the workspace's time zone.");
        }
        ZoneId parsed;
        try {
            parsed = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new UserInputException("I don't know the time zone \"" + zone + "\". Use an Area/City name. Example: "
                    + "/holdfast timezone Europe/London");
        }
        tenants.setTimeZone(invocation.tenant().id(), parsed);
        return Reply.show("Business hours now run 09:00–17:00 " + parsed.getId() + " for SLA clocks raised from now on.");
    }

    private Reply hours(Invocation invocation, String args) {
        String example = "/holdfast hours 08:30-17:30";
        if (args.isEmpty()) {
            return Reply.show("Working hours are " + invocation.tenant().calendar().workdayStart() + "–"
                    + invocation.tenant().calendar().workdayEnd() + ", Monday to Friday. Change them with " + example + ".");
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can change the working hours, because they move everyone's SLA clocks.");
        }
        String[] parts = args.split("-", 2);
        try {
            LocalTime start = LocalTime.parse(parts[0].strip());
            LocalTime end = LocalTime.parse(parts.length > 1 ? parts[1].strip() : "");
            if (!start.isBefore(end)) {
                throw new UserInputException("The working day must start before it ends. Example: " + example);
            }
            tenants.setWorkingHours(invocation.tenant().id(), start, end);
            return Reply.show("Working hours are now " + start + "–" + end + ", Monday to Friday: business-hour SLA clocks and "
                    + "\"end of day\" follow them from now on.");
        } catch (DateTimeException e) {
            throw new UserInputException("Give the hours as HH:MM-HH:MM. Example: " + example);
        }
    }

    private Reply holidays(Invocation invocation, String country) {
        if (country.isEmpty()) {
            return Reply.show(settings(invocation.tenant()));
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can change the holiday calendar, because it moves everyone's business days.");
        }
        if (country.equalsIgnoreCase("off") || country.equalsIgnoreCase("none")) {
            tenants.setHolidayCountry(invocation.tenant().id(), null);
            return Reply.show("Public holidays no longer count as days off; business days are Monday to Friday.");
        }
        String code = country.toUpperCase(Locale.ROOT);
        try {
            calendars.forCountry(code);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("I don't know holidays for \"" + country + "\". Use a two-letter country code. Example: "
                    + HOLIDAYS_EXAMPLE + " (or /holdfast holidays off).");
        }
        tenants.setHolidayCountry(invocation.tenant().id(), code);
        return Reply.show("Business days now skip " + code + " public holidays, for due dates like \"in 2 business days\". "
                + "Undo with /holdfast holidays off.");
    }

    private static Message settings(Tenant tenant) {
        String holidays = tenant.calendar().holidayCountry().map(c -> c + " public holidays are days off").orElse("no public holidays set");
        return Message.of(Text.builder().strong("Holdfast settings").plain(" — business days Monday to Friday, "
                + tenant.calendar().workdayStart() + "–" + tenant.calendar().workdayEnd() + "; " + holidays
                + ". Change holidays with " + HOLIDAYS_EXAMPLE + ".").build());
    }

    private static Message help() {
        Message.Builder out = Message.builder(Text.plain("How to use Holdfast"))
                .section(Text.builder().strong("Holdfast").plain(" keeps promises to clients visible, owned and kept.").build());
        List.of("/promise help — make, list and keep promises to clients",
                        "/escalate help — raise client issues with owners and SLA clocks",
                        "/holdfast — show this workspace's settings",
                        "/holdfast holidays US — skip a country's public holidays when counting business days (admins; /holdfast holidays off to undo)",
                        "/holdfast timezone Europe/London — the workspace's time zone for business hours (admins)",
                        "/holdfast hours 08:30-17:30 — the workspace's working hours (admins)",
                        "/holdfast leads @dana @lee — escalation leads (admins)",
                        "/holdfast escalations #support — where escalation cards go when the account has no channel",
                        "/holdfast sla — show SLA windows; " + EscalationSettingsCommands.SLA_EXAMPLE + " to change them",
                        "/holdfast authority P2 <what the front line may offer> · /holdfast repeat 30 (days for a repeat escalation)",
                        "/kudos help — recognise client-impact wins",
                        "/holdfast manager @lee @dana — Dana manages Lee and may verify Lee's kudos (admins)",
                        "/holdfast shoutout #wins — where the monthly Client Impact shout-out goes (admins)",
                        "/holdfast digest weekdays 08:30 [Area/City] [top 5] [tier=strategic] [owner=@dana] — the at-risk digest in this "
                                + "channel; /holdfast digest preview to see it now, /holdfast digest off to stop it",
                        "/holdfast risk — the risk weights; " + RiskCommands.EXAMPLE + " to tune them (admins and leads)",
                        "/holdfast account Acme Corp — the account's page; add arr=120000 tier=strategic renewal=2027-03-31 owner=@dana "
                                + "channel=#acme to set its attributes (admins and leads)")
                .forEach(line -> out.section(Text.plain(line)));
        return out.build();
    }
}
