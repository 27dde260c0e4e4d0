!> Deterministic particle transport: one-minute predictor-corrector (Heun) advection through two
!! bracketing met frames on the internal terrain-following levels. The clean-room counterpart of
!! HYSPLIT's mean-motion step as STILT runs it (docs/transport.md, hysplit-reference 2.2-2.4).
!!
!! The arithmetic is the Java reference's (`JavaTransportKernel`) operation for operation, so the
!! two give bit-identical results (build with -ffp-contract=off): met interpolation in double
!! precision, particle positions in single precision as hycs_std keeps them (grid x, y and
!! sigma = 1 - zhat/Z_top), vertical corrector sigma1 = (sigma + sigma' + V(P') dt) / 2, horizontal
!! P1 = P + (V + V') dt / 2.
!!
!! Frame layout (one contiguous float block per met time, written by Java's ProfileConverter):
!! `f2(wx, wy, N2D)` followed by `f3(nz, wx, wy, N3D)`; field numbers below.
!!
!! Knows nothing about C. Stateless and reentrant (no saved variables; built with -frecursive).
module stilt_transport
  use, intrinsic :: iso_c_binding, only: c_float
  use, intrinsic :: ieee_arithmetic, only: ieee_is_finite
  use stilt_kinds, only: dp, ip
  use stilt_status, only: STILT_OK, STILT_ERR_ARGUMENT, STILT_ERR_DOMAIN, STILT_ERR_NUMERIC
  use stilt_text, only: stilt_text_append, stilt_text_append_int
  use stilt_kinds, only: i8
  use stilt_math, only: stilt_exp
  use stilt_metprep, only: stilt_density_between
  use stilt_rng, only: stilt_rng_stream, stilt_rng_stream_of, stilt_rng_normal, stilt_rng_cache, &
      stilt_rng_normal_cached
  use stilt_turbulence, only: stability_t, stilt_stability_clamped, stilt_layer_value, &
      MAX_UNSTABLE_OBUKHOV
  use stilt_dispersion, only: stilt_dispersion_half, stilt_dispersion_finish, stilt_layer_of, &
      layer_table_t, stilt_table_reset, stilt_table_sigw, stilt_table_free, wind_path_t, stilt_path_init, &
      stilt_path_reset, stilt_path_flush, stilt_level_index, stilt_lower_level
  implicit none
  private
  public :: stilt_transport_run, N2D, N3D, ROW_WIDTH, ACTIVE, LEFT_DOMAIN, &
      VM_DATA, VM_ISOBARIC, VM_ISENTROPIC, VM_DENSITY, VM_ISOSIGMA, N_TPARAMS

  integer, parameter :: sp = c_float

  ! 2-D fields (Java KernelFrame.F2_*; 1-based here)
  integer, parameter :: F2_ZSFC = 1, F2_PSFC = 2, F2_GX = 3, F2_GY = 4, F2_PBLH = 5, F2_SHTF = 6, &
      F2_USTR = 7, F2_LHTF = 8, F2_DSWF = 9, F2_T02M = 10, F2_MLHT = 11, F2_Z0 = 12
  integer(ip), parameter :: N2D = 12
  ! 3-D fields (Java KernelFrame.F3_*)
  integer, parameter :: F3_U = 1, F3_V = 2, F3_W = 3, F3_T = 4, F3_P = 5, F3_RHO = 6, F3_Q = 7, &
      F3_THETA = 8, F3_RH = 9
  integer(ip), parameter :: N3D = 9
  !> A cell touches a pole when its smallest corner spacing is below this fraction of its largest
  !! (Java JavaTransportKernel.POLE_SPACING_RATIO).
  real(dp), parameter :: POLE_SPACING_RATIO = 1.0e-6_dp

  !> Output row (Java TrajectoryRows): time, indx, gridx, gridy, zagl, zsfc, pres, dens, temp,
  !! wout, mlht, shtf, ustr, dswf, lhtf, sphu, foot, samt, sigw, tlgr.
  integer(ip), parameter :: ROW_WIDTH = 20
  !> Turbulence parameters (Java TurbulenceOptions, ErrorProcesses): tlfrac, hscale (s), veght,
  !! z0 (m); wind error sigma (m/s), time scale (s), vertical and horizontal correlation lengths (m);
  !! mixed-layer height error sigma (fraction), time scale (s), horizontal correlation length (m).
  integer(ip), parameter :: N_TPARAMS = 11
  !> Molar mass of dry air (kg/mol) in foot = M samt 60 / (rho h).
  real(dp), parameter :: FOOT_FACTOR = 0.02897_dp
  !> Empirical factor of hycs_std's column mass D (experiment E5; Java E5_DENSITY_FACTOR).
  real(dp), parameter :: E5_DENSITY_FACTOR = 1.00451_dp

  integer(ip), parameter :: ACTIVE = 0, LEFT_DOMAIN = 1
  integer(ip), parameter :: VM_DATA = 0, VM_ISOBARIC = 1, VM_ISENTROPIC = 2, VM_DENSITY = 3, VM_ISOSIGMA = 4

  !> Interpolation point: corner weights, level and fractions.
  type :: point_t
    integer :: i0 = 1, j0 = 1, k = 1
    real(dp) :: ax = 0, ay = 0
    real(dp) :: w00 = 0, w10 = 0, w01 = 0, w11 = 0
    real(dp) :: fz = 0, fk = 0, wind_scale = 1
  end type point_t

contains

  !> Advances particles `p = 1 .. n` by `steps` steps of `dt` (+1 or -1) minutes from minute
  !! `start_minute`, with met linearly interpolated in time between frame A (valid at
  !! `a_minute`) and frame B (`b_minute`). Appends one row per active particle per step to
  !! `rows(:, nrows+1 ...)`. Particles whose position at the start of a step is outside
  !! x in [2, grid_nx - 1], y in [2, grid_ny - 1] get status LEFT_DOMAIN.
  !!
  !! Returns STILT_ERR_DOMAIN when a particle needs met outside the frames' sub-grid,
  !! STILT_ERR_NUMERIC for a non-finite velocity, STILT_ERR_ARGUMENT when `rows` is too small;
  !! `text(1:used)` then says which particle and where.
  subroutine stilt_transport_run(wx, wy, nz, x0, y0, grid_nx, grid_ny, motion, steps, dt, &
      start_minute, a_minute, b_minute, ztop, zk, fa2, fa3, fb2, fb3, n, px, py, pz, pstat, &
      turb, seed, sim_id, tparams, nzic, zic, pw, pu, pv, pdraw, perr, first_particle, particle_stride, &
      adv_x0, adv_y0, max_rows, rows, nrows, status, text, used)
    integer(ip), intent(in) :: wx, wy, nz            !! sub-grid columns, rows; internal levels
    integer(ip), intent(in) :: x0, y0                !! 0-based offset of the sub-grid in the full grid
    integer(ip), intent(in) :: grid_nx, grid_ny      !! full grid size
    integer(ip), intent(in) :: motion                !! VM_DATA or VM_ISOSIGMA
    integer(ip), intent(in) :: steps, dt             !! number of steps; +1 or -1 minute
    real(dp), intent(in) :: start_minute, a_minute, b_minute, ztop
    real(dp), intent(in) :: zk(nz)                   !! internal level scaled heights (m)
    real(sp), intent(in) :: fa2(wx, wy, N2D), fa3(nz, wx, wy, N3D)
    real(sp), intent(in) :: fb2(wx, wy, N2D), fb3(nz, wx, wy, N3D)
    integer(ip), intent(in) :: n                     !! particles
    real(dp), intent(inout) :: px(n), py(n), pz(n)   !! grid x, y (1-based), scaled height (m)
    integer(ip), intent(inout) :: pstat(n)           !! ACTIVE or LEFT_DOMAIN
    integer(ip), intent(in) :: turb                  !! 1 = STILT dispersion (IDSP=2), 0 = mean motion only
    integer(i8), intent(in) :: seed, sim_id          !! random streams: run seed, simulation number
    real(dp), intent(in) :: tparams(N_TPARAMS)       !! see N_TPARAMS
    integer(ip), intent(in) :: nzic                  !! ZICONTROL factors (0 = off)
    real(dp), intent(in) :: zic(max(nzic, 1))        !! factor on mlht per simulation hour
    real(dp), intent(inout) :: pw(n), pu(n), pv(n)   !! turbulent w'/sigma_w (normalized); u', v' (m/s)
    integer(i8), intent(inout) :: pdraw(n)           !! next draw of each particle's stream (0 = not started)
    real(dp), intent(inout) :: perr(3, n)            !! transport errors u_e, v_e (m/s), relative mlht error
    integer(ip), intent(in) :: first_particle        !! 0-based ensemble index of particle 1 (chunks)
    integer(ip), intent(in) :: particle_stride       !! particle p has index first_particle + (p-1)*stride
    integer(ip), intent(in) :: adv_x0, adv_y0        !! 0-based offsets of hycs_std's position sub-grid: positions
                                                     !! are advanced as single-precision x - adv_x0, y - adv_y0
    integer(ip), intent(in) :: max_rows              !! capacity of `rows`
    real(dp), intent(inout) :: rows(ROW_WIDTH, max_rows)
    integer(ip), intent(inout) :: nrows              !! rows in use
    integer(ip), intent(out) :: status
    character(len=*), intent(inout) :: text
    integer, intent(inout) :: used

    integer(ip) :: s, p
    real(dp) :: t0, t1, f0, f1, v1(3), v2(3), xp, yp, zp, xn, yn, zn
    real(dp) :: zsfc, pres, dens, temp1, pblh, shtf, ustr, dswf, lhtf, sphu, zagl, scale
    real(sp) :: sx, sy, ss, ppx, ppy, pps, nx, ny, ns
    real(dp) :: ox, oy   ! the position sub-grid's offsets (whole grid units: exact)
    type(point_t) :: pt
    type(point_t) :: mpt   ! the cell and weights of D = rho-bar h (column_mass), bilinear
    ! turbulence
    integer :: ni, nj, njkeep, k2, lay, kf
    integer(i8) :: dr
    real(dp) :: rho1, theta1, z0v, gxs, gys, hh, zd, wd, samt_s, sigw_o, tl_o, su, keep, uu, vv, r_h, fmid, tscale, &
        mlht_used
    real(dp) :: foot_v, samt_v, sigw_v, tlgr_v
    type(stability_t) :: st
    type(stilt_rng_stream) :: rs
    type(stilt_rng_cache) :: rcache   ! the last Philox block of rs (same values, computed once)
    real(dp) :: lam_u, lam_v
    type(layer_table_t) :: tab
    type(wind_path_t) :: path   ! the turbulent path's time per level: the mean wind along it
    real(dp) :: pv1(2), pv2(2)
    type(point_t) :: cell1, cell2     ! the cells of the two velocities, kept for the path's wind
    logical :: first, err_wind, err_zi
    real(dp) :: ue, ve, ds, dzm, rr, kk2
    real(dp) :: z1_wind   ! height of internal level 1 from its single-precision sigma (ground wind)
    integer :: hour

    status = STILT_OK
    ! Below internal level 1 the wind goes linearly to zero at the ground over the level's height
    ! as hycs_std holds it: sigma = 1 - z1/Z_top in single precision (10.00017 m for 10 m and a
    ! 25 km top), docs/transport.md "Near the ground"; Java JavaTransportKernel.groundWindHeight.
    z1_wind = (1.0_dp - real(real(1.0_dp - zk(1) / ztop, sp), dp)) * ztop
    ox = real(adv_x0, dp)
    oy = real(adv_y0, dp)
    r_h = stilt_exp(-60.0_dp / tparams(2))
    call stilt_path_init(path, int(nz), zk, z1_wind)
    ! only read with turbulence on, where each particle step sets them; defined here for the compiler
    tscale = 1.0_dp
    mlht_used = 0.0_dp
    gxs = 1.0_dp
    gys = 1.0_dp
    err_wind = tparams(5) > 0.0_dp
    err_zi = tparams(9) > 0.0_dp
    foot_v = 0.0_dp
    samt_v = 0.0_dp
    sigw_v = 0.0_dp
    tlgr_v = 0.0_dp
    do s = 0, steps - 1
      t0 = start_minute + real(s, dp) * real(dt, dp)
      t1 = t0 + real(dt, dp)
      f0 = (t0 - a_minute) / (b_minute - a_minute)
      f1 = (t1 - a_minute) / (b_minute - a_minute)
      fmid = (t0 + 0.5_dp * real(dt, dp) - a_minute) / (b_minute - a_minute)
      do p = 1, n
        if (pstat(p) /= ACTIVE) cycle
        if (px(p) < 2.0_dp .or. px(p) > real(grid_nx, dp) - 1.0_dp .or. &
            py(p) < 2.0_dp .or. py(p) > real(grid_ny, dp) - 1.0_dp) then
          pstat(p) = LEFT_DOMAIN
          cycle
        end if
        call velocity(px(p), py(p), pz(p), f0, v1)
        if (status /= STILT_OK) return
        cell1 = pt
        ! hycs_std's arithmetic: positions are single precision, the vertical one as sigma = 1 - z/Z_top,
        ! the horizontal ones relative to the corner of its sub-grid that follows the particles, all
        ! with the corrector P1 = 1/2 (P + P' + V(P') dt) (docs/transport.md "Positions and their precision")
        sx = real(px(p) - ox, sp)
        sy = real(py(p) - oy, sp)
        ss = real(1.0_dp - pz(p) / ztop, sp)
        ppx = sx + real(v1(1) * real(dt, dp), sp)
        ppy = sy + real(v1(2) * real(dt, dp), sp)
        pps = reflect(ss + real(((-v1(3)) * real(dt, dp)) / ztop, sp))
        xp = real(ppx, dp) + ox
        yp = real(ppy, dp) + oy
        zp = (1.0_dp - real(pps, dp)) * ztop
        if (turb /= 0) then
          ! STILT dispersion: turbulence from the met at the middle of the step, the grid point
          ! nearest to the particle (docs/transport.md "One minute of one particle")
          ! the start point is the cell the first velocity call located
          zsfc = t2(F2_ZSFC, fmid)
          mpt = pt
          call nearest(px(p), py(p))
          pblh = p2(F2_MLHT, fmid)
          shtf = p2(F2_SHTF, f1)
          ustr = p2(F2_USTR, f1)
          gxs = p2(F2_GX, f1)
          gys = p2(F2_GY, f1)
          if (gxs < POLE_SPACING_RATIO * gys) then
            ! the nearest point is a pole (no metres per grid unit in x, only on a grid continued
            ! through the poles): the horizontal turbulent step uses the spacing of the cell's other
            ! row (docs/transport.md "Poles"; Java Sampler.surface)
            njkeep = nj
            if (nj == int(floor(py(p))) - y0) then
              nj = nj + 1
            else
              nj = int(floor(py(p))) - y0
            end if
            gxs = p2(F2_GX, f1)
            nj = njkeep
          end if
          rho1 = plevel(F3_RHO, 1, f1) / (1.0_dp - plevel(F3_Q, 1, f1))
          theta1 = plevel(F3_THETA, 1, f1)
          if (tparams(4) > 0.0_dp) then
            z0v = tparams(4)
          else
            z0v = p2(F2_Z0, f1)
          end if
          tscale = (ztop - zsfc) / ztop
          ! layer 0's turbulence is evaluated at internal level 1 as hycs_std holds it (its
          ! single-precision sigma: 10.00017 m for 10 m and a 25 km top), like the ground wind
          tab%levels(1) = z1_wind * tscale
          do k2 = 2, nz
            tab%levels(k2) = zk(k2) * tscale
          end do
          rs = stilt_rng_stream_of(seed, sim_id, int(p - 1, i8) * int(particle_stride, i8) + int(first_particle, i8))
          first = pdraw(p) == 0_i8
          if (first .and. (err_wind .or. err_zi)) then
            perr(1, p) = tparams(5) * stilt_rng_normal(rs, 3_i8)
            perr(2, p) = tparams(5) * stilt_rng_normal(rs, 4_i8)
            perr(3, p) = tparams(9) * stilt_rng_normal(rs, 5_i8)
          end if
          hour = int(floor(abs(t0 + 0.5_dp * real(dt, dp)) / 60.0_dp))
          if (hour < nzic) then
            mlht_used = pblh * zic(hour + 1)
          else
            mlht_used = pblh * 1.0_dp
          end if
          if (err_zi) mlht_used = mlht_used * (1.0_dp + perr(3, p))
          st = stilt_stability_clamped(ustr, shtf, rho1, theta1, mlht_used, MAX_UNSTABLE_OBUKHOV * tscale)
          call stilt_table_reset(tab, nz, st, z0v)
          ! above the mixed layer sigma_w follows the column's shear and stability: the winds and
          ! potential temperature of the levels from the first one at or above zi, both frames
          kf = nz + 1
          do k2 = 1, nz
            if (tab%levels(k2) >= st%zi) then
              kf = k2
              exit
            end if
          end do
          do k2 = kf, nz
            tab%ua(k2) = real(fa3(k2, ni, nj, F3_U), dp)
            tab%va(k2) = real(fa3(k2, ni, nj, F3_V), dp)
            tab%tha(k2) = real(fa3(k2, ni, nj, F3_THETA), dp)
            tab%ub(k2) = real(fb3(k2, ni, nj, F3_U), dp)
            tab%vb(k2) = real(fb3(k2, ni, nj, F3_V), dp)
            tab%thb(k2) = real(fb3(k2, ni, nj, F3_THETA), dp)
          end do
          call stilt_table_free(tab, f1)
          if (tparams(3) <= 1.0_dp) then
            hh = tparams(3) * mlht_used
          else
            hh = tparams(3)
          end if
          zd = pz(p) * tscale
          if (first) then
            su = horizontal_sigma(st, zd, tab%levels(1), z0v)
            pw(p) = stilt_rng_normal(rs, 0_i8)
            pu(p) = su * stilt_rng_normal(rs, 1_i8)
            pv(p) = su * stilt_rng_normal(rs, 2_i8)
            if (err_wind .or. err_zi) then
              pdraw(p) = 6_i8
            else
              pdraw(p) = 3_i8
            end if
          end if
          ! pw holds w'/sigma_w (normalized): a layer whose sigma_w changes in time (the mixed
          ! layer growing or collapsing) scales w' with it, as crossing an interface does
          lay = stilt_layer_of(zd, nz, tab%levels)
          wd = pw(p) * stilt_table_sigw(tab, lay)
          dr = pdraw(p)
          samt_s = 0.0_dp
          ! the path's time at each level gives the mean wind along it (below)
          call stilt_path_reset(path)
          path%scale = 1.0_dp / tscale
        end if
        call velocity(xp, yp, zp, f1, v2)
        if (status /= STILT_OK) return
        cell2 = pt
        nx = 0.5_sp * ((sx + ppx) + real(v2(1) * real(dt, dp), sp))
        ny = 0.5_sp * ((sy + ppy) + real(v2(2) * real(dt, dp), sp))
        ns = reflect(0.5_sp * ((ss + pps) + real(((-v2(3)) * real(dt, dp)) / ztop, sp)))
        ! sub-grid coordinates until the minute's horizontal moves are all added
        xn = real(nx, dp)
        yn = real(ny, dp)
        zn = (1.0_dp - real(ns, dp)) * ztop
        if (turb /= 0) then
          ! the mean motion's height change first, then both 30-s halves of the vertical dispersion
          ! from there, then the wind along that path, horizontal turbulence
          zd = abs(zd + (zn - pz(p)) * tscale)
          ! one Philox block cache for this particle's stream over the minute's draws
          rcache%block = -1_i8
          call stilt_dispersion_half(zd, wd, dr, samt_s, tab, hh, tparams(1), rs, path, rcache)
          call stilt_dispersion_half(zd, wd, dr, samt_s, tab, hh, tparams(1), rs, path, rcache)
          call stilt_dispersion_finish(zd, sigw_o, tl_o, tab)
          ! the mean motion follows the wind along the turbulent path: each level's wind weighted
          ! by the time the path spent there, at the start and at the predictor position
          ! (docs/transport.md "Wind along the path")
          call stilt_path_flush(path)
          if (path%seconds > 0.0_dp) then
            call path_velocity(cell1, f0, pv1)
            if (status /= STILT_OK) return
            call path_velocity(cell2, f1, pv2)
            if (status /= STILT_OK) return
            nx = 0.5_sp * ((sx + (sx + real(pv1(1) * real(dt, dp), sp))) + real(pv2(1) * real(dt, dp), sp))
            ny = 0.5_sp * ((sy + (sy + real(pv1(2) * real(dt, dp), sp))) + real(pv2(2) * real(dt, dp), sp))
            xn = real(nx, dp)
            yn = real(ny, dp)
          end if
          su = horizontal_sigma(st, zd, tab%levels(1), z0v)
          keep = su * sqrt(max(0.0_dp, 1.0_dp - r_h * r_h))
          call stilt_rng_normal_cached(rs, rcache, dr, lam_u)
          call stilt_rng_normal_cached(rs, rcache, dr + 1_i8, lam_v)
          uu = r_h * pu(p) + keep * lam_u
          vv = r_h * pv(p) + keep * lam_v
          pu(p) = uu
          pv(p) = vv
          pw(p) = wd / sigw_o
          dr = dr + 2_i8
          ue = perr(1, p)
          ve = perr(2, p)
          xn = real(real(xn + ((uu + ue) * 60.0_dp) / gxs, sp), dp) + ox
          yn = real(real(yn + ((vv + ve) * 60.0_dp) / gys, sp), dp) + oy
          zn = (1.0_dp - real(reflect(real(1.0_dp - (zd / tscale) / ztop, sp)), dp)) * ztop
          if (err_wind .or. err_zi) then
            ds = sqrt(((xn - px(p)) * gxs) * ((xn - px(p)) * gxs) + ((yn - py(p)) * gys) * ((yn - py(p)) * gys))
            dzm = abs(zd - pz(p) * tscale)
            if (err_wind) then
              rr = stilt_exp(-((60.0_dp / tparams(6) + ds / tparams(8)) + dzm / tparams(7)))
              kk2 = tparams(5) * sqrt(max(0.0_dp, 1.0_dp - rr * rr))
              perr(1, p) = rr * ue + kk2 * stilt_rng_normal(rs, dr)
              perr(2, p) = rr * ve + kk2 * stilt_rng_normal(rs, dr + 1_i8)
              dr = dr + 2_i8
            end if
            if (err_zi) then
              rr = stilt_exp(-(60.0_dp / tparams(10) + ds / tparams(11)))
              kk2 = tparams(9) * sqrt(max(0.0_dp, 1.0_dp - rr * rr))
              perr(3, p) = rr * perr(3, p) + kk2 * stilt_rng_normal(rs, dr)
              dr = dr + 1_i8
            end if
          end if
          pdraw(p) = dr
          samt_v = samt_s / 60.0_dp
          if (samt_v > 0.0_dp) then
            foot_v = ((FOOT_FACTOR * samt_v) * 60.0_dp) / column_mass(hh, tab%levels, fmid)
          else
            foot_v = 0.0_dp
          end if
          sigw_v = sigw_o
          tlgr_v = tl_o
        else
          xn = xn + ox
          yn = yn + oy
        end if
        px(p) = xn
        py(p) = yn
        pz(p) = zn
        if (nrows >= max_rows) then
          status = STILT_ERR_ARGUMENT
          call stilt_text_append(text, used, 'output row buffer full (max_rows=')
          call stilt_text_append_int(text, used, max_rows)
          call stilt_text_append(text, used, ')')
          return
        end if
        call locate(xn, yn, zn, p)
        if (status /= STILT_OK) return
        zsfc = t2(F2_ZSFC, f1)
        pres = t3(F3_P, f1, pt%fz)
        ! formed on the two levels around the particle, then linear in height (Java Sampler.sample)
        dens = level_density(pt%k, pt, f1)
        dens = dens + (level_density(pt%k + 1, pt, f1) - dens) * pt%fz
        sphu = t3(F3_Q, f1, pt%fz)
        call nearest(xn, yn)
        pblh = p2(F2_MLHT, f1)
        shtf = t2(F2_SHTF, f1)
        ustr = t2(F2_USTR, f1)
        dswf = t2(F2_DSWF, f1)
        lhtf = t2(F2_LHTF, f1)
        pt%k = 1
        temp1 = t3(F3_T, f1, 0.0_dp)
        nrows = nrows + 1
        zagl = (zn * (ztop - zsfc)) / ztop
        scale = (ztop - zsfc) / ztop
        rows(1, nrows) = t1
        rows(2, nrows) = real(first_particle, dp) + real(p - 1, dp) * real(particle_stride, dp) + 1.0_dp
        rows(3, nrows) = xn
        rows(4, nrows) = yn
        rows(5, nrows) = zagl
        rows(6, nrows) = zsfc
        rows(7, nrows) = pres
        rows(8, nrows) = dens
        rows(9, nrows) = temp1
        rows(10, nrows) = (((0.5_dp * (v1(3) + v2(3))) * real(sign(1_ip, dt), dp)) * scale) / 60.0_dp
        if (turb /= 0) then
          rows(11, nrows) = mlht_used
        else
          rows(11, nrows) = pblh
        end if
        rows(12, nrows) = shtf
        rows(13, nrows) = ustr
        rows(14, nrows) = dswf
        rows(15, nrows) = lhtf
        rows(16, nrows) = sphu
        rows(17, nrows) = foot_v
        rows(18, nrows) = samt_v
        rows(19, nrows) = sigw_v
        rows(20, nrows) = tlgr_v
      end do
    end do

  contains

    !> Selects the grid point nearest to (x, y) (sub-grid indices, 1-based).
    subroutine nearest(x, y)
      real(dp), intent(in) :: x, y
      ni = int(floor(x + 0.5_dp)) - x0
      nj = int(floor(y + 0.5_dp)) - y0
    end subroutine nearest

    !> A 2-D field at the nearest grid point, linear in time.
    pure real(dp) function p2(field, ft)
      integer, intent(in) :: field
      real(dp), intent(in) :: ft
      real(dp) :: va
      va = real(fa2(ni, nj, field), dp)
      p2 = va + (real(fb2(ni, nj, field), dp) - va) * ft
    end function p2

    !> A 3-D field on internal level `level` at the nearest grid point, linear in time.
    pure real(dp) function plevel(field, level, ft)
      integer, intent(in) :: field, level
      real(dp), intent(in) :: ft
      real(dp) :: va
      va = real(fa3(level, ni, nj, field), dp)
      plevel = va + (real(fb3(level, ni, nj, field), dp) - va) * ft
    end function plevel

    !> The density on internal level `level` in the cell of `q`, formed from T, p and RH
    !! interpolated bilinearly and then in time (stilt_density_between; Java levelDensity): the
    !! particle's dens and each level of foot's D.
    pure real(dp) function level_density(level, q, ft)
      integer, intent(in) :: level
      type(point_t), intent(in) :: q
      real(dp), intent(in) :: ft
      level_density = stilt_density_between(level_at(fa3, F3_T, level, q), level_at(fa3, F3_P, level, q), &
          level_at(fa3, F3_RH, level, q), level_at(fb3, F3_T, level, q), level_at(fb3, F3_P, level, q), &
          level_at(fb3, F3_RH, level, q), ft)
    end function level_density

    !> A 3-D field on internal level `level`, bilinear with the corner weights of `q` (the
    !! kernels' summation order; Java bilinear).
    pure real(dp) function level_at(f3, field, level, q)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field, level
      type(point_t), intent(in) :: q
      level_at = ((q%w00 * real(f3(level, q%i0, q%j0, field), dp) &
          + q%w10 * real(f3(level, q%i0 + 1, q%j0, field), dp)) &
          + q%w01 * real(f3(level, q%i0, q%j0 + 1, field), dp)) &
          + q%w11 * real(f3(level, q%i0 + 1, q%j0 + 1, field), dp)
    end function level_at

    !> D = rho-bar h of foot, horizontally interpolated (E5; Java columnMass): each layer below h
    !! with the density of its upper level, the rest of h with the density of the highest level
    !! strictly below h, times E5_DENSITY_FACTOR.
    real(dp) function column_mass(h, lev, ft)
      real(dp), intent(in) :: h, lev(nz), ft
      real(dp) :: below, rho
      integer :: kk
      column_mass = 0.0_dp
      below = 0.0_dp
      rho = 0.0_dp
      do kk = 1, nz
        if (.not. (lev(kk) < h)) exit
        rho = level_density(kk, mpt, ft)
        column_mass = column_mass + rho * (lev(kk) - below)
        below = lev(kk)
      end do
      ! h at or below the first level: its density (formed once, not before the loop)
      if (kk == 1) rho = level_density(1, mpt, ft)
      column_mass = column_mass + rho * (h - below)
      column_mass = E5_DENSITY_FACTOR * column_mass
    end function column_mass

    !> sigma_u = sigma_v = sigma_w(z)/sqrt(2) (E8): Hanna at the particle height, not below the
    !! first internal level, inside the mixed layer; the free-troposphere value above it.
    real(dp) function horizontal_sigma(s, z_agl, first_level, z0)
      type(stability_t), intent(in) :: s
      real(dp), intent(in) :: z_agl, first_level, z0
      real(dp) :: sw, tlx
      call stilt_layer_value(s, max(z_agl, first_level), z0, sw, tlx)
      horizontal_sigma = sw / sqrt(2.0_dp)
    end function horizontal_sigma

    !> Reflection at the ground (sigma > 1); the model top caps at sigma = 0.
    pure real(sp) function reflect(sigma)
      real(sp), intent(in) :: sigma
      if (sigma > 1.0_sp) then
        reflect = 2.0_sp - sigma
      else
        reflect = max(sigma, 0.0_sp)
      end if
    end function reflect

    !> Corner weights and level of a position; sets `status` when outside the sub-grid.
    subroutine locate(x, y, z, particle)
      real(dp), intent(in) :: x, y, z
      integer(ip), intent(in) :: particle
      real(dp) :: fx, fy, ax, ay, li
      fx = x - 1.0_dp - real(x0, dp)
      fy = y - 1.0_dp - real(y0, dp)
      if (.not. (fx >= 0.0_dp .and. fy >= 0.0_dp .and. fx < real(wx - 1, dp) .and. fy < real(wy - 1, dp))) then
        status = STILT_ERR_DOMAIN
        call stilt_text_append(text, used, 'particle ')
        call stilt_text_append_int(text, used, particle)
        call stilt_text_append(text, used, ' at grid cell (')
        call stilt_text_append_int(text, used, int(floor(max(min(x, 1.0e9_dp), -1.0e9_dp)), ip))
        call stilt_text_append(text, used, ', ')
        call stilt_text_append_int(text, used, int(floor(max(min(y, 1.0e9_dp), -1.0e9_dp)), ip))
        call stilt_text_append(text, used, ') is outside the met sub-grid x ')
        call stilt_text_append_int(text, used, x0 + 1)
        call stilt_text_append(text, used, '..')
        call stilt_text_append_int(text, used, x0 + wx)
        call stilt_text_append(text, used, ', y ')
        call stilt_text_append_int(text, used, y0 + 1)
        call stilt_text_append(text, used, '..')
        call stilt_text_append_int(text, used, y0 + wy)
        return
      end if
      pt%i0 = int(floor(fx)) + 1
      pt%j0 = int(floor(fy)) + 1
      ax = fx - real(pt%i0 - 1, dp)
      ay = fy - real(pt%j0 - 1, dp)
      pt%ax = ax
      pt%ay = ay
      pt%w00 = (1.0_dp - ax) * (1.0_dp - ay)
      pt%w10 = ax * (1.0_dp - ay)
      pt%w01 = (1.0_dp - ax) * ay
      pt%w11 = ax * ay
      if (z < zk(1)) then
        pt%k = 1
        pt%fz = 0.0_dp
        pt%fk = 0.0_dp
        pt%wind_scale = z / z1_wind
      else if (z >= zk(nz)) then
        pt%k = nz - 1
        pt%fz = 1.0_dp
        pt%fk = 1.0_dp
        pt%wind_scale = 1.0_dp
      else
        li = stilt_level_index(z)
        pt%k = stilt_lower_level(z, li, int(nz), zk)
        pt%fz = (z - zk(pt%k)) / (zk(pt%k + 1) - zk(pt%k))
        pt%fk = li - real(pt%k, dp)
        pt%fk = max(0.0_dp, min(1.0_dp, pt%fk))
        pt%wind_scale = 1.0_dp
      end if
    end subroutine locate

    !> Vertical velocity (scaled metres per minute) keeping the scalar `field` constant along the
    !! motion: -(ds/dt + dx/dt ds/dx + dy/dt ds/dy) / (ds/dz), derivatives from the frames at the
    !! located point; 0 where s does not change with height.
    pure real(dp) function following(field, ft, dxpm, dypm)
      integer, intent(in) :: field
      real(dp), intent(in) :: ft, dxpm, dypm
      real(dp) :: sa, sb, dsdt, gxa, gxs, gya, gys, dza, dzs, change
      sa = h3(fa3, field, pt%fz)
      sb = h3(fb3, field, pt%fz)
      dsdt = (sb - sa) / (b_minute - a_minute)
      gxa = gradx(fa3, field)
      gxs = gxa + (gradx(fb3, field) - gxa) * ft
      gya = grady(fa3, field)
      gys = gya + (grady(fb3, field) - gya) * ft
      dza = gradz(fa3, field)
      dzs = dza + (gradz(fb3, field) - dza) * ft
      if (.not. (abs(dzs) > 1.0e-12_dp)) then
        following = 0.0_dp
        return
      end if
      change = (dsdt + dxpm * gxs) + dypm * gys
      following = (-change) / dzs
    end function following

    pure real(dp) function gradx(f3, field)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field
      gradx = (1.0_dp - pt%ay) * (col(f3, field, pt%i0 + 1, pt%j0, pt%fz) - col(f3, field, pt%i0, pt%j0, pt%fz)) &
          + pt%ay * (col(f3, field, pt%i0 + 1, pt%j0 + 1, pt%fz) - col(f3, field, pt%i0, pt%j0 + 1, pt%fz))
    end function gradx

    pure real(dp) function grady(f3, field)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field
      grady = (1.0_dp - pt%ax) * (col(f3, field, pt%i0, pt%j0 + 1, pt%fz) - col(f3, field, pt%i0, pt%j0, pt%fz)) &
          + pt%ax * (col(f3, field, pt%i0 + 1, pt%j0 + 1, pt%fz) - col(f3, field, pt%i0 + 1, pt%j0, pt%fz))
    end function grady

    pure real(dp) function gradz(f3, field)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field
      gradz = (at_level(f3, field, pt%k + 1) - at_level(f3, field, pt%k)) / (zk(pt%k + 1) - zk(pt%k))
    end function gradz

    pure real(dp) function at_level(f3, field, level)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field, level
      at_level = ((pt%w00 * real(f3(level, pt%i0, pt%j0, field), dp) &
          + pt%w10 * real(f3(level, pt%i0 + 1, pt%j0, field), dp)) &
          + pt%w01 * real(f3(level, pt%i0, pt%j0 + 1, field), dp)) &
          + pt%w11 * real(f3(level, pt%i0 + 1, pt%j0 + 1, field), dp)
    end function at_level

    pure real(dp) function h2(f2, field)
      real(sp), intent(in) :: f2(wx, wy, N2D)
      integer, intent(in) :: field
      h2 = ((pt%w00 * real(f2(pt%i0, pt%j0, field), dp) + pt%w10 * real(f2(pt%i0 + 1, pt%j0, field), dp)) &
          + pt%w01 * real(f2(pt%i0, pt%j0 + 1, field), dp)) + pt%w11 * real(f2(pt%i0 + 1, pt%j0 + 1, field), dp)
    end function h2

    pure real(dp) function col(f3, field, i, j, frac)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field, i, j
      real(dp), intent(in) :: frac
      real(dp) :: lo
      lo = real(f3(pt%k, i, j, field), dp)
      if (frac == 0.0_dp) then
        col = lo
      else
        col = lo + (real(f3(pt%k + 1, i, j, field), dp) - lo) * frac
      end if
    end function col

    pure real(dp) function h3(f3, field, frac)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D)
      integer, intent(in) :: field
      real(dp), intent(in) :: frac
      h3 = ((pt%w00 * col(f3, field, pt%i0, pt%j0, frac) + pt%w10 * col(f3, field, pt%i0 + 1, pt%j0, frac)) &
          + pt%w01 * col(f3, field, pt%i0, pt%j0 + 1, frac)) + pt%w11 * col(f3, field, pt%i0 + 1, pt%j0 + 1, frac)
    end function h3

    !> A wind component in grid units per second on the particle's fractional level: converted at
    !! each corner of the cell by that grid point's metres per grid unit, then bilinear (hycs_std's
    !! order, docs/transport.md "Map factors"; Java Sampler.rate).
    pure real(dp) function rate(f3, f2, field, spacing)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D), f2(wx, wy, N2D)
      integer, intent(in) :: field, spacing
      rate = corner_rate(pt%w00, pt%w10, pt%w01, pt%w11, &
          col(f3, field, pt%i0, pt%j0, pt%fk), col(f3, field, pt%i0 + 1, pt%j0, pt%fk), &
          col(f3, field, pt%i0, pt%j0 + 1, pt%fk), col(f3, field, pt%i0 + 1, pt%j0 + 1, pt%fk), &
          real(f2(pt%i0, pt%j0, spacing), dp), real(f2(pt%i0 + 1, pt%j0, spacing), dp), &
          real(f2(pt%i0, pt%j0 + 1, spacing), dp), real(f2(pt%i0 + 1, pt%j0 + 1, spacing), dp))
    end function rate

    !> A wind component on internal level `level` in grid units per second: converted at each corner
    !! of the located cell, then bilinear (as `rate`; Java Sampler.bilinearRate).
    pure real(dp) function level_rate(f3, f2, field, spacing, level)
      real(sp), intent(in) :: f3(nz, wx, wy, N3D), f2(wx, wy, N2D)
      integer, intent(in) :: field, spacing, level
      level_rate = corner_rate(pt%w00, pt%w10, pt%w01, pt%w11, &
          real(f3(level, pt%i0, pt%j0, field), dp), real(f3(level, pt%i0 + 1, pt%j0, field), dp), &
          real(f3(level, pt%i0, pt%j0 + 1, field), dp), real(f3(level, pt%i0 + 1, pt%j0 + 1, field), dp), &
          real(f2(pt%i0, pt%j0, spacing), dp), real(f2(pt%i0 + 1, pt%j0, spacing), dp), &
          real(f2(pt%i0, pt%j0 + 1, spacing), dp), real(f2(pt%i0 + 1, pt%j0 + 1, spacing), dp))
    end function level_rate

    !> Sum of w*(u/g) over the four corners (weights w, winds u in m/s, metres per grid unit g), or
    !! (sum of w*u)/(sum of w*g) in a cell touching a pole, where g at the pole is (almost) zero and
    !! u/g unbounded: the smallest corner spacing below POLE_SPACING_RATIO times the largest (Java
    !! Sampler.cornerRate, same order).
    pure real(dp) function corner_rate(w00, w10, w01, w11, u00, u10, u01, u11, g00, g10, g01, g11)
      real(dp), intent(in) :: w00, w10, w01, w11, u00, u10, u01, u11, g00, g10, g01, g11
      if (min(min(g00, g10), min(g01, g11)) < POLE_SPACING_RATIO * max(max(g00, g10), max(g01, g11))) then
        corner_rate = (((w00 * u00 + w10 * u10) + w01 * u01) + w11 * u11) &
            / (((w00 * g00 + w10 * g10) + w01 * g01) + w11 * g11)
      else
        corner_rate = ((w00 * (u00 / g00) + w10 * (u10 / g10)) + w01 * (u01 / g01)) + w11 * (u11 / g11)
      end if
    end function corner_rate

    pure real(dp) function t2(field, ft)
      integer, intent(in) :: field
      real(dp), intent(in) :: ft
      real(dp) :: va
      va = h2(fa2, field)
      t2 = va + (h2(fb2, field) - va) * ft
    end function t2

    pure real(dp) function t3(field, ft, frac)
      integer, intent(in) :: field
      real(dp), intent(in) :: ft, frac
      real(dp) :: va
      va = h3(fa3, field, frac)
      t3 = va + (h3(fb3, field, frac) - va) * ft
    end function t3

    !> The mean horizontal wind along the recorded path (`path`) in a kept cell, each level's wind
    !! converted to grid units at the cell's corners, linear in time: grid units per minute (Java
    !! Sampler.pathVelocity, operation for operation).
    subroutine path_velocity(cell, ft, v)
      type(point_t), intent(in) :: cell
      real(dp), intent(in) :: ft
      real(dp), intent(out) :: v(2)
      real(dp) :: u, vv, w, ua, ub, va, vb
      integer :: kk
      pt = cell
      ua = 0.0_dp
      ub = 0.0_dp
      va = 0.0_dp
      vb = 0.0_dp
      do kk = path%lo, path%hi
        w = path%weight(kk)
        if (w == 0.0_dp) cycle
        ua = ua + w * level_rate(fa3, fa2, F3_U, F2_GX, kk)
        ub = ub + w * level_rate(fb3, fb2, F3_U, F2_GX, kk)
        va = va + w * level_rate(fa3, fa2, F3_V, F2_GY, kk)
        vb = vb + w * level_rate(fb3, fb2, F3_V, F2_GY, kk)
      end do
      u = ua + (ub - ua) * ft
      vv = va + (vb - va) * ft
      v(1) = (u / path%seconds) * 60.0_dp
      v(2) = (vv / path%seconds) * 60.0_dp
      if (.not. (ieee_is_finite(v(1)) .and. ieee_is_finite(v(2)))) &
          call non_finite_wind('non-finite wind along the path of particle ')
    end subroutine path_velocity

    !> Sets STILT_ERR_NUMERIC with `what`, the particle and the located grid cell.
    subroutine non_finite_wind(what)
      character(len=*), intent(in) :: what
      status = STILT_ERR_NUMERIC
      call stilt_text_append(text, used, what)
      call stilt_text_append_int(text, used, p)
      call stilt_text_append(text, used, ' (met NaN or infinite near grid cell ')
      call stilt_text_append_int(text, used, x0 + pt%i0)
      call stilt_text_append(text, used, ', ')
      call stilt_text_append_int(text, used, y0 + pt%j0)
      call stilt_text_append(text, used, ')')
    end subroutine non_finite_wind

    !> Velocity in grid units per minute (x, y) and scaled metres per minute (z).
    subroutine velocity(x, y, z, ft, v)
      real(dp), intent(in) :: x, y, z, ft
      real(dp), intent(out) :: v(3)
      real(dp) :: ua, ub, va, vb, w
      v = 0.0_dp
      call locate(x, y, z, p)
      if (status /= STILT_OK) return
      ua = rate(fa3, fa2, F3_U, F2_GX)
      ub = rate(fb3, fb2, F3_U, F2_GX)
      va = rate(fa3, fa2, F3_V, F2_GY)
      vb = rate(fb3, fb2, F3_V, F2_GY)
      v(1) = ((ua + (ub - ua) * ft) * pt%wind_scale) * 60.0_dp
      v(2) = ((va + (vb - va) * ft) * pt%wind_scale) * 60.0_dp
      select case (motion)
      case (VM_DATA)
        v(3) = (t3(F3_W, ft, pt%fk) * pt%wind_scale) * 60.0_dp
      case (VM_ISOBARIC)
        v(3) = following(F3_P, ft, v(1), v(2))
      case (VM_ISENTROPIC)
        v(3) = following(F3_THETA, ft, v(1), v(2))
      case (VM_DENSITY)
        v(3) = following(F3_RHO, ft, v(1), v(2))
      case default
        v(3) = 0.0_dp
      end select
      w = v(3) / 60.0_dp
      ! ieee_is_finite, not comparisons: an ordered comparison with NaN would raise the invalid
      ! flag, which the -ffpe-trap test build turns into a crash.
      if (.not. (ieee_is_finite(v(1)) .and. ieee_is_finite(v(2)) .and. ieee_is_finite(v(3)))) &
          call non_finite_wind('non-finite wind at particle ')
    end subroutine velocity

  end subroutine stilt_transport_run

end module stilt_transport
