!> Vertical turbulence of STILT's dispersion (hysplit-reference 2.5-2.6): stability from the
!! surface fluxes (KBLS=1) and Hanna's (1982) sigma_w and Lagrangian time scale T_Lw (KBLT=5),
!! piecewise constant in the layers between internal levels. The twin of Java's
!! org.stilt.core.transport.HannaTurbulence, operation for operation (powers and exponentials
!! from stilt_math), so that both give bit-identical values. Pure and reentrant.
module stilt_turbulence
  use stilt_kinds, only: dp
  use stilt_math, only: stilt_exp, stilt_pow
  implicit none
  private
  public :: stability_t, stilt_stability, stilt_stability_clamped, stilt_hanna, stilt_turbulence_layers_of, &
      stilt_layer_value, &
      MAX_UNSTABLE_OBUKHOV, GRAVITY, KARMAN, FREE_TL

  real(dp), parameter :: GRAVITY = 9.80665_dp, CP = 1000.0_dp, KARMAN = 0.4_dp
  real(dp), parameter :: MIN_BUOYANCY = 1.0211e-6_dp, MAX_UNSTABLE_OBUKHOV = -37.5_dp
  real(dp), parameter :: FREE_SIGMA_W = 0.01_dp, FREE_TL = 100.0_dp
  !> Smallest sigma_w used (keeps calm stable columns finite; Java HannaTurbulence.MIN_SIGMA_W).
  real(dp), parameter :: MIN_SIGMA_W = 1.0e-6_dp

  !> Surface-layer state of one column (Java HannaTurbulence.Stability).
  type :: stability_t
    logical :: unstable = .false.
    real(dp) :: ustar = 0, wstar = 0, obukhov = 0, zi = 0
  end type stability_t

contains

  !> Stability from u*, H (W/m2, + up), near-surface rho and T, and zi.
  pure function stilt_stability(ustar, shtf, rho, t, zi) result(s)
    real(dp), intent(in) :: ustar, shtf, rho, t, zi
    type(stability_t) :: s
    s = stilt_stability_clamped(ustar, shtf, rho, t, zi, MAX_UNSTABLE_OBUKHOV)
  end function stilt_stability

  !> stilt_stability with the unstable Obukhov clamp L <= l_max given (Java
  !! HannaTurbulence.stability with maxObukhovMeters).
  pure function stilt_stability_clamped(ustar, shtf, rho, t, zi, l_max) result(s)
    real(dp), intent(in) :: ustar, shtf, rho, t, zi, l_max
    type(stability_t) :: s
    real(dp) :: b, l
    s%ustar = ustar
    s%zi = zi
    if (shtf < 0.0_dp) then
      s%unstable = .false.
      return
    end if
    s%unstable = .true.
    b = (GRAVITY * shtf) / ((rho * CP) * t)
    b = max(b, MIN_BUOYANCY)
    s%wstar = stilt_pow(b * zi, 1.0_dp / 3.0_dp)
    l = (-((ustar * ustar) * ustar)) / (KARMAN * b)
    s%obukhov = min(l, l_max)
  end function stilt_stability_clamped

  !> sigma_w (m/s) and T_Lw (s) at height z (m AGL) inside the mixed layer.
  pure subroutine stilt_hanna(s, z, z0, sigw, tl)
    type(stability_t), intent(in) :: s
    real(dp), intent(in) :: z, z0
    real(dp), intent(out) :: sigw, tl
    real(dp) :: zi, zeta, ws, l, dz
    zi = s%zi
    zeta = z / zi
    if (.not. s%unstable) then
      sigw = max((1.3_dp * s%ustar) * (1.0_dp - zeta), MIN_SIGMA_W)
      tl = ((0.1_dp * zi) / sigw) * stilt_pow(zeta, 0.8_dp)
      return
    end if
    ws = s%wstar
    l = s%obukhov
    if (zeta < 0.03_dp) then
      sigw = (0.96_dp * stilt_pow(3.0_dp * zeta - l / zi, 1.0_dp / 3.0_dp)) * ws
    else if (zeta < 0.4_dp) then
      sigw = min(0.96_dp * stilt_pow(3.0_dp * zeta - l / zi, 1.0_dp / 3.0_dp), &
          0.763_dp * stilt_pow(zeta, 0.175_dp)) * ws
    else if (zeta < 0.96_dp) then
      sigw = (0.722_dp * stilt_pow(1.0_dp - zeta, 0.207_dp)) * ws
    else
      sigw = 0.37_dp * ws
    end if
    sigw = max(sigw, MIN_SIGMA_W)
    if (zeta < 0.1_dp) then
      dz = z - z0
      if (dz < -l) then
        tl = (0.1_dp * z) / (sigw * (0.55_dp + (0.38_dp * dz) / l))
      else
        tl = (0.59_dp * z) / sigw
      end if
    else
      tl = ((0.15_dp * zi) / sigw) * (1.0_dp - stilt_exp(-5.0_dp * zeta))
    end if
  end subroutine stilt_hanna

  !> Layer table: sigma_w, T_Lw at each level (evaluated there when below zi, else the
  !! free-troposphere values).
  pure subroutine stilt_turbulence_layers_of(s, nz, zk, z0, sigw, tl)
    type(stability_t), intent(in) :: s
    integer, intent(in) :: nz
    real(dp), intent(in) :: zk(nz), z0
    real(dp), intent(out) :: sigw(nz), tl(nz)
    integer :: k
    do k = 1, nz
      call stilt_layer_value(s, zk(k), z0, sigw(k), tl(k))
    end do
  end subroutine stilt_turbulence_layers_of

  !> One layer-table entry: Hanna at its evaluation height z inside the mixed layer, else the
  !! free-troposphere values.
  pure subroutine stilt_layer_value(s, z, z0, sigw, tl)
    type(stability_t), intent(in) :: s
    real(dp), intent(in) :: z, z0
    real(dp), intent(out) :: sigw, tl
    if (z < s%zi) then
      call stilt_hanna(s, z, z0, sigw, tl)
    else
      sigw = FREE_SIGMA_W
      tl = FREE_TL
    end if
  end subroutine stilt_layer_value

end module stilt_turbulence
