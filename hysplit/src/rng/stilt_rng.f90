!> Counter-based random numbers for the stochastic kernel: Philox4x32-10 (Salmon, Moraes, Dror and
!! Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11), written from the published
!! description, with a uniform and a standard-normal transform that the Java twin
!! (`org.stilt.core.rng`) reproduces bit for bit. See docs/rng.md.
!!
!! Streams: the key is the 64-bit run seed (key word 0 = low 32 bits, word 1 = high 32 bits); the
!! counter is (block, particle, simulation id low 32 bits, simulation id high 32 bits). Draw `d`
!! (0-based) of a particle uses block `d / 2` and the word pair `mod(d, 2)` of that block's
!! output, so a draw is a pure function of (seed, simulation id, particle, draw) and results do
!! not depend on how particles are split over threads or calls. Within one seed, distinct
!! (simulation, particle, block) are distinct counters, and Philox is a bijection of the counter
!! for a fixed key, so no two particle streams of a run ever share a block.
!!
!! Unsigned 32-bit words are held in `integer(i8)` in [0, 2**32); every product of two words is
!! formed from 16-bit halves so that no intermediate exceeds 2**49 (no signed overflow).
!!
!! Floating point: only +, -, *, / and sqrt, in a fixed order with explicit parentheses, so that
!! with -ffp-contract=off the results equal Java's (which never fuses). The logarithm needed by the
!! normal transform is computed here (`stilt_rng_log`), not taken from libm, whose last bit may
!! differ from Java's StrictMath.
!!
!! Knows nothing about C. Pure and reentrant (no saved variables).
module stilt_rng
  use stilt_kinds, only: dp, i8
  implicit none
  private
  public :: stilt_rng_stream, stilt_rng_stream_of, stilt_rng_philox, stilt_rng_uniform, &
      stilt_rng_normal, stilt_rng_uniform_of_words, stilt_rng_cache, stilt_rng_uniform_cached, &
      stilt_rng_normal_cached, stilt_rng_inverse_normal, stilt_rng_log, &
      RNG_PARTICLE_LIMIT, RNG_DRAW_LIMIT

  integer(i8), parameter :: MASK32 = 4294967295_i8
  !> Philox4x32 round multipliers and Weyl key increments (the published constants).
  integer(i8), parameter :: PHILOX_M0 = int(z'D2511F53', i8), PHILOX_M1 = int(z'CD9E8D57', i8)
  integer(i8), parameter :: PHILOX_W0 = int(z'9E3779B9', i8), PHILOX_W1 = int(z'BB67AE85', i8)
  integer, parameter :: PHILOX_ROUNDS = 10

  !> Particle indices are 0 .. RNG_PARTICLE_LIMIT - 1 (one 32-bit counter word).
  integer(i8), parameter :: RNG_PARTICLE_LIMIT = 4294967296_i8
  !> Draws per particle are 0 .. RNG_DRAW_LIMIT - 1 (two draws per 32-bit block counter).
  integer(i8), parameter :: RNG_DRAW_LIMIT = 8589934592_i8

  real(dp), parameter :: TWO_M53 = 2.0_dp**(-53)

  !> The last Philox block computed for one stream (stilt_rng_uniform_cached); block -1: none.
  type :: stilt_rng_cache
    integer(i8) :: block = -1
    integer(i8) :: x0 = 0, x1 = 0, x2 = 0, x3 = 0
  end type stilt_rng_cache

  !> One particle's stream: key (from the seed) and the fixed counter words (particle, simulation
  !! id). Every word is an unsigned 32-bit value in [0, 2**32).
  type :: stilt_rng_stream
    integer(i8) :: k0 = 0, k1 = 0        !! key: seed low and high 32 bits
    integer(i8) :: c1 = 0                !! counter word 1: particle index
    integer(i8) :: c2 = 0, c3 = 0        !! counter words 2, 3: simulation id low and high 32 bits
  end type stilt_rng_stream

contains

  !> The stream of particle `particle` (0 .. RNG_PARTICLE_LIMIT - 1, the caller checks) of
  !! simulation `simulation_id` in a run seeded with `seed`. Seeds and ids are taken as 64-bit
  !! two's-complement bit patterns.
  elemental function stilt_rng_stream_of(seed, simulation_id, particle) result(s)
    integer(i8), intent(in) :: seed             !! run seed
    integer(i8), intent(in) :: simulation_id    !! simulation id
    integer(i8), intent(in) :: particle         !! 0-based particle index
    type(stilt_rng_stream) :: s

    s%k0 = iand(seed, MASK32)
    s%k1 = shiftr(seed, 32)
    s%c1 = iand(particle, MASK32)
    s%c2 = iand(simulation_id, MASK32)
    s%c3 = shiftr(simulation_id, 32)
  end function stilt_rng_stream_of

  !> High and low 32 bits of the 64-bit product of two unsigned 32-bit words. The product can
  !! exceed 2**63: it is computed in wrapping two's-complement arithmetic (the library is built with
  !! -fwrapv), whose bit pattern is the unsigned product, then split with logical shifts.
  elemental subroutine mulhilo(a, b, hi, lo)
    integer(i8), intent(in) :: a, b
    integer(i8), intent(out) :: hi, lo

    integer(i8) :: t

    t = a * b
    lo = iand(t, MASK32)
    hi = shiftr(t, 32)
  end subroutine mulhilo

  !> Philox4x32-10: the 128-bit output block for counter `ctr` and key `key` (unsigned 32-bit
  !! words in [0, 2**32)).
  pure function stilt_rng_philox(ctr, key) result(x)
    integer(i8), intent(in) :: ctr(4)           !! counter words 0..3
    integer(i8), intent(in) :: key(2)           !! key words 0..1
    integer(i8) :: x(4)

    integer(i8) :: k0, k1, hi0, lo0, hi1, lo1
    integer :: r

    x = ctr
    k0 = key(1)
    k1 = key(2)
    do r = 1, PHILOX_ROUNDS
      if (r > 1) then
        k0 = iand(k0 + PHILOX_W0, MASK32)
        k1 = iand(k1 + PHILOX_W1, MASK32)
      end if
      call mulhilo(PHILOX_M0, x(1), hi0, lo0)
      call mulhilo(PHILOX_M1, x(3), hi1, lo1)
      x = [ieor(ieor(hi1, x(2)), k0), lo1, ieor(ieor(hi0, x(4)), k1), lo0]
    end do
  end function stilt_rng_philox

  !> The uniform deviate made of two 32-bit words: the top 20 bits of `hi` and all of `lo` form
  !! k in [0, 2**52), and the result is (2k + 1) / 2**53, the midpoint of one of 2**52 equal cells
  !! of (0, 1). It lies in [2**-53, 1 - 2**-53], is exact, and 1 - u is again such a value.
  elemental function stilt_rng_uniform_of_words(hi, lo) result(u)
    integer(i8), intent(in) :: hi, lo           !! unsigned 32-bit words
    real(dp) :: u

    integer(i8) :: k

    k = ior(shiftl(shiftr(hi, 12), 32), lo)
    u = real(2_i8 * k + 1_i8, dp) * TWO_M53
  end function stilt_rng_uniform_of_words

  !> Uniform draw `draw` (0 .. RNG_DRAW_LIMIT - 1, the caller checks) of stream `s`, in (0, 1):
  !! half of Philox block draw/2 (philox_block).
  elemental function stilt_rng_uniform(s, draw) result(u)
    type(stilt_rng_stream), intent(in) :: s     !! particle stream
    integer(i8), intent(in) :: draw             !! 0-based draw index
    real(dp) :: u

    integer(i8) :: x0, x1, x2, x3

    call philox_block(s, shiftr(draw, 1), x0, x1, x2, x3)
    if (iand(draw, 1_i8) == 0_i8) then
      u = stilt_rng_uniform_of_words(x0, x1)
    else
      u = stilt_rng_uniform_of_words(x2, x3)
    end if
  end function stilt_rng_uniform

  !> The Philox-4x32-10 block `blk` of stream `s`: draws 2*blk and 2*blk + 1 take words (x0, x1)
  !! and (x2, x3). The same block as stilt_rng_philox, computed on scalars (no array temporaries:
  !! this is the innermost call of the dispersion).
  elemental subroutine philox_block(s, blk, x0, x1, x2, x3)
    type(stilt_rng_stream), intent(in) :: s
    integer(i8), intent(in) :: blk
    integer(i8), intent(out) :: x0, x1, x2, x3

    integer(i8) :: k0, k1, hi0, lo0, hi1, lo1, t
    integer :: r

    x0 = blk
    x1 = s%c1
    x2 = s%c2
    x3 = s%c3
    k0 = s%k0
    k1 = s%k1
    do r = 1, PHILOX_ROUNDS
      if (r > 1) then
        k0 = iand(k0 + PHILOX_W0, MASK32)
        k1 = iand(k1 + PHILOX_W1, MASK32)
      end if
      call mulhilo(PHILOX_M0, x0, hi0, lo0)
      call mulhilo(PHILOX_M1, x2, hi1, lo1)
      t = ieor(ieor(hi1, x1), k0)
      x1 = lo1
      x2 = ieor(ieor(hi0, x3), k1)
      x3 = lo0
      x0 = t
    end do
  end subroutine philox_block

  !> stilt_rng_uniform through a one-block cache: consecutive draws 2b and 2b + 1 share Philox
  !! block b, so a caller drawing in order computes each block once (the same values).
  pure subroutine stilt_rng_uniform_cached(s, cache, draw, u)
    type(stilt_rng_stream), intent(in) :: s     !! particle stream
    type(stilt_rng_cache), intent(inout) :: cache  !! the last block of this stream (reset: block = -1)
    integer(i8), intent(in) :: draw             !! 0-based draw index
    real(dp), intent(out) :: u

    integer(i8) :: blk

    blk = shiftr(draw, 1)
    if (blk /= cache%block) then
      call philox_block(s, blk, cache%x0, cache%x1, cache%x2, cache%x3)
      cache%block = blk
    end if
    if (iand(draw, 1_i8) == 0_i8) then
      u = stilt_rng_uniform_of_words(cache%x0, cache%x1)
    else
      u = stilt_rng_uniform_of_words(cache%x2, cache%x3)
    end if
  end subroutine stilt_rng_uniform_cached

  !> stilt_rng_normal through the cache of stilt_rng_uniform_cached.
  pure subroutine stilt_rng_normal_cached(s, cache, draw, z)
    type(stilt_rng_stream), intent(in) :: s
    type(stilt_rng_cache), intent(inout) :: cache
    integer(i8), intent(in) :: draw
    real(dp), intent(out) :: z

    real(dp) :: u

    call stilt_rng_uniform_cached(s, cache, draw, u)
    z = stilt_rng_inverse_normal(u)
  end subroutine stilt_rng_normal_cached

  !> Standard-normal draw `draw` of stream `s`: the normal quantile of uniform draw `draw` (one
  !! uniform per normal, so draw indices stay simple). Values lie within about +-8.3.
  elemental function stilt_rng_normal(s, draw) result(z)
    type(stilt_rng_stream), intent(in) :: s     !! particle stream
    integer(i8), intent(in) :: draw             !! 0-based draw index
    real(dp) :: z

    z = stilt_rng_inverse_normal(stilt_rng_uniform(s, draw))
  end function stilt_rng_normal

  !> Natural logarithm of a positive normal number `x` (not subnormal, finite), within a few
  !! units in the last place of the correctly rounded value; the same operations as Java's
  !! `RngMath.log`, so the same bits. x = m 2**e with m in [sqrt(1/2), sqrt(2)),
  !! log m = 2 atanh(s), s = (m - 1) / (m + 1), by its series to s**23.
  elemental function stilt_rng_log(x) result(y)
    real(dp), intent(in) :: x                   !! argument, positive and normal
    real(dp) :: y

    real(dp), parameter :: SQRT_HALF = 0.70710678118654752440_dp
    ! log(2) split so that e * LN2_HI is exact for |e| < 2**11 (bit patterns of fdlibm's split).
    real(dp), parameter :: LN2_HI = transfer(int(z'3FE62E42FEE00000', i8), 1.0_dp)
    real(dp), parameter :: LN2_LO = transfer(int(z'3DEA39EF35793C76', i8), 1.0_dp)
    real(dp), parameter :: C1 = 2.0_dp / 3.0_dp, C2 = 2.0_dp / 5.0_dp, C3 = 2.0_dp / 7.0_dp, &
        C4 = 2.0_dp / 9.0_dp, C5 = 2.0_dp / 11.0_dp, C6 = 2.0_dp / 13.0_dp, C7 = 2.0_dp / 15.0_dp, &
        C8 = 2.0_dp / 17.0_dp, C9 = 2.0_dp / 19.0_dp, C10 = 2.0_dp / 21.0_dp, C11 = 2.0_dp / 23.0_dp
    real(dp) :: m, f, s, z, r, e_dp
    integer :: e

    e = exponent(x)
    m = fraction(x)
    if (m < SQRT_HALF) then
      m = m * 2.0_dp
      e = e - 1
    end if
    f = m - 1.0_dp
    s = f / (2.0_dp + f)
    z = s * s
    r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * (C6 + z * (C7 + z * (C8 + z * (C9 &
        + z * (C10 + z * C11))))))))))
    e_dp = real(e, dp)
    y = (e_dp * LN2_HI) + (((2.0_dp * s) + (s * r)) + (e_dp * LN2_LO))
  end function stilt_rng_log

  !> Standard-normal quantile of `p` in (0, 1): Wichura's algorithm AS 241 (PPND16, Applied
  !! Statistics 37, 1988), relative error about 1e-16, with `stilt_rng_log` for the logarithm.
  !! Exactly antisymmetric for the generator's uniforms (multiples of 2**-53).
  elemental function stilt_rng_inverse_normal(p) result(z)
    real(dp), intent(in) :: p                   !! probability, 0 < p < 1
    real(dp) :: z

    real(dp) :: q, r, num, den

    q = p - 0.5_dp
    if (abs(q) <= 0.425_dp) then
      r = 0.180625_dp - (q * q)
      num = ((((((((2.5090809287301226727e+3_dp * r + 3.3430575583588128105e+4_dp) * r &
          + 6.7265770927008700853e+4_dp) * r + 4.5921953931549871457e+4_dp) * r &
          + 1.3731693765509461125e+4_dp) * r + 1.9715909503065514427e+3_dp) * r &
          + 1.3314166789178437745e+2_dp) * r + 3.3871328727963666080e+0_dp))
      den = ((((((((5.2264952788528545610e+3_dp * r + 2.8729085735721942674e+4_dp) * r &
          + 3.9307895800092710610e+4_dp) * r + 2.1213794301586595867e+4_dp) * r &
          + 5.3941960214247511077e+3_dp) * r + 6.8718700749205790830e+2_dp) * r &
          + 4.2313330701600911252e+1_dp) * r + 1.0_dp))
      z = (q * num) / den
      return
    end if
    if (q < 0.0_dp) then
      r = p
    else
      r = 1.0_dp - p
    end if
    r = sqrt(-stilt_rng_log(r))
    if (r <= 5.0_dp) then
      r = r - 1.6_dp
      num = ((((((((7.74545014278341407640e-4_dp * r + 2.27238449892691845833e-2_dp) * r &
          + 2.41780725177450611770e-1_dp) * r + 1.27045825245236838258e+0_dp) * r &
          + 3.64784832476320460504e+0_dp) * r + 5.76949722146069140550e+0_dp) * r &
          + 4.63033784615654529590e+0_dp) * r + 1.42343711074968357734e+0_dp))
      den = ((((((((1.05075007164441684324e-9_dp * r + 5.47593808499534494600e-4_dp) * r &
          + 1.51986665636164571966e-2_dp) * r + 1.48103976427480074590e-1_dp) * r &
          + 6.89767334985100004550e-1_dp) * r + 1.67638483018380384940e+0_dp) * r &
          + 2.05319162663775882187e+0_dp) * r + 1.0_dp))
    else
      r = r - 5.0_dp
      num = ((((((((2.01033439929228813265e-7_dp * r + 2.71155556874348757815e-5_dp) * r &
          + 1.24266094738807843860e-3_dp) * r + 2.65321895265761230930e-2_dp) * r &
          + 2.96560571828504891230e-1_dp) * r + 1.78482653991729133580e+0_dp) * r &
          + 5.46378491116411436990e+0_dp) * r + 6.65790464350110377720e+0_dp))
      den = ((((((((2.04426310338993978564e-15_dp * r + 1.42151175831644588870e-7_dp) * r &
          + 1.84631831751005468180e-5_dp) * r + 7.86869131145613259100e-4_dp) * r &
          + 1.48753612908506148525e-2_dp) * r + 1.36929880922735805310e-1_dp) * r &
          + 5.99832206555887937690e-1_dp) * r + 1.0_dp))
    end if
    z = num / den
    if (q < 0.0_dp) z = -z
  end function stilt_rng_inverse_normal

end module stilt_rng
