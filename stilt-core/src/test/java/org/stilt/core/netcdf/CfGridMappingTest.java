package org.stilt.core.netcdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stilt.core.InvalidInputException;

class CfGridMappingTest {

    static Map<String, Object> attrs(String proj) {
        return CfGridMapping.fromProj(proj).attributes();
    }

    @Test
    void lccKeepsBothStandardParallelsOrOneWhenEqual() {
        Map<String, Object> a = attrs("+proj=lcc +lat_1=33 +lat_2=45 +lat_0=40 +lon_0=-97 +x_0=1000 +y_0=-5 +ellps=GRS80");
        assertEquals("lambert_conformal_conic", a.get("grid_mapping_name"));
        assertArrayEquals(new double[] {33, 45}, (double[]) a.get("standard_parallel"));
        assertEquals(-97.0, a.get("longitude_of_central_meridian"));
        assertEquals(40.0, a.get("latitude_of_projection_origin"));
        assertEquals(1000.0, a.get("false_easting"));
        assertEquals(-5.0, a.get("false_northing"));
        assertEquals(6378137.0, a.get("semi_major_axis"));
        assertEquals(298.257222101, a.get("inverse_flattening"));
        assertArrayEquals(new double[] {25}, (double[]) attrs("+proj=lcc +lat_1=25 +lat_2=25 +lon_0=265")
                .get("standard_parallel"));
        assertArrayEquals(new double[] {25}, (double[]) attrs("+proj=lcc +lat_1=25 +lon_0=265").get("standard_parallel"));
    }

    @Test
    void utmZoneAndHemisphere() {
        Map<String, Object> n = attrs("+proj=utm +zone=12 +datum=WGS84");
        assertEquals("transverse_mercator", n.get("grid_mapping_name"));
        assertEquals(-111.0, n.get("longitude_of_central_meridian"));
        assertEquals(0.9996, n.get("scale_factor_at_central_meridian"));
        assertEquals(500000.0, n.get("false_easting"));
        assertEquals(0.0, n.get("false_northing"));
        Map<String, Object> s = attrs("+proj=utm +zone=1 +south");
        assertEquals(-177.0, s.get("longitude_of_central_meridian"));
        assertEquals(10000000.0, s.get("false_northing"));
        assertNull(s.get("semi_major_axis"), "no ellipsoid given, none written");
        assertFalse(CfGridMapping.fromProj("+proj=utm +datum=WGS84").supported(), "zone unknown");
        assertThrows(InvalidInputException.class, () -> CfGridMapping.fromProj("+proj=utm +zone=61"));
    }

    @Test
    void otherProjections() {
        Map<String, Object> merc = attrs("+proj=merc +lon_0=10 +lat_ts=30");
        assertEquals("mercator", merc.get("grid_mapping_name"));
        assertEquals(30.0, merc.get("standard_parallel"));
        assertEquals(10.0, merc.get("longitude_of_projection_origin"));
        assertEquals(1.0, attrs("+proj=merc").get("scale_factor_at_projection_origin"));

        Map<String, Object> polar = attrs("+proj=stere +lat_0=90 +lat_ts=60 +lon_0=-105 +R=6371229");
        assertEquals("polar_stereographic", polar.get("grid_mapping_name"));
        assertEquals(-105.0, polar.get("straight_vertical_longitude_from_pole"));
        assertEquals(90.0, polar.get("latitude_of_projection_origin"));
        assertEquals(60.0, polar.get("standard_parallel"));
        assertEquals(6371229.0, polar.get("earth_radius"));
        Map<String, Object> oblique = attrs("+proj=stere +lat_0=52 +lon_0=5 +k=0.9999");
        assertEquals("stereographic", oblique.get("grid_mapping_name"));
        assertEquals(0.9999, oblique.get("scale_factor_at_projection_origin"));

        assertEquals("lambert_azimuthal_equal_area", attrs("+proj=laea +lat_0=52 +lon_0=10").get("grid_mapping_name"));
        assertEquals(52.0, attrs("+proj=laea +lat_0=52 +lon_0=10").get("latitude_of_projection_origin"));
        Map<String, Object> aea = attrs("+proj=aea +lat_1=29.5 +lat_2=45.5 +lat_0=23 +lon_0=-96 +datum=NAD83");
        assertEquals("albers_conical_equal_area", aea.get("grid_mapping_name"));
        assertArrayEquals(new double[] {29.5, 45.5}, (double[]) aea.get("standard_parallel"));
        assertEquals(298.257222101, aea.get("inverse_flattening"));
        assertEquals("azimuthal_equidistant", attrs("+proj=aeqd +lat_0=40 +lon_0=-112").get("grid_mapping_name"));
        Map<String, Object> tm = attrs("+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000");
        assertEquals("transverse_mercator", tm.get("grid_mapping_name"));
        assertEquals(0.9996012717, tm.get("scale_factor_at_central_meridian"));
        assertEquals(400000.0, tm.get("false_easting"));
        Map<String, Object> ups = attrs("+proj=ups +south +datum=WGS84");
        assertEquals("polar_stereographic", ups.get("grid_mapping_name"));
        assertEquals(-90.0, ups.get("latitude_of_projection_origin"));
        assertEquals(0.994, ups.get("scale_factor_at_projection_origin"));
        Map<String, Object> geos = attrs("+proj=geos +h=35786023 +lon_0=-75 +sweep=x");
        assertEquals("geostationary", geos.get("grid_mapping_name"));
        assertEquals("x", geos.get("sweep_angle_axis"));
        assertEquals("y", geos.get("fixed_angle_axis"));
    }

    @Test
    void unitsOtherThanMetres() {
        CfGridMapping km = CfGridMapping.fromProj("+proj=lcc +lat_1=33 +lat_2=45 +lon_0=-97 +x_0=500000 +units=km");
        assertEquals("km", km.xUnits());
        assertEquals(500.0, km.attributes().get("false_easting"), "CF false easting is in x units");
        CfGridMapping ft = CfGridMapping.fromProj("+proj=tmerc +to_meter=0.3048");
        assertEquals("0.3048 m", ft.xUnits());
        assertThrows(InvalidInputException.class, () -> CfGridMapping.fromProj("+proj=tmerc +units=furlong"));
    }

    @Test
    void geographicSpellingsAndUnknownProjections() {
        CfGridMapping ll = CfGridMapping.fromProj("+proj=lonlat +datum=WGS84");
        assertTrue(ll.geographic());
        assertEquals("latitude_longitude", ll.gridMappingName());
        assertEquals("degrees_east", ll.xUnits());
        CfGridMapping robin = CfGridMapping.fromProj("+proj=robin");
        assertFalse(robin.supported());
        assertEquals("+proj=robin", robin.attributes().get("proj4_params"));
        var e = assertThrows(InvalidInputException.class, () -> CfGridMapping.fromProj("+proj=lcc +lat_1=abc"));
        assertTrue(e.getMessage().contains("+lat_1") && e.getMessage().contains("abc"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> CfGridMapping.fromProj("+proj=lcc +lon_0=3"));
    }
}
