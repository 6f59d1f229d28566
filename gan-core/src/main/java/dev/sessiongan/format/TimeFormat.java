package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a source writes time: {@code epoch-seconds}, {@code epoch-millis}, {@code iso-8601}, or
 * {@code pattern:<java.time pattern>} such as {@code pattern:yyyy-MM-dd HH:mm:ss 'UTC'}. Times without
 * an offset are read in the given zone.
 */
public final class TimeFormat {

    private enum Kind { EPOCH_SECONDS, EPOCH_MILLIS, ISO_8601, PATTERN }

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    /** Plain decimal numbers only: no exponent, so no value can make the parser build a huge number. */
    private static final Pattern EPOCH = Pattern.compile("-?\\d{1,16}(\\.\\d{1,9})?");
    /** Times outside these bounds are rejected as typos (and would overflow millisecond arithmetic). */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** See {@link #EARLIEST}. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Whether {@code epochMillis} lies within {@link #EARLIEST} and {@link #LATEST}: a time any read could give. */
    public static boolean isSupported(long epochMillis) {
        return epochMillis >= EARLIEST.toEpochMilli() && epochMillis <= LATEST.toEpochMilli();
    }

    private final Kind kind;
    private final String spec;
    private final ZoneId zone;
    private final DateTimeFormatter formatter;

    private TimeFormat(Kind kind, String spec, ZoneId zone, DateTimeFormatter formatter) {
        this.kind = kind;
        this.spec = spec;
        this.zone = zone;
        this.formatter = formatter;
    }

    /**
     * Parses a format description.
     *
     * @param spec {@code epoch-seconds}, {@code epoch-millis}, {@code iso-8601} or {@code pattern:...}
     * @param zone zone for times without offset; {@code null} means UTC
     * @throws InvalidInputException if the description or zone is not valid
     */
    public static TimeFormat parse(String spec, String zone) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.trim());
        } catch (DateTimeException e) {
            throw new InvalidInputException("unknown time zone '" + zone + "'; use an id such as UTC or Asia/Shanghai");
        }
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("time format is missing; use epoch-seconds, epoch-millis, iso-8601 or pattern:...");
        }
        String s = spec.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "epoch-seconds":
                return new TimeFormat(Kind.EPOCH_SECONDS, s, zoneId, null);
            case "epoch-millis":
                return new TimeFormat(Kind.EPOCH_MILLIS, s, zoneId, null);
            case "iso-8601":
                return new TimeFormat(Kind.ISO_8601, s, zoneId, null);
            default:
                break;
        }
        if (s.startsWith("pattern:")) {
            String pattern = s.substring("pattern:".length());
            if (pattern.isBlank()) {
                throw new InvalidInputException("time format 'pattern:' has an empty pattern; give a java.time"
                        + " pattern, e.g. pattern:yyyy-MM-dd HH:mm:ss");
            }
            try {
                return new TimeFormat(Kind.PATTERN, s, zoneId,
                        DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(zoneId));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("bad time pattern '" + pattern + "': " + e.getMessage());
            }
        }
        throw new InvalidInputException("unknown time format '" + spec
                + "'; use epoch-seconds, epoch-millis, iso-8601 or pattern:<java.time pattern>");
    }

    /** The description this format was parsed from. */
    public String spec() {
        return spec;
    }

    /** The zone used for times without offset. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Parses one value.
     *
     * @throws IllegalArgumentException with a short reason if the value is not a time in this format
     */
    public Instant parseInstant(String text) {
        String t = text.trim();
        Instant instant;
        try {
            switch (kind) {
                case EPOCH_SECONDS:
                    instant = fromMillis(epochNumber(t).multiply(THOUSAND));
                    break;
                case EPOCH_MILLIS:
                    instant = fromMillis(epochNumber(t));
                    break;
                case ISO_8601:
                    instant = parseIso(t);
                    break;
                default:
                    instant = parsePattern(t);
                    break;
            }
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot parse '" + text + "' as " + describe(), e);
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("time '" + text + "' is " + instant + ", outside " + "1900-9999"
                    + "; check the time format (" + describe() + ")");
        }
        return instant;
    }

    private static BigDecimal epochNumber(String t) {
        if (!EPOCH.matcher(t).matches()) {
            throw new NumberFormatException("not a plain decimal number");
        }
        return new BigDecimal(t);
    }

    /** A description for error messages, e.g. {@code ISO-8601 time}. */
    public String describe() {
        switch (kind) {
            case EPOCH_SECONDS:
                return "epoch seconds";
            case EPOCH_MILLIS:
                return "epoch milliseconds";
            case ISO_8601:
                return "ISO-8601 time";
            default:
                return "time (pattern " + spec.substring("pattern:".length()) + ")";
        }
    }

    private static Instant fromMillis(BigDecimal millis) {
        return Instant.ofEpochMilli(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    private Instant parseIso(String t) {
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException notDateTime) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
        }
    }

    private Instant parsePattern(String t) {
        TemporalAccessor parsed = formatter.parse(t);
        try {
            return Instant.from(parsed);
        } catch (DateTimeException dateOnly) {
            return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
        }
    }

    @Override
    public String toString() {
        return spec;
    }
}
