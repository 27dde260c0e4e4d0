package org.stilt.core.met.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.stilt.core.InvalidInputException;
import org.stilt.core.MetUnavailableException;
import org.stilt.core.met.ArlIndex;
import org.stilt.core.met.ArlLevel;
import org.stilt.core.met.VerticalCoordinate;

/**
 * The surface and upper-level variables a kernel needs, each as a role with alternative ARL
 * names in order of preference ({@code SPHU} or {@code RELH}), and whether it is required.
 * {@link #resolve} picks, per role, the first name a file's index holds and fails clearly when a
 * required role has none.
 *
 * <p>An upper-level variable must be present on every upper level (1..NZ−1) to be used: a
 * required one missing on some level is an error naming the level; an optional one is then left
 * out. When the index lists a {@code DIF*} record right after a variable on a level (HRRR's
 * {@code DIFW} after {@code WWND}), the frame holds the variable plus its difference field, as
 * {@link org.stilt.core.met.ArlFile#readWithDifference} does.
 *
 * @param surface roles read on level 0, in frame order
 * @param upper   roles read on every upper level, in frame order
 *
 * <p>Thread-safety: immutable value.
 */
public record MetVariables(List<Role> surface, List<Role> upper) {

    /** When a role must be present. */
    public enum Need {
        /** Always required. */
        REQUIRED,
        /** Used when present. */
        OPTIONAL,
        /** Required on absolute-pressure files ({@link VerticalCoordinate#PRESSURE}), otherwise not read. */
        REQUIRED_ON_PRESSURE_LEVELS
    }

    /**
     * One variable the kernel uses.
     *
     * @param role  name the kernel knows it by (e.g. {@code humidity})
     * @param names ARL names in order of preference, each four characters
     * @param need  whether it is required
     */
    public record Role(String role, List<String> names, Need need) {
        public Role {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(need, "need");
            names = List.copyOf(names);
            if (names.isEmpty() || names.stream().anyMatch(n -> n.length() != 4)) {
                throw new InvalidInputException("met variable role '" + role + "' has names " + names
                        + "; expected at least one four-character ARL name");
            }
        }

        /** A role with its alternatives. */
        public static Role of(String role, Need need, String... names) {
            return new Role(role, List.of(names), need);
        }
    }

    /**
     * A role resolved against a file: the ARL name used and, when the file has one, its
     * difference record.
     *
     * @param role           the role
     * @param name           the ARL variable read
     * @param differenceName the {@code DIF*} record added to it, or null
     */
    public record Resolved(String role, String name, String differenceName) {
        public Resolved {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The variables of one file, in frame order.
     *
     * @param surface surface variables (level 0)
     * @param upper   upper-level variables (levels 1..NZ−1)
     */
    public record Selection(List<Resolved> surface, List<Resolved> upper) {
        public Selection {
            surface = List.copyOf(surface);
            upper = List.copyOf(upper);
        }

        /** ARL names of the surface variables in frame order. */
        public List<String> surfaceNames() {
            return surface.stream().map(Resolved::name).toList();
        }

        /** ARL names of the upper variables in frame order. */
        public List<String> upperNames() {
            return upper.stream().map(Resolved::name).toList();
        }
    }

    public MetVariables {
        surface = List.copyOf(surface);
        upper = List.copyOf(upper);
        Set<String> seen = new HashSet<>();
        for (Role r : surface) {
            if (!seen.add("s:" + r.role())) {
                throw new InvalidInputException("surface met role '" + r.role() + "' is listed twice");
            }
        }
        for (Role r : upper) {
            if (!seen.add("u:" + r.role())) {
                throw new InvalidInputException("upper met role '" + r.role() + "' is listed twice");
            }
        }
    }

    /**
     * What the STILT transport kernel reads (docs/met-window.md): surface {@code SHGT},
     * {@code PRSS} (required), {@code USTR}, {@code SHTF}, {@code LHTF}, {@code DSWF},
     * {@code PBLH|MXHT|HPBL}, {@code T02M}, {@code U10M}, {@code V10M}, {@code RGHS}; upper
     * {@code UWND}, {@code VWND}, {@code TEMP}, {@code WWND|DZDT} (required), {@code HGTS}
     * (required on pressure levels), {@code PRES}, {@code SPHU|RELH}.
     */
    public static MetVariables stilt() {
        Need req = Need.REQUIRED;
        Need opt = Need.OPTIONAL;
        return new MetVariables(List.of(
                Role.of("terrain", req, "SHGT"),
                Role.of("surfacePressure", req, "PRSS"),
                Role.of("frictionVelocity", opt, "USTR"),
                Role.of("sensibleHeatFlux", opt, "SHTF"),
                Role.of("latentHeatFlux", opt, "LHTF"),
                Role.of("shortwaveFlux", opt, "DSWF"),
                Role.of("mixedLayerDepth", opt, "PBLH", "MXHT", "HPBL"),
                Role.of("temperature2m", opt, "T02M"),
                Role.of("u10m", opt, "U10M"),
                Role.of("v10m", opt, "V10M"),
                Role.of("roughness", opt, "RGHS")),
                List.of(
                        Role.of("u", req, "UWND"),
                        Role.of("v", req, "VWND"),
                        Role.of("temperature", req, "TEMP"),
                        Role.of("verticalVelocity", req, "WWND", "DZDT"),
                        Role.of("height", Need.REQUIRED_ON_PRESSURE_LEVELS, "HGTS"),
                        Role.of("pressure", opt, "PRES"),
                        Role.of("humidity", opt, "SPHU", "RELH")));
    }

    /**
     * Resolves the roles against a period's index.
     *
     * @param index the index of a period
     * @param file  the file, for messages
     * @throws MetUnavailableException naming the role, its names, the level and what the file has
     *                                 when a required role is missing
     */
    public Selection resolve(ArlIndex index, Path file) {
        List<ArlLevel> levels = index.levels();
        boolean pressure = index.verticalCoordinate() == VerticalCoordinate.PRESSURE;
        List<Resolved> sfc = new ArrayList<>();
        for (Role r : surface) {
            boolean required = r.need() == Need.REQUIRED || (pressure && r.need() == Need.REQUIRED_ON_PRESSURE_LEVELS);
            if (!required && r.need() == Need.REQUIRED_ON_PRESSURE_LEVELS) {
                continue;
            }
            String name = firstPresent(r, levels.subList(0, 1));
            if (name == null) {
                if (required) {
                    throw missing(r, "surface level 0", levels.get(0), file);
                }
                continue;
            }
            sfc.add(new Resolved(r.role(), name, differenceOf(levels.get(0), name)));
        }
        List<Resolved> up = new ArrayList<>();
        List<ArlLevel> upperLevels = levels.subList(1, levels.size());
        for (Role r : upper) {
            boolean required = r.need() == Need.REQUIRED || (pressure && r.need() == Need.REQUIRED_ON_PRESSURE_LEVELS);
            if (!required && r.need() == Need.REQUIRED_ON_PRESSURE_LEVELS) {
                continue;
            }
            if (upperLevels.isEmpty()) {
                if (required) {
                    throw new MetUnavailableException("met file " + file + " has no upper levels; the kernel needs "
                            + r.role() + " (" + String.join(" or ", r.names()) + ") on upper levels");
                }
                continue;
            }
            String name = firstPresent(r, upperLevels);
            if (name == null) {
                if (required) {
                    for (int k = 1; k < levels.size(); k++) {
                        if (firstPresent(r, levels.subList(k, k + 1)) == null) {
                            throw missing(r, "upper level " + k + " (of 1.." + (levels.size() - 1) + ")", levels.get(k),
                                    file);
                        }
                    }
                }
                continue;
            }
            String dif = differenceOf(upperLevels.get(0), name);
            for (ArlLevel l : upperLevels) {
                if (!Objects.equals(dif, differenceOf(l, name))) {
                    dif = null; // only when every level has it
                    break;
                }
            }
            up.add(new Resolved(r.role(), name, dif));
        }
        return new Selection(sfc, up);
    }

    /** The first of the role's names present on every given level, or null. */
    private static String firstPresent(Role r, List<ArlLevel> levels) {
        for (String n : r.names()) {
            boolean all = true;
            for (ArlLevel l : levels) {
                if (l.indexOf(n) < 0) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return n;
            }
        }
        return null;
    }

    /** Name of the {@code DIF*} record the index lists right after {@code name}, or null. */
    static String differenceOf(ArlLevel level, String name) {
        int i = level.indexOf(name);
        if (i >= 0 && i + 1 < level.variables().size()) {
            String next = level.variables().get(i + 1).name();
            if (next.startsWith("DIF")) {
                return next;
            }
        }
        return null;
    }

    private static MetUnavailableException missing(Role r, String where, ArlLevel level, Path file) {
        return new MetUnavailableException("met file " + file + " lacks the required variable " + r.role() + " ("
                + String.join(" or ", r.names()) + ") on " + where + "; that level has "
                + level.variables().stream().map(v -> v.name()).toList());
    }
}
