!> STILT's vertical dispersion (IDSP=2; hysplit-reference 2.7) of one particle over one minute:
!! two 30-s halves of sub-steps TLFRAC*T_Lw, Langevin update of w', moves split at layer interfaces
!! (transmission with probability min(1, sigma2/sigma1), w' rescaled, or reflection), ground
!! reflection, samt = time below h. The twin of Java's org.stilt.core.transport.VerticalDispersion,
!! operation for operation (random numbers from stilt_rng, exp from stilt_math), so both give the
!! same bits. Stateless and reentrant.
module stilt_dispersion
  use stilt_kinds, only: dp, i8
  use stilt_math, only: stilt_exp
  use stilt_rng, only: stilt_rng_stream, stilt_rng_uniform, stilt_rng_normal
  implicit none
  private
  public :: stilt_dispersion_minute, stilt_dispersion_half, stilt_dispersion_finish, stilt_layer_of

  real(dp), parameter :: HALF_MINUTE = 30.0_dp

contains

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

  !> One minute of vertical dispersion of one particle (state z, w, draw updated in place).
  subroutine stilt_dispersion_minute(z, w, draw, samt, sigw_out, tl_out, nz, levels, sigw, tl, h, &
      tlfrac, s)
    real(dp), intent(inout) :: z, w
    integer(i8), intent(inout) :: draw
    real(dp), intent(out) :: samt, sigw_out, tl_out
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz), sigw(nz), tl(nz), h, tlfrac
    type(stilt_rng_stream), intent(in) :: s
    samt = 0.0_dp
    call stilt_dispersion_half(z, w, draw, samt, nz, levels, sigw, tl, h, tlfrac, s)
    call stilt_dispersion_half(z, w, draw, samt, nz, levels, sigw, tl, h, tlfrac, s)
    call stilt_dispersion_finish(z, sigw_out, tl_out, nz, levels, sigw, tl)
  end subroutine stilt_dispersion_minute

  !> sigma_w and T_Lw of the layer a particle at z is in.
  pure subroutine stilt_dispersion_finish(z, sigw_out, tl_out, nz, levels, sigw, tl)
    real(dp), intent(in) :: z
    real(dp), intent(out) :: sigw_out, tl_out
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz), sigw(nz), tl(nz)
    integer :: layer
    layer = stilt_layer_of(z, nz, levels)
    sigw_out = sigw(layer)
    tl_out = tl(layer)
  end subroutine stilt_dispersion_finish

  !> One 30-s half of a minute (Java VerticalDispersion.half): adds the time below h to `samt`.
  subroutine stilt_dispersion_half(z, w, draw, samt, nz, levels, sigw, tl, h, tlfrac, s)
    real(dp), intent(inout) :: z, w
    integer(i8), intent(inout) :: draw
    real(dp), intent(inout) :: samt
    integer, intent(in) :: nz
    real(dp), intent(in) :: levels(nz), sigw(nz), tl(nz), h, tlfrac
    type(stilt_rng_stream), intent(in) :: s
    integer :: layer, guard
    real(dp) :: remaining, sg, t, dt, r, lambda, used
    remaining = HALF_MINUTE
    guard = 0
    do
      if (.not. (remaining > 1.0e-9_dp .and. guard < 100000)) exit
      guard = guard + 1
      layer = stilt_layer_of(z, nz, levels)
      sg = sigw(layer)
      t = tl(layer)
      dt = min(tlfrac * t, remaining)
      r = stilt_exp((-dt) / t)
      lambda = stilt_rng_normal(s, draw)
      draw = draw + 1_i8
      w = (r * w) + ((sg * sqrt(max(0.0_dp, 1.0_dp - r * r))) * lambda)
      call move(layer, dt, used)
      if (z < h) samt = samt + used
      remaining = remaining - used
    end do

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
        lower = levels(layer)
      end if
      top = layer + 1 > nz
      upper = huge(upper)
      if (.not. top) upper = levels(layer + 1)
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
      s1 = sigw(layer)
      s2 = sigw(nxt)
      pass = min(1.0_dp, s2 / s1)
      u = stilt_rng_uniform(s, draw)
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
