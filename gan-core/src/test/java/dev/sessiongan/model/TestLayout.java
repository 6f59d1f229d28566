package dev.sessiongan.model;

import dev.sessiongan.TestData;
import dev.sessiongan.encoding.EncodingOptions;
import dev.sessiongan.encoding.SessionEncoding;
import dev.sessiongan.encoding.TokenLayout;
import dev.sessiongan.format.ClickstreamFormats;
import dev.sessiongan.format.ReadOptions;

/** A small token layout for unit tests: 3 category slots and 3 time buckets, fitted on 300 REES46 rows. */
final class TestLayout {

    static final TokenLayout SMALL = new TokenLayout(SessionEncoding.fit(
            ClickstreamFormats.rees46().read(TestData.file("rees46_multicategory/train.csv"),
                    ReadOptions.DEFAULT.withMaxRows(300)).dataset(),
            new EncodingOptions(3, 3, 20, 1)));

    private TestLayout() {
    }
}
