package io.holdfast.console;

import io.holdfast.core.Chat;
import io.holdfast.core.Message;
import io.holdfast.core.Tenant;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** What the bot would post in a channel, printed to the terminal instead. */
public final class ConsoleChat implements Chat {
    private final PrintStream out;
    private final AtomicLong refs = new AtomicLong();

    public ConsoleChat(PrintStream out) {
        this.out = out;
    }

    @Override
    public Posted post(Tenant tenant, String channel, String threadRef, Message message) {
        String ref = "m" + refs.incrementAndGet();
        String where = threadRef == null ? "posted in #" + channel : "replied in the thread of " + threadRef;
        print("── Holdfast " + where + " (" + ref + ") ──", message);
        return new Posted(channel, ref);
    }

    @Override
    public Posted update(Tenant tenant, String channel, String ref, Message message) {
        print("── Holdfast updated " + ref + " in #" + channel + " ──", message);
        return new Posted(channel, ref);
    }

    private void print(String header, Message message) {
        synchronized (out) {
            out.println();
            out.println(header);
            out.println(PlainText.render(message));
            out.flush();
        }
    }
}
