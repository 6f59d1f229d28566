package dev.sessiongan.format;

import dev.sessiongan.InvalidInputException;
import dev.sessiongan.data.EventType;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in clickstream formats, by name: {@code rees46}, {@code taobao}, {@code retailrocket},
 * {@code yoochoose}, {@code otto}, {@code events-csv} (SessionGAN's canonical output), and
 * {@code generic} for any delimited file described by a {@link GenericFormatSpec}.
 */
public final class ClickstreamFormats {

    /** Names accepted by {@link #named(String)}. */
    public static final List<String> NAMES =
            List.of("rees46", "taobao", "retailrocket", "yoochoose", "otto", "events-csv");

    private ClickstreamFormats() {
    }

    /** The format with the given name (one of {@link #NAMES}), without companion files. */
    public static ClickstreamFormat named(String name) {
        switch (name) {
            case "rees46":
                return rees46();
            case "taobao":
                return taobao();
            case "retailrocket":
                return retailrocket(null);
            case "yoochoose":
                return yoochoose(null);
            case "otto":
                return otto();
            case "events-csv":
                return eventsCsv();
            case "generic":
                throw new InvalidInputException("format 'generic' needs a column mapping: give --spec FILE or the"
                        + " column options (--item-col, --time-col, ...)");
            default:
                throw new InvalidInputException("unknown format '" + name + "'; use one of "
                        + String.join(", ", NAMES) + " or generic");
        }
    }

    /** REES46 multi-category store export (Kaggle "eCommerce behavior data from multi category store"). */
    public static ClickstreamFormat rees46() {
        GenericFormatSpec spec = GenericFormatSpec.builder("product_id", "event_time")
                .userColumn("user_id").sessionColumn("user_session").categoryColumn("category_id")
                .eventTypeColumn("event_type").priceColumn("price")
                .attributeColumn("category_code").attributeColumn("brand")
                .timeFormat("pattern:yyyy-MM-dd HH:mm:ss 'UTC'")
                .eventType("view", EventType.VIEW).eventType("cart", EventType.ADD_TO_CART)
                .eventType("remove_from_cart", EventType.REMOVE_FROM_CART).eventType("purchase", EventType.PURCHASE)
                .build();
        return new SpecFormat("rees46", "REES46 store export: event_time,event_type,product_id,category_id,"
                + "category_code,brand,price,user_id,user_session", spec);
    }

    /** Taobao UserBehavior (Alibaba Tianchi): headerless user,item,category,behavior,epoch seconds. */
    public static ClickstreamFormat taobao() {
        GenericFormatSpec spec = GenericFormatSpec.builder("item_id", "timestamp")
                .header(false)
                .columnNames(List.of("user_id", "item_id", "category_id", "behavior_type", "timestamp"))
                .userColumn("user_id").categoryColumn("category_id").eventTypeColumn("behavior_type")
                .timeFormat("epoch-seconds")
                .eventType("pv", EventType.VIEW).eventType("cart", EventType.ADD_TO_CART)
                .eventType("fav", EventType.WISHLIST).eventType("buy", EventType.PURCHASE)
                .build();
        return new SpecFormat("taobao", "Taobao UserBehavior: user_id,item_id,category_id,behavior_type,timestamp"
                + " (no header, pv/cart/fav/buy, epoch seconds)", spec);
    }

    /**
     * RetailRocket {@code events.csv}; categories come from an optional {@code item_properties.csv}
     * (rows with property {@code categoryid}).
     *
     * @param itemProperties the item properties file, or {@code null}
     */
    public static ClickstreamFormat retailrocket(Path itemProperties) {
        GenericFormatSpec.Builder builder = GenericFormatSpec.builder("itemid", "timestamp")
                .userColumn("visitorid").eventTypeColumn("event").attributeColumn("transactionid")
                .timeFormat("epoch-millis")
                .eventType("view", EventType.VIEW).eventType("addtocart", EventType.ADD_TO_CART)
                .eventType("transaction", EventType.PURCHASE);
        if (itemProperties != null) {
            builder.catalog(new CatalogSpec(itemProperties, ",", true, "itemid", null, null, "property", "value",
                    "categoryid"));
        }
        return new SpecFormat("retailrocket", "RetailRocket events.csv: timestamp,visitorid,event,itemid,"
                + "transactionid (optional item_properties catalog)", builder.build());
    }

    /**
     * YOOCHOOSE (RecSys Challenge 2015) clicks, and optionally the buys file, joined by session.
     *
     * @param buys the {@code yoochoose-buys.dat} file, or {@code null}
     */
    public static ClickstreamFormat yoochoose(Path buys) {
        GenericFormatSpec clicks = GenericFormatSpec.builder("item_id", "timestamp")
                .header(false).columnNames(List.of("session_id", "timestamp", "item_id", "category"))
                .sessionColumn("session_id").categoryColumn("category").defaultEventType(EventType.VIEW)
                .nullValues(List.of("", "0")).build();
        GenericFormatSpec purchases = GenericFormatSpec.builder("item_id", "timestamp")
                .header(false).columnNames(List.of("session_id", "timestamp", "item_id", "price", "quantity"))
                .sessionColumn("session_id").priceColumn("price").defaultEventType(EventType.PURCHASE)
                .nullValues(List.of("", "0")).build();
        String description = "YOOCHOOSE clicks: session_id,timestamp,item_id,category (no header), plus buys";
        return new ClickstreamFormat() {
            @Override
            public String name() {
                return "yoochoose";
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public EventReader open(Path file, ReadOptions options) {
                DelimitedReader clickReader = new DelimitedReader(file, clicks, options);
                if (buys == null) {
                    return clickReader;
                }
                return new ConcatReader(clickReader, buys, () -> new DelimitedReader(buys, purchases, options));
            }
        };
    }

    /** OTTO JSON Lines sessions ({@code clicks}, {@code carts}, {@code orders}). */
    public static ClickstreamFormat otto() {
        return new ClickstreamFormat() {
            @Override
            public String name() {
                return "otto";
            }

            @Override
            public String description() {
                return "OTTO JSON Lines: {\"session\":..,\"events\":[{\"aid\":..,\"ts\":..,\"type\":..}]}";
            }

            @Override
            public EventReader open(Path file, ReadOptions options) {
                return new OttoReader(file, options);
            }
        };
    }

    /** SessionGAN's canonical events CSV, as written by {@code convert} and {@code generate}. */
    public static ClickstreamFormat eventsCsv() {
        GenericFormatSpec spec = GenericFormatSpec.builder("item_id", "timestamp")
                .userColumn("user_id").sessionColumn("session_id").categoryColumn("category_id")
                .eventTypeColumn("event_type").priceColumn("price").timeFormat("iso-8601").build();
        return new SpecFormat("events-csv",
                "canonical events CSV: user_id,session_id,seq,timestamp,event_type,item_id,category_id,price", spec);
    }

    /** Any delimited file described by a spec. */
    public static ClickstreamFormat generic(GenericFormatSpec spec) {
        return new SpecFormat("generic", "delimited file described by a column mapping", spec);
    }
}
