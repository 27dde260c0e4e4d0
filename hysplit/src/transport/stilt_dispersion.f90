!> STILT's vertical dispersion (IDSP=2; hysplit-reference 2.7) of one particle over one minute:
!! two 30-s halves of sub-steps TLFRAC*T_Lw, Langevin update of w', moves split at layer interfaces
!! (transmission with probability min(1, sigma2/sigma1), w' rescaled, or reflection), ground
!! reflection, samt = time below h. The twin of Java's org.stilt.core.transport.VerticalDispersion,
!! operation for operation (random numbers from stilt_rng, exp from stilt_math), so both give the
!! same bits. Stateless and reentrant.
!!
!! The layer table (`layer_table_t`, Java LayerTable) is either given in full or computed lazily
!! from a column's stability: a layer's sigma_w and T_Lw are computed when first needed.
module stilt_dispersion
  use stilt_kinds, only: dp, i8
  use stilt_math, only: stilt_exp
  use stilt_rng, only: stilt_rng_stream, stilt_rng_cache, stilt_rng_uniform_cached, stilt_rng_normal_cached
  use stilt_turbulence, only: stability_t, stilt_layer_value, GRAVITY, KARMAN, FREE_TL
  implicit none
  private
  public :: stilt_dispersion_minute, stilt_dispersion_half, stilt_dispersion_finish, stilt_layer_of, &
      layer_table_t, stilt_table_full, stilt_table_reset, stilt_table_sigw, MAX_LEVELS, &
      wind_path_t, stilt_path_init, stilt_path_reset, stilt_path_piece, stilt_path_flush, &
      stilt_table_free, stilt_level_index, stilt_lower_level

  real(dp), parameter :: HALF_MINUTE = 30.0_dp
  !> Most internal levels a layer table holds.
  integer, parameter :: MAX_LEVELS = 64

  !> A column's layer table: levels (m AGL) and, per layer, sigma_w and T_Lw once `ready`.
  type :: layer_table_t
    integer :: nz = 0
    real(dp) :: levels(MAX_LEVELS) = 0
    real(dp) :: sigw(MAX_LEVELS) = 0
    real(dp) :: tl(MAX_LEVELS) = 0
    logical :: ready(MAX_LEVELS) = .false.
    !> Per layer, the Langevin factors of a full sub-step TLFRAC*T_Lw (R and sigma_w*sqrt(1 - R**2)),
    !! computed once per table for `full_tlfrac` (Java LayerTable.fullR / fullSigmaKeep).
    real(dp) :: full_r(MAX_LEVELS) = 0
    real(dp) :: full_sk(MAX_LEVELS) = 0
    logical :: full_ready(MAX_LEVELS) = .false.
    real(dp) :: full_tlfrac = -1
    type(stability_t) :: st
    real(dp) :: z0 = 0
    !> Free troposphere from the column's shear and stability (Java FreeTroposphere): the winds and
    !! potential temperature of the levels at or above zi at frames a and b, and the time fraction.
    logical :: free_on = .false.
    real(dp) :: free_ft = 0
    real(dp) :: ua(MAX_LEVELS) = 0, va(MAX_LEVELS) = 0, tha(MAX_LEVELS) = 0
    real(dp) :: ub(MAX_LEVELS) = 0, vb(MAX_LEVELS) = 0, thb(MAX_LEVELS) = 0
  end type layer_table_t

  !> Mixing-length limit of the free-troposphere diffusivity (m) and its smallest value (m2/s).
  real(dp), parameter :: FREE_MIXING_LIMIT = 250.0_dp, FREE_MIN_DIFFUSIVITY = 0.01_dp

  !> Coefficients of the internal level heights z_k = QA k^2 + QB k + QC (hysplit-reference 2.3).
  real(dp), parameter :: QA = 30.0_dp, QB = -25.0_dp, QC = 5.0_dp

  !> The time a particle's turbulent vertical path spends at each internal level during one
  !! minute, as weights of the levels' winds (Java WindPath): the mean wind along the path is
  !! sum_k weight(k) V_k / seconds. Heights in scaled metres; `scale` converts metres above ground.
  type :: wind_path_t
    integer :: nz = 0
    real(dp) :: zk(MAX_LEVELS) = 0
    real(dp) :: ground = 10.0_dp   !! height below which the wind goes linearly to zero
    real(dp) :: scale = 1.0_dp     !! scaled metres per metre above ground
    real(dp) :: weight(MAX_LEVELS) = 0
    integer :: lo = MAX_LEVELS + 1
    integer :: hi = 0
    real(dp) :: seconds = 0
    logical :: pending = .false.   !! the end of the last piece still holds time
    real(dp) :: pending_z = 0
    real(dp) :: pending_seconds = 0
  end type wind_path_t

contains

  !> Fractional 1-based internal level index of scaled height z: the root of QA k^2 + QB k + QC = z
  !! (Java JavaTransportKernel.levelIndex).
  pure real(dp) function stilt_level_index(z) result(li)
    real(dp), intent(in) :: z
    li = (-QB + sqrt(QB * QB - 4.0_dp * QA * (QC - z))) / (2.0_dp * QA)
  end function stilt_level_index

  !> 1-based lower level of the interval [zk(k), zk(k+1)) holding scaled height z (zk(1) <= z <
  !! zk(nz)), searched from its fractional level index li (Java JavaTransportKernel.lowerLevel).
  pure integer function stilt_lower_level(z, li, nz, zk) result(k)
    real(dp), intent(in) :: z, li
    integer, intent(in) :: nz
    real(dp), intent(in) :: zk(nz)
    integer :: kk
    kk = max(0, min(nz - 2, int(li) - 1))
    do while (kk > 0)
      if (.not. (zk(kk + 1) > z)) exit
      kk = kk - 1
    end do
    do while (kk < nz - 2)
      if (.not. (zk(kk + 2) <= z)) exit
      kk = kk + 1
    end do
    k = kk + 1
  end function stilt_lower_level

  !> A path over the internal levels zk (scaled m, nz <= MAX_LEVELS) with the ground-wind height.
  pure subroutine stilt_path_init(path, nz, zk, ground)
    type(wind_path_t), intent(inout) :: path
    integer, intent(in) :: nz
    real(dp), intent(in) :: zk(nz), ground
    path%nz = nz
    path%zk(1:nz) = zk
    path%ground = ground
    path%weight = 0.0_dp
    path%lo = MAX_LEVELS + 1
    path%hi = 0
    path%seconds = 0.0_dp
    path%pending = .false.
  end subroutine stilt_path_init

  !> Starts a new minute.
  pure subroutine stilt_path_reset(path)
    type(wind_path_t), intent(inout) :: path
    if (path%lo <= path%hi) path%weight(path%lo:path%hi) = 0.0_dp
    path%lo = MAX_LEVELS + 1
    path%hi = 0
    path%seconds = 0.0_dp
    path%pending = .false.
  end subroutine stilt_path_reset

  !> Records a piece of the path from `from` to `to` (scaled m) taking dt seconds, half at each end
  !! (Java WindPath.piece): consecutive pieces share their common end, located once.
  pure subroutine stilt_path_piece(path, from, to, dt)
    type(wind_path_t), intent(inout) :: path
    real(dp), intent(in) :: from, to, dt
    real(dp) :: half
    half = 0.5_dp * dt
    if (path%pending .and. from == path%pending_z) then
      call stilt_path_add(path, from, path%pending_seconds + half)
    else
      call stilt_path_flush(path)
      call stilt_path_add(path, from, half)
    end if
    path%pending = .true.
    path%pending_z = to
    path%pending_seconds = half
  end subroutine stilt_path_piece

  !> Adds the time still held for the end of the last piece.
  pure subroutine stilt_path_flush(path)
    type(wind_path_t), intent(inout) :: path
    if (path%pending) then
      call stilt_path_add(path, path%pending_z, path%pending_seconds)
      path%pending = .false.
    end if
  end subroutine stilt_path_flush

  !> Records dt seconds at scaled height z (Java WindPath.add, operation for operation).
  pure subroutine stilt_path_add(path, z, dt)
    type(wind_path_t), intent(inout) :: path
    real(dp), intent(in) :: z, dt
    real(dp) :: li, f
    integer :: k, nz
    nz = path%nz
    path%seconds = path%seconds + dt
    if (z < path%zk(1)) then
      call put(path, 1, (dt * max(0.0_dp, z)) / path%ground)
      return
    end if
    if (z >= path%zk(nz)) then
      call put(path, nz, dt)
      return
    end if
    li = stilt_level_index(z)
    k = stilt_lower_level(z, li, nz, path%zk(1:nz))
    f = max(0.0_dp, min(1.0_dp, li - real(k, dp)))
    call put(path, k, dt * (1.0_dp - f))
    call put(path, k + 1, dt * f)
  end subroutine stilt_path_add

  pure subroutine put(path, level, w)
    type(wind_path_t), intent(inout) :: path
    integer, intent(in) :: level
    real(dp), intent(in) :: w
    path%weight(level) = path%weight(level) + w
    path%lo = min(path%lo, level)
    path%hi = max(path%hi, level)
  end subroutine put


  !> A full table from given values (nz <= MAX_LEVELS, the caller checks).
  pure subroutine stilt_table_full(tab, nz, levels, sigw, tl)
    type(layer_table_t), intent(out) :: tab
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz), sigw(nz), tl(nz)
    tab%nz = nz
    tab%levels(1:nz) = levels
    tab%sigw(1:nz) = sigw
    tab%tl(1:nz) = tl
    tab%ready(1:nz) = .true.
  end subroutine stilt_table_full

  !> Starts a lazy table of a column (levels already set in tab%levels(1:nz)).
  pure subroutine stilt_table_reset(tab, nz, st, z0)
    type(layer_table_t), intent(inout) :: tab
    integer, intent(in) :: nz
    type(stability_t), intent(in) :: st
    real(dp), intent(in) :: z0
    tab%nz = nz
    tab%st = st
    tab%z0 = z0
    tab%ready(1:nz) = .false.
    tab%full_ready(1:nz) = .false.
    tab%free_on = .false.
  end subroutine stilt_table_reset

  !> Turns on the free troposphere from the column for a reset table: the caller has filled
  !! ua, va, tha, ub, vb, thb for the levels at or above zi (all that a free layer reads).
  pure subroutine stilt_table_free(tab, ft)
    type(layer_table_t), intent(inout) :: tab
    real(dp), intent(in) :: ft
    tab%free_on = .true.
    tab%free_ft = ft
  end subroutine stilt_table_free

  !> sigma_w of free-troposphere layer k from the column (Java FreeTroposphere.sigmaW).
  pure real(dp) function free_sigma(tab, k)
    type(layer_table_t), intent(in) :: tab
    integer, intent(in) :: k
    real(dp) :: sa, sb
    sa = one(tab%ua, tab%va, tab%tha)
    sb = one(tab%ub, tab%vb, tab%thb)
    free_sigma = sa + (sb - sa) * tab%free_ft
  contains
    pure real(dp) function one(u, v, th)
      real(dp), intent(in) :: u(:), v(:), th(:)
      real(dp) :: du, dv, t1, t2, dz, shear, n2, ri, z, l, g, diffusivity
      du = u(k + 1) - u(k)
      dv = v(k + 1) - v(k)
      t1 = th(k)
      t2 = th(k + 1)
      dz = tab%levels(k + 1) - tab%levels(k)
      shear = sqrt(du * du + dv * dv) / dz
      n2 = ((GRAVITY * (t2 - t1)) / (0.5_dp * (t1 + t2))) / dz
      ri = max(n2, 0.0_dp) / max(shear * shear, 1.0e-12_dp)
      z = tab%levels(k + 1)
      l = (KARMAN * z) / (1.0_dp + (KARMAN * z) / FREE_MIXING_LIMIT)
      g = 1.0_dp + ri
      diffusivity = ((l * l) * shear) / ((g * g) * g)
      one = sqrt(max(diffusivity, FREE_MIN_DIFFUSIVITY) / FREE_TL)
    end function one
  end function free_sigma

  !> Makes layer k ready.
  pure subroutine ensure(tab, k)
    type(layer_table_t), intent(inout) :: tab
    integer, intent(in) :: k
    if (tab%ready(k)) return
    call stilt_layer_value(tab%st, tab%levels(k), tab%z0, tab%sigw(k), tab%tl(k))
    if (tab%free_on .and. tab%levels(k) >= tab%st%zi .and. k < tab%nz) tab%sigw(k) = free_sigma(tab, k)
    tab%ready(k) = .true.
  end subroutine ensure

  !> Makes the full-sub-step factors of layer k ready for `tlfrac` (Java LayerTable.ensureFull;
  !! the layer itself is ready).
  pure subroutine ensure_full(tab, k, tlfrac)
    type(layer_table_t), intent(inout) :: tab
    integer, intent(in) :: k
    real(dp), intent(in) :: tlfrac
    real(dp) :: t, r
    if (tlfrac /= tab%full_tlfrac) then
      tab%full_ready = .false.
      tab%full_tlfrac = tlfrac
    end if
    if (tab%full_ready(k)) return
    t = tab%tl(k)
    r = stilt_exp((-(tlfrac * t)) / t)
    tab%full_r(k) = r
    tab%full_sk(k) = tab%sigw(k) * sqrt(max(0.0_dp, 1.0_dp - r * r))
    tab%full_ready(k) = .true.
  end subroutine ensure_full

  !> sigma_w of layer k.
  real(dp) function stilt_table_sigw(tab, k)
    type(layer_table_t), intent(inout) :: tab
    integer, intent(in) :: k
    call ensure(tab, k)
    stilt_table_sigw = tab%sigw(k)
  end function stilt_table_sigw

  !> 1-based layer-table index of height z: 1 below levels(2), else the highest level at or below z.
  pure integer function stilt_layer_of(z, nz, levels) result(k)
    real(dp), intent(in) :: z
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz)
    if (nz < 2) then
      k = 1
      return
    end if
    if (z < levels(2)) then
      k = 1
      return
    end if
    k = 2
    do while (k + 1 <= nz)
      if (.not. (levels(k + 1) <= z)) exit
      k = k + 1
    end do
  end function stilt_layer_of

  !> One minute of vertical dispersion of one particle (state z, w, draw updated in place), full
  !! table given as arrays.
  subroutine stilt_dispersion_minute(z, w, draw, samt, sigw_out, tl_out, nz, levels, sigw, tl, h, &
      tlfrac, s)
    real(dp), intent(inout) :: z, w
    integer(i8), intent(inout) :: draw
    real(dp), intent(out) :: samt, sigw_out, tl_out
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz), sigw(nz), tl(nz), h, tlfrac
    type(stilt_rng_stream), intent(in) :: s
    type(layer_table_t) :: tab
    call stilt_table_full(tab, nz, levels, sigw, tl)
    samt = 0.0_dp
    call stilt_dispersion_half(z, w, draw, samt, tab, h, tlfrac, s)
    call stilt_dispersion_half(z, w, draw, samt, tab, h, tlfrac, s)
    call stilt_dispersion_finish(z, sigw_out, tl_out, tab)
  end subroutine stilt_dispersion_minute

  !> sigma_w and T_Lw of the layer a particle at z is in.
  subroutine stilt_dispersion_finish(z, sigw_out, tl_out, tab)
    real(dp), intent(in) :: z
    real(dp), intent(out) :: sigw_out, tl_out
    type(layer_table_t), intent(inout) :: tab
    integer :: layer
    layer = stilt_layer_of(z, tab%nz, tab%levels)
    call ensure(tab, layer)
    sigw_out = tab%sigw(layer)
    tl_out = tab%tl(layer)
  end subroutine stilt_dispersion_finish

  !> One 30-s half of a minute (Java VerticalDispersion.half): adds the time below h to `samt`.
  !! With `path`, each sub-step's time is recorded there, half at its start and half at its end height.
  !! With `cache` (the Philox block cache of stream `s`, kept by the caller across calls for the
  !! same stream), draws reuse the block of the previous draw; the values are the same.
  subroutine stilt_dispersion_half(z, w, draw, samt, tab, h, tlfrac, s, path, cache)
    real(dp), intent(inout) :: z, w
    integer(i8), intent(inout) :: draw
    real(dp), intent(inout) :: samt
    type(layer_table_t), intent(inout) :: tab
    real(dp), intent(in) :: h, tlfrac
    type(stilt_rng_stream), intent(in) :: s
    type(wind_path_t), intent(inout), optional :: path
    type(stilt_rng_cache), intent(inout), optional :: cache
    type(stilt_rng_cache) :: rc
    integer :: layer, guard
    real(dp) :: remaining, t, dt, r, lambda, used, zfrom, full, sk
    if (present(cache)) then
      rc = cache
    else
      rc%block = -1_i8
    end if
    remaining = HALF_MINUTE
    guard = 0
    do
      if (.not. (remaining > 1.0e-9_dp .and. guard < 100000)) exit
      guard = guard + 1
      layer = stilt_layer_of(z, tab%nz, tab%levels)
      call ensure(tab, layer)
      t = tab%tl(layer)
      full = tlfrac * t
      if (full <= remaining) then
        ! a full sub-step: its factors are the layer's, computed once (same bits)
        dt = full
        call ensure_full(tab, layer, tlfrac)
        r = tab%full_r(layer)
        sk = tab%full_sk(layer)
      else
        dt = remaining
        r = stilt_exp((-dt) / t)
        sk = tab%sigw(layer) * sqrt(max(0.0_dp, 1.0_dp - r * r))
      end if
      call stilt_rng_normal_cached(s, rc, draw, lambda)
      draw = draw + 1_i8
      w = (r * w) + (sk * lambda)
      zfrom = z
      call move(layer, dt, used)
      if (present(path)) then
        call stilt_path_piece(path, zfrom * path%scale, z * path%scale, used)
      end if
      if (z < h) samt = samt + used
      remaining = remaining - used
    end do
    if (present(cache)) cache = rc

  contains

    subroutine move(layer, dt, used)
      integer, intent(in) :: layer
      real(dp), intent(in) :: dt
      real(dp), intent(out) :: used
      real(dp) :: lower, upper, z1, boundary, tb, s1, s2, pass, u
      logical :: up, top
      integer :: nxt
      if (layer == 1) then
        lower = 0.0_dp
      else
        lower = tab%levels(layer)
      end if
      top = layer + 1 > tab%nz
      upper = huge(upper)
      if (.not. top) upper = tab%levels(layer + 1)
      z1 = z + w * dt
      if (z1 >= lower .and. (top .or. z1 < upper)) then
        z = z1
        used = dt
        return
      end if
      if (z1 < lower .and. layer == 1) then
        z = -z1
        w = -w
        if (.not. top) then
          if (z >= upper) z = nearest(upper, -1.0_dp)
        end if
        used = dt
        return
      end if
      up = .not. top
      if (up) up = z1 >= upper
      if (up) then
        boundary = upper
        nxt = layer + 1
      else
        boundary = lower
        nxt = layer - 1
      end if
      tb = (boundary - z) / w
      tb = max(0.0_dp, min(dt, tb))
      call ensure(tab, layer)
      call ensure(tab, nxt)
      s1 = tab%sigw(layer)
      s2 = tab%sigw(nxt)
      pass = min(1.0_dp, s2 / s1)
      call stilt_rng_uniform_cached(s, rc, draw, u)
      draw = draw + 1_i8
      if (u < pass) then
        w = w * (s2 / s1)
        if (up) then
          z = boundary
        else
          z = nearest(boundary, -1.0_dp)
        end if
      else
        w = -w
        if (up) then
          z = nearest(boundary, -1.0_dp)
        else
          z = boundary
        end if
      end if
      used = max(tb, 1.0e-6_dp)
    end subroutine move

  end subroutine stilt_dispersion_half

end module stilt_dispersion
