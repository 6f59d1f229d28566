package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;

/**
 * An option given a value it cannot take, or options that do not go together: a usage error, exit code 2
 * (as picocli's own parse errors), where bad data or a bad file is exit code 1.
 */
final class UsageException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    UsageException(String reason) {
        super(reason);
    }
}
