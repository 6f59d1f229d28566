package dev.sessiongan.examples;

import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.SessionGenerator;
import dev.sessiongan.generate.VirtualUser;
import dev.sessiongan.io.EmbeddedModels;
import java.util.List;

/** The README's Java snippet: virtual users from the embedded default model, no files needed. */
public final class GenerateUsersExample {

    private GenerateUsersExample() {
    }

    /** Prints the first user's first session. */
    public static void main(String[] args) {
        SessionGenerator generator = EmbeddedModels.defaultModel().generator();
        List<VirtualUser> users = generator.users(GenerationRequest.of(100, 42)).toList();

        VirtualUser first = users.get(0);
        System.out.println(first.userId() + " " + first.profile());
        for (ClickEvent e : first.sessions().get(0).events()) {
            System.out.println("  " + e.timestamp() + " " + e.type() + " item " + e.itemId() + " category "
                    + e.categoryId() + " price " + e.price());
        }
    }
}
