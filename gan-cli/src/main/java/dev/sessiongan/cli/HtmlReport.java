package dev.sessiongan.cli;

import dev.sessiongan.diagnostics.EvaluationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Renders an evaluation report as one self-contained HTML file: the report's JSON and the Apache ECharts
 * bundle inlined into a template whose script draws the tables and charts in the browser. The page marks
 * its body with {@code data-charts-rendered="N"} once every chart is drawn, which the headless-browser
 * check reads.
 */
final class HtmlReport {

    private static final String TEMPLATE = "report-template.html";

    private HtmlReport() {
    }

    static void write(EvaluationReport report, OutputStream out) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        report.writeJson(json);
        // inside a <script> element only "</" can end it early; "<\/" reads the same to a JSON parser
        String data = json.toString(StandardCharsets.UTF_8).replace("</", "<\\/");
        String html = resource(TEMPLATE)
                .replace("/*ECHARTS*/", echarts())
                .replace("/*REPORT_JSON*/", data);
        out.write(html.getBytes(StandardCharsets.UTF_8));
    }

    private static String echarts() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.properties")) {
            if (in == null) {
                throw new IOException("report.properties missing from the CLI jar");
            }
            properties.load(in);
        }
        String bundle = properties.getProperty("echarts.bundle");
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(bundle)) {
            if (in == null) {
                throw new IOException("the ECharts bundle " + bundle + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " missing from the CLI jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
