package io.holdfast.settings;

import io.holdfast.core.CommandHandler;
import io.holdfast.core.Invocation;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Tenant;
import io.holdfast.core.Text;
import io.holdfast.core.UserInputException;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.TenantStore;
import java.util.List;
import java.util.Locale;

/** {@code /holdfast}: the workspace's settings and help. */
public final class SettingsCommands implements CommandHandler {
    private static final String HOLIDAYS_EXAMPLE = "/holdfast holidays US";

    private final TenantStore tenants;
    private final HolidayCalendars calendars;

    public SettingsCommands(TenantStore tenants, HolidayCalendars calendars) {
        this.tenants = tenants;
        this.calendars = calendars;
    }

    @Override
    public Reply handle(Invocation invocation) {
        String[] words = invocation.text().split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        return switch (verb) {
            case "", "settings" -> Reply.show(settings(invocation.tenant()));
            case "help", "?" -> Reply.show(help());
            case "holidays" -> holidays(invocation, words.length > 1 ? words[1] : "");
            default -> Reply.show("I didn't understand \"" + verb + "\". See /holdfast help, or try " + HOLIDAYS_EXAMPLE + ".");
        };
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
                        "/holdfast — show this workspace's settings",
                        "/holdfast holidays US — skip a country's public holidays when counting business days (admins; /holdfast holidays off to undo)")
                .forEach(line -> out.section(Text.plain(line)));
        return out.build();
    }
}
