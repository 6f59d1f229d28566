package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of one delimited file with their line numbers and resolved column names; parser failures become
 * {@link InvalidInputException}s naming the file and line.
 */
final class CsvSource implements AutoCloseable {

    private final String name;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private final boolean hasHeader;
    private final LastCharacter last;
    private long nextLine = 1;
    private long lastLine;
    private long recordsRead;

    private CsvSource(String name, CSVParser parser, LastCharacter last, List<String> declaredNames, boolean header) {
        this.name = name;
        this.parser = parser;
        this.records = parser.iterator();
        this.hasHeader = header;
        this.last = last;
        if (header) {
            CSVRecord first;
            try {
                first = nextRecord();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            if (first == null) {
                close();
                throw new InvalidInputException(name, 0, null, "empty file: expected a header row");
            }
            if (first.size() == 1 && first.get(0).replace("\uFEFF", "").isBlank()) {
                // a byte-order mark alone is an empty file too (an editor's "UTF-8 with BOM" of nothing)
                boolean more = records.hasNext();
                close();
                throw new InvalidInputException(name, more ? 1 : 0, null, more
                        ? "the first line is empty: expected a header row" : "empty file: expected a header row");
            }
            List<String> names = new ArrayList<>();
            for (String value : first) {
                String column = value.strip().replace("\uFEFF", "");
                if (!isText(column)) {
                    close();
                    throw new InvalidInputException(name, 1, null, "the header is not UTF-8 text (a binary file, or"
                            + " another encoding): expected a CSV header row");
                }
                names.add(column);
            }
            this.columns = List.copyOf(names);
        } else {
            this.columns = List.copyOf(declaredNames);
        }
    }

    /** Whether a header name could be one: no undecodable bytes, no control characters. */
    private static boolean isText(String column) {
        return column.chars().noneMatch(c -> c == '\uFFFD' || Character.isISOControl(c));
    }

    /** Opens a file; a missing or unreadable file is an {@link InvalidInputException}. */
    static CsvSource open(Path file, char delimiter, boolean header, List<String> columnNames) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(name, 0, null, "is a folder, not a file");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            LastCharacter reader = new LastCharacter(
                    new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16));
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .setRecordSeparator('\n')
                    .get();
            CSVParser parser;
            try {
                parser = CSVParser.parse(reader, format);
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
            return new CsvSource(name, parser, reader, columnNames, header);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, "file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The file name used in messages. */
    String name() {
        return name;
    }

    /** Column names from the header, or the declared names of a headerless file (possibly empty). */
    List<String> columns() {
        return columns;
    }

    boolean hasHeader() {
        return hasHeader;
    }

    /** The line on which the last returned record started. */
    long line() {
        return lastLine;
    }

    /** The next non-blank record, or {@code null} at the end of the file. */
    CSVRecord nextRecord() {
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                lastLine = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                // blank lines are skipped here rather than by the parser, so line numbers stay exact
                if (record.size() > 1 || !record.get(0).isBlank()) {
                    recordsRead++;
                    return record;
                }
            }
            return null;
        } catch (UncheckedIOException | IllegalStateException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            // the first row already broken: more likely another kind of file than one bad row
            throw new InvalidInputException(name, nextLine, null, "malformed row: " + inOurWords(why)
                    + (recordsRead <= (hasHeader ? 1 : 0) ? " (is this a CSV file?)" : ""));
        }
    }

    /**
     * Whether the file ends without a line end after its last row; only meaningful once it is read to its end
     * ({@link #nextRecord()} returned {@code null}). A file cut short mid-row ends so, and its last row may still
     * parse, with a cut value.
     */
    boolean endsMidLine() {
        return recordsRead > (hasHeader ? 1 : 0) && last.last != '\n' && last.last != '\r';
    }

    /** The read report's note, counted once, for a file that {@link #endsMidLine()} ({@code file} as said to users). */
    static String cutShortNote(String file) {
        return "row at the end of " + file + " without a line end (the file may be cut short: check that row)";
    }

    /** Remembers the last character read, to tell whether the file ended with a line end. */
    private static final class LastCharacter extends FilterReader {

        private int last = -1;

        LastCharacter(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                last = c;
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                last = buffer[offset + n - 1];
            }
            return n;
        }
    }

    /** Commons CSV's parse errors as a spreadsheet user would say them. */
    private static String inOurWords(String why) {
        String text = why == null ? "" : why.toLowerCase(Locale.ROOT);
        if (text.contains("eof reached before encapsulated token finished")) {
            return "a quoted value is never closed (the file ends inside the quotes)";
        }
        if (text.contains("between encapsulated token and delimiter")) {
            return "text after a closing quote (a quote inside a quoted value must be doubled: \"\")";
        }
        return why;
    }

    /**
     * Resolves a column reference (a header name, a declared name, or a 0-based index).
     *
     * @param role what the column holds, for messages (e.g. "item")
     */
    int resolve(String reference, String role) {
        String ref = reference.strip();
        int byName = columns.indexOf(ref);
        if (byName >= 0) {
            int again = columns.lastIndexOf(ref);
            if (again != byName) {
                // which of the two holds the data is a guess either way: the user says
                throw new InvalidInputException(name, 1, reference, "the " + role + " column is named twice in the"
                        + " header (columns " + byName + " and " + again + ", 0-based): rename one");
            }
            return byName;
        }
        // more than nine digits is no column of any file, and would not fit an int
        if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty() && ref.length() <= 9) {
            int index = Integer.parseInt(ref);
            if (columns.isEmpty() || index < columns.size()) {
                return index;
            }
        }
        String known = columns.isEmpty() ? "this file has no header; give 0-based column numbers"
                : "columns are " + String.join(", ", columns);
        throw new InvalidInputException(name, hasHeader ? 1 : 0, reference,
                "no such " + role + " column; " + known);
    }

    /** Name of column {@code index} for messages. */
    String columnName(int index) {
        if (index < 0) {
            return null;
        }
        return index < columns.size() ? columns.get(index) : "#" + index;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
