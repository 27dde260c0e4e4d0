package org.stilt.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stilt.core.StiltException;
import org.stilt.core.met.ArlFile;
import org.stilt.core.met.ArlFileSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stilt met info FILE...}: grid, times, vertical coordinate, variables per level, field
 * minimum/maximum at one time and checksum status of ARL files, as text or JSON. Exits 4 when a
 * file is malformed or a checksum does not match (after reporting every file).
 *
 * <p>Thread-safety: one instance per invocation; not shared.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Describe ARL met files: grid and projection, times, vertical coordinate and levels, "
                + "variables per level, field min/max at one time, checksums (see docs/met.md).",
                "Exits 4 when a file is malformed or a record's checksum differs from its index."})
final class MetInfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "ARL files (.gz files are inflated).")
    List<Path> files;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Valid time whose fields are summarised, ISO-8601 UTC (default: the first period).")
    String time;

    @Option(names = "--level", paramLabel = "K", description = "Summarise only level K (0 = surface; default: all).")
    Integer level;

    @Option(names = "--json", description = "Print a JSON array with one object per file.")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Instant at = time == null ? null : MetFindCommand.parseTime(time);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ArlFileSummary> summaries = new ArrayList<>();
        int exit = ExitCodes.OK;
        for (Path file : files) {
            try {
                ArlFileSummary s = ArlFileSummary.of(ArlFile.open(file), at, level);
                summaries.add(s);
                if (!json) {
                    MetInfoText.print(s, out);
                }
                if (!s.checksums().ok()) {
                    err.println("info: error: " + s.checksums().firstMismatch() + " (" + s.checksums().mismatches()
                            + " of " + s.checksums().records() + " records mismatch)");
                    exit = exit == ExitCodes.OK ? ExitCodes.INPUT_UNREADABLE : exit;
                }
            } catch (StiltException e) {
                err.println("info: error: " + e.getMessage());
                exit = exit == ExitCodes.OK ? ExceptionHandler.exitCode(e) : exit;
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
            out.println(mapper.writeValueAsString(summaries));
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** Plain-text rendering of a summary. Thread-safety: stateless. */
    static final class MetInfoText {

        private MetInfoText() {
        }

        static void print(ArlFileSummary s, PrintWriter out) {
            ArlFileSummary.Grid g = s.grid();
            out.println("met file " + s.file());
            out.println("  size:       " + s.sizeBytes() + " bytes = " + s.records() + " records of "
                    + s.recordLengthBytes() + " bytes");
            out.println("  source:     " + s.source());
            out.println("  grid:       " + g.nx() + " × " + g.ny() + " points, " + g.kind() + ", spacing " + g.spacing());
            out.println("  projection: " + g.description());
            out.println("  index:      pole " + num(g.poleLat()) + ", " + num(g.poleLon()) + "; ref lat " + num(g.refLat())
                    + ", ref lon " + num(g.refLon()) + "; grid size " + num(g.gridSizeKm()) + " km; orientation "
                    + num(g.orientationDeg()) + "; cone " + num(g.coneAngleDeg()) + "; sync (" + num(g.syncX()) + ", "
                    + num(g.syncY()) + ") at " + num(g.syncLat()) + ", " + num(g.syncLon()) + "; reserved "
                    + num(g.reserved()));
            StringBuilder corners = new StringBuilder();
            for (ArlFileSummary.Corner c : g.corners()) {
                corners.append(corners.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "(%d,%d) %.4f, %.4f",
                        c.x(), c.y(), c.latitude(), c.longitude()));
            }
            out.println("  corners:    " + corners);
            ArlFileSummary.Times t = s.times();
            out.println("  times:      " + t.first() + " .. " + t.last() + ", interval "
                    + (t.interval() == null ? "-" : t.interval()) + ", " + t.count() + " periods");
            ArlFileSummary.Vertical v = s.vertical();
            out.println("  vertical:   " + v.coordinate() + " (flag " + v.flag() + "), " + v.levelCount()
                    + " levels including the surface");
            for (ArlFileSummary.Level l : v.levels()) {
                out.println(String.format(Locale.ROOT, "    level %2d  %-9s %s", l.level(), num(l.value()),
                        String.join(" ", l.variables())));
            }
            ArlFileSummary.Statistics st = s.statistics();
            out.println("  fields at " + st.time() + (st.level() == null ? " (all levels)" : " (level " + st.level() + ")")
                    + ":");
            for (ArlFileSummary.FieldRange r : st.fields()) {
                out.println(String.format(Locale.ROOT, "    %2d %s  min %-14.7g max %-14.7g precision %.3g%s", r.level(),
                        r.variable(), r.min(), r.max(), r.precision(), r.zeroedBelowPrecision() == 0 ? ""
                                : " (" + r.zeroedBelowPrecision() + " values below it read as 0)"));
            }
            ArlFileSummary.Checksums c = s.checksums();
            out.println("  checksums:  " + (c.ok() ? "all " + c.records() + " records match their index"
                    : c.mismatches() + " of " + c.records() + " records MISMATCH; first: " + c.firstMismatch()));
        }

        /** A number as short as it can be without losing what the index holds. */
        static String num(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e9) {
                return Long.toString((long) v);
            }
            return String.format(Locale.ROOT, "%.7g", v).replaceAll("0+$", "");
        }
    }
}
