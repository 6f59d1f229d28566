package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.UserSession;
import dev.sessiongan.diagnostics.ClassifierTwoSampleTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether a sample has what evaluate's figures need, said before the work and with the file named, rather than
 * by a metric deep inside it: five sessions for the two-sample test's folds, and with {@code --train} some
 * sessions of two or more events, which the privacy distances compare.
 */
final class SampleSizes {

    private SampleSizes() {
    }

    /**
     * @param role     how evaluate uses the file, e.g. {@code held-out}
     * @param privacy  whether the privacy figures are computed (with {@code --train})
     * @return {@code sessions}
     */
    static List<UserSession> sessions(List<UserSession> sessions, Path file, String role, boolean privacy) {
        String problem = problem(sessions, role, privacy);
        if (problem != null) {
            throw new InvalidInputException(file.toString(), 0, null, problem);
        }
        return sessions;
    }

    /**
     * The same for generated users.
     *
     * @param whose e.g. {@code the model's}
     */
    static List<UserSession> generated(List<UserSession> sessions, long users, String whose, boolean privacy) {
        String problem = problem(sessions, "generated", privacy);
        if (problem != null) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s %,d generated users: %s", whose, users,
                    problem));
        }
        return sessions;
    }

    private static String problem(List<UserSession> sessions, String role, boolean privacy) {
        if (sessions.size() < ClassifierTwoSampleTest.FOLDS) {
            return sessions.size() + (sessions.size() == 1 ? " session" : " sessions") + "; evaluate needs at least "
                    + ClassifierTwoSampleTest.FOLDS + " " + role + " sessions (the two-sample test's folds)";
        }
        if (privacy && sessions.stream().noneMatch(s -> s.length() >= 2)) {
            return "no session has 2 or more events; the privacy figures (with --train) compare such sessions";
        }
        return null;
    }
}
