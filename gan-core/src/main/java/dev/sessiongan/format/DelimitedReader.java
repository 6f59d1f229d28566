package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.ClickEvent;
import dev.sessiongan.data.EventType;
import dev.sessiongan.data.SourceEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVRecord;

/** Reads any delimited file described by a {@link GenericFormatSpec}, one row at a time. */
final class DelimitedReader implements EventReader {

    /** A row problem: a reason key for the report, the column, and the message. */
    private static final class RowProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String reason;
        final String column;

        RowProblem(String reason, String column, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.column = column;
        }
    }

    private final CsvSource source;
    private final ReadOptions options;
    private final TimeFormat time;
    private final ItemCatalog catalog;
    private final Set<String> nullValues;
    private final Map<String, EventType> typeMap = new HashMap<>();
    private final Set<String> ignoredTypes = new HashSet<>();
    private final EventType defaultType;
    private final int user;
    private final int session;
    private final int item;
    private final int category;
    private final int eventType;
    private final int timeColumn;
    private final int price;
    private final int[] attributes;
    private final String[] attributeNames;
    private int expectedColumns;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final Map<String, Long> notes = new LinkedHashMap<>();
    private long rows;
    private long events;
    private long catalogHits;
    private long catalogLookups;
    private SourceEvent pending;
    private boolean done;

    DelimitedReader(Path file, GenericFormatSpec spec, ReadOptions options) {
        this.options = options;
        this.time = spec.parsedTimeFormat();
        this.nullValues = Set.copyOf(spec.nullValues());
        spec.eventTypes().forEach((from, to) -> {
            if (GenericFormatSpec.IGNORE.equalsIgnoreCase(to)) {
                ignoredTypes.add(from);
            } else {
                typeMap.put(from, EventType.fromCanonicalName(to).orElseThrow());
            }
        });
        this.defaultType = spec.defaultEventType() == null ? null
                : EventType.fromCanonicalName(spec.defaultEventType()).orElseThrow();
        this.catalog = spec.catalog() == null ? null : ItemCatalog.load(spec.catalog(), options, notes);
        this.source = CsvSource.open(file, GenericFormatSpec.delimiterChar(spec.delimiter()), spec.header(),
                spec.columnNames());
        try {
            this.user = optional(spec.userColumn(), "user");
            this.session = optional(spec.sessionColumn(), "session");
            this.item = source.resolve(spec.itemColumn(), "item");
            this.category = optional(spec.categoryColumn(), "category");
            this.eventType = optional(spec.eventTypeColumn(), "event type");
            this.timeColumn = source.resolve(spec.timeColumn(), "time");
            this.price = optional(spec.priceColumn(), "price");
            this.attributes = new int[spec.attributeColumns().size()];
            this.attributeNames = new String[attributes.length];
            for (int i = 0; i < attributes.length; i++) {
                attributes[i] = source.resolve(spec.attributeColumns().get(i), "attribute");
                attributeNames[i] = source.columnName(attributes[i]);
            }
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        this.expectedColumns = source.columns().isEmpty() ? -1 : source.columns().size();
    }

    private int optional(String reference, String role) {
        return reference == null || reference.isBlank() ? -1 : source.resolve(reference, role);
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !done) {
            if (rows >= options.maxRows()) {
                finish();
                break;
            }
            CSVRecord record = source.nextRecord();
            if (record == null) {
                if (source.endsMidLine()) {
                    notes.put(CsvSource.cutShortNote("the file"), 1L);
                }
                finish();
                break;
            }
            rows++;
            try {
                pending = parse(record);
            } catch (RowProblem problem) {
                if (options.onError() == ErrorPolicy.FAIL) {
                    throw new InvalidInputException(source.name(), source.line(), problem.column, problem.getMessage());
                }
                skipped.merge(problem.reason, 1L, Long::sum);
            }
        }
        return pending != null;
    }

    @Override
    public SourceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceEvent event = pending;
        pending = null;
        events++;
        return event;
    }

    private void finish() {
        done = true;
        if (catalog != null) {
            long misses = catalogLookups - catalogHits;
            if (misses > 0) {
                notes.put("events whose item is not in catalog " + catalog.name(), misses);
            }
            if (catalogLookups > 0 && catalogHits == 0) {
                throw new InvalidInputException(source.name(), 0, null, "catalog " + catalog.name()
                        + " matched none of the " + catalogLookups + " events' items (" + catalog.size()
                        + " catalog items); check that both files use the same item ids and the right item column");
            }
        }
    }

    private SourceEvent parse(CSVRecord r) {
        if (expectedColumns < 0) {
            expectedColumns = r.size();
            checkIndices();
        }
        if (r.size() != expectedColumns) {
            String names = source.columns().isEmpty() ? "" : " (" + String.join(",", source.columns()) + ")";
            throw new RowProblem("wrong column count", null,
                    "expected " + expectedColumns + " columns" + names + ", found " + r.size());
        }
        String sessionId = value(r, session);
        String userId = value(r, user);
        if (userId == null && sessionId == null) {
            throw user >= 0
                    ? new RowProblem("missing user id", source.columnName(user), "empty user id")
                    : new RowProblem("missing session id", source.columnName(session), "empty session id");
        }
        String itemId = required(r, item, "missing item id", "item id");
        EventType type;
        if (eventType >= 0) {
            String raw = r.get(eventType).strip();
            if (ignoredTypes.contains(raw)) {
                notes.merge("rows with ignored event type '" + raw + "'", 1L, Long::sum);
                return null;
            }
            type = typeMap.get(raw);
            if (type == null) {
                type = EventType.fromCanonicalName(raw).orElseThrow(() -> new RowProblem("unknown event type",
                        source.columnName(eventType), "unknown event type '" + raw + "'; known: " + knownTypes()
                                + "; skip such rows with --on-error skip, or read the file as --format generic and map"
                                + " it with --event-map " + (raw.isEmpty() ? "VALUE" : raw) + "=view (or =ignore)"));
            }
        } else {
            type = defaultType;
        }
        Instant timestamp;
        String rawTime = r.get(timeColumn);
        try {
            timestamp = time.parseInstant(rawTime);
        } catch (IllegalArgumentException e) {
            throw new RowProblem("unparsable time", source.columnName(timeColumn), e.getMessage());
        }
        String categoryId = value(r, category);
        BigDecimal itemPrice = null;
        String rawPrice = value(r, price);
        if (rawPrice != null) {
            try {
                itemPrice = Prices.parse(rawPrice);
            } catch (IllegalArgumentException e) {
                throw new RowProblem("unparsable price", source.columnName(price), e.getMessage());
            }
        }
        if (catalog != null && (categoryId == null || itemPrice == null)) {
            catalogLookups++;
            ItemCatalog.Entry entry = catalog.get(itemId);
            if (entry != null) {
                catalogHits++;
                categoryId = categoryId == null ? entry.categoryId() : categoryId;
                itemPrice = itemPrice == null ? entry.price() : itemPrice;
            }
        }
        Map<String, String> attrs = Map.of();
        if (attributes.length > 0) {
            attrs = new HashMap<>();
            for (int i = 0; i < attributes.length; i++) {
                String v = value(r, attributes[i]);
                if (v != null) {
                    attrs.put(attributeNames[i], v);
                }
            }
        }
        if (userId == null && user >= 0) {
            // read, not refused: the session stands for its user, but said, as a file with users should have them
            notes.merge("rows without a user id (their session stands for the user)", 1L, Long::sum);
        }
        return new SourceEvent(userId, sessionId, new ClickEvent(timestamp, type, itemId, categoryId, itemPrice, attrs));
    }

    /** A headerless file's column numbers are checked against its first row. */
    private void checkIndices() {
        int[] fixed = {user, session, item, category, eventType, timeColumn, price};
        for (int index : IntStream.concat(Arrays.stream(fixed),
                Arrays.stream(attributes)).toArray()) {
            if (index >= expectedColumns) {
                throw new InvalidInputException(source.name(), source.line(), "#" + index,
                        "no such column: the rows have " + expectedColumns + " columns (numbered from 0)");
            }
        }
    }

    private String knownTypes() {
        Set<String> known = new TreeSet<>(typeMap.keySet());
        known.addAll(ignoredTypes);
        return known.isEmpty() ? EventType.canonicalNames() : String.join(", ", known);
    }

    private String value(CSVRecord r, int column) {
        if (column < 0) {
            return null;
        }
        String v = r.get(column).strip();
        return nullValues.contains(v) || v.isEmpty() ? null : v;
    }

    private String required(CSVRecord r, int column, String reason, String what) {
        String v = r.get(column).strip();
        if (v.isEmpty()) {
            throw new RowProblem(reason, source.columnName(column), "empty " + what);
        }
        return v;
    }

    @Override
    public ReadReport report() {
        return new ReadReport(rows, events, skipped, notes);
    }

    @Override
    public void close() {
        source.close();
    }
}
