package org.stilt.core.project;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.stilt.core.InvalidInputException;

/**
 * The values of HYSPLIT's SETUP namelist for a project: one value per {@link SetupParameter}, each
 * of the parameter's type, with {@code maxpar} resolved (R-STILT passes {@code maxpar = numpar}).
 * Units are those of {@link SetupParameter#unit()}; the named accessors carry them in their names.
 *
 * @param values every parameter's value ({@link Integer}, {@link Double}, {@link String} or
 *               {@link Boolean} according to {@link SetupParameter#type()}); copied
 *
 * <p>Thread-safety: immutable value.
 */
public record SetupNamelist(Map<SetupParameter, Object> values) {

    public SetupNamelist {
        Objects.requireNonNull(values, "values");
        EnumMap<SetupParameter, Object> copy = new EnumMap<>(SetupParameter.class);
        for (SetupParameter p : SetupParameter.values()) {
            Object v = values.get(p);
            if (v == null) {
                throw new InvalidInputException("setup." + p.key() + " has no value");
            }
            boolean ok = switch (p.type()) {
                case INTEGER -> v instanceof Integer;
                case REAL -> v instanceof Double d && Double.isFinite(d);
                case TEXT -> v instanceof String;
                case BOOLEAN -> v instanceof Boolean;
            };
            if (!ok) {
                throw new InvalidInputException("setup." + p.key() + " is " + v + " (" + v.getClass().getSimpleName()
                        + "); expected a value of type " + p.type());
            }
            copy.put(p, v);
        }
        if ((Integer) copy.get(SetupParameter.MAXPAR) < 1) {
            throw new InvalidInputException("setup.maxpar must be >= 1 (got " + copy.get(SetupParameter.MAXPAR) + ")");
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** R-STILT's defaults, with {@code maxpar = numpar}. */
    public static SetupNamelist defaults(int numpar) {
        EnumMap<SetupParameter, Object> m = new EnumMap<>(SetupParameter.class);
        for (SetupParameter p : SetupParameter.values()) {
            m.put(p, p.defaultValue());
        }
        m.put(SetupParameter.MAXPAR, numpar);
        return new SetupNamelist(m);
    }

    /** The value of an {@link SetupParameter.Type#INTEGER} parameter. */
    public int integer(SetupParameter p) {
        return (Integer) require(p, SetupParameter.Type.INTEGER);
    }

    /** The value of a {@link SetupParameter.Type#REAL} parameter. */
    public double real(SetupParameter p) {
        return (Double) require(p, SetupParameter.Type.REAL);
    }

    /** The value of a {@link SetupParameter.Type#TEXT} parameter. */
    public String text(SetupParameter p) {
        return (String) require(p, SetupParameter.Type.TEXT);
    }

    /** The value of a {@link SetupParameter.Type#BOOLEAN} parameter. */
    public boolean flag(SetupParameter p) {
        return (Boolean) require(p, SetupParameter.Type.BOOLEAN);
    }

    /** This namelist with one value replaced (validated). */
    public SetupNamelist with(SetupParameter p, Object value) {
        EnumMap<SetupParameter, Object> m = new EnumMap<>(values);
        m.put(p, value);
        return new SetupNamelist(m);
    }

    /** {@code kmix0}: minimum mixing depth, m. */
    public double kmix0Meters() {
        return real(SetupParameter.KMIX0);
    }

    /** {@code kmixd}: mixing-depth method code. */
    public int kmixd() {
        return integer(SetupParameter.KMIXD);
    }

    /** {@code veght}: fraction of the mixed-layer height below which particles see the surface. */
    public double veghtFraction() {
        return real(SetupParameter.VEGHT);
    }

    /** {@code tlfrac}: fraction of the Lagrangian time scale used as the turbulence sub-step. */
    public double tlfrac() {
        return real(SetupParameter.TLFRAC);
    }

    /** {@code hscale}: horizontal Lagrangian time scale, s. */
    public double hscaleSeconds() {
        return real(SetupParameter.HSCALE);
    }

    /** {@code delt}: integration time step, min (0 = automatic). */
    public double deltMinutes() {
        return real(SetupParameter.DELT);
    }

    /** {@code maxpar}: maximum number of particles. */
    public int maxpar() {
        return integer(SetupParameter.MAXPAR);
    }

    private Object require(SetupParameter p, SetupParameter.Type t) {
        if (p.type() != t) {
            throw new IllegalArgumentException("setup." + p.key() + " is of type " + p.type() + ", not " + t);
        }
        return values.get(p);
    }
}
