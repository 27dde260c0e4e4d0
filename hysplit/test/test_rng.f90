!> Unit tests of stilt_rng: the Random123 known-answer vectors of Philox4x32-10, the uniform's
!! bounds and resolution, the logarithm and normal quantile against reference values, and the
!! independence of particle streams (distinct counters, chunk-free addressing).
program test_rng
  use stilt_kinds, only: dp, i8
  use stilt_rng, only: stilt_rng_stream, stilt_rng_stream_of, stilt_rng_philox, stilt_rng_uniform, &
      stilt_rng_normal, stilt_rng_uniform_of_words, stilt_rng_inverse_normal, stilt_rng_log, &
      stilt_rng_cache, stilt_rng_uniform_cached, stilt_rng_normal_cached
  implicit none

  integer :: failures
  integer(i8), parameter :: ONES = 4294967295_i8

  failures = 0
  call check_kat()
  call check_uniform_bounds()
  call check_log()
  call check_inverse_normal()
  call check_streams()
  call check_cache()
  call check_golden()
  if (failures > 0) then
    write (*, '(i0,a)') failures, ' failure(s) in test_rng'
    error stop 1
  end if
  write (*, '(a)') 'test_rng: all passed'

contains

  subroutine expect(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      write (*, '(a,a)') 'FAIL ', what
      failures = failures + 1
    end if
  end subroutine expect

  !> Random123 kat_vectors, philox4x32 with 10 rounds: counter, key -> output.
  subroutine check_kat()
    call kat([0_i8, 0_i8, 0_i8, 0_i8], [0_i8, 0_i8], &
        [int(z'6627e8d5', i8), int(z'e169c58d', i8), int(z'bc57ac4c', i8), int(z'9b00dbd8', i8)], 'zeros')
    call kat([ONES, ONES, ONES, ONES], [ONES, ONES], &
        [int(z'408f276d', i8), int(z'41c83b0e', i8), int(z'a20bc7c6', i8), int(z'6d5451fd', i8)], 'ones')
    call kat([int(z'243f6a88', i8), int(z'85a308d3', i8), int(z'13198a2e', i8), int(z'03707344', i8)], &
        [int(z'a4093822', i8), int(z'299f31d0', i8)], &
        [int(z'd16cfe09', i8), int(z'94fdcceb', i8), int(z'5001e420', i8), int(z'24126ea1', i8)], 'pi')
  end subroutine check_kat

  subroutine kat(ctr, key, expected, name)
    integer(i8), intent(in) :: ctr(4), key(2), expected(4)
    character(len=*), intent(in) :: name
    integer(i8) :: got(4)

    got = stilt_rng_philox(ctr, key)
    if (any(got /= expected)) then
      write (*, '(a,a,a,4(1x,z8.8))') 'FAIL kat ', name, ': got', got
      failures = failures + 1
    end if
  end subroutine kat

  subroutine check_uniform_bounds()
    real(dp) :: lo, hi
    type(stilt_rng_stream) :: s
    integer(i8) :: d
    real(dp) :: u

    lo = stilt_rng_uniform_of_words(0_i8, 0_i8)
    hi = stilt_rng_uniform_of_words(ONES, ONES)
    call expect(lo == 2.0_dp**(-53), 'smallest uniform is 2**-53')
    call expect(hi == 1.0_dp - 2.0_dp**(-53), 'largest uniform is 1 - 2**-53')
    call expect(1.0_dp - hi == lo, '1 - u exact at the top')
    ! The low 12 bits of the high word are not used.
    call expect(stilt_rng_uniform_of_words(int(z'00000fff', i8), 0_i8) == lo, 'low 12 bits of hi ignored')
    call expect(stilt_rng_uniform_of_words(int(z'00001000', i8), 0_i8) == (2.0_dp**33 + 1.0_dp) * 2.0_dp**(-53), &
        'bit 12 of hi is 2**-20 (cell midpoint (2**33 + 1) / 2**53)' )
    s = stilt_rng_stream_of(42_i8, 7_i8, 3_i8)
    do d = 0, 9999
      u = stilt_rng_uniform(s, d)
      if (.not. (u > 0.0_dp .and. u < 1.0_dp)) then
        call expect(.false., 'uniform in (0, 1)')
        exit
      end if
    end do
    ! Extreme normals stay finite and antisymmetric.
    call expect(stilt_rng_inverse_normal(lo) == -stilt_rng_inverse_normal(hi), 'normal antisymmetric at extremes')
    call expect(stilt_rng_inverse_normal(lo) < -8.2_dp .and. stilt_rng_inverse_normal(lo) > -8.4_dp, &
        'normal at 2**-53 near -8.29')
  end subroutine check_uniform_bounds

  !> stilt_rng_log against the intrinsic within 2 units in the last place.
  subroutine check_log()
    real(dp) :: x, a, b
    integer :: i

    call expect(stilt_rng_log(1.0_dp) == 0.0_dp, 'log(1) = 0')
    call expect(stilt_rng_log(2.0_dp) == log(2.0_dp), 'log(2)')
    x = 2.0_dp**(-53)
    do i = 1, 20000
      a = stilt_rng_log(x)
      b = log(x)
      if (abs(a - b) > 2.0_dp * spacing(b)) then
        write (*, '(a,es25.17,2es25.17)') 'FAIL log at ', x, a, b
        failures = failures + 1
        exit
      end if
      x = x * 1.00191_dp
    end do
  end subroutine check_log

  subroutine check_inverse_normal()
    ! Reference quantiles (Python statistics.NormalDist().inv_cdf, libm log; 1e-14 relative).
    call near(stilt_rng_inverse_normal(0.975_dp), 1.9599639845400536_dp, 'q(0.975)')
    call near(stilt_rng_inverse_normal(0.5_dp), 0.0_dp, 'q(0.5)')
    call near(stilt_rng_inverse_normal(0.05_dp), -1.6448536269514726_dp, 'q(0.05)')
    call near(stilt_rng_inverse_normal(1.0e-10_dp), -6.361340902404056_dp, 'q(1e-10)')
    call near(stilt_rng_inverse_normal(1.0e-300_dp), -37.0470962993612_dp, 'q(1e-300)')
  end subroutine check_inverse_normal

  subroutine near(got, expected, what)
    real(dp), intent(in) :: got, expected
    character(len=*), intent(in) :: what
    if (abs(got - expected) > 1.0e-14_dp * max(1.0_dp, abs(expected))) then
      write (*, '(a,a,2es25.17)') 'FAIL ', what, got, expected
      failures = failures + 1
    end if
  end subroutine near

  !> Streams: key from the seed, counter from (block, particle, simulation); chunk-free.
  subroutine check_streams()
    type(stilt_rng_stream) :: s, t
    integer(i8) :: x(4), p
    real(dp) :: a(4), b(4)

    s = stilt_rng_stream_of(-1_i8, -2_i8, 5_i8)
    call expect(s%k0 == ONES .and. s%k1 == ONES, 'seed -1 -> key all ones')
    call expect(s%c2 == ONES - 1 .and. s%c3 == ONES, 'simulation -2 -> words fffffffe ffffffff')
    call expect(s%c1 == 5, 'particle in counter word 1')
    s = stilt_rng_stream_of(int(z'0123456789abcdef', i8), 1_i8, 0_i8)
    call expect(s%k0 == int(z'89abcdef', i8) .and. s%k1 == int(z'01234567', i8), 'seed split low/high')

    ! Draws 2b and 2b+1 are the two word pairs of block b.
    s = stilt_rng_stream_of(9_i8, 4_i8, 11_i8)
    x = stilt_rng_philox([3_i8, 11_i8, 4_i8, 0_i8], [9_i8, 0_i8])
    call expect(stilt_rng_uniform(s, 6_i8) == stilt_rng_uniform_of_words(x(1), x(2)), 'draw 6 = block 3 words 0,1')
    call expect(stilt_rng_uniform(s, 7_i8) == stilt_rng_uniform_of_words(x(3), x(4)), 'draw 7 = block 3 words 2,3')
    call expect(stilt_rng_normal(s, 7_i8) == stilt_rng_inverse_normal(stilt_rng_uniform(s, 7_i8)), &
        'normal draw = quantile of uniform draw')

    ! Different particles, simulations and seeds give different draws.
    s = stilt_rng_stream_of(1_i8, 1_i8, 0_i8)
    do p = 1, 200
      t = stilt_rng_stream_of(1_i8, 1_i8, p)
      if (stilt_rng_uniform(s, 0_i8) == stilt_rng_uniform(t, 0_i8)) call expect(.false., 'particles differ')
    end do
    a = stilt_rng_uniform(stilt_rng_stream_of(1_i8, 1_i8, 0_i8), [0_i8, 1_i8, 2_i8, 3_i8])
    b = stilt_rng_uniform(stilt_rng_stream_of(1_i8, 2_i8, 0_i8), [0_i8, 1_i8, 2_i8, 3_i8])
    call expect(all(a /= b), 'simulations differ')
    b = stilt_rng_uniform(stilt_rng_stream_of(2_i8, 1_i8, 0_i8), [0_i8, 1_i8, 2_i8, 3_i8])
    call expect(all(a /= b), 'seeds differ')
    ! Elemental over particles equals one particle at a time.
    a = stilt_rng_normal(stilt_rng_stream_of(5_i8, 6_i8, [0_i8, 1_i8, 2_i8, 3_i8]), 17_i8)
    call expect(a(3) == stilt_rng_normal(stilt_rng_stream_of(5_i8, 6_i8, 2_i8), 17_i8), 'elemental over particles')
  end subroutine check_streams

  !> The block cache gives the uncached draws, in order, backwards, jumping, and after a reset for
  !! another stream (the caller resets it when the stream changes).
  subroutine check_cache()
    type(stilt_rng_stream) :: s, t
    type(stilt_rng_cache) :: c
    integer(i8) :: d, order(12)
    real(dp) :: u, z
    integer :: i
    s = stilt_rng_stream_of(77_i8, 3_i8, 12_i8)
    t = stilt_rng_stream_of(77_i8, 3_i8, 13_i8)
    c%block = -1_i8
    do d = 0_i8, 40_i8
      call stilt_rng_uniform_cached(s, c, d, u)
      if (u /= stilt_rng_uniform(s, d)) call expect(.false., 'cached uniform = uniform, in order')
      call stilt_rng_normal_cached(s, c, d, z)
      if (z /= stilt_rng_normal(s, d)) call expect(.false., 'cached normal = normal, in order')
    end do
    order = [9_i8, 8_i8, 8_i8, 3_i8, 2_i8, 100_i8, 101_i8, 0_i8, 7_i8, 6_i8, 5_i8, 4_i8]
    do i = 1, size(order)
      call stilt_rng_uniform_cached(s, c, order(i), u)
      if (u /= stilt_rng_uniform(s, order(i))) call expect(.false., 'cached uniform = uniform, any order')
    end do
    c%block = -1_i8
    call stilt_rng_uniform_cached(t, c, 4_i8, u)
    call expect(u == stilt_rng_uniform(t, 4_i8) .and. u /= stilt_rng_uniform(s, 4_i8), 'reset for another stream')
  end subroutine check_cache

  !> Bit patterns computed by the Java twin (org.stilt.core.rng.RngMath and ParticleStream; the
  !! same list is checked in Java by RngGoldenTest): both AS 241 tail branches, the logarithm
  !! from the smallest normal number to 1e300, and a stream at the largest indices.
  subroutine check_golden()
    call bits(stilt_rng_inverse_normal(transfer(int(z'3ca0000000000000', i8), &
        1.0_dp)), -4602560860805862831_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'01a56e1fc2f8f359', i8), &
        1.0_dp)), -4592961304261246354_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3d719799812dea11', i8), &
        1.0_dp)), -4603765893743795414_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3dc07e1fe91b0b70', i8), &
        1.0_dp)), -4604318424772177099_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3ee4f8b588e368f1', i8), &
        1.0_dp)), -4606884178279816230_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3f947ae147ae147b', i8), &
        1.0_dp)), -4611564986640441381_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3fd3333333333333', i8), &
        1.0_dp)), -4620473437402249734_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3fe0000000000001', i8), &
        1.0_dp)), 4374136063631173383_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3fef0a3d70a3d70a', i8), &
        1.0_dp)), 4611149160565477694_i8, 'q')
    call bits(stilt_rng_inverse_normal(transfer(int(z'3fefffffffffffff', i8), &
        1.0_dp)), 4620811176048912977_i8, 'q')
    call bits(stilt_rng_log(transfer(int(z'0010000000000000', i8), &
        1.0_dp)), -4573929700241785646_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'01a56e1fc2f8f359', i8), &
        1.0_dp)), -4574084695234936907_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'3fb3333333333333', i8), &
        1.0_dp)), -4610356854934212472_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'3fe6666666666666', i8), &
        1.0_dp)), -4623275132358410416_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'3ff4cccccccccccd', i8), &
        1.0_dp)), 4598397954332670429_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'40c81cd6c8b43958', i8), &
        1.0_dp)), 4621493204086758961_i8, 'log')
    call bits(stilt_rng_log(transfer(int(z'7e37e43c8800759c', i8), &
        1.0_dp)), 4649287341619838901_i8, 'log')
    call bits(stilt_rng_normal(stilt_rng_stream_of(-5_i8, 99_i8, 4000000001_i8), 0_i8), &
        4607873574022586640_i8, 'stream')
    call bits(stilt_rng_normal(stilt_rng_stream_of(-5_i8, 99_i8, 4000000001_i8), 1_i8), &
        -4615218563787504582_i8, 'stream')
    call bits(stilt_rng_normal(stilt_rng_stream_of(-5_i8, 99_i8, 4000000001_i8), 8589934591_i8), &
        -4617974764953105118_i8, 'stream')
  end subroutine check_golden

  subroutine bits(got, expected, what)
    real(dp), intent(in) :: got
    integer(i8), intent(in) :: expected
    character(len=*), intent(in) :: what
    if (transfer(got, 0_i8) /= expected) then
      write (*, '(a,a,a,z16.16,a,z16.16)') 'FAIL golden ', what, ': got ', transfer(got, 0_i8), ' expected ', expected
      failures = failures + 1
    end if
  end subroutine bits

end program test_rng
