package dev.sessiongan.examples;

import dev.sessiongan.UserSimulator;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.generate.GenerationRequest;
import dev.sessiongan.generate.UserCondition;
import dev.sessiongan.generate.VirtualUser;
import java.util.List;

/** The README's Java snippet: virtual users from the embedded default model, no files needed. */
public final class GenerateUsersExample {

    private GenerateUsersExample() {
    }

    /** Prints the first user's first session, then how many of 100 buyers' sessions end in a purchase. */
    public static void main(String[] args) {
        UserSimulator simulator = UserSimulator.defaultModel();
        List<VirtualUser> users = simulator.users(GenerationRequest.of(100, 42)).toList();

        VirtualUser first = users.get(0);
        System.out.println(first.userId() + " " + first.profile());
        for (ClickEvent e : first.sessions().get(0).events()) {
            System.out.println("  " + e.timestamp() + " " + e.type() + " item " + e.itemId() + " category "
                    + e.categoryId() + " price " + e.price());
        }

        List<VirtualUser> buyers = simulator.users(GenerationRequest.of(100, 42).withCondition(UserCondition.buyers()))
                .toList();
        long ending = buyers.stream().flatMap(u -> u.sessions().stream())
                .filter(s -> s.events().get(s.length() - 1).type() == dev.sessiongan.data.EventType.PURCHASE).count();
        System.out.println(buyers.size() + " buyers; " + ending + " of their sessions end in a purchase");
    }
}
