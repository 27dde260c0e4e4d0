package org.stilt.core.netcdf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * The CF grid mapping (CF Conventions, Appendix F) equivalent to a PROJ string, with numeric parameters.
 *
 * <p>Supported {@code +proj=} values: {@code lcc} (both standard parallels), {@code utm} (zone, {@code +south}),
 * {@code tmerc}, {@code merc}, {@code stere} (polar or oblique), {@code ups}, {@code laea}, {@code aea},
 * {@code aeqd}, {@code ortho}, {@code geos}, {@code sinu}, {@code cea} and the geographic spellings
 * {@code longlat}/{@code latlong}/{@code lonlat}/{@code latlon}. The ellipsoid comes from {@code +datum}
 * (WGS84, NAD83, NAD27), {@code +ellps} (WGS84, GRS80, clrk66, intl, bessel, WGS72, sphere) or
 * {@code +a}/{@code +b}/{@code +rf}/{@code +f}/{@code +R}; when none is given no ellipsoid is written.
 * Other projections give a mapping without {@code grid_mapping_name} (the PROJ string is still stored in
 * {@code proj4_params}). False easting/northing are converted from PROJ's metres to the x/y units given by
 * {@code +units} or {@code +to_meter}.
 *
 * @param gridMappingName the CF {@code grid_mapping_name}, or null if the projection is not supported
 * @param attributes      attributes of the grid-mapping variable in writing order; values are {@link String},
 *                        {@link Double} or {@code double[]}
 * @param xUnits          units of the x coordinate (e.g. {@code m}, {@code km}, {@code degrees_east})
 * @param yUnits          units of the y coordinate
 * @param geographic      whether x/y are longitudes/latitudes (a {@code latitude_longitude} mapping)
 *
 * <p>Thread-safety: immutable value (the attribute map is unmodifiable; do not modify array values).
 */
public record CfGridMapping(String gridMappingName, Map<String, Object> attributes, String xUnits, String yUnits,
                            boolean geographic) {

    public CfGridMapping {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(xUnits, "xUnits");
        Objects.requireNonNull(yUnits, "yUnits");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Whether the projection has a CF grid mapping. */
    public boolean supported() {
        return gridMappingName != null;
    }

    /**
     * The grid mapping for a PROJ string.
     *
     * @throws InvalidInputException if a parameter that is needed is not a number (naming it)
     */
    public static CfGridMapping fromProj(String proj) {
        Objects.requireNonNull(proj, "proj");
        Map<String, String> p = parse(proj);
        String name = p.getOrDefault("proj", "").toLowerCase(Locale.ROOT);
        Map<String, Object> a = new LinkedHashMap<>();
        double toMetre = unitFactor(p, proj);
        String units = unitName(toMetre);
        String mapping = null;
        boolean geographic = false;
        switch (name) {
            case "lcc" -> {
                mapping = "lambert_conformal_conic";
                a.put("standard_parallel", parallels(p, proj));
                a.put("longitude_of_central_meridian", num(p, "lon_0", 0, proj));
                a.put("latitude_of_projection_origin", num(p, "lat_0", 0, proj));
                putScale(a, p, "scale_factor_at_projection_origin", Double.NaN, proj);
            }
            case "utm" -> {
                if (p.containsKey("zone")) {
                    double zone = num(p, "zone", Double.NaN, proj);
                    if (zone != Math.rint(zone) || zone < 1 || zone > 60) {
                        throw new InvalidInputException("+zone in the projection \"" + proj
                                + "\" must be an integer 1..60 (got " + p.get("zone") + ")");
                    }
                    mapping = "transverse_mercator";
                    a.put("scale_factor_at_central_meridian", 0.9996);
                    a.put("longitude_of_central_meridian", zone * 6 - 183);
                    a.put("latitude_of_projection_origin", 0.0);
                    a.put("false_easting", 500000.0 / toMetre);
                    a.put("false_northing", (p.containsKey("south") ? 10000000.0 : 0.0) / toMetre);
                }
            }
            case "tmerc" -> {
                mapping = "transverse_mercator";
                a.put("scale_factor_at_central_meridian", scale(p, 1.0, proj));
                a.put("longitude_of_central_meridian", num(p, "lon_0", 0, proj));
                a.put("latitude_of_projection_origin", num(p, "lat_0", 0, proj));
            }
            case "merc" -> {
                mapping = "mercator";
                a.put("longitude_of_projection_origin", num(p, "lon_0", 0, proj));
                if (p.containsKey("lat_ts")) {
                    a.put("standard_parallel", num(p, "lat_ts", 0, proj));
                } else {
                    a.put("scale_factor_at_projection_origin", scale(p, 1.0, proj));
                }
            }
            case "stere" -> {
                double lat0 = num(p, "lat_0", 0, proj);
                if (Math.abs(lat0) == 90) {
                    mapping = "polar_stereographic";
                    a.put("straight_vertical_longitude_from_pole", num(p, "lon_0", 0, proj));
                    a.put("latitude_of_projection_origin", lat0);
                    if (p.containsKey("lat_ts")) {
                        a.put("standard_parallel", num(p, "lat_ts", 0, proj));
                    } else {
                        a.put("scale_factor_at_projection_origin", scale(p, 1.0, proj));
                    }
                } else {
                    mapping = "stereographic";
                    a.put("longitude_of_projection_origin", num(p, "lon_0", 0, proj));
                    a.put("latitude_of_projection_origin", lat0);
                    a.put("scale_factor_at_projection_origin", scale(p, 1.0, proj));
                }
            }
            case "ups" -> {
                mapping = "polar_stereographic";
                a.put("straight_vertical_longitude_from_pole", 0.0);
                a.put("latitude_of_projection_origin", p.containsKey("south") ? -90.0 : 90.0);
                a.put("scale_factor_at_projection_origin", 0.994);
                a.put("false_easting", 2000000.0 / toMetre);
                a.put("false_northing", 2000000.0 / toMetre);
            }
            case "laea", "aeqd", "ortho" -> {
                mapping = switch (name) {
                    case "laea" -> "lambert_azimuthal_equal_area";
                    case "aeqd" -> "azimuthal_equidistant";
                    default -> "orthographic";
                };
                a.put("longitude_of_projection_origin", num(p, "lon_0", 0, proj));
                a.put("latitude_of_projection_origin", num(p, "lat_0", 0, proj));
            }
            case "aea" -> {
                mapping = "albers_conical_equal_area";
                a.put("standard_parallel", parallels(p, proj));
                a.put("longitude_of_central_meridian", num(p, "lon_0", 0, proj));
                a.put("latitude_of_projection_origin", num(p, "lat_0", 0, proj));
            }
            case "geos" -> {
                if (p.containsKey("h")) {
                    mapping = "geostationary";
                    String sweep = p.getOrDefault("sweep", "y");
                    a.put("longitude_of_projection_origin", num(p, "lon_0", 0, proj));
                    a.put("latitude_of_projection_origin", 0.0);
                    a.put("perspective_point_height", num(p, "h", Double.NaN, proj));
                    a.put("sweep_angle_axis", sweep);
                    a.put("fixed_angle_axis", sweep.equals("x") ? "y" : "x");
                }
            }
            case "sinu" -> {
                mapping = "sinusoidal";
                a.put("longitude_of_central_meridian", num(p, "lon_0", 0, proj));
            }
            case "cea" -> {
                mapping = "lambert_cylindrical_equal_area";
                a.put("longitude_of_central_meridian", num(p, "lon_0", 0, proj));
                if (p.containsKey("lat_ts")) {
                    a.put("standard_parallel", num(p, "lat_ts", 0, proj));
                } else {
                    a.put("scale_factor_at_projection_origin", scale(p, 1.0, proj));
                }
            }
            case "longlat", "latlong", "lonlat", "latlon" -> {
                mapping = "latitude_longitude";
                geographic = true;
            }
            default -> {
                // unsupported: only the PROJ string is stored
            }
        }
        if (mapping != null && !geographic && !name.equals("utm") && !name.equals("ups")) {
            a.put("false_easting", num(p, "x_0", 0, proj) / toMetre);
            a.put("false_northing", num(p, "y_0", 0, proj) / toMetre);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (mapping != null) {
            out.put("grid_mapping_name", mapping);
        }
        out.putAll(a);
        ellipsoid(out, p, proj);
        out.put("proj4_params", proj.strip());
        if (geographic) {
            return new CfGridMapping(mapping, out, "degrees_east", "degrees_north", true);
        }
        return new CfGridMapping(mapping, out, units, units, false);
    }

    /** PROJ string to ordered key/value map ({@code +south} gives {@code south=""}). */
    static Map<String, String> parse(String proj) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String token : proj.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String t = token.startsWith("+") ? token.substring(1) : token;
            int eq = t.indexOf('=');
            if (eq < 0) {
                p.putIfAbsent(t, "");
            } else {
                p.putIfAbsent(t.substring(0, eq), t.substring(eq + 1));
            }
        }
        return p;
    }

    private static double[] parallels(Map<String, String> p, String proj) {
        double lat1 = num(p, "lat_1", Double.NaN, proj);
        if (Double.isNaN(lat1)) {
            throw new InvalidInputException("the projection \"" + proj + "\" has no +lat_1 (first standard parallel)");
        }
        if (!p.containsKey("lat_2")) {
            return new double[] {lat1};
        }
        double lat2 = num(p, "lat_2", Double.NaN, proj);
        return lat2 == lat1 ? new double[] {lat1} : new double[] {lat1, lat2};
    }

    private static double scale(Map<String, String> p, double dflt, String proj) {
        if (p.containsKey("k_0")) {
            return num(p, "k_0", dflt, proj);
        }
        return num(p, "k", dflt, proj);
    }

    private static void putScale(Map<String, Object> a, Map<String, String> p, String attr, double dflt,
                                 String proj) {
        double k = scale(p, dflt, proj);
        if (!Double.isNaN(k)) {
            a.put(attr, k);
        }
    }

    private static double num(Map<String, String> p, String key, double dflt, String proj) {
        String v = p.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("+" + key + " in the projection \"" + proj + "\" is not a number (got \""
                    + v + "\")");
        }
    }

    private static double unitFactor(Map<String, String> p, String proj) {
        if (p.containsKey("to_meter")) {
            double f = num(p, "to_meter", 1, proj);
            if (!(f > 0)) {
                throw new InvalidInputException("+to_meter in the projection \"" + proj + "\" must be > 0");
            }
            return f;
        }
        String u = p.getOrDefault("units", "m");
        return switch (u) {
            case "m" -> 1;
            case "km" -> 1000;
            case "dm" -> 0.1;
            case "cm" -> 0.01;
            case "mm" -> 0.001;
            case "ft" -> 0.3048;
            case "us-ft" -> 1200.0 / 3937.0;
            case "yd" -> 0.9144;
            case "mi" -> 1609.344;
            case "kmi" -> 1852;
            default -> throw new InvalidInputException("+units=" + u + " in the projection \"" + proj
                    + "\" is not supported (use m, km, dm, cm, mm, ft, us-ft, yd, mi, kmi or +to_meter)");
        };
    }

    /** A UDUNITS unit string for a length of {@code factor} metres. */
    private static String unitName(double factor) {
        if (factor == 1) {
            return "m";
        }
        if (factor == 1000) {
            return "km";
        }
        return factor + " m";
    }

    private static void ellipsoid(Map<String, Object> out, Map<String, String> p, String proj) {
        if (p.containsKey("R")) {
            out.put("earth_radius", num(p, "R", Double.NaN, proj));
            return;
        }
        if (p.containsKey("a")) {
            double a = num(p, "a", Double.NaN, proj);
            if (p.containsKey("rf")) {
                out.put("semi_major_axis", a);
                out.put("inverse_flattening", num(p, "rf", Double.NaN, proj));
            } else if (p.containsKey("b")) {
                out.put("semi_major_axis", a);
                out.put("semi_minor_axis", num(p, "b", Double.NaN, proj));
            } else if (p.containsKey("f")) {
                double f = num(p, "f", Double.NaN, proj);
                out.put("semi_major_axis", a);
                out.put("inverse_flattening", f == 0 ? 0.0 : 1 / f);
            } else {
                out.put("earth_radius", a);
            }
            return;
        }
        String ellps = p.get("ellps");
        if (ellps == null && p.containsKey("datum")) {
            ellps = switch (p.get("datum")) {
                case "WGS84" -> "WGS84";
                case "NAD83" -> "GRS80";
                case "NAD27" -> "clrk66";
                default -> null;
            };
        }
        if (ellps == null) {
            return;
        }
        double[] axes = switch (ellps) {
            case "WGS84" -> new double[] {6378137.0, 298.257223563};
            case "GRS80" -> new double[] {6378137.0, 298.257222101};
            case "clrk66" -> new double[] {6378206.4, 294.9786982138982};
            case "intl" -> new double[] {6378388.0, 297.0};
            case "bessel" -> new double[] {6377397.155, 299.1528128};
            case "WGS72" -> new double[] {6378135.0, 298.26};
            case "sphere" -> new double[] {6370997.0, 0};
            default -> null;
        };
        if (axes == null) {
            return;
        }
        if (axes[1] == 0) {
            out.put("earth_radius", axes[0]);
        } else {
            out.put("semi_major_axis", axes[0]);
            out.put("inverse_flattening", axes[1]);
        }
    }
}
