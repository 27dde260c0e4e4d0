#!/usr/bin/env Rscript
# Builds STILT's own 1-degree roughness-length (z0) table from Natural Earth (public domain).
#
# Run manually, once, from the repository root (NOT part of the build):
#   apt-get install -y --no-install-recommends r-base-core r-cran-rnaturalearthdata r-cran-sp r-cran-maps
#   Rscript tools/roughness/make_roughness_table.R
# Output: stilt-core/src/main/resources/org/stilt/core/transport/roughness-1deg.txt.gz
# Method, class table, citations and limits: docs/roughness.md.
#
# Inputs (all Natural Earth 1:50m, public domain):
#   - admin-0 countries, from the R package rnaturalearthdata (object countries50): land, and
#     Antarctica + Greenland as ice;
#   - lakes, from the R package maps (database 'lakes', derived from ne_50m_lakes): inland water.
# Each 1-degree cell (centres lat 89.5 .. -89.5, lon -179.5 .. 179.5) is sub-sampled on a 0.1-degree
# grid (10 x 10 points at the sub-cell centres); each point is classified water / ice / land by an
# even-odd point-in-polygon test (own scan-line rasteriser below, no GIS library needed), and the
# cell's z0 is the fraction-weighted log-average of the class values.

suppressPackageStartupMessages({
  library(sp)
  library(rnaturalearthdata)
  library(maps)
})

out_file <- "stilt-core/src/main/resources/org/stilt/core/transport/roughness-1deg.txt.gz"

# Class -> z0 (metres); see docs/roughness.md for the sources.
Z0 <- c(water = 0.0002, ice = 0.001, land = 0.1)

SUB <- 10                                   # sub-samples per degree (0.1-degree spacing)
NLAT <- 180L * SUB
NLON <- 360L * SUB
lat_s <- 90 - (seq_len(NLAT) - 0.5) / SUB   # 89.95 .. -89.95 (row 1 = north)
lon_s <- -180 + (seq_len(NLON) - 0.5) / SUB # -179.95 .. 179.95

# Even-odd rasterisation of one feature given as a list of rings (n x 2 matrices of lon, lat).
# A sub-sample point is inside when a ray from it towards -lon crosses the rings an odd number of
# times; edges are half-open in latitude so that vertices are counted once.
rasterise_even_odd <- function(rings) {
  inside <- matrix(FALSE, NLAT, NLON)
  ex1 <- ey1 <- ex2 <- ey2 <- numeric(0)
  for (r in rings) {
    n <- nrow(r)
    if (n < 3) next
    if (r[1, 1] != r[n, 1] || r[1, 2] != r[n, 2]) r <- rbind(r, r[1, ])
    n <- nrow(r)
    ex1 <- c(ex1, r[-n, 1]); ey1 <- c(ey1, r[-n, 2])
    ex2 <- c(ex2, r[-1, 1]); ey2 <- c(ey2, r[-1, 2])
  }
  keep <- ey1 != ey2
  ex1 <- ex1[keep]; ey1 <- ey1[keep]; ex2 <- ex2[keep]; ey2 <- ey2[keep]
  ymin <- pmin(ey1, ey2); ymax <- pmax(ey1, ey2)
  # candidate rows (1-based), widened by one and filtered exactly below
  rlo <- pmax(1L, floor((90 - ymax) * SUB + 0.5) - 1L)
  rhi <- pmin(NLAT, ceiling((90 - ymin) * SUB + 0.5) + 1L)
  cnt <- pmax(0L, rhi - rlo + 1L)
  e <- rep(seq_along(rlo), cnt)
  row <- rlo[e] + sequence(cnt) - 1L
  y <- lat_s[row]
  hit <- y >= ymin[e] & y < ymax[e]
  e <- e[hit]; row <- row[hit]; y <- y[hit]
  x <- ex1[e] + (y - ey1[e]) * (ex2[e] - ex1[e]) / (ey2[e] - ey1[e])
  by_row <- split(x, row)
  for (k in names(by_row)) {
    xs <- sort(by_row[[k]])
    crossings_left <- findInterval(lon_s, xs)   # number of crossings with x <= lon
    inside[as.integer(k), ] <- (crossings_left %% 2L) == 1L
  }
  inside
}

sp_rings <- function(polys) lapply(polys@Polygons, function(p) p@coords)

# --- land and ice from the admin-0 countries -------------------------------------------------
countries <- rnaturalearthdata::countries50
admin <- as.character(countries@data$admin)
ice_admin <- c("Antarctica", "Greenland")
stopifnot(all(ice_admin %in% admin))
land <- matrix(FALSE, NLAT, NLON)
ice <- matrix(FALSE, NLAT, NLON)
for (i in seq_along(countries@polygons)) {
  inside <- rasterise_even_odd(sp_rings(countries@polygons[[i]]))
  land <- land | inside
  if (admin[i] %in% ice_admin) ice <- ice | inside
}

# --- lakes (rings separated by NA; islands are rings inside rings, hence even-odd over all) ----
lk <- maps::map("lakes", fill = TRUE, plot = FALSE)
breaks <- cumsum(is.na(lk$x))
lake_rings <- lapply(split(seq_along(lk$x), breaks), function(idx) {
  idx <- idx[!is.na(lk$x[idx])]
  cbind(lk$x[idx], lk$y[idx])
})
lake <- rasterise_even_odd(lake_rings)

water <- !land | lake
ice <- ice & !water
other <- !water & !ice

# --- 1-degree fractions ------------------------------------------------------------------------
block_mean <- function(m) {
  a <- array(as.numeric(m), c(SUB, 180L, SUB, 360L))
  apply(a, c(2, 4), sum) / (SUB * SUB)
}
f_water <- block_mean(water)
f_ice <- block_mean(ice)
f_land <- block_mean(other)
stopifnot(max(abs(f_water + f_ice + f_land - 1)) < 1e-12)

log_z0 <- f_water * log(Z0[["water"]]) + f_ice * log(Z0[["ice"]]) + f_land * log(Z0[["land"]])
z0_um <- round(exp(log_z0) * 1e6)
storage.mode(z0_um) <- "integer"
stopifnot(dim(z0_um) == c(180L, 360L), all(z0_um >= 200L), all(z0_um <= 100000L))

cls <- apply(array(c(f_water, f_ice, f_land), c(180L, 360L, 3L)), c(1, 2), which.max)
counts <- tabulate(cls, 3L)

header <- c(
  "# STILT 1-degree roughness-length table z0 (generated by tools/roughness/make_roughness_table.R; docs/roughness.md)",
  "# source: Natural Earth 1:50m admin-0 countries (R package rnaturalearthdata %s) and 1:50m lakes (R package maps %s, database 'lakes'); Natural Earth is public domain",
  "# classes (z0 m): water %s, ice (Antarctica, Greenland) %s, other land %s; cell z0 = exp(sum f_class * ln z0_class), fractions from 10 x 10 sub-samples at 0.1 degree",
  "# dominant class counts (cells): water %d, ice %d, land %d",
  "# units: micrometres (1e-6 m), integers; 180 rows from lat 89.5 (first) to -89.5, 360 columns from lon -179.5 to 179.5",
  "# grid 180 360"
)
header[2] <- sprintf(header[2], packageVersion("rnaturalearthdata"), packageVersion("maps"))
header[3] <- sprintf(header[3], format(Z0[["water"]]), format(Z0[["ice"]]), format(Z0[["land"]]))
header[4] <- sprintf(header[4], counts[1], counts[2], counts[3])

con <- gzfile(out_file, "w", compression = 9)
writeLines(header, con)
for (r in seq_len(180L)) writeLines(paste(z0_um[r, ], collapse = " "), con)
close(con)

cat(header, sep = "\n")
cat(sprintf("cells fully water %d, fully ice %d, fully land %d, mixed %d\n",
            sum(f_water == 1), sum(f_ice == 1), sum(f_land == 1),
            sum(f_water < 1 & f_ice < 1 & f_land < 1)))
cat(sprintf("wrote %s (%d bytes)\n", out_file, file.size(out_file)))
