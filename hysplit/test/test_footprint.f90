!> Unit tests of stilt_footprint (kernel accumulation) and its C entry point
!! stilt_footprint_spread. Built with -fcheck=all; exits non-zero on the first failed group.
program test_footprint
  use, intrinsic :: iso_c_binding, only: c_char, c_int, c_double, c_null_char
  use, intrinsic :: ieee_arithmetic, only: ieee_value, ieee_quiet_nan, ieee_is_nan
  use stilt_kinds, only: dp, ip, i8
  use stilt_status, only: STILT_OK, STILT_ERR_ARGUMENT
  use stilt_footprint, only: stilt_footprint_accumulate
  use stilt_capi, only: stilt_footprint_spread
  implicit none

  integer :: failures

  failures = 0
  call test_interior_mass()
  call test_asymmetric_placement()
  call test_capi_zero_based()
  call test_edges_and_corners()
  call test_single_cell_grid()
  call test_one_by_one_kernel()
  call test_accumulation_order()
  call test_no_points()
  call test_nan_foot()
  call test_randomized()
  call test_argument_errors()
  if (failures > 0) then
    write (*, '(i0,a)') failures, ' failure(s) in test_footprint'
    error stop 1
  end if
  write (*, '(a)') 'test_footprint: all passed'

contains

  subroutine check(ok, what)
    logical, intent(in) :: ok
    character(len=*), intent(in) :: what
    if (.not. ok) then
      write (*, '(a,a)') 'FAIL: ', what
      failures = failures + 1
    end if
  end subroutine check

  !> Distinct weights: element (i, j) = i + 100*j, so a swapped axis shows up at once.
  subroutine distinct_kernel(kx, ky, kernel)
    integer(ip), intent(in) :: kx, ky
    real(dp), intent(out) :: kernel(kx, ky)
    integer :: i, j
    do j = 1, ky
      do i = 1, kx
        kernel(i, j) = real(i, dp) + 100.0_dp * real(j, dp)
      end do
    end do
  end subroutine distinct_kernel

  !> Straightforward reference: every kernel element of every point, bounds-checked one by one,
  !! points in order (so the summation order per cell matches the kernel's).
  subroutine reference(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot)
    integer(ip), intent(in) :: nx, ny, kx, ky, n
    real(dp), intent(inout) :: grid(nx, ny)
    real(dp), intent(in) :: kernel(kx, ky), foot(n)
    integer(ip), intent(in) :: ix(n), iy(n)   ! 1-based
    integer :: p, i, j
    integer(i8) :: gx, gy
    do p = 1, n
      do j = 1, ky
        do i = 1, kx
          gx = int(ix(p), i8) + int(i - (kx + 1) / 2, i8)
          gy = int(iy(p), i8) + int(j - (ky + 1) / 2, i8)
          if (gx >= 1 .and. gx <= nx .and. gy >= 1 .and. gy <= ny) then
            grid(gx, gy) = grid(gx, gy) + foot(p) * kernel(i, j)
          end if
        end do
      end do
    end do
  end subroutine reference

  subroutine test_interior_mass()
    integer(ip), parameter :: nx = 30, ny = 20, kx = 5, ky = 3, n = 3
    real(dp) :: grid(nx, ny), kernel(kx, ky), foot(n)
    integer(ip) :: ix(n), iy(n)
    grid = 0
    call distinct_kernel(kx, ky, kernel)
    ix = [4, 15, 27]
    iy = [2, 10, 19]
    foot = [0.5_dp, 2.0_dp, 1.25_dp]
    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, 1_ip)
    call check(abs(sum(grid) - sum(foot) * sum(kernel)) <= 1e-12_dp * sum(foot) * sum(kernel), &
        'interior mass: sum(grid) = sum(foot) * sum(kernel)')
  end subroutine test_interior_mass

  !> Non-square, asymmetric kernels land with their first axis along x.
  subroutine test_asymmetric_placement()
    call placement(5_ip, 3_ip)
    call placement(3_ip, 7_ip)
  end subroutine test_asymmetric_placement

  subroutine placement(kx, ky)
    integer(ip), intent(in) :: kx, ky
    integer(ip), parameter :: nx = 20, ny = 15
    real(dp) :: grid(nx, ny), kernel(kx, ky), expected
    integer :: gx, gy, i, j
    character(len=80) :: label
    grid = 0
    call distinct_kernel(kx, ky, kernel)
    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, 1_ip, [10_ip], [8_ip], [2.0_dp], 1_ip)
    write (label, '(a,i0,a,i0)') 'placement of a kernel kx=', kx, ', ky=', ky
    do gy = 1, ny
      do gx = 1, nx
        i = gx - 10 + (kx + 1) / 2
        j = gy - 8 + (ky + 1) / 2
        expected = 0
        if (i >= 1 .and. i <= kx .and. j >= 1 .and. j <= ky) expected = 2.0_dp * kernel(i, j)
        call check(grid(gx, gy) == expected, trim(label))
      end do
    end do
    ! Element (kx, 1): the last column of the first row goes right of and below the point.
    call check(grid(10 + (kx - 1) / 2, 8 - (ky - 1) / 2) == 2.0_dp * kernel(kx, 1), trim(label) // ' corner')
  end subroutine placement

  !> The C entry point takes 0-based indices and gives the same grid as the 1-based module call.
  subroutine test_capi_zero_based()
    integer(c_int), parameter :: nx = 12, ny = 9, kx = 5, ky = 3, n = 4
    real(c_double) :: grid(nx, ny), want(nx, ny), kernel(kx, ky), foot(n)
    integer(c_int) :: ix(n), iy(n), status
    character(kind=c_char) :: msg(64)
    call distinct_kernel(kx, ky, kernel)
    ix = [1, 6, 12, 0]
    iy = [1, 5, 9, 3]
    foot = [1.0_dp, 0.25_dp, 3.0_dp, 0.5_dp]
    want = 0
    call reference(nx, ny, want, kx, ky, kernel, n, ix, iy, foot)
    grid = 0
    msg = 'X'
    status = stilt_footprint_spread(nx, ny, grid, kx, ky, kernel, n, ix - 1, iy - 1, foot, msg, 64)
    call check(status == STILT_OK, 'capi: status OK')
    call check(msg(1) == c_null_char, 'capi: empty message on success')
    call check(all(grid == want), 'capi: 0-based indices match the 1-based reference')
  end subroutine test_capi_zero_based

  !> Points on and beyond every edge and corner: only the overlapping part is added, nothing wraps.
  subroutine test_edges_and_corners()
    integer(ip), parameter :: nx = 9, ny = 7, kx = 5, ky = 3
    integer(ip), parameter :: npos = 17
    integer(ip) :: xs(npos), ys(npos)
    real(dp) :: grid(nx, ny), want(nx, ny), kernel(kx, ky)
    integer :: k
    character(len=80) :: label
    call distinct_kernel(kx, ky, kernel)
    !      corners          edges (middle)      just outside         far outside / extremes
    xs = [1, nx, 1, nx,     5, 5, 1, nx,        0, nx + 1, 5, 5,     -2, nx + 3, -1000, huge(0_ip), -huge(0_ip) - 1]
    ys = [1, 1, ny, ny,     1, ny, 4, 4,        4, 4, 0, ny + 1,     4, 4, 4, huge(0_ip), -huge(0_ip) - 1]
    do k = 1, npos
      grid = 0
      want = 0
      call reference(nx, ny, want, kx, ky, kernel, 1_ip, xs(k:k), ys(k:k), [1.5_dp])
      call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, 1_ip, xs(k:k), ys(k:k), [1.5_dp], 1_ip)
      write (label, '(a,i0,a,i0,a)') 'clipping of a point at (', xs(k), ', ', ys(k), ')'
      call check(all(grid == want), trim(label))
    end do
    ! Corner (1, 1): exactly the upper-right 3x2 block of the kernel remains.
    grid = 0
    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, 1_ip, [1_ip], [1_ip], [1.0_dp], 1_ip)
    call check(sum(grid) == sum(kernel(3:5, 2:3)), 'corner (1,1) keeps kernel(3:5, 2:3)')
    ! Just outside on the left (x = 0): only kernel columns 3.. beyond the point reach x = 1, 2.
    grid = 0
    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, 1_ip, [0_ip], [4_ip], [1.0_dp], 1_ip)
    call check(all(grid(1:2, 3:5) == kernel(4:5, 1:3)) .and. sum(grid) == sum(kernel(4:5, :)), &
        'point left of the grid contributes kernel(4:5, :) to columns 1:2')
    ! Far outside and the integer extremes add nothing.
    grid = 0
    call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, 3_ip, [-3_ip, huge(0_ip), -huge(0_ip) - 1], &
        [4_ip, huge(0_ip), 4_ip], [1.0_dp, 1.0_dp, 1.0_dp], 1_ip)
    call check(all(grid == 0), 'points beyond the kernel reach add nothing')
  end subroutine test_edges_and_corners

  subroutine test_single_cell_grid()
    real(dp) :: grid(1, 1), kernel(3, 5)
    call distinct_kernel(3_ip, 5_ip, kernel)
    grid = 1
    call stilt_footprint_accumulate(1_ip, 1_ip, grid, 3_ip, 5_ip, kernel, 1_ip, [1_ip], [1_ip], [2.0_dp], 1_ip)
    call check(grid(1, 1) == 1 + 2 * kernel(2, 3), 'single-cell grid receives the kernel centre')
  end subroutine test_single_cell_grid

  subroutine test_one_by_one_kernel()
    real(dp) :: grid(4, 3)
    grid = 0
    call stilt_footprint_accumulate(4_ip, 3_ip, grid, 1_ip, 1_ip, [0.5_dp], 3_ip, [4_ip, 1_ip, 5_ip], &
        [3_ip, 1_ip, 1_ip], [2.0_dp, 4.0_dp, 8.0_dp], 1_ip)
    call check(grid(4, 3) == 1 .and. grid(1, 1) == 2 .and. sum(grid) == 3, '1x1 kernel: one cell per point, outside dropped')
  end subroutine test_one_by_one_kernel

  !> Many points in one cell accumulate in point order (exact against the sequential sum).
  subroutine test_accumulation_order()
    integer(ip), parameter :: n = 5
    real(dp) :: grid(3, 3), foot(n), expected
    integer :: p
    foot = [1.0_dp, 1e-17_dp, 1e-17_dp, -1.0_dp, 3.0_dp]
    grid = 0
    call stilt_footprint_accumulate(3_ip, 3_ip, grid, 1_ip, 1_ip, [1.0_dp], n, [2, 2, 2, 2, 2], [2, 2, 2, 2, 2], foot, 1_ip)
    expected = 0
    do p = 1, n
      expected = expected + foot(p)
    end do
    call check(grid(2, 2) == expected, 'same-cell points accumulate in point order')
    call check(grid(2, 2) == 3.0_dp, 'same-cell points: 1 + 1e-17 + 1e-17 - 1 + 3 rounds to 3 in order')
  end subroutine test_accumulation_order

  subroutine test_no_points()
    real(dp) :: grid(4, 4), foot(1)
    integer(ip) :: ix(1), iy(1)
    grid = 7
    ix = 2
    iy = 2
    foot = 1
    call stilt_footprint_accumulate(4_ip, 4_ip, grid, 1_ip, 1_ip, [1.0_dp], 0_ip, ix, iy, foot, 1_ip)
    call check(all(grid == 7), 'n = 0 leaves the grid untouched')
  end subroutine test_no_points

  !> NaN foot propagates to the cells its kernel covers (like Java), the rest is untouched.
  subroutine test_nan_foot()
    real(dp) :: grid(6, 5), kernel(3, 3), nan
    integer :: gx, gy
    logical :: covered
    nan = ieee_value(nan, ieee_quiet_nan)
    kernel = 1
    kernel(1, 1) = 0     ! NaN * 0 is NaN too
    grid = 0
    call stilt_footprint_accumulate(6_ip, 5_ip, grid, 3_ip, 3_ip, kernel, 1_ip, [2_ip], [2_ip], [nan], 1_ip)
    do gy = 1, 5
      do gx = 1, 6
        covered = gx <= 3 .and. gy <= 3
        if (covered) then
          call check(ieee_is_nan(grid(gx, gy)), 'NaN foot makes covered cells NaN')
        else
          call check(grid(gx, gy) == 0, 'NaN foot leaves other cells alone')
        end if
      end do
    end do
  end subroutine test_nan_foot

  !> Random shapes and points (many near or beyond the edges) against the reference, exactly.
  subroutine test_randomized()
    integer, parameter :: trials = 200
    integer :: t, seed_size, p
    integer, allocatable :: seed(:)
    real(dp) :: r(6)
    integer(ip) :: nx, ny, kx, ky, n
    real(dp), allocatable :: grid(:, :), want(:, :), kernel(:, :), foot(:)
    integer(ip), allocatable :: ix(:), iy(:)
    call random_seed(size=seed_size)
    allocate (seed(seed_size))
    seed = 12345
    call random_seed(put=seed)
    do t = 1, trials
      call random_number(r)
      nx = 1 + int(r(1) * 40)
      ny = 1 + int(r(2) * 40)
      kx = 1 + 2 * int(r(3) * 8)
      ky = 1 + 2 * int(r(4) * 8)
      n = int(r(5) * 30)
      allocate (grid(nx, ny), want(nx, ny), kernel(kx, ky), foot(n), ix(n), iy(n))
      call random_number(kernel)
      call random_number(foot)
      do p = 1, n
        call random_number(r)
        ix(p) = int(r(1) * (nx + 2 * kx)) - kx + 1
        iy(p) = int(r(2) * (ny + 2 * ky)) - ky + 1
      end do
      call random_number(grid)
      want = grid
      call reference(nx, ny, want, kx, ky, kernel, n, ix, iy, foot)
      call stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, 1_ip)
      call check(all(grid == want), 'randomized comparison with the reference loop')
      deallocate (grid, want, kernel, foot, ix, iy)
    end do
  end subroutine test_randomized

  !> Invalid sizes return STILT_ERR_ARGUMENT, leave the grid alone and explain in the buffer.
  subroutine test_argument_errors()
    call expect_error(0, 4, 3, 3, 1, 64, 'grid size must be positive (nx=0, ny=4)')
    call expect_error(5, -3, 3, 3, 1, 64, 'grid size must be positive (nx=5, ny=-3)')
    call expect_error(5, 4, 2, 3, 1, 64, 'kernel sizes must be odd and positive (kx=2, ky=3)')
    call expect_error(5, 4, 3, 0, 1, 64, 'kernel sizes must be odd and positive (kx=3, ky=0)')
    call expect_error(5, 4, -1, 3, 1, 64, 'kernel sizes must be odd and positive (kx=-1, ky=3)')
    call expect_error(5, 4, 3, 3, -1, 64, 'point count must not be negative (n=-1)')
    ! A short buffer truncates and still terminates; msg_len = 0 writes nothing.
    call expect_error(5, 4, 2, 3, 1, 10, 'kernel si')
    call expect_error(5, 4, 2, 3, 1, 1, '')
    call expect_error(5, 4, 2, 3, 1, 0, 'untouched')
  end subroutine test_argument_errors

  subroutine expect_error(nx, ny, kx, ky, n, msg_len, expected)
    integer(c_int), intent(in) :: nx, ny, kx, ky, n, msg_len
    character(len=*), intent(in) :: expected
    real(c_double) :: grid(40), kernel(40), foot(4)
    integer(c_int) :: ix(4), iy(4), status
    character(kind=c_char) :: msg(64)
    character(len=64) :: text
    integer :: i
    grid = 3
    kernel = 1
    foot = 1
    ix = 1
    iy = 1
    msg = 'X'
    status = stilt_footprint_spread(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, msg, msg_len)
    call check(status == STILT_ERR_ARGUMENT, 'status STILT_ERR_ARGUMENT for ' // expected)
    call check(all(grid == 3), 'grid untouched on error: ' // expected)
    if (msg_len == 0) then
      call check(all(msg == 'X'), 'msg_len = 0: buffer untouched')
      return
    end if
    text = ' '
    i = 0
    do while (i < 64)
      if (msg(i + 1) == c_null_char) exit
      i = i + 1
      text(i:i) = msg(i)
    end do
    call check(i < msg_len, 'message NUL-terminated within msg_len: ' // expected)
    call check(text(1:i) == expected, 'message "' // text(1:i) // '" == "' // expected // '"')
    call check(all(msg(msg_len + 1:) == 'X'), 'nothing written past msg_len: ' // expected)
  end subroutine expect_error

end program test_footprint
