package dev.sessiongan.cli;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.EventType;
import dev.sessiongan.format.CatalogSpec;
import dev.sessiongan.format.ClickstreamFormat;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ErrorPolicy;
import dev.sessiongan.format.GenericFormatSpec;
import dev.sessiongan.format.ReadOptions;
import dev.sessiongan.format.ReadReport;
import dev.sessiongan.format.ReadResult;
import dev.sessiongan.format.TimeFormat;
import dev.sessiongan.io.ModelManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** How to read the input clickstream: shared by inspect, convert and train. */
final class FormatOptions {

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input format: rees46, taobao, retailrocket, yoochoose, otto, events-csv or generic.")
    String format;

    @Option(names = "--spec", paramLabel = "FILE",
            description = "generic: a JSON column-mapping spec (see docs/formats.md).")
    Path spec;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "An item catalog joined by item id: retailrocket's item_properties.csv, or for generic"
                    + " a CSV with --catalog-item-col and --catalog-category-col.")
    Path catalog;

    @Option(names = "--buys", paramLabel = "FILE", description = "yoochoose: the buys file to join to the clicks.")
    Path buys;

    @Option(names = "--on-error", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail (default): stop at the first bad row; skip: skip bad rows and count them by reason.")
    String onError;

    /** Null when not given: the default, and nothing to tell the user if no event needed it. */
    @Option(names = "--session-gap", paramLabel = "DURATION",
            description = "Inactivity gap that splits sessions where the source has no session id"
                    + " (e.g. 30m, 1h, 1h30m, 90s; default 30m).")
    String sessionGap;

    @Option(names = "--limit", paramLabel = "ROWS", description = "Read only the first ROWS data rows (a slice).")
    Long limit;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "generic: field separator (default ',', 'tab' for tab).")
    String delimiter;

    @Option(names = "--no-header", description = "generic: the file has no header row; columns are 0-based numbers.")
    boolean noHeader;

    @Option(names = "--user-col", paramLabel = "COL", description = "generic: user id column.")
    String userColumn;

    @Option(names = "--session-col", paramLabel = "COL", description = "generic: session id column.")
    String sessionColumn;

    @Option(names = "--item-col", paramLabel = "COL", description = "generic: item id column.")
    String itemColumn;

    @Option(names = "--category-col", paramLabel = "COL", description = "generic: category column.")
    String categoryColumn;

    @Option(names = "--type-col", paramLabel = "COL", description = "generic: event type column.")
    String typeColumn;

    @Option(names = "--time-col", paramLabel = "COL", description = "generic: timestamp column.")
    String timeColumn;

    @Option(names = "--price-col", paramLabel = "COL", description = "generic: price column.")
    String priceColumn;

    @Option(names = "--time-format", paramLabel = "FMT",
            description = "generic: epoch-seconds, epoch-millis, iso-8601 (default) or pattern:<java.time pattern>.")
    String timeFormat;

    @Option(names = "--time-zone", paramLabel = "ZONE", description = "generic: zone of times without offset (default UTC).")
    String timeZone;

    @Option(names = "--event-map", paramLabel = "SRC=TYPE", split = ",",
            description = "generic: map a source event type to view, add_to_cart, remove_from_cart, wishlist,"
                    + " purchase, search or ignore; repeatable (e.g. --event-map pv=view,buy=purchase); an empty SRC"
                    + " (=view) maps rows whose event type is empty.")
    List<String> eventMappings = new ArrayList<>();

    @Option(names = "--default-type", paramLabel = "TYPE",
            description = "generic: event type of every row when there is no type column (e.g. view).")
    String defaultType;

    @Option(names = "--catalog-item-col", paramLabel = "COL", description = "generic catalog: item id column.")
    String catalogItemColumn;

    @Option(names = "--catalog-category-col", paramLabel = "COL", description = "generic catalog: category column.")
    String catalogCategoryColumn;

    @Option(names = "--catalog-price-col", paramLabel = "COL", description = "generic catalog: price column.")
    String catalogPriceColumn;

    /** The format these options describe. */
    ClickstreamFormat resolve() {
        if (format == null) {
            throw new UsageException("--format is required: " + formatNames());
        }
        if (!format.equals("generic") && !ClickstreamFormats.NAMES.contains(format)) {
            throw new UsageException("--format: unknown format '" + format + "'; use one of " + formatNames());
        }
        if (catalog == null) {
            rejectGiven(catalogColumnOptions(), "given without --catalog FILE");
        }
        switch (format) {
            case "generic":
                rejectCompanions(true, false, true);
                return ClickstreamFormats.generic(genericSpec());
            case "retailrocket":
                rejectFixedLayout(catalogColumnOptions());
                rejectCompanions(true, false, false);
                return ClickstreamFormats.retailrocket(catalog);
            case "yoochoose":
                rejectFixedLayout(catalogColumnOptions());
                rejectCompanions(false, true, false);
                return ClickstreamFormats.yoochoose(buys);
            default:
                rejectFixedLayout(catalogColumnOptions());
                rejectCompanions(false, false, false);
                return ClickstreamFormats.named(format);
        }
    }

    private static String formatNames() {
        return String.join(", ", ClickstreamFormats.NAMES) + " or generic";
    }

    /** A companion file another format reads would be silently ignored. */
    private void rejectCompanions(boolean catalogApplies, boolean buysApplies, boolean specApplies) {
        List<String> given = new ArrayList<>();
        if (catalog != null && !catalogApplies) {
            given.add("--catalog");
        }
        if (buys != null && !buysApplies) {
            given.add("--buys");
        }
        if (spec != null && !specApplies) {
            given.add("--spec");
        }
        rejectGiven(given, "not read by format '" + format
                + "' (catalog: retailrocket, generic; buys: yoochoose; spec: generic)");
    }

    /** Column options describe a generic file; with a built-in format they would be silently ignored. */
    private void rejectFixedLayout(List<String> alsoGiven) {
        List<String> given = new ArrayList<>(columnOptions());
        given.addAll(alsoGiven);
        rejectGiven(given, "only for --format generic; format '" + format + "' has a fixed layout");
    }

    private static void rejectGiven(List<String> given, String why) {
        if (!given.isEmpty()) {
            throw new UsageException(String.join(", ", given) + ": " + why);
        }
    }

    /** The generic file's layout options given on the command line (they are the spec's fields too). */
    private List<String> columnOptions() {
        List<String> given = new ArrayList<>();
        if (delimiter != null) {
            given.add("--delimiter");
        }
        if (noHeader) {
            given.add("--no-header");
        }
        given.addAll(given(new String[][] {{userColumn, "--user-col"}, {sessionColumn, "--session-col"},
            {itemColumn, "--item-col"}, {categoryColumn, "--category-col"}, {typeColumn, "--type-col"},
            {timeColumn, "--time-col"}, {priceColumn, "--price-col"}, {timeFormat, "--time-format"},
            {timeZone, "--time-zone"}, {defaultType, "--default-type"}}));
        if (!eventMappings.isEmpty()) {
            given.add("--event-map");
        }
        return given;
    }

    private List<String> catalogColumnOptions() {
        return given(new String[][] {{catalogItemColumn, "--catalog-item-col"},
            {catalogCategoryColumn, "--catalog-category-col"}, {catalogPriceColumn, "--catalog-price-col"}});
    }

    /** The names of the options given a value, from {value, option name} pairs. */
    private static List<String> given(String[][] valuesAndNames) {
        List<String> given = new ArrayList<>();
        for (String[] pair : valuesAndNames) {
            if (pair[0] != null) {
                given.add(pair[1]);
            }
        }
        return given;
    }

    /** Reading options. */
    ReadOptions readOptions() {
        ErrorPolicy policy;
        switch (onError.toLowerCase(Locale.ROOT)) {
            case "fail":
                policy = ErrorPolicy.FAIL;
                break;
            case "skip":
                policy = ErrorPolicy.SKIP;
                break;
            default:
                throw new UsageException("--on-error must be fail or skip, got '" + onError + "'");
        }
        ReadOptions options = ReadOptions.DEFAULT.withOnError(policy);
        if (sessionGap != null) {
            options = options.withSessionGap(Durations.parse(sessionGap, "--session-gap"));
        }
        if (limit != null) {
            if (limit < 1) {
                throw new UsageException("--limit must be >= 1, got " + limit);
            }
            options = options.withMaxRows(limit);
        }
        return options;
    }

    private GenericFormatSpec genericSpec() {
        if (spec != null) {
            rejectGiven(columnOptions(), "not with --spec; put them in the spec");
            GenericFormatSpec fromFile = GenericFormatSpec.fromJson(spec);
            return catalog == null ? fromFile : fromFile.withCatalog(catalogSpec(fromFile.delimiter()));
        }
        if (itemColumn == null || timeColumn == null) {
            throw new UsageException("format 'generic' needs --spec FILE, or at least --item-col and --time-col"
                    + " (plus --user-col and/or --session-col, and --type-col or --default-type)");
        }
        GenericFormatSpec.Builder b = GenericFormatSpec.builder(itemColumn, timeColumn)
                .header(!noHeader)
                .userColumn(userColumn).sessionColumn(sessionColumn).categoryColumn(categoryColumn)
                .eventTypeColumn(typeColumn).priceColumn(priceColumn);
        if (delimiter != null) {
            b.delimiter(delimiter);
        }
        if (timeFormat != null) {
            checkOption("--time-format", () -> TimeFormat.parse(timeFormat, null));
            b.timeFormat(timeFormat);
        }
        if (timeZone != null) {
            checkOption("--time-zone", () -> TimeFormat.parse(timeFormat == null ? "iso-8601" : timeFormat, timeZone));
            b.timeZone(timeZone);
        }
        eventMap().forEach((source, type) -> {
            if (!GenericFormatSpec.IGNORE.equalsIgnoreCase(type) && EventType.fromCanonicalName(type).isEmpty()) {
                throw new UsageException("--event-map " + source + "=" + type + ": '" + type
                        + "' is not an event type; use one of " + EventType.canonicalNames() + " or ignore");
            }
            b.eventType(source, type);
        });
        if (defaultType != null) {
            b.defaultEventType(EventType.fromCanonicalName(defaultType).orElseThrow(() ->
                    new UsageException("--default-type: '" + defaultType + "' is not an event type; use one of "
                            + EventType.canonicalNames())));
        }
        if (catalog != null) {
            b.catalog(catalogSpec(delimiter == null ? "," : delimiter));
        }
        try {
            return b.build();
        } catch (InvalidInputException e) {
            // every part of this spec came from an option (a bad --delimiter, --time-format or --time-zone)
            throw new UsageException(e.reason());
        }
    }

    /** The {@code --event-map} pairs in order; a source given twice is refused, as in a spec. */
    private Map<String, String> eventMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String mapping : eventMappings) {
            int eq = mapping.indexOf('=');
            if (eq < 0) {
                throw new UsageException("--event-map: '" + mapping + "' is not SRC=TYPE");
            }
            String source = mapping.substring(0, eq);
            if (map.putIfAbsent(source, mapping.substring(eq + 1)) != null) {
                throw new UsageException("--event-map: source '" + source + "' given twice");
            }
        }
        return map;
    }

    private static void checkOption(String option, Runnable check) {
        try {
            check.run();
        } catch (InvalidInputException e) {
            throw new UsageException(option + ": " + e.reason());
        }
    }

    private CatalogSpec catalogSpec(String catalogDelimiter) {
        if (catalogItemColumn == null || (catalogCategoryColumn == null && catalogPriceColumn == null)) {
            throw new UsageException("--catalog needs --catalog-item-col and --catalog-category-col"
                    + " (or --catalog-price-col)");
        }
        return new CatalogSpec(catalog, catalogDelimiter, true, catalogItemColumn, catalogCategoryColumn,
                catalogPriceColumn, null, null, null);
    }

    /**
     * The files a read with these options takes, for checks that an output does not replace one: the clickstream
     * under {@code role} (its option or name) and the companions given ({@code --spec}, {@code --catalog},
     * {@code --buys}). A modifiable map, in that order.
     */
    Map<String, Path> inputFiles(String role, Path file) {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put(role, file);
        files.put("--spec", spec);
        files.put("the catalog that --spec names", specCatalog());
        files.put("--catalog", catalog);
        files.put("--buys", buys);
        return files;
    }

    /** The catalog file the {@code --spec} file names, if any; a spec that cannot be read is reported by the read. */
    private Path specCatalog() {
        if (spec == null) {
            return null;
        }
        try {
            CatalogSpec named = GenericFormatSpec.fromJson(spec).catalog();
            return named == null ? null : named.file();
        } catch (InvalidInputException e) {
            return null;
        }
    }

    /** Reads {@code file} as these options say, telling its read report on {@code err}. */
    ReadResult read(Path file, PrintWriter err) {
        return read(resolve(), file, readOptions(), err);
    }

    /**
     * Reads {@code file} and tells the user, on stderr, about its skipped rows and other notes, and about a
     * {@code --session-gap} that split nothing because every event came with its session id.
     */
    ReadResult read(ClickstreamFormat format, Path file, ReadOptions options, PrintWriter err) {
        ReadResult result = format.read(file, options);
        printReport(result, file, err);
        return result;
    }

    private void printReport(ReadResult result, Path file, PrintWriter err) {
        ReadReport report = result.report();
        if (report.skipped() > 0) {
            err.println(file + ": skipped " + report.skipped() + " bad rows of " + report.rows() + ": "
                    + report.skippedSummary());
        }
        report.notes().forEach((note, count) -> err.println(file + ": note: " + count + " " + note));
        if (sessionGap != null && result.eventsWithoutSessionId() == 0) {
            err.println(file + ": note: --session-gap not used: every event has its session id");
        }
        err.flush();
    }

    /**
     * Warns when a model trained on one source is compared with data read as another: every catalog figure would
     * be near 1. Canonical events CSV and generic specs can hold any source's ids, so they are not compared.
     */
    void warnIfTrainedOnOther(ModelManifest manifest, String role, PrintWriter err) {
        ModelManifest.DatasetProvenance trainedOn = manifest.dataset();
        if (trainedOn != null && isSourceFormat(trainedOn.format()) && isSourceFormat(format)
                && !trainedOn.format().equalsIgnoreCase(format.trim())) {
            err.printf("warning: the model was trained on %s data (%s) and the %s is read as %s: its items and"
                    + " categories will hardly match%n", trainedOn.format(), trainedOn.file(), role, format.trim());
            err.flush();
        }
    }

    /** A named source's format; the canonical and generic ones can hold any source's data. */
    private static boolean isSourceFormat(String name) {
        return name != null && !name.isBlank() && !name.trim().equalsIgnoreCase("events-csv")
                && !name.trim().equalsIgnoreCase("generic");
    }

    /** Parses durations such as {@code 30m}, {@code 1h}, {@code 1h30m}, {@code 90s} or ISO {@code PT30M}. */
    static final class Durations {
        private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

        private Durations() {
        }

        static Duration parse(String text, String option) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    return check(Duration.parse(t.toUpperCase(Locale.ROOT)), text, option);
                }
                if (t.matches("\\d+")) {
                    throw new UsageException(option + ": '" + text + "' needs a unit: s, m, h or d (e.g. 30m)");
                }
                if (t.matches("(\\d+[dhms])+")) {
                    // 30m, 1h, or a sum of parts such as 1h30m
                    Duration sum = Duration.ZERO;
                    Matcher part = PART.matcher(t);
                    while (part.find()) {
                        sum = sum.plus(unit(part.group(2).charAt(0)).multipliedBy(Long.parseLong(part.group(1))));
                    }
                    return check(sum, text, option);
                }
            } catch (NumberFormatException | java.time.format.DateTimeParseException | ArithmeticException e) {
                // fall through to the message below
            }
            throw new UsageException(option + ": cannot parse '" + text + "' as a duration; use e.g. 30m, 1h, 1h30m, 90s");
        }

        private static Duration unit(char unit) {
            return switch (unit) {
                case 'd' -> Duration.ofDays(1);
                case 'h' -> Duration.ofHours(1);
                case 'm' -> Duration.ofMinutes(1);
                default -> Duration.ofSeconds(1);
            };
        }

        private static Duration check(Duration d, String text, String option) {
            if (d.isZero() || d.isNegative()) {
                throw new UsageException(option + " must be positive, got '" + text + "'");
            }
            if (d.compareTo(Duration.ofDays(365)) > 0) {
                throw new UsageException(option + " must be at most 365 days, got '" + text + "'");
            }
            return d;
        }
    }
}
