!> The one bind(C) module: every entry point of libstilt_hysplit.so. Each is a thin adapter that
!! checks arguments and calls pure Fortran modules, which know nothing about C.
!!
!! Conventions for every entry point: scalars by value; arrays explicit-shape with their extents
!! passed first; indices 0-based as in C and Java; the result is a status code from
!! `stilt_status`, and for a non-zero status a NUL-terminated message (truncated to fit) is
!! written into the caller's buffer `msg(msg_len)`. On success `msg(1)` is set to NUL. Nothing
!! here stops, prints, opens files, allocates or keeps state: all entry points are reentrant.
module stilt_capi
  use, intrinsic :: iso_c_binding, only: c_char, c_double, c_float, c_int, c_int64_t, c_null_char
  use stilt_status, only: STILT_OK, STILT_ERR_ARGUMENT, STILT_ERR_INTERNAL, STILT_N_STATUS
  use stilt_footprint, only: stilt_footprint_accumulate
  use stilt_transport, only: stilt_transport_run, N2D, N3D, ROW_WIDTH, N_TPARAMS
  use stilt_turbulence, only: stability_t, stilt_stability, stilt_turbulence_layers_of
  use stilt_math, only: stilt_exp, stilt_log, stilt_pow
  use stilt_metprep, only: stilt_metprep_run, NSR, NUR
  use stilt_dispersion, only: stilt_dispersion_minute, MAX_LEVELS
  use stilt_rng, only: stilt_rng_stream, stilt_rng_stream_of, stilt_rng_uniform, stilt_rng_normal, &
      RNG_PARTICLE_LIMIT
  use stilt_text, only: stilt_text_append, stilt_text_append_int
  implicit none
  private
  public :: stilt_abi_version, stilt_status_count, stilt_footprint_spread, stilt_transport_advance, &
      stilt_turbulence_layers, stilt_math_eval, stilt_met_prepare, stilt_rng_fill, stilt_dispersion_run

  !> Bumped whenever an entry point is added, removed or changes its signature or semantics; Java
  !! requires an exact match, so it refuses both older and newer libraries.
  !! History: 1 = stilt_abi_version, stilt_status_count; 2 = + stilt_footprint_spread;
  !! 3 = + stilt_transport_advance; 4 = transport frames carry potential temperature (8 3-D
  !! fields) and vertical motions 1-3; 5 = + stilt_rng_fill; 6 = + stilt_turbulence_layers,
  !! stilt_math_eval, stilt_met_prepare; 7 = frames carry the mixed-layer depth (11 2-D fields),
  !! stilt_met_prepare takes kmixd and kmix0; 8 = + stilt_dispersion_run; 9 = stilt_transport_advance
  !! couples the STILT dispersion (turbulent particle state, random streams, 20-value rows with
  !! foot, samt, sigw, tlgr); 10 = stilt_transport_advance takes transport errors (11 tparams, perr)
  !! and ZICONTROL factors; 11 = frames carry z0 (12 2-D fields), tparams(4) = 0 takes z0 from the frame;
  !! 12 = stilt_transport_advance takes first_particle (particle chunks); 13 = stilt_met_prepare's
  !! hypsometric heights use g = 9.80616 and its KMIXD 3 depth is the Steffensen fixed point, and
  !! stilt_transport_advance's D = rho-bar h of foot is interpolated bilinearly; 14 = below internal
  !! level 1 the wind goes to zero over the single-precision-sigma height of that level, and
  !! stilt_transport_advance's pw carries w'/sigma_w (normalized) instead of w'; 15 = it takes
  !! particle_stride (chunks that take every K-th particle); 16 = with turbulence the mean horizontal
  !! motion follows the wind along the particle's turbulent vertical path; 17 = that path (both
  !! 30-s halves) starts after the mean motion's height change; 18 = sigma_w above the mixed layer
  !! from the column's shear and stability; 19 = it takes adv_x0, adv_y0 (positions advanced in
  !! single precision relative to hycs_std's position sub-grid, corrector 1/2 (P + P' + V' dt)),
  !! and stilt_met_prepare's w = -omega/(rho g) uses g = 9.80616; 20 = frames carry the relative
  !! humidity (9 3-D fields), from which stilt_transport_advance forms dens and foot's D as hycs_std.
  integer(c_int), parameter :: ABI_VERSION = 20

  !> Longest message any entry point composes (longer buffers are fine, shorter ones truncate).
  integer, parameter :: MSG_TEXT_LEN = 200

contains

  !> ABI version of this library.
  integer(c_int) function stilt_abi_version() result(v) bind(C, name="stilt_abi_version")
    v = ABI_VERSION
  end function stilt_abi_version

  !> Number of status codes (STILT_OK .. STILT_ERR_INTERNAL), for Java's mapping check.
  integer(c_int) function stilt_status_count() result(n) bind(C, name="stilt_status_count")
    n = STILT_N_STATUS
  end function stilt_status_count

  !> Adds `foot(p) * kernel` centred on cell `(ix(p), iy(p))` into `grid`, for every point
  !! `p = 1 .. n`; contributions outside the grid are discarded.
  !!
  !! Layouts: `grid(nx, ny)` and `kernel(kx, ky)` with x (longitude) along the first dimension;
  !! `ix`, `iy` are 0-based cell indices and may lie outside the grid (only the overlapping part
  !! of the kernel is added). Non-finite `foot` values propagate (no check), exactly as in Java.
  !!
  !! Returns `STILT_ERR_ARGUMENT` (grid untouched) when `nx` or `ny` is not positive, `kx` or `ky`
  !! is not odd and positive, or `n` is negative. The extents of the arrays themselves cannot be
  !! checked here: the caller guarantees `grid` has `nx*ny`, `kernel` `kx*ky` and `ix`, `iy`,
  !! `foot` at least `n` elements.
  integer(c_int) function stilt_footprint_spread(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, &
      msg, msg_len) result(status) bind(C, name="stilt_footprint_spread")
    integer(c_int), value, intent(in) :: nx                 !! grid cells along x (longitude)
    integer(c_int), value, intent(in) :: ny                 !! grid cells along y (latitude)
    real(c_double), intent(inout) :: grid(nx, ny)           !! accumulation grid, x fastest
    integer(c_int), value, intent(in) :: kx                 !! kernel size along x, odd
    integer(c_int), value, intent(in) :: ky                 !! kernel size along y, odd
    real(c_double), intent(in) :: kernel(kx, ky)            !! kernel weights, x along the first axis
    integer(c_int), value, intent(in) :: n                  !! number of points
    integer(c_int), intent(in) :: ix(n)                     !! 0-based x cell of each point
    integer(c_int), intent(in) :: iy(n)                     !! 0-based y cell of each point
    real(c_double), intent(in) :: foot(n)                   !! weight of each point
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes (0: no message)
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return

    if (nx <= 0 .or. ny <= 0) then
      status = fail(STILT_ERR_ARGUMENT, 'grid size must be positive', msg, msg_len, 'nx', nx, 'ny', ny)
      return
    end if
    if (kx <= 0 .or. ky <= 0 .or. mod(kx, 2) == 0 .or. mod(ky, 2) == 0) then
      status = fail(STILT_ERR_ARGUMENT, 'kernel sizes must be odd and positive', msg, msg_len, &
          'kx', kx, 'ky', ky)
      return
    end if
    if (n < 0) then
      status = fail(STILT_ERR_ARGUMENT, 'point count must not be negative', msg, msg_len, 'n', n)
      return
    end if

    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, 0_c_int)
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_footprint_spread

  !> Advances a particle ensemble across (part of) one met interval: `steps` one-minute
  !! predictor-corrector steps in direction `dt` (+1 forward, -1 backward) from minute
  !! `start_minute` since release, with met linearly interpolated in time between `frame_a`
  !! (valid at minute `a_minute`) and `frame_b` (`b_minute` > `a_minute`). See
  !! `stilt_transport` and docs/transport.md for the physics and the frame layout: each frame is
  !! `f2(wx, wy, 12)` followed by `f3(nz, wx, wy, 9)` single-precision values on the internal
  !! levels `zk(nz)` (scaled heights, metres), for the sub-grid whose first point is the 0-based
  !! full-grid point (`x0`, `y0`).
  !!
  !! Particles: `px`, `py` full-grid coordinates (1-based, fractional), `pz` scaled height,
  !! `pstat` 0 = active, 1 = left the domain; updated in place. Each step appends one row of 16
  !! values per active particle to `rows(16, max_rows)` after the `nrows` rows already there and
  !! advances `nrows`: time, indx (1-based), grid x, grid y, zagl, zsfc, pres, dens, temp, wout,
  !! mlht, shtf, ustr, dswf, lhtf, sphu.
  !!
  !! Status: STILT_ERR_ARGUMENT for bad sizes or a full row buffer, STILT_ERR_DOMAIN when a
  !! particle needs met outside the sub-grid, STILT_ERR_NUMERIC for a non-finite velocity; the
  !! particles are then partly advanced and the caller discards the call's results.
  integer(c_int) function stilt_transport_advance(wx, wy, nz, x0, y0, grid_nx, grid_ny, motion, &
      steps, dt, start_minute, a_minute, b_minute, ztop, zk, frame_a, frame_b, n, px, py, pz, &
      pstat, turb, seed, simulation_id, tparams, nzic, zic, pw, pu, pv, pdraw, perr, first_particle, &
      particle_stride, adv_x0, adv_y0, max_rows, rows, nrows, msg, msg_len) &
      result(status) bind(C, name="stilt_transport_advance")
    integer(c_int), value, intent(in) :: wx                 !! sub-grid columns (>= 2)
    integer(c_int), value, intent(in) :: wy                 !! sub-grid rows (>= 2)
    integer(c_int), value, intent(in) :: nz                 !! internal levels (>= 2)
    integer(c_int), value, intent(in) :: x0                 !! 0-based full-grid column of the sub-grid's first point
    integer(c_int), value, intent(in) :: y0                 !! 0-based full-grid row of the sub-grid's first point
    integer(c_int), value, intent(in) :: grid_nx            !! full grid columns
    integer(c_int), value, intent(in) :: grid_ny            !! full grid rows
    integer(c_int), value, intent(in) :: motion             !! w_option: 0 data, 1 isobaric, 2 isentropic, 3 density, 4 isosigma
    integer(c_int), value, intent(in) :: steps              !! number of one-minute steps (>= 0)
    integer(c_int), value, intent(in) :: dt                 !! +1 forward, -1 backward
    real(c_double), value, intent(in) :: start_minute       !! minutes since release at the start
    real(c_double), value, intent(in) :: a_minute           !! valid time of frame A, minutes since release
    real(c_double), value, intent(in) :: b_minute           !! valid time of frame B, minutes since release
    real(c_double), value, intent(in) :: ztop               !! model top, metres
    real(c_double), intent(in) :: zk(nz)                    !! internal level heights, metres
    real(c_float), intent(in) :: frame_a(wx * wy * (12 + 9 * nz)) !! frame A
    real(c_float), intent(in) :: frame_b(wx * wy * (12 + 9 * nz)) !! frame B
    integer(c_int), value, intent(in) :: n                  !! particles
    real(c_double), intent(inout) :: px(n)                  !! grid x
    real(c_double), intent(inout) :: py(n)                  !! grid y
    real(c_double), intent(inout) :: pz(n)                  !! scaled height, metres
    integer(c_int), intent(inout) :: pstat(n)               !! particle status
    integer(c_int), value, intent(in) :: turb               !! 1 = STILT dispersion, 0 = mean motion only
    integer(c_int64_t), value, intent(in) :: seed          !! run seed of the particle streams
    integer(c_int64_t), value, intent(in) :: simulation_id !! simulation number of the particle streams
    real(c_double), intent(in) :: tparams(11)               !! tlfrac, hscale (s), veght, z0 (m), wind error
                                                            !! sigma (m/s), time (s), vertical, horizontal
                                                            !! length (m), mlht error sigma, time (s), length (m)
    integer(c_int), value, intent(in) :: nzic               !! ZICONTROL factors (0 = off)
    real(c_double), intent(in) :: zic(*)                    !! factor on mlht per simulation hour
    real(c_double), intent(inout) :: pw(n)                  !! turbulent w'/sigma_w (normalized)
    real(c_double), intent(inout) :: pu(n)                  !! turbulent u' (m/s)
    real(c_double), intent(inout) :: pv(n)                  !! turbulent v' (m/s)
    integer(c_int64_t), intent(inout) :: pdraw(n)          !! next draw of each particle's stream
    real(c_double), intent(inout) :: perr(3 * n)            !! transport errors u_e, v_e, mlht error per particle
    integer(c_int), value, intent(in) :: first_particle     !! 0-based ensemble index of particle 1 (chunks)
    integer(c_int), value, intent(in) :: particle_stride    !! particle p has index first_particle + (p-1)*stride
    integer(c_int), value, intent(in) :: adv_x0             !! 0-based full-grid column offset of the position sub-grid
    integer(c_int), value, intent(in) :: adv_y0             !! 0-based full-grid row offset of the position sub-grid
    integer(c_int), value, intent(in) :: max_rows           !! capacity of rows
    real(c_double), intent(inout) :: rows(20, max_rows)     !! output rows
    integer(c_int), intent(inout) :: nrows                  !! rows in use (in), after the call (out)
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return

    character(len=MSG_TEXT_LEN) :: text
    integer :: used, i, m, off3

    if (wx < 2 .or. wy < 2) then
      status = fail(STILT_ERR_ARGUMENT, 'sub-grid must be at least 2 x 2', msg, msg_len, 'wx', wx, 'wy', wy)
      return
    end if
    if (nz < 2 .or. nz > MAX_LEVELS) then
      status = fail(STILT_ERR_ARGUMENT, 'need 2 to 64 internal levels', msg, msg_len, 'nz', nz)
      return
    end if
    if (dt /= 1 .and. dt /= -1) then
      status = fail(STILT_ERR_ARGUMENT, 'time step must be +1 or -1 minute', msg, msg_len, 'dt', dt)
      return
    end if
    if (steps < 0 .or. n < 0 .or. max_rows < 0 .or. nrows < 0 .or. nrows > max_rows) then
      status = fail(STILT_ERR_ARGUMENT, 'negative count or row index', msg, msg_len, 'steps', steps, 'n', n)
      return
    end if
    if (motion < 0 .or. motion > 4) then
      status = fail(STILT_ERR_ARGUMENT, 'vertical motion (w_option) must be 0..4', msg, msg_len, &
          'motion', motion)
      return
    end if
    if (.not. (b_minute > a_minute) .or. .not. (ztop > 0.0_c_double)) then
      status = fail(STILT_ERR_ARGUMENT, 'frame B must follow frame A and the model top be positive', msg, &
          msg_len, 'steps', steps)
      return
    end if
    if (grid_nx < x0 + wx .or. grid_ny < y0 + wy .or. x0 < 0 .or. y0 < 0) then
      status = fail(STILT_ERR_ARGUMENT, 'sub-grid not inside the full grid', msg, msg_len, 'x0', x0, 'y0', y0)
      return
    end if
    if (adv_x0 < 0 .or. adv_y0 < 0 .or. adv_x0 >= grid_nx .or. adv_y0 >= grid_ny) then
      status = fail(STILT_ERR_ARGUMENT, 'position sub-grid offset not inside the full grid', msg, msg_len, &
          'adv_x0', adv_x0, 'adv_y0', adv_y0)
      return
    end if
    if (first_particle < 0) then
      status = fail(STILT_ERR_ARGUMENT, 'first particle index must not be negative', msg, msg_len, &
          'first_particle', first_particle)
      return
    end if
    if (particle_stride < 1) then
      status = fail(STILT_ERR_ARGUMENT, 'particle stride must be at least 1', msg, msg_len, &
          'particle_stride', particle_stride)
      return
    end if
    if (int(first_particle, c_int64_t) + int(max(n, 1) - 1, c_int64_t) * int(particle_stride, c_int64_t) &
        >= RNG_PARTICLE_LIMIT) then
      status = fail(STILT_ERR_ARGUMENT, 'particle indices must lie in [0, 2**32)', msg, msg_len, &
          'particle_stride', particle_stride)
      return
    end if
    if (turb /= 0) then
      if (.not. (tparams(1) > 0.0_c_double .and. tparams(1) <= 1.0_c_double .and. tparams(2) > 0.0_c_double &
          .and. tparams(3) > 0.0_c_double .and. tparams(4) >= 0.0_c_double .and. tparams(5) >= 0.0_c_double &
          .and. tparams(6) > 0.0_c_double .and. tparams(7) > 0.0_c_double .and. tparams(8) > 0.0_c_double &
          .and. tparams(9) >= 0.0_c_double .and. tparams(10) > 0.0_c_double .and. tparams(11) > 0.0_c_double &
          .and. nzic >= 0)) then
        status = fail(STILT_ERR_ARGUMENT, 'turbulence parameters must be 0 < tlfrac <= 1, hscale > 0, '// &
            'veght > 0, z0 >= 0, error sigmas >= 0, error scales > 0, nzic >= 0', msg, msg_len, 'turb', turb)
        return
      end if
      if (n > 0) then
        if (any(pdraw < 0_c_int64_t) .or. int(n, c_int64_t) > RNG_PARTICLE_LIMIT) then
          status = fail(STILT_ERR_ARGUMENT, 'draw indices must not be negative', msg, msg_len, 'n', n)
          return
        end if
      end if
    end if
    if (ROW_WIDTH /= 20 .or. N2D /= 12 .or. N3D /= 9 .or. N_TPARAMS /= 11) then
      status = fail(STILT_ERR_INTERNAL, 'layout constants changed without the C API', msg, msg_len, 'n2d', N2D)
      return
    end if

    off3 = wx * wy * N2D + 1
    used = 0
    call stilt_transport_run(wx, wy, nz, x0, y0, grid_nx, grid_ny, motion, steps, dt, start_minute, &
        a_minute, b_minute, ztop, zk, frame_a, frame_a(off3), frame_b, frame_b(off3), n, px, py, pz, &
        pstat, turb, seed, simulation_id, tparams, nzic, zic, pw, pu, pv, pdraw, perr, first_particle, &
        particle_stride, adv_x0, adv_y0, max_rows, rows, nrows, status, text, used)
    if (msg_len <= 0) return
    if (status == STILT_OK) then
      msg(1) = c_null_char
      return
    end if
    m = min(used, msg_len - 1)
    do i = 1, m
      msg(i) = text(i:i)
    end do
    msg(m + 1) = c_null_char
  end function stilt_transport_advance

  !> The Hanna turbulence layer table of one column (KBLS=1, KBLT=5; docs/transport.md): stability
  !! from `ustar` (m/s), `shtf` (W/m2), near-surface `rho` (kg/m3) and `t` (K) and the mixed-layer
  !! depth `zi` (m); then sigma_w (m/s) and T_Lw (s) at each of the `nz` heights `zk` (m AGL),
  !! free-troposphere values at and above zi. For tests and for Java callers that need the table.
  integer(c_int) function stilt_turbulence_layers(ustar, shtf, rho, t, zi, z0, nz, zk, sigw, tl, &
      msg, msg_len) result(status) bind(C, name="stilt_turbulence_layers")
    real(c_double), value, intent(in) :: ustar              !! friction velocity, m/s
    real(c_double), value, intent(in) :: shtf               !! sensible heat flux, W/m2
    real(c_double), value, intent(in) :: rho                !! near-surface density, kg/m3
    real(c_double), value, intent(in) :: t                  !! near-surface temperature, K
    real(c_double), value, intent(in) :: zi                 !! mixed-layer depth, m
    real(c_double), value, intent(in) :: z0                 !! roughness length, m
    integer(c_int), value, intent(in) :: nz                 !! number of heights
    real(c_double), intent(in) :: zk(nz)                    !! heights, m AGL
    real(c_double), intent(out) :: sigw(nz)                 !! sigma_w, m/s
    real(c_double), intent(out) :: tl(nz)                   !! T_Lw, s
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return
    type(stability_t) :: s
    if (nz < 0) then
      status = fail(STILT_ERR_ARGUMENT, 'height count must not be negative', msg, msg_len, 'nz', nz)
      return
    end if
    if (.not. (ustar >= 0.0_c_double .and. rho > 0.0_c_double .and. t > 0.0_c_double .and. zi > 0.0_c_double)) then
      status = fail(STILT_ERR_ARGUMENT, 'need ustar >= 0 and positive rho, t, zi', msg, msg_len, 'nz', nz)
      return
    end if
    s = stilt_stability(ustar, shtf, rho, t, zi)
    call stilt_turbulence_layers_of(s, nz, zk, z0, sigw, tl)
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_turbulence_layers

  !> Converts one met period on a `wx` x `wy` sub-grid from its `nl` data levels to the `nz`
  !! internal levels (docs/transport.md, "Met on the internal levels"), writing a transport frame
  !! (`frame`: f2(wx, wy, 12) then f3(nz, wx, wy, 9); the 11th 2-D field is the mixed-layer depth by
  !! `kmixd` (0: max(PBLH, kmix0); 3: bulk Richardson, docs/transport.md)). Raw input: `sfc(wx, wy, 12)` = SHGT PRSS
  !! PBLH SHTF USTR LHTF DSWF T02M U10M V10M, metres per grid unit in x and y; `up(wx, wy, nl, 8)` =
  !! UWND VWND WWND TEMP SPHU RELH PRES HGTS; `sflag(12)`, `uflag(8)` 1 where the field exists.
  !! `vcoord` 1 sigma, 2 pressure, 4 hybrid (other coordinates need PRES); `lv` level values;
  !! `ptop` sigma top pressure (hPa); `zk` internal level heights (m); `ztop` model top (m).
  integer(c_int) function stilt_met_prepare(wx, wy, nl, nz, vcoord, ptop, lv, ztop, zk, kmixd, kmix0, &
      sflag, uflag, sfc, up, frame, msg, msg_len) result(status) bind(C, name="stilt_met_prepare")
    integer(c_int), value, intent(in) :: wx                 !! sub-grid columns (>= 2)
    integer(c_int), value, intent(in) :: wy                 !! sub-grid rows (>= 2)
    integer(c_int), value, intent(in) :: nl                 !! data levels above the surface (>= 1)
    integer(c_int), value, intent(in) :: nz                 !! internal levels (>= 2)
    integer(c_int), value, intent(in) :: vcoord             !! vertical coordinate flag
    real(c_double), value, intent(in) :: ptop               !! sigma top pressure, hPa
    real(c_double), intent(in) :: lv(nl)                    !! level values
    real(c_double), value, intent(in) :: ztop               !! model top, m
    real(c_double), intent(in) :: zk(nz)                    !! internal level heights, m
    integer(c_int), value, intent(in) :: kmixd              !! mixed-layer rule: 0 or 3
    real(c_double), value, intent(in) :: kmix0              !! smallest mixed-layer depth, m
    integer(c_int), intent(in) :: sflag(12)                 !! surface fields present
    integer(c_int), intent(in) :: uflag(8)                  !! upper fields present
    real(c_float), intent(in) :: sfc(wx * wy * 12)          !! raw surface fields
    real(c_float), intent(in) :: up(wx * wy * nl * 8)       !! raw upper fields
    real(c_float), intent(inout) :: frame(wx * wy * (12 + 9 * nz)) !! the transport frame written
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return
    integer :: sf(NSR), uf(NUR)
    if (wx < 2 .or. wy < 2 .or. nl < 1 .or. nz < 2) then
      status = fail(STILT_ERR_ARGUMENT, 'need wx, wy >= 2, nl >= 1, nz >= 2', msg, msg_len, 'wx', wx, 'nl', nl)
      return
    end if
    if (vcoord /= 1 .and. vcoord /= 2 .and. vcoord /= 4 .and. uflag(7) == 0) then
      status = fail(STILT_ERR_ARGUMENT, 'vertical coordinate needs PRES on every level', msg, msg_len, &
          'vcoord', vcoord)
      return
    end if
    if (sflag(1) == 0 .or. sflag(2) == 0 .or. uflag(1) == 0 .or. uflag(2) == 0 .or. uflag(4) == 0 &
        .or. (vcoord == 2 .and. uflag(8) == 0)) then
      status = fail(STILT_ERR_ARGUMENT, 'SHGT, PRSS, UWND, VWND, TEMP (and HGTS on pressure levels) required', &
          msg, msg_len, 'vcoord', vcoord)
      return
    end if
    if (kmixd /= 0 .and. kmixd /= 3) then
      status = fail(STILT_ERR_ARGUMENT, 'kmixd must be 0 or 3', msg, msg_len, 'kmixd', kmixd)
      return
    end if
    sf = sflag
    uf = uflag
    call stilt_metprep_run(wx, wy, nl, nz, vcoord, ptop, lv, ztop, zk, kmixd, kmix0, sf, uf, sfc, up, frame, &
        frame(wx * wy * 12 + 1))
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_met_prepare

  !> Vertical dispersion alone (docs/transport.md "Turbulence"): advances particles
  !! `1 .. n` by `minutes` minutes in one layer table (`levels`, `sigw`, `tl`, nz entries, as
  !! stilt_turbulence_layers gives), particle i using the random stream (seed, simulation_id,
  !! i - 1). `z`, `w`, `draw` are updated; `samt`, `sigw_out`, `tl_out` are those of the last minute.
  !! For the Java/Fortran identity tests and benchmarks; the kernel will call the same routine.
  integer(c_int) function stilt_dispersion_run(seed, simulation_id, n, minutes, nz, levels, sigw, tl, h, &
      tlfrac, z, w, draw, samt, sigw_out, tl_out, msg, msg_len) result(status) &
      bind(C, name="stilt_dispersion_run")
    integer(c_int64_t), value, intent(in) :: seed          !! run seed
    integer(c_int64_t), value, intent(in) :: simulation_id !! simulation id
    integer(c_int), value, intent(in) :: n                  !! particles
    integer(c_int), value, intent(in) :: minutes            !! minutes to advance
    integer(c_int), value, intent(in) :: nz                 !! layer-table entries
    real(c_double), intent(in) :: levels(nz)                !! internal level heights, m
    real(c_double), intent(in) :: sigw(nz)                  !! sigma_w per layer, m/s
    real(c_double), intent(in) :: tl(nz)                    !! T_Lw per layer, s
    real(c_double), value, intent(in) :: h                  !! samt height, m
    real(c_double), value, intent(in) :: tlfrac             !! sub-step fraction of T_Lw
    real(c_double), intent(inout) :: z(n)                   !! heights, m
    real(c_double), intent(inout) :: w(n)                   !! turbulent velocities, m/s
    integer(c_int64_t), intent(inout) :: draw(n)            !! next draw index per particle
    real(c_double), intent(out) :: samt(n)                  !! seconds below h in the last minute
    real(c_double), intent(out) :: sigw_out(n)              !! sigma_w of the final layer
    real(c_double), intent(out) :: tl_out(n)                !! T_Lw of the final layer
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return
    integer :: i, m
    type(stilt_rng_stream) :: s
    if (n < 0 .or. minutes < 0 .or. nz < 1 .or. nz > MAX_LEVELS) then
      status = fail(STILT_ERR_ARGUMENT, 'need n >= 0, minutes >= 0, 1 <= nz <= 64', msg, msg_len, 'n', n, 'nz', nz)
      return
    end if
    if (.not. (tlfrac > 0.0_c_double) .or. any(.not. (tl > 0.0_c_double))) then
      status = fail(STILT_ERR_ARGUMENT, 'tlfrac and every T_Lw must be positive', msg, msg_len, 'nz', nz)
      return
    end if
    do i = 1, n
      s = stilt_rng_stream_of(seed, simulation_id, int(i - 1, c_int64_t))
      do m = 1, minutes
        call stilt_dispersion_minute(z(i), w(i), draw(i), samt(i), sigw_out(i), tl_out(i), nz, levels, sigw, &
            tl, h, tlfrac, s)
      end do
    end do
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_dispersion_run

  !> Evaluates the kernel's own elementary functions element-wise (for the Java/Fortran identity
  !! tests): fn 0 = exp(x), 1 = log(x), 2 = pow(x, y).
  integer(c_int) function stilt_math_eval(fn, n, x, y, out, msg, msg_len) result(status) &
      bind(C, name="stilt_math_eval")
    integer(c_int), value, intent(in) :: fn                 !! 0 exp, 1 log, 2 pow
    integer(c_int), value, intent(in) :: n                  !! number of values
    real(c_double), intent(in) :: x(n)                      !! arguments
    real(c_double), intent(in) :: y(n)                      !! exponents (pow only)
    real(c_double), intent(out) :: out(n)                   !! results
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return
    integer :: i
    if (n < 0 .or. fn < 0 .or. fn > 2) then
      status = fail(STILT_ERR_ARGUMENT, 'fn must be 0..2 and n >= 0', msg, msg_len, 'fn', fn, 'n', n)
      return
    end if
    do i = 1, n
      select case (fn)
      case (0)
        out(i) = stilt_exp(x(i))
      case (1)
        out(i) = stilt_log(x(i))
      case default
        out(i) = stilt_pow(x(i), y(i))
      end select
    end do
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_math_eval

  !> Fills `out(draws_per_particle, n_particles)` with the random draws 0 .. draws_per_particle - 1
  !! of particles first_particle .. first_particle + n_particles - 1 (0-based) of simulation
  !! `simulation_id` in the run seeded with `seed`: `kind` 0 uniform in (0, 1), 1 standard normal
  !! (see `stilt_rng` and docs/rng.md). Draw j of particle first_particle + i is `out(j+1, i+1)`
  !! (C: `out[i * draws_per_particle + j]`). For tests and benchmarks; the stochastic kernel draws
  !! through `stilt_rng` directly.
  !!
  !! Returns STILT_ERR_ARGUMENT (out untouched) for a negative count, `kind` not 0 or 1, or
  !! particles outside [0, 2**32).
  integer(c_int) function stilt_rng_fill(seed, simulation_id, first_particle, n_particles, &
      draws_per_particle, kind, out, msg, msg_len) result(status) bind(C, name="stilt_rng_fill")
    integer(c_int64_t), value, intent(in) :: seed           !! run seed (any 64-bit value)
    integer(c_int64_t), value, intent(in) :: simulation_id  !! simulation id (any 64-bit value)
    integer(c_int64_t), value, intent(in) :: first_particle !! 0-based index of the first particle
    integer(c_int), value, intent(in) :: n_particles        !! number of particles (>= 0)
    integer(c_int), value, intent(in) :: draws_per_particle !! draws per particle (>= 0)
    integer(c_int), value, intent(in) :: kind               !! 0 uniform, 1 standard normal
    real(c_double), intent(out) :: out(draws_per_particle, n_particles) !! draws, particle-major
    integer(c_int), value, intent(in) :: msg_len            !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! message buffer, NUL-terminated on return

    type(stilt_rng_stream) :: s
    integer :: i, j

    if (n_particles < 0 .or. draws_per_particle < 0) then
      status = fail(STILT_ERR_ARGUMENT, 'counts must not be negative', msg, msg_len, &
          'n_particles', n_particles, 'draws_per_particle', draws_per_particle)
      return
    end if
    if (kind /= 0 .and. kind /= 1) then
      status = fail(STILT_ERR_ARGUMENT, 'kind must be 0 (uniform) or 1 (normal)', msg, msg_len, 'kind', kind)
      return
    end if
    if (first_particle < 0 .or. first_particle > RNG_PARTICLE_LIMIT - n_particles) then
      status = fail(STILT_ERR_ARGUMENT, 'particles must lie in [0, 2**32); first_particle out of range', &
          msg, msg_len, 'n_particles', n_particles)
      return
    end if

    do i = 1, n_particles
      s = stilt_rng_stream_of(seed, simulation_id, first_particle + (i - 1))
      if (kind == 0) then
        do j = 1, draws_per_particle
          out(j, i) = stilt_rng_uniform(s, int(j - 1, c_int64_t))
        end do
      else
        do j = 1, draws_per_particle
          out(j, i) = stilt_rng_normal(s, int(j - 1, c_int64_t))
        end do
      end if
    end do
    if (msg_len > 0) msg(1) = c_null_char
    status = STILT_OK
  end function stilt_rng_fill

  !> Writes "`what` (`name1`=`value1`[, `name2`=`value2`])" into `msg` as a NUL-terminated C
  !! string, truncated to `msg_len - 1` characters, and returns `code`.
  integer(c_int) function fail(code, what, msg, msg_len, name1, value1, name2, value2) result(status)
    integer(c_int), intent(in) :: code                      !! status to return
    character(len=*), intent(in) :: what                    !! what is wrong
    integer(c_int), intent(in) :: msg_len                   !! size of `msg` in bytes
    character(kind=c_char), intent(inout) :: msg(msg_len)   !! destination buffer
    character(len=*), intent(in) :: name1                   !! name of the first offending value
    integer(c_int), intent(in) :: value1                    !! first offending value
    character(len=*), intent(in), optional :: name2         !! name of a second value
    integer(c_int), intent(in), optional :: value2          !! second value

    character(len=MSG_TEXT_LEN) :: text
    integer :: used, i, m

    status = code
    if (msg_len <= 0) return
    used = 0
    call stilt_text_append(text, used, what)
    call stilt_text_append(text, used, ' (')
    call stilt_text_append(text, used, name1)
    call stilt_text_append(text, used, '=')
    call stilt_text_append_int(text, used, value1)
    if (present(name2) .and. present(value2)) then
      call stilt_text_append(text, used, ', ')
      call stilt_text_append(text, used, name2)
      call stilt_text_append(text, used, '=')
      call stilt_text_append_int(text, used, value2)
    end if
    call stilt_text_append(text, used, ')')
    m = min(used, msg_len - 1)
    do i = 1, m
      msg(i) = text(i:i)
    end do
    msg(m + 1) = c_null_char
  end function fail

end module stilt_capi
