package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;

/** Item id to category (and price), loaded from a {@link CatalogSpec}. */
final class ItemCatalog {

    record Entry(String categoryId, BigDecimal price) {
    }

    private final Map<String, Entry> entries;
    private final String name;

    private ItemCatalog(String name, Map<String, Entry> entries) {
        this.name = name;
        this.entries = entries;
    }

    String name() {
        return name;
    }

    Entry get(String itemId) {
        return entries.get(itemId);
    }

    int size() {
        return entries.size();
    }

    static ItemCatalog load(CatalogSpec spec, ReadOptions options, Map<String, Long> skipped) {
        Map<String, Entry> entries = new HashMap<>();
        try (CsvSource source = CsvSource.open(spec.file(), GenericFormatSpec.delimiterChar(spec.delimiter()),
                spec.header(), List.of())) {
            int item = source.resolve(spec.itemColumn(), "item");
            if (spec.keyValue()) {
                int property = source.resolve(spec.propertyColumn(), "property");
                int value = source.resolve(spec.valueColumn(), "value");
                int needed = Math.max(item, Math.max(property, value)) + 1;
                for (CSVRecord r = source.nextRecord(); r != null; r = source.nextRecord()) {
                    if (!checkWidth(source, r, needed, options, skipped)
                            || !hasItem(source, r, item, options, skipped)) {
                        continue;
                    }
                    if (spec.categoryProperty().equals(r.get(property).strip())) {
                        String category = r.get(value).strip();
                        if (!category.isEmpty()) {
                            entries.put(r.get(item).strip(), new Entry(category, null));
                        }
                    }
                }
            } else {
                int category = spec.categoryColumn() == null ? -1 : source.resolve(spec.categoryColumn(), "category");
                int price = spec.priceColumn() == null ? -1 : source.resolve(spec.priceColumn(), "price");
                int needed = Math.max(item, Math.max(category, price)) + 1;
                for (CSVRecord r = source.nextRecord(); r != null; r = source.nextRecord()) {
                    if (!checkWidth(source, r, needed, options, skipped)
                            || !hasItem(source, r, item, options, skipped)) {
                        continue;
                    }
                    String cat = category < 0 ? null : r.get(category).strip();
                    BigDecimal p = null;
                    if (price >= 0 && !r.get(price).isBlank()) {
                        try {
                            p = Prices.parse(r.get(price));
                        } catch (IllegalArgumentException e) {
                            if (options.onError() == ErrorPolicy.FAIL) {
                                throw new InvalidInputException(source.name(), source.line(),
                                        source.columnName(price), e.getMessage());
                            }
                            skipped.merge("catalog rows skipped (unparsable price)", 1L, Long::sum);
                            continue;
                        }
                    }
                    entries.put(r.get(item).strip(), new Entry(cat == null || cat.isEmpty() ? null : cat, p));
                }
            }
            if (source.endsMidLine()) {
                skipped.put(CsvSource.cutShortNote("catalog " + source.name()), 1L);
            }
        }
        if (entries.isEmpty()) {
            throw new InvalidInputException(spec.file().toString(), 0, null,
                    "catalog has no usable rows" + (spec.keyValue()
                            ? " (no row has property '" + spec.categoryProperty() + "')" : ""));
        }
        return new ItemCatalog(spec.file().toString(), entries);
    }

    /** A row without an item id joins no event: an error, or a skipped row, not a silent drop. */
    private static boolean hasItem(CsvSource source, CSVRecord r, int item, ReadOptions options,
            Map<String, Long> skipped) {
        if (!r.get(item).isBlank()) {
            return true;
        }
        if (options.onError() == ErrorPolicy.FAIL) {
            throw new InvalidInputException(source.name(), source.line(), source.columnName(item), "empty item id");
        }
        skipped.merge("catalog rows skipped (empty item id)", 1L, Long::sum);
        return false;
    }

    private static boolean checkWidth(CsvSource source, CSVRecord r, int needed, ReadOptions options,
            Map<String, Long> skipped) {
        if (r.size() >= needed) {
            return true;
        }
        if (options.onError() == ErrorPolicy.FAIL) {
            throw new InvalidInputException(source.name(), source.line(), null,
                    "expected at least " + needed + " columns, found " + r.size());
        }
        skipped.merge("catalog rows skipped (wrong column count)", 1L, Long::sum);
        return false;
    }
}
