!> Conversion of one met period from the file's levels to the internal terrain-following levels
!! (hysplit-reference 2.3; docs/transport.md "Met on the internal levels"): data-level heights
!! (hypsometric for sigma/hybrid, HGTS - SHGT for pressure levels), a surface point at the ground,
!! linear interpolation in height (log-linear for pressure), density and vertical velocity.
!! The twin of Java's org.stilt.core.transport.ProfileConverter, operation for operation, with the
!! kernel's own exp/log/pow, so both produce bit-identical frames. Pure and reentrant.
module stilt_metprep
  use, intrinsic :: iso_c_binding, only: c_float
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan, ieee_is_finite
  use, intrinsic :: iso_fortran_env, only: int64
  use stilt_kinds, only: dp
  use stilt_math, only: stilt_exp, stilt_log, stilt_pow
  implicit none
  private
  public :: stilt_metprep_run, NSR, NUR, stilt_density_between

  integer, parameter :: sp = c_float
  !> Raw surface fields: SHGT PRSS PBLH SHTF USTR LHTF DSWF T02M U10M V10M GX GY.
  integer, parameter :: NSR = 12
  !> Raw upper fields: UWND VWND WWND TEMP SPHU RELH PRES HGTS.
  integer, parameter :: NUR = 8
  integer, parameter :: S_SHGT = 1, S_PRSS = 2, S_PBLH = 3, S_SHTF = 4, S_USTR = 5, S_LHTF = 6, S_DSWF = 7, &
      S_T02M = 8, S_U10M = 9, S_V10M = 10, S_GX = 11, S_GY = 12
  integer, parameter :: U_U = 1, U_V = 2, U_W = 3, U_T = 4, U_Q = 5, U_RH = 6, U_P = 7, U_Z = 8

  real(dp), parameter :: RDRY = 287.04_dp, GRAVITY = 9.80665_dp, VIRTUAL = 0.61_dp, KAPPA = 2.0_dp / 7.0_dp
  !> hycs_std's gravity (45 deg latitude value): hypsometric level heights and w = -omega/(rho g)
  !! (Java ProfileConverter.HYCS_GRAVITY)
  real(dp), parameter :: HYCS_GRAVITY = 9.80616_dp
  !> hycs_std's saturation cap of the humidity: q_s = 0.622 exp(21.4 - 5351/T) / p (hPa)
  !! (Java ProfileConverter.saturationSpecificHumidity)
  real(dp), parameter :: SAT_A = 21.4_dp, SAT_B = 5351.0_dp, SAT_EPSILON = 0.622_dp
  ! mixed-layer depth (Java MixedLayerDepth / HannaTurbulence constants)
  real(dp), parameter :: CP = 1000.0_dp, KARMAN = 0.4_dp, MAX_UNSTABLE_OBUKHOV = -37.5_dp
  real(dp), parameter :: EXCESS_COEFFICIENT = 7.975_dp, CONVECTIVE_WEIGHT = 0.4366_dp
  real(dp), parameter :: CRITICAL_RICHARDSON = 0.5_dp, SHEAR_FLOOR = 0.01632_dp
  real(dp), parameter :: REFERENCE_HEIGHT = 0.911_dp, FIRST_GUESS = 500.0_dp
  integer, parameter :: MAX_EVALUATIONS = 40
  real(dp), parameter :: TOLERANCE = 1.0e-6_dp
  integer, parameter :: VC_SIGMA = 1, VC_PRESSURE = 2, VC_HYBRID = 4

contains

  !> Fills `f2(wx, wy, 1:11)` (the 11th field: the mixed-layer depth by the KMIXD rule; the 12th,
  !! z0, is filled by the caller) and `f3(nz, wx, wy, 9)` from `sfc(wx, wy, NSR)` and
  !! `up(wx, wy, nl, NUR)`; `sflag`/`uflag` say which raw fields exist. `vcoord` 1 sigma,
  !! 2 pressure, 4 hybrid (others need PRES); `lv(nl)` level values; `ptop` sigma top (hPa).
  pure subroutine stilt_metprep_run(wx, wy, nl, nz, vcoord, ptop, lv, ztop, zk, kmixd, kmix0, sflag, uflag, &
      sfc, up, f2, f3)
    integer, intent(in) :: wx, wy, nl, nz, vcoord, kmixd
    real(dp), intent(in) :: ptop, lv(nl), ztop, zk(nz), kmix0
    integer, intent(in) :: sflag(NSR), uflag(NUR)
    real(sp), intent(in) :: sfc(wx, wy, NSR), up(wx, wy, nl, NUR)
    real(sp), intent(inout) :: f2(wx, wy, 12), f3(nz, wx, wy, 9)
    real(dp) :: zd(0:nl), pd(0:nl), td(0:nl), qd(0:nl), rhd(0:nl), ud(0:nl), vd(0:nl), wd(0:nl), lnpd(0:nl)
    real(dp) :: lnp, ln1000
    real(dp) :: qsat, es, zg, ps, zprev, pprev, tvprev, t, q, p, tv, z, scale, f, u, v, om, rho, rhom, w, tsfc, rh
    integer :: i, j, l, n, m, k
    logical :: first
    ln1000 = stilt_log(1000.0_dp)
    do j = 1, wy
      do i = 1, wx
        zg = real(sfc(i, j, S_SHGT), dp)
        ps = real(sfc(i, j, S_PRSS), dp)
        f2(i, j, 1) = sfc(i, j, S_SHGT)
        f2(i, j, 2) = sfc(i, j, S_PRSS)
        f2(i, j, 3) = sfc(i, j, S_GX)
        f2(i, j, 4) = sfc(i, j, S_GY)
        f2(i, j, 5) = sfc(i, j, S_PBLH)
        f2(i, j, 6) = sfc(i, j, S_SHTF)
        f2(i, j, 7) = sfc(i, j, S_USTR)
        f2(i, j, 8) = sfc(i, j, S_LHTF)
        f2(i, j, 9) = sfc(i, j, S_DSWF)
        f2(i, j, 10) = sfc(i, j, S_T02M)
        ! surface point
        zd(0) = 0.0_dp
        pd(0) = ps
        if (sflag(S_T02M) /= 0) then
          td(0) = real(sfc(i, j, S_T02M), dp)
        else
          td(0) = real(up(i, j, 1, U_T), dp)
        end if
        if (uflag(U_Q) /= 0) then
          qd(0) = real(up(i, j, 1, U_Q), dp)
          rhd(0) = rel_hum(qd(0), td(0), ps)
        else if (uflag(U_RH) /= 0) then
          qd(0) = spec_hum(real(up(i, j, 1, U_RH), dp), td(0), ps)
          rhd(0) = rh_fraction(real(up(i, j, 1, U_RH), dp))
        else
          qd(0) = 0.0_dp
          rhd(0) = 0.0_dp
        end if
        if (sflag(S_U10M) /= 0) then
          ud(0) = real(sfc(i, j, S_U10M), dp)
        else
          ud(0) = real(up(i, j, 1, U_U), dp)
        end if
        if (sflag(S_V10M) /= 0) then
          vd(0) = real(sfc(i, j, S_V10M), dp)
        else
          vd(0) = real(up(i, j, 1, U_V), dp)
        end if
        wd(0) = 0.0_dp
        n = 1
        zprev = 0.0_dp
        pprev = ps
        tvprev = 0.0_dp
        first = .true.
        do l = 1, nl
          t = real(up(i, j, l, U_T), dp)
          if (uflag(U_Q) /= 0) then
            q = real(up(i, j, l, U_Q), dp)
          else
            q = 0.0_dp
          end if
          p = level_pressure(l, ps, i, j)
          if (uflag(U_RH) /= 0 .and. uflag(U_Q) == 0) then
            q = spec_hum(real(up(i, j, l, U_RH), dp), t, p)
          end if
          tv = t * (1.0_dp + VIRTUAL * q)
          if (vcoord == VC_PRESSURE) then
            z = real(up(i, j, l, U_Z), dp) - zg
            if (.not. (z > 0.0_dp) .or. p > ps) cycle
          else
            if (first) then
              if (sflag(S_T02M) /= 0) then
                tsfc = real(sfc(i, j, S_T02M), dp) * (1.0_dp + VIRTUAL * q)
              else
                tsfc = tv
              end if
              tvprev = tsfc
              first = .false.
            end if
            z = zprev + (((RDRY / HYCS_GRAVITY) * 0.5_dp) * (tvprev + tv)) * stilt_log(pprev / p)
          end if
          zd(n) = z
          pd(n) = p
          td(n) = t
          qd(n) = q
          if (uflag(U_Q) /= 0) then
            rhd(n) = rel_hum(q, t, p)
          else if (uflag(U_RH) /= 0) then
            rhd(n) = rh_fraction(real(up(i, j, l, U_RH), dp))
          else
            rhd(n) = 0.0_dp
          end if
          ud(n) = real(up(i, j, l, U_U), dp)
          vd(n) = real(up(i, j, l, U_V), dp)
          if (uflag(U_W) /= 0) then
            wd(n) = real(up(i, j, l, U_W), dp)
          else
            wd(n) = 0.0_dp
          end if
          n = n + 1
          zprev = z
          pprev = p
          tvprev = tv
        end do
        do l = 0, n - 1
          lnpd(l) = stilt_log(pd(l))
        end do
        scale = (ztop - zg) / ztop
        m = 0
        do k = 1, nz
          z = zk(k) * scale
          do while (m < n - 1)
            if (.not. (zd(m + 1) < z)) exit
            m = m + 1
          end do
          if (z <= zd(0)) then
            u = ud(0); v = vd(0); t = td(0); q = qd(0); p = pd(0); lnp = lnpd(0); om = wd(0); rh = rhd(0)
          else if (m >= n - 1) then
            u = ud(n - 1); v = vd(n - 1); t = td(n - 1); q = qd(n - 1); p = pd(n - 1); lnp = lnpd(n - 1)
            om = wd(n - 1); rh = rhd(n - 1)
          else
            f = (z - zd(m)) / (zd(m + 1) - zd(m))
            u = ud(m) + (ud(m + 1) - ud(m)) * f
            v = vd(m) + (vd(m + 1) - vd(m)) * f
            t = td(m) + (td(m + 1) - td(m)) * f
            q = qd(m) + (qd(m + 1) - qd(m)) * f
            rh = rhd(m) + (rhd(m + 1) - rhd(m)) * f
            lnp = lnpd(m) + (lnpd(m + 1) - lnpd(m)) * f
            p = stilt_exp(lnp)
            om = wd(m) + (wd(m + 1) - wd(m)) * f
          end if
          ! w from the file's humidity; stored humidity capped at saturation; the density from the
          ! relative humidity interpolated from the data levels (Java ProfileConverter.density)
          rhom = (p * 100.0_dp) / ((RDRY * t) * (1.0_dp + VIRTUAL * q))
          ! one e_s(T) for the cap and the density
          es = stilt_exp(SAT_A - SAT_B / t)
          qsat = (SAT_EPSILON * es) / p
          if (qsat < q) q = qsat
          rho = dry_air_density(p, t, rh * es)
          w = (((-om) * 100.0_dp) / (rhom * HYCS_GRAVITY)) / scale
          f3(k, i, j, 1) = real(u, sp)
          f3(k, i, j, 2) = real(v, sp)
          f3(k, i, j, 3) = real(w, sp)
          f3(k, i, j, 4) = real(t, sp)
          f3(k, i, j, 5) = real(p, sp)
          f3(k, i, j, 6) = real(rho, sp)
          f3(k, i, j, 7) = real(q, sp)
          f3(k, i, j, 8) = real(t * stilt_exp(KAPPA * (ln1000 - lnp)), sp)
          f3(k, i, j, 9) = real(rh, sp)
        end do
        f2(i, j, 11) = real(mixed_layer_depth(i, j), sp)
      end do
    end do

  contains

    !> The column's mixed-layer depth from the stored (single-precision) frame values: KMIXD 0 =
    !! max(PBLH, KMIX0), NaN without PBLH; KMIXD 3 = the bulk-Richardson iteration of Java's
    !! MixedLayerDepth.bulkRichardsonOrNaN (dry theta, heights above ground, wind difference from
    !! the first level), operation for operation.
    pure real(dp) function mixed_layer_depth(i, j) result(d)
      integer, intent(in) :: i, j
      real(dp) :: th(nz), wgt(nz), zag(nz), shtf, ustar, rho1, t1, kin, b, u3, tref, zi, ws, excess, prev, nxt
      real(dp) :: ri, x0, x1, d1, d2, den, aitken, factor, du, dv
      logical :: second, convective
      integer :: kk, ev
      logical :: finite
      if (kmixd == 0) then
        if (ieee_is_nan(f2(i, j, 5))) then
          d = real(f2(i, j, 5), dp)
        else
          d = max(real(f2(i, j, 5), dp), kmix0)
        end if
        return
      end if
      shtf = real(f2(i, j, 6), dp)
      if (ieee_is_nan(shtf)) then
        d = shtf
        return
      end if
      ! with H <= 0 the excess temperature C*F/u* (negative, zero when H = 0) does not depend on
      ! z_i and one evaluation gives the depth
      convective = shtf > 0.0_dp
      ustar = real(f2(i, j, 7), dp)
      ! the density the form's constants were fitted with, (1 - q) p/(R_d T_v) of the level-1 floats
      ! (Java MixedLayerDepth.fittedDensity)
      rho1 = (((1.0_dp - real(f3(1, i, j, 7), dp)) * real(f3(1, i, j, 5), dp)) * 100.0_dp) &
          / ((RDRY * real(f3(1, i, j, 4), dp)) * (1.0_dp + VIRTUAL * real(f3(1, i, j, 7), dp)))
      t1 = real(f3(1, i, j, 4), dp)
      ! heights above ground (Java MixedLayerDepth.aboveGround)
      factor = (ztop - real(f2(i, j, 1), dp)) / ztop
      do kk = 1, nz
        zag(kk) = zk(kk) * factor
      end do
      finite = ieee_is_finite(shtf)
      if (shtf /= 0.0_dp) finite = finite .and. ieee_is_finite(ustar) .and. ieee_is_finite(rho1) &
          .and. ieee_is_finite(t1)
      do kk = 1, nz
        if (.not. finite) exit
        finite = ieee_is_finite(f3(kk, i, j, 8)) .and. ieee_is_finite(f3(kk, i, j, 1)) &
            .and. ieee_is_finite(f3(kk, i, j, 2)) .and. ieee_is_finite(zag(kk))
      end do
      if (.not. finite) then
        d = transfer(9221120237041090560_int64, 1.0_dp)
        return
      end if
      tref = real(f3(1, i, j, 8), dp)
      do kk = 1, nz
        th(kk) = real(f3(kk, i, j, 8), dp)
        du = real(f3(kk, i, j, 1), dp) - real(f3(1, i, j, 1), dp)
        dv = real(f3(kk, i, j, 2), dp) - real(f3(1, i, j, 2), dp)
        wgt(kk) = (GRAVITY * (zag(kk) - REFERENCE_HEIGHT)) / (tref * (((du * du) + (dv * dv)) + SHEAR_FLOOR))
      end do
      kin = 0.0_dp
      b = 0.0_dp
      u3 = 0.0_dp
      if (shtf /= 0.0_dp) kin = shtf / (rho1 * CP)
      if (convective) then
        b = (GRAVITY / t1) * kin
        u3 = max((ustar * ustar) * ustar, ((-MAX_UNSTABLE_OBUKHOV) * KARMAN) * b)
      end if
      ! Steffensen on the fixed point of the z_i map (Java MixedLayerDepth.depth, operation for
      ! operation): Aitken's extrapolation after every two evaluations
      zi = FIRST_GUESS
      x0 = zi
      x1 = zi
      second = .false.
      do ev = 1, MAX_EVALUATIONS
        excess = 0.0_dp
        if (convective) then
          ws = stilt_pow(u3 + (CONVECTIVE_WEIGHT * b) * zi, 1.0_dp / 3.0_dp)
          excess = (EXCESS_COEFFICIENT * kin) / ws
        else if (shtf /= 0.0_dp) then
          excess = (EXCESS_COEFFICIENT * kin) / stilt_pow((ustar * ustar) * ustar, 1.0_dp / 3.0_dp)
        end if
        prev = 0.0_dp
        nxt = zag(1)
        do kk = 1, nz
          ri = ((th(kk) - tref) - excess) * wgt(kk)
          if (ri > CRITICAL_RICHARDSON) then
            if (kk == 1) then
              nxt = zag(1)
            else
              nxt = zag(kk - 1) + ((CRITICAL_RICHARDSON - prev) / (ri - prev)) * (zag(kk) - zag(kk - 1))
            end if
            exit
          end if
          prev = ri
          nxt = zag(kk)
        end do
        if (.not. convective) then
          zi = nxt
          exit
        end if
        if (.not. second) then
          x0 = zi
          x1 = nxt
          zi = nxt
          second = .true.
          cycle
        end if
        d1 = x1 - x0
        d2 = nxt - x1
        if (abs(d2) <= TOLERANCE .or. ev == MAX_EVALUATIONS) then
          zi = nxt
          exit
        end if
        den = d2 - d1
        aitken = nxt - (d2 * d2) / den
        if (den /= 0.0_dp .and. aitken > 0.0_dp .and. aitken <= huge(1.0_dp)) then
          zi = aitken
        else
          zi = nxt
        end if
        second = .false.
      end do
      d = max(zi, kmix0)
    end function mixed_layer_depth

    pure real(dp) function level_pressure(l, ps, i, j)
      integer, intent(in) :: l, i, j
      real(dp), intent(in) :: ps
      real(dp) :: off
      if (uflag(U_P) /= 0) then
        level_pressure = real(up(i, j, l, U_P), dp)
      else if (vcoord == VC_SIGMA) then
        level_pressure = lv(l) * (ps - ptop) + ptop
      else if (vcoord == VC_HYBRID) then
        off = floor(lv(l))
        level_pressure = off + (lv(l) - off) * ps
      else
        level_pressure = lv(l)
      end if
    end function level_pressure

  end subroutine stilt_metprep_run

  !> Specific humidity (kg/kg) from relative humidity (%), temperature (K) and pressure (hPa).
  pure real(dp) function spec_hum(rh, tk, p)
    real(dp), intent(in) :: rh, tk, p
    real(dp) :: es, e
    es = 6.112_dp * stilt_exp((17.67_dp * (tk - 273.15_dp)) / (tk - 29.65_dp))
    e = (max(0.0_dp, rh) / 100.0_dp) * es
    spec_hum = (0.622_dp * e) / max(p - 0.378_dp * e, 1.0e-6_dp)
  end function spec_hum

  !> Relative humidity (fraction) of specific humidity q as HYSPLIT carries humidity: q/q_s with
  !! q_s = 0.622 e_s/p, e_s = exp(21.4 - 5351/T), capped to [0, 1]; NaN stays NaN
  !! (Java ProfileConverter.relativeHumidity).
  pure real(dp) function rel_hum(q, tk, p)
    real(dp), intent(in) :: q, tk, p
    rel_hum = (q * p) / (SAT_EPSILON * stilt_exp(SAT_A - SAT_B / tk))
    if (.not. ieee_is_nan(rel_hum)) rel_hum = min(1.0_dp, max(0.0_dp, rel_hum))
  end function rel_hum

  !> The air density (kg/m3) at time fraction ft between two frames, formed from the temperature,
  !! pressure and relative humidity interpolated in time, as hycs_std forms its dens (the kernel
  !! passes each level's values interpolated horizontally to the particle; Java
  !! ProfileConverter.densityBetween, operation for operation).
  pure real(dp) function stilt_density_between(ta, pa, rha, tb, pb, rhb, ft) result(rho)
    real(dp), intent(in) :: ta, pa, rha, tb, pb, rhb, ft
    real(dp) :: t, p, rh
    p = pa + (pb - pa) * ft
    t = ta + (tb - ta) * ft
    rh = rha + (rhb - rha) * ft
    rho = dry_air_density(p, t, rh * stilt_exp(SAT_A - SAT_B / t))
  end function stilt_density_between

  !> The dry air's density (kg/m3) (p - e)/(R_d T) at vapour pressure e (hPa) (Java
  !! ProfileConverter.dryAirDensity).
  pure real(dp) function dry_air_density(p, t, e)
    real(dp), intent(in) :: p, t, e
    dry_air_density = ((p - e) * 100.0_dp) / (RDRY * t)
  end function dry_air_density

  !> A file's relative humidity (%) as a fraction capped to [0, 1]; NaN stays NaN
  !! (Java ProfileConverter.relativeHumidityFraction).
  pure real(dp) function rh_fraction(rh)
    real(dp), intent(in) :: rh
    rh_fraction = rh / 100.0_dp
    if (.not. ieee_is_nan(rh_fraction)) rh_fraction = min(1.0_dp, max(0.0_dp, rh_fraction))
  end function rh_fraction

end module stilt_metprep
