!> Elementary functions computed with additions, multiplications, divisions and exact scaling
!! only, in a fixed order: the twin of Java's org.stilt.core.math.StiltMath, operation for
!! operation, so that the Java and Fortran kernels agree bit for bit (glibc's exp/log/pow and
!! Java's may differ in the last bit). Build with -ffp-contract=off. Pure and reentrant.
module stilt_math
  use, intrinsic :: ieee_arithmetic, only: ieee_is_nan
  use, intrinsic :: iso_fortran_env, only: int64
  use stilt_kinds, only: dp
  implicit none
  private
  public :: stilt_exp, stilt_log, stilt_pow

  real(dp), parameter :: LN2_HI = 6.93147180369123816490e-01_dp
  real(dp), parameter :: LN2_LO = 1.90821492927058770002e-10_dp
  real(dp), parameter :: INV_LN2 = 1.44269504088896338700e+00_dp
  real(dp), parameter :: SQRT_HALF = 0.70710678118654752440_dp

contains

  !> e**x for |x| <= 700 (clamped outside).
  pure elemental real(dp) function stilt_exp(x) result(y)
    real(dp), intent(in) :: x
    real(dp) :: xc, k, r, p
    if (ieee_is_nan(x)) then
      y = x
      return
    end if
    xc = max(-700.0_dp, min(700.0_dp, x))
    k = floor(xc * INV_LN2 + 0.5_dp)
    r = (xc - k * LN2_HI) - k * LN2_LO
    p = 1.0_dp / 87178291200.0_dp
    p = p * r + 1.0_dp / 6227020800.0_dp
    p = p * r + 1.0_dp / 479001600.0_dp
    p = p * r + 1.0_dp / 39916800.0_dp
    p = p * r + 1.0_dp / 3628800.0_dp
    p = p * r + 1.0_dp / 362880.0_dp
    p = p * r + 1.0_dp / 40320.0_dp
    p = p * r + 1.0_dp / 5040.0_dp
    p = p * r + 1.0_dp / 720.0_dp
    p = p * r + 1.0_dp / 120.0_dp
    p = p * r + 1.0_dp / 24.0_dp
    p = p * r + 1.0_dp / 6.0_dp
    p = p * r + 0.5_dp
    p = p * r + 1.0_dp
    p = p * r + 1.0_dp
    ! p * 2**k with 2**k built from its bit pattern (|k| <= 1010, so 2**k and the product are
    ! normal and the product is exact): the same value as scale(p, k), without a library call.
    y = p * transfer(shiftl(int(k, int64) + 1023_int64, 52), 1.0_dp)
  end function stilt_exp

  !> Natural logarithm for x > 0 (NaN otherwise; +Inf for +Inf).
  pure elemental real(dp) function stilt_log(x) result(y)
    real(dp), intent(in) :: x
    real(dp) :: xs, m, s, s2, p, logm
    integer :: e, shift
    if (ieee_is_nan(x)) then
      y = x
      return
    end if
    if (x <= 0.0_dp) then
      ! a quiet NaN from its bit pattern: no floating-point operation, so no invalid flag (the
      ! -ffpe-trap test build would turn 0/0 into a crash), and no libgfortran ieee_value call
      y = transfer(9221120237041090560_int64, 1.0_dp)
      return
    end if
    if (x > huge(x)) then
      y = x
      return
    end if
    xs = x
    shift = 0
    if (xs < tiny(xs)) then
      xs = xs * 18014398509481984.0_dp
      shift = 54
    end if
    m = fraction(xs) * 2.0_dp
    e = exponent(xs) - 1 - shift
    if (m > 2.0_dp * SQRT_HALF) then
      m = m * 0.5_dp
      e = e + 1
    end if
    s = (m - 1.0_dp) / (m + 1.0_dp)
    s2 = s * s
    p = 1.0_dp / 23.0_dp
    p = p * s2 + 1.0_dp / 21.0_dp
    p = p * s2 + 1.0_dp / 19.0_dp
    p = p * s2 + 1.0_dp / 17.0_dp
    p = p * s2 + 1.0_dp / 15.0_dp
    p = p * s2 + 1.0_dp / 13.0_dp
    p = p * s2 + 1.0_dp / 11.0_dp
    p = p * s2 + 1.0_dp / 9.0_dp
    p = p * s2 + 1.0_dp / 7.0_dp
    p = p * s2 + 1.0_dp / 5.0_dp
    p = p * s2 + 1.0_dp / 3.0_dp
    p = p * s2 + 1.0_dp
    logm = (2.0_dp * s) * p
    y = (real(e, dp) * LN2_HI + logm) + real(e, dp) * LN2_LO
  end function stilt_log

  !> x**y for x > 0 as exp(y*log(x)); 0 for x == 0 and y > 0.
  pure elemental real(dp) function stilt_pow(x, y) result(z)
    real(dp), intent(in) :: x, y
    if (x == 0.0_dp .and. y > 0.0_dp) then
      z = 0.0_dp
      return
    end if
    z = stilt_exp(y * stilt_log(x))
  end function stilt_pow

end module stilt_math
