package dev.sessiongan.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.EventType;
import dev.sessiongan.internal.JsonWording;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Describes any delimited clickstream file: separator, header, which column holds what, the time format,
 * how the source's event-type values map to {@link EventType}s, and an optional item catalog. The same
 * description can be written as a JSON file (see {@link #fromJson(Path)}) or given as CLI options.
 *
 * <p>Columns are header names or, for files without a header, 0-based indices (or names listed in
 * {@code columnNames}). A source without users uses the session id as the user; a source without
 * session ids is split into sessions by inactivity gap.
 *
 * @param delimiter        field separator, one character ({@code \t} or {@code tab} for tab)
 * @param header           whether the first row names the columns
 * @param columnNames      names of the columns of a headerless file, for references and messages; may be empty
 * @param userColumn       user id column, or {@code null} when the source has only sessions
 * @param sessionColumn    session id column, or {@code null} to split by inactivity gap
 * @param itemColumn       item id column (required)
 * @param categoryColumn   category id column, or {@code null}
 * @param eventTypeColumn  event type column, or {@code null} when every row is {@code defaultEventType}
 * @param timeColumn       timestamp column (required)
 * @param priceColumn      price column, or {@code null}
 * @param attributeColumns further columns kept as event attributes (e.g. {@code brand})
 * @param timeFormat       {@code epoch-seconds}, {@code epoch-millis}, {@code iso-8601} or {@code pattern:...}
 * @param timeZone         zone for times without offset (default UTC)
 * @param eventTypes       source value to canonical type name (or {@code ignore} to drop such rows);
 *                         values not listed must be canonical names themselves
 * @param defaultEventType the type of every row when there is no event type column, or {@code null}
 * @param nullValues       values meaning "missing" in the user, session, category, price and attribute columns
 *                         (a row without user falls back to its session id)
 * @param catalog          an item catalog to join, or {@code null}
 */
public record GenericFormatSpec(
        String delimiter,
        boolean header,
        List<String> columnNames,
        String userColumn,
        String sessionColumn,
        String itemColumn,
        String categoryColumn,
        String eventTypeColumn,
        String timeColumn,
        String priceColumn,
        List<String> attributeColumns,
        String timeFormat,
        String timeZone,
        Map<String, String> eventTypes,
        String defaultEventType,
        List<String> nullValues,
        CatalogSpec catalog) {

    /** The mapping target that drops a row on purpose. */
    public static final String IGNORE = "ignore";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public GenericFormatSpec {
        userColumn = blankToNull(userColumn);
        sessionColumn = blankToNull(sessionColumn);
        itemColumn = blankToNull(itemColumn);
        categoryColumn = blankToNull(categoryColumn);
        eventTypeColumn = blankToNull(eventTypeColumn);
        timeColumn = blankToNull(timeColumn);
        priceColumn = blankToNull(priceColumn);
        defaultEventType = blankToNull(defaultEventType);
        noNulls(columnNames, "columnNames");
        noNulls(attributeColumns, "attributeColumns");
        noNulls(nullValues, "nullValues");
        if (eventTypes != null) {
            eventTypes.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new InvalidInputException("format spec: eventTypes['" + k + "'] must name an event type, got null");
                }
                if (!k.equals(k.strip())) {
                    throw new InvalidInputException("format spec: eventTypes['" + k + "']: a source value is matched"
                            + " with the spaces around it stripped, so this one never would; write '" + k.strip()
                            + "'");
                }
            });
        }
        delimiter = delimiter == null ? "," : delimiter;
        delimiterChar(delimiter);
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
        attributeColumns = attributeColumns == null ? List.of() : List.copyOf(attributeColumns);
        eventTypes = eventTypes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(eventTypes));
        nullValues = nullValues == null ? List.of("") : List.copyOf(nullValues);
        timeFormat = timeFormat == null ? "iso-8601" : timeFormat;
        TimeFormat.parse(timeFormat, timeZone);
        if (itemColumn == null || itemColumn.isBlank()) {
            throw new InvalidInputException("format spec: the item column is required (itemColumn)");
        }
        if (timeColumn == null || timeColumn.isBlank()) {
            throw new InvalidInputException("format spec: the time column is required (timeColumn)");
        }
        if (userColumn == null && sessionColumn == null) {
            throw new InvalidInputException("format spec: name a user column, a session column or both");
        }
        if (eventTypeColumn == null && defaultEventType == null) {
            throw new InvalidInputException(
                    "format spec: name an event type column, or a defaultEventType for files with one kind of event");
        }
        if (defaultEventType != null) {
            canonical(defaultEventType, "defaultEventType");
        }
        for (Map.Entry<String, String> e : eventTypes.entrySet()) {
            if (!IGNORE.equalsIgnoreCase(e.getValue())) {
                canonical(e.getValue(), "eventTypes['" + e.getKey() + "']");
            }
        }
    }

    /** Starts a spec for a file whose item and time columns are given. */
    public static Builder builder(String itemColumn, String timeColumn) {
        return new Builder(itemColumn, timeColumn);
    }

    /** The time format, parsed. */
    public TimeFormat parsedTimeFormat() {
        return TimeFormat.parse(timeFormat, timeZone);
    }

    /** A copy with another catalog. */
    public GenericFormatSpec withCatalog(CatalogSpec newCatalog) {
        return new GenericFormatSpec(delimiter, header, columnNames, userColumn, sessionColumn, itemColumn,
                categoryColumn, eventTypeColumn, timeColumn, priceColumn, attributeColumns, timeFormat, timeZone,
                eventTypes, defaultEventType, nullValues, newCatalog);
    }

    /**
     * Reads a spec from a JSON file whose fields are this record's components. A relative catalog path
     * is resolved against the spec file's folder.
     *
     * @throws InvalidInputException naming the file, line and field on a malformed or invalid spec
     */
    public static GenericFormatSpec fromJson(Path specFile) {
        GenericFormatSpec spec;
        try {
            HeaderKeys given = checkFieldNames(specFile);
            spec = JSON.readValue(specFile.toFile(), GenericFormatSpec.class);
            spec = given.defaultsApplied(spec);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException(specFile.toString(), line(e), null,
                    "unknown field '" + e.getPropertyName() + "'; known fields: " + e.getKnownPropertyIds());
        } catch (MismatchedInputException e) {
            String field = JsonWording.path(e);
            throw new InvalidInputException(specFile.toString(), line(e), null,
                    (field.isEmpty() ? "" : "field '" + field + "': ") + JsonErrors.reason(e, tree(specFile)));
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof InvalidInputException invalid) {
                throw new InvalidInputException(specFile.toString(), line(e), null, invalid.reason());
            }
            throw new InvalidInputException(specFile.toString(), line(e), null, JsonWording.malformed(e));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(specFile.toString(), "file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(specFile.toString(), "cannot read: " + e.getMessage(), e);
        }
        if (spec == null) {
            throw new InvalidInputException(specFile.toString(), 0, null, "empty spec file");
        }
        if (spec.catalog() != null && !spec.catalog().file().isAbsolute()) {
            Path folder = specFile.toAbsolutePath().getParent();
            spec = spec.withCatalog(spec.catalog().withFile(folder.resolve(spec.catalog().file()).normalize()));
        }
        return spec;
    }

    /** Writes this spec as JSON, the inverse of {@link #fromJson(Path)}. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String column) {
        return column == null || column.isBlank() ? null : column;
    }

    private static void noNulls(List<String> values, String field) {
        if (values != null && values.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("format spec: " + field + " must not contain null");
        }
    }

    static char delimiterChar(String delimiter) {
        String d = delimiter;
        if (d.equals("\\t") || d.equalsIgnoreCase("tab")) {
            return '\t';
        }
        if (d.length() != 1 || d.equals("\"") || d.equals("\n") || d.equals("\r")) {
            throw new InvalidInputException("delimiter must be one character other than quote or newline, got '"
                    + delimiter + "'");
        }
        return d.charAt(0);
    }

    private static EventType canonical(String name, String where) {
        return EventType.fromCanonicalName(name).orElseThrow(() -> new InvalidInputException(
                "format spec: " + where + ": '" + name + "' is not an event type; use one of "
                        + EventType.canonicalNames() + " or " + IGNORE));
    }

    /**
     * Which {@code header} keys a spec file gives. A record's boolean reads a missing key as {@code false}, but
     * the documented default is a header, for the file and for its catalog.
     */
    private record HeaderKeys(boolean top, boolean catalog) {

        GenericFormatSpec defaultsApplied(GenericFormatSpec spec) {
            if (spec == null) {
                return null;
            }
            GenericFormatSpec out = top ? spec : new GenericFormatSpec(spec.delimiter, true, spec.columnNames,
                    spec.userColumn, spec.sessionColumn, spec.itemColumn, spec.categoryColumn, spec.eventTypeColumn,
                    spec.timeColumn, spec.priceColumn, spec.attributeColumns, spec.timeFormat, spec.timeZone,
                    spec.eventTypes, spec.defaultEventType, spec.nullValues, spec.catalog);
            return catalog || out.catalog() == null ? out : out.withCatalog(out.catalog().withHeader(true));
        }
    }

    /**
     * Refuses unknown field names, naming the line (before binding, since record validation would hide a
     * misspelt one); returns which header keys are given.
     */
    private static HeaderKeys checkFieldNames(Path specFile) throws IOException {
        boolean topHeader = false;
        boolean catalogHeader = false;
        Set<String> top = componentNames(GenericFormatSpec.class);
        Set<String> catalogFields = componentNames(CatalogSpec.class);
        try (JsonParser parser = JSON.getFactory().createParser(specFile.toFile())) {
            int depth = 0;
            boolean inCatalog = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    inCatalog &= depth >= 2;
                } else if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    Set<String> known = depth == 1 ? top : inCatalog && depth == 2 ? catalogFields : null;
                    if (known != null && !known.contains(name)) {
                        throw new InvalidInputException(specFile.toString(), parser.currentLocation().getLineNr(), null,
                                "unknown field '" + name + "'" + (depth == 2 ? " in catalog" : "") + "; known fields: "
                                        + String.join(", ", new TreeSet<>(known)));
                    }
                    if (depth == 1) {
                        inCatalog = name.equals("catalog");
                        topHeader |= name.equals("header");
                    } else if (inCatalog && depth == 2) {
                        catalogHeader |= name.equals("header");
                    }
                }
            }
        }
        return new HeaderKeys(topHeader, catalogHeader);
    }

    private static Set<String> componentNames(Class<? extends Record> type) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    /** The file as a JSON tree, read again to describe a value of the wrong kind; it parsed once already. */
    private static JsonNode tree(Path specFile) {
        try {
            return JSON.readTree(specFile.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static long line(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** Builds a {@link GenericFormatSpec}: {@code set…}-free fluent setters for each optional part. */
    public static final class Builder {
        private String delimiter = ",";
        private boolean header = true;
        private List<String> columnNames = List.of();
        private String userColumn;
        private String sessionColumn;
        private final String itemColumn;
        private String categoryColumn;
        private String eventTypeColumn;
        private final String timeColumn;
        private String priceColumn;
        private final List<String> attributeColumns = new ArrayList<>();
        private String timeFormat = "iso-8601";
        private String timeZone = "UTC";
        private final Map<String, String> eventTypes = new LinkedHashMap<>();
        private String defaultEventType;
        private List<String> nullValues = List.of("");
        private CatalogSpec catalog;

        private Builder(String itemColumn, String timeColumn) {
            this.itemColumn = itemColumn;
            this.timeColumn = timeColumn;
        }

        /** Field separator (default {@code ,}). */
        public Builder delimiter(String value) {
            this.delimiter = value;
            return this;
        }

        /** Whether the first row is a header (default {@code true}). */
        public Builder header(boolean value) {
            this.header = value;
            return this;
        }

        /** Names of a headerless file's columns. */
        public Builder columnNames(List<String> names) {
            this.columnNames = List.copyOf(names);
            return this;
        }

        /** The user id column. */
        public Builder userColumn(String column) {
            this.userColumn = column;
            return this;
        }

        /** The session id column. */
        public Builder sessionColumn(String column) {
            this.sessionColumn = column;
            return this;
        }

        /** The category column. */
        public Builder categoryColumn(String column) {
            this.categoryColumn = column;
            return this;
        }

        /** The event type column. */
        public Builder eventTypeColumn(String column) {
            this.eventTypeColumn = column;
            return this;
        }

        /** The price column. */
        public Builder priceColumn(String column) {
            this.priceColumn = column;
            return this;
        }

        /** A column kept verbatim as an event attribute. */
        public Builder attributeColumn(String column) {
            this.attributeColumns.add(column);
            return this;
        }

        /** The time format (default {@code iso-8601}). */
        public Builder timeFormat(String format) {
            this.timeFormat = format;
            return this;
        }

        /** Zone for times without offset (default UTC). */
        public Builder timeZone(String zone) {
            this.timeZone = zone;
            return this;
        }

        /** Maps a source event-type value to a canonical type name, or to {@code ignore}. */
        public Builder eventType(String sourceValue, String canonicalName) {
            this.eventTypes.put(sourceValue, canonicalName);
            return this;
        }

        /** Maps a source event-type value to a type. */
        public Builder eventType(String sourceValue, EventType type) {
            return eventType(sourceValue, type.canonicalName());
        }

        /** The type of every row, for files without an event type column. */
        public Builder defaultEventType(EventType type) {
            this.defaultEventType = type.canonicalName();
            return this;
        }

        /** Values meaning "missing" in optional columns (default: the empty string). */
        public Builder nullValues(List<String> values) {
            this.nullValues = List.copyOf(values);
            return this;
        }

        /** An item catalog to join by item id. */
        public Builder catalog(CatalogSpec spec) {
            this.catalog = spec;
            return this;
        }

        /** The spec; validated. */
        public GenericFormatSpec build() {
            return new GenericFormatSpec(delimiter, header, columnNames, userColumn, sessionColumn, itemColumn,
                    categoryColumn, eventTypeColumn, timeColumn, priceColumn, attributeColumns, timeFormat,
                    timeZone, eventTypes, defaultEventType, nullValues, catalog);
        }
    }
}
