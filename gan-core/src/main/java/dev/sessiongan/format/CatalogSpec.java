package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import java.nio.file.Path;

/**
 * A separate item catalog joined to the events by item id, since many logs keep categories (and prices)
 * in their own file. Two layouts are understood:
 * <ul>
 *   <li>one row per item: {@code itemColumn}, {@code categoryColumn} and optionally {@code priceColumn};</li>
 *   <li>key-value rows (as RetailRocket's {@code item_properties.csv}): set {@code propertyColumn},
 *       {@code valueColumn} and {@code categoryProperty}; rows whose property equals it give the item's
 *       category, the last such row in the file winning.</li>
 * </ul>
 * Columns are header names or, without a header, 0-based indices.
 *
 * @param file             the catalog file
 * @param delimiter        field separator (one character; {@code \t} for tab)
 * @param header           whether the first row names the columns
 * @param itemColumn       the item id column
 * @param categoryColumn   the category column (one-row-per-item layout), or {@code null}
 * @param priceColumn      the price column, or {@code null}
 * @param propertyColumn   the property-name column (key-value layout), or {@code null}
 * @param valueColumn      the property-value column (key-value layout), or {@code null}
 * @param categoryProperty the property name that holds the category (key-value layout), or {@code null}
 */
public record CatalogSpec(
        Path file,
        String delimiter,
        boolean header,
        String itemColumn,
        String categoryColumn,
        String priceColumn,
        String propertyColumn,
        String valueColumn,
        String categoryProperty) {

    public CatalogSpec {
        if (file == null) {
            throw new InvalidInputException("catalog: the file is required (catalog.file)");
        }
        delimiter = delimiter == null ? "," : delimiter;
        GenericFormatSpec.delimiterChar(delimiter);
        if (itemColumn == null || itemColumn.isBlank()) {
            throw new InvalidInputException("catalog " + file + ": the item column is required");
        }
        boolean keyValue = propertyColumn != null;
        if (keyValue && (valueColumn == null || categoryProperty == null)) {
            throw new InvalidInputException("catalog " + file
                    + ": a key-value catalog needs propertyColumn, valueColumn and categoryProperty");
        }
        if (!keyValue && categoryColumn == null && priceColumn == null) {
            throw new InvalidInputException("catalog " + file + ": name a category or price column");
        }
    }

    /** A one-row-per-item catalog with a header: item and category columns by name. */
    public static CatalogSpec of(Path file, String itemColumn, String categoryColumn) {
        return new CatalogSpec(file, ",", true, itemColumn, categoryColumn, null, null, null, null);
    }

    /** A copy reading the given file instead. */
    public CatalogSpec withFile(Path newFile) {
        return new CatalogSpec(newFile, delimiter, header, itemColumn, categoryColumn, priceColumn,
                propertyColumn, valueColumn, categoryProperty);
    }

    /** The same catalog with or without a header row. */
    CatalogSpec withHeader(boolean value) {
        return new CatalogSpec(file, delimiter, value, itemColumn, categoryColumn, priceColumn, propertyColumn,
                valueColumn, categoryProperty);
    }

    /** Whether this catalog uses the key-value layout. */
    public boolean keyValue() {
        return propertyColumn != null;
    }
}
