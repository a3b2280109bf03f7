package io.holdfast.escalation;

import io.holdfast.core.Text;
import java.util.List;

/**
 * A tenant's escalation leads: people named one by one, and/or a platform group (a Slack user group).
 *
 * @param group the group's id, or null
 */
public record Leads(List<String> users, String group) {

    public Leads {
        users = List.copyOf(users);
    }

    public boolean isEmpty() {
        return users.isEmpty() && group == null;
    }

    /** Mentions every lead (the group once, not each member), leaving out {@code except}. */
    public void mention(Text.Builder text, String except) {
        users.stream().filter(user -> !user.equals(except)).forEach(user -> text.plain(" ").mention(user));
        if (group != null) {
            text.plain(" ").group(group);
        }
    }
}
