package org.stilt.core.project;

import java.util.Locale;

/**
 * One key of HYSPLIT's {@code SETUP.CFG} namelist that R-STILT users can set, with R-STILT's
 * default (the {@code run_stilt.r} template's value where it differs from {@code write_setup}'s:
 * {@code kmix0 = 150}, {@code frvs = 0.01}), its type, unit and meaning ({@code stilt-reference.md}
 * §2.3). The YAML key is the lower-case R-STILT argument name ({@link #key()}); the SETUP.CFG name is
 * its upper-case form ({@link #namelistName()}).
 *
 * <p>Not listed because they are derived or fixed: {@code NUMPAR} (top-level {@code numpar}),
 * {@code IVMAX} and {@code VARSIWANT} (top-level {@code varsiwant}), {@code WINDERRTF} (from the
 * transport-error options), {@code ZICONTROLTF} (top-level {@code zicontroltf}), {@code MHRS} and
 * {@code NBPTYP} (R-STILT never passes them; always 9999 and 1).
 *
 * <p>Thread-safety: immutable enum.
 */
public enum SetupParameter {
    /** CAPE threshold for enhanced convective mixing; -1 = off. */
    CAPEMIN(Type.REAL, -1.0, "J/kg", "CAPE threshold for enhanced convective mixing; -1 = off"),
    /** Concentration (0) or mass (1) grid output. */
    CMASS(Type.INTEGER, 0, "", "concentration (0) or mass (1) grid output (unused by STILT)"),
    /** Puff/particle conversion age. */
    CONAGE(Type.INTEGER, 48, "h", "puff/particle conversion age"),
    /** Concentration-grid packing. */
    CPACK(Type.INTEGER, 1, "", "concentration-grid packing (unused by STILT)"),
    /** Integration time step; 0 = automatic. */
    DELT(Type.REAL, 1.0, "min", "integration time step; 0 = automatic (1 gives 1-min output steps)"),
    /** Ensemble grid-offset factor x. */
    DXF(Type.REAL, 1.0, "", "ensemble grid-offset factor x (unused by STILT)"),
    /** Ensemble grid-offset factor y. */
    DYF(Type.REAL, 1.0, "", "ensemble grid-offset factor y (unused by STILT)"),
    /** Ensemble grid-offset factor z. */
    DZF(Type.REAL, 0.01, "", "ensemble grid-offset factor z (unused by STILT)"),
    /** Temporal emissions file. */
    EFILE(Type.TEXT, "", "", "temporal emissions file; empty = none"),
    /** Puff splitting: maximum horizontal fraction. */
    FRHMAX(Type.REAL, 3.0, "", "puff splitting: maximum horizontal size fraction"),
    /** Puff splitting: horizontal fraction. */
    FRHS(Type.REAL, 1.0, "", "puff splitting: horizontal fraction"),
    /** Puff merging: mass fraction. */
    FRME(Type.REAL, 0.1, "", "puff merging: mass fraction"),
    /** Puff merging: mass removal fraction. */
    FRMR(Type.REAL, 0.0, "", "puff merging: mass removal fraction"),
    /** Puff splitting: temporal fraction. */
    FRTS(Type.REAL, 0.1, "", "puff splitting: temporal fraction"),
    /** Puff splitting: vertical fraction (run_stilt.r template 0.01; write_setup 0.1). */
    FRVS(Type.REAL, 0.01, "", "puff splitting: vertical fraction (run_stilt.r: 0.01)"),
    /** Horizontal Lagrangian time scale. */
    HSCALE(Type.REAL, 10800.0, "s", "horizontal Lagrangian time scale"),
    /** 8 = STILT mode (writes PARTICLE_STILT.DAT). */
    ICHEM(Type.INTEGER, 8, "", "chemistry option; 8 = STILT mode (any other value gives no particles)"),
    /** Dispersion scheme: 1 HYSPLIT, 2 STILT. */
    IDSP(Type.INTEGER, 2, "", "dispersion scheme: 1 HYSPLIT, 2 STILT"),
    /** Initial distribution: 0 = 3-D particles. */
    INITD(Type.INTEGER, 0, "", "initial distribution; 0 = 3-D particles"),
    /** Use 10 m wind / 2 m temperature as the lowest level. */
    K10M(Type.INTEGER, 1, "", "1 = use 10 m wind and 2 m temperature as the lowest level"),
    /** Output heights AGL (1) or MSL (0). */
    KAGL(Type.INTEGER, 1, "", "particle output heights AGL (1) or MSL (0)"),
    /** PBL stability from fluxes (1) or profiles (2). */
    KBLS(Type.INTEGER, 1, "", "PBL stability from fluxes (1) or profiles (2)"),
    /** PBL turbulence scheme; 5 = Hanna. */
    KBLT(Type.INTEGER, 5, "", "PBL turbulence scheme; 5 = Hanna (STILT)"),
    /** Horizontal turbulence from vertical (0) or deformation (1). */
    KDEF(Type.INTEGER, 0, "", "horizontal turbulence from vertical (0) or deformation (1)"),
    /** Age of particles read from PINPF. */
    KHINP(Type.INTEGER, 0, "h", "age of particles read from pinpf"),
    /** Maximum particle age. */
    KHMAX(Type.INTEGER, 9999, "h", "maximum particle age"),
    /** Minimum mixing depth (run_stilt.r template 150; write_setup 250). */
    KMIX0(Type.REAL, 150.0, "m", "minimum mixing depth (run_stilt.r: 150)"),
    /** Mixing-depth method. */
    KMIXD(Type.INTEGER, 3, "", "mixing depth: 0 from met, 1 temperature, 2 TKE, 3 modified Richardson"),
    /** Release heights AGL (0) or MSL (1). */
    KMSL(Type.INTEGER, 0, "", "release heights AGL (0) or MSL (1) for receptors without altitude_ref"),
    /** Puff growth linear/empirical. */
    KPUFF(Type.INTEGER, 0, "", "puff growth: 0 linear, 1 empirical"),
    /** Random-number option; 4 = random initial seed. */
    KRAND(Type.INTEGER, 4, "", "HYSPLIT random numbers; 4 = random seed (hysplit-exe only; see seed)"),
    /** Enhanced-merge interval. */
    KRND(Type.INTEGER, 6, "h", "enhanced-merge interval"),
    /** Split interval. */
    KSPL(Type.INTEGER, 1, "h", "puff split interval"),
    /** Precipitation from the met file. */
    KWET(Type.INTEGER, 1, "", "1 = precipitation from the met file"),
    /** Vertical-mixing adjustment. */
    KZMIX(Type.INTEGER, 0, "", "vertical-mixing adjustment: 0 none, 1 PBL average, 2 scale by tvmix"),
    /** Species per particle. */
    MAXDIM(Type.INTEGER, 1, "", "species per particle"),
    /** Maximum number of particles; empty (~) = numpar, as R-STILT passes. */
    MAXPAR(Type.INTEGER, null, "", "maximum number of particles; ~ = numpar (what R-STILT passes)"),
    /** Minimum met subgrid size. */
    MGMIN(Type.INTEGER, 10, "grid points", "minimum met subgrid size"),
    /** Particle dump cycle. */
    NCYCL(Type.INTEGER, 0, "h", "particle dump cycle; 0 = off"),
    /** Particle dump interval. */
    NDUMP(Type.INTEGER, 0, "h", "particle dump interval; 0 = off"),
    /** Particle initialisation mode. */
    NINIT(Type.INTEGER, 1, "", "particle initialisation mode"),
    /** Trajectory restart interval. */
    NSTR(Type.INTEGER, 0, "h", "trajectory restart interval; 0 = off"),
    /** 0 = turbulence on. */
    NTURB(Type.INTEGER, 0, "", "0 = turbulence on, 1 = off (mean trajectories)"),
    /** Trajectory vertical split. */
    NVER(Type.INTEGER, 0, "", "trajectory vertical split"),
    /** STILT particle output interval; 0 = every time step. */
    OUTDT(Type.REAL, 0.0, "min", "particle output interval; 0 = every time step"),
    /** Dust threshold factor. */
    P10F(Type.REAL, 1.0, "", "dust threshold factor"),
    /** Particle boundary-condition file. */
    PINBC(Type.TEXT, "", "", "particle boundary-condition input file; empty = none"),
    /** Particle input file. */
    PINPF(Type.TEXT, "", "", "particle input file; empty = none"),
    /** Particle output file. */
    POUTF(Type.TEXT, "", "", "particle dump output file; empty = none"),
    /** Emission cycling. */
    QCYCLE(Type.REAL, 0.0, "h", "emission cycling; 0 = off"),
    /** Cloud-base RH threshold. */
    RHB(Type.REAL, 80.0, "%", "cloud-base relative-humidity threshold"),
    /** Cloud-top RH threshold. */
    RHT(Type.REAL, 60.0, "%", "cloud-top relative-humidity threshold"),
    /** Automatic split-size factor. */
    SPLITF(Type.REAL, 1.0, "", "automatic split-size factor"),
    /** TKE ratio w'2/(u'2+v'2), unstable. */
    TKERD(Type.REAL, 0.18, "", "TKE ratio w'2/(u'2+v'2), unstable (daytime)"),
    /** TKE ratio w'2/(u'2+v'2), stable. */
    TKERN(Type.REAL, 0.18, "", "TKE ratio w'2/(u'2+v'2), stable (night)"),
    /** Fraction of the Lagrangian time scale used as the turbulence sub-step. */
    TLFRAC(Type.REAL, 0.1, "", "fraction of the Lagrangian time scale used as the turbulence sub-step"),
    /** Trajectory output interval. */
    TOUT(Type.REAL, 0.0, "min", "trajectory output interval"),
    /** Advection stability ratio. */
    TRATIO(Type.REAL, 0.75, "", "advection stability ratio (fraction of a grid cell per step)"),
    /** Vertical-mixing scale factor. */
    TVMIX(Type.REAL, 1.0, "", "vertical-mixing scale factor"),
    /** Fraction of the mixed-layer height below which a particle sees the surface. */
    VEGHT(Type.REAL, 0.5, "", "fraction of the mixed-layer height below which particles see the surface (foot)"),
    /** Vertical Lagrangian time scale, neutral. */
    VSCALE(Type.REAL, 200.0, "s", "vertical Lagrangian time scale, neutral"),
    /** Vertical Lagrangian time scale, unstable. */
    VSCALEU(Type.REAL, 200.0, "s", "vertical Lagrangian time scale, unstable"),
    /** Vertical Lagrangian time scale, stable; -1 = computed. */
    VSCALES(Type.REAL, -1.0, "s", "vertical Lagrangian time scale, stable; -1 = computed"),
    /** Fixed vertical-motion setting (unused). */
    WBBH(Type.REAL, 0.0, "", "fixed vertical-motion setting (unused)"),
    /** Fixed vertical-motion setting (unused). */
    WBWF(Type.REAL, 0.0, "", "fixed vertical-motion setting (unused)"),
    /** Fixed vertical-motion setting (unused). */
    WBWR(Type.REAL, 0.0, "", "fixed vertical-motion setting (unused)"),
    /** WRF-style vertical interpolation of w. */
    WVERT(Type.BOOLEAN, false, "", "WRF-style vertical interpolation of w");

    /** The value type of a namelist key. */
    public enum Type {
        /** A whole number. */
        INTEGER,
        /** A real number. */
        REAL,
        /** Text (written unquoted). */
        TEXT,
        /** true/false (written TRUE/FALSE for WVERT). */
        BOOLEAN
    }

    private final Type type;
    private final Object defaultValue;
    private final String unit;
    private final String description;

    SetupParameter(Type type, Object defaultValue, String unit, String description) {
        this.type = type;
        this.defaultValue = defaultValue;
        this.unit = unit;
        this.description = description;
    }

    /** The YAML key and R-STILT argument name, e.g. {@code kmix0}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The SETUP.CFG name, e.g. {@code KMIX0}. */
    public String namelistName() {
        return name();
    }

    /** The value type. */
    public Type type() {
        return type;
    }

    /**
     * R-STILT's default: an {@link Integer}, {@link Double}, {@link String} or {@link Boolean};
     * null only for {@link #MAXPAR} (meaning "numpar").
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** The unit ("" for dimensionless or codes). */
    public String unit() {
        return unit;
    }

    /** A one-line meaning. */
    public String description() {
        return description;
    }

    /** The parameter with this YAML key, or null. */
    public static SetupParameter ofKey(String key) {
        for (SetupParameter p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        return null;
    }
}
