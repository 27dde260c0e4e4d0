!> The one bind(C) module: every entry point of libstilt_hysplit.so. Each is a thin adapter that
!! checks arguments and calls pure Fortran modules, which know nothing about C.
!!
!! Conventions for every entry point: scalars by value; arrays explicit-shape with their extents
!! passed first; indices 0-based as in C and Java; the result is a status code from
!! `stilt_status`, and for a non-zero status a NUL-terminated message (truncated to fit) is
!! written into the caller's buffer `msg(msg_len)`. On success `msg(1)` is set to NUL. Nothing
!! here stops, prints, opens files, allocates or keeps state: all entry points are reentrant.
module stilt_capi
  use, intrinsic :: iso_c_binding, only: c_char, c_double, c_int, c_null_char
  use stilt_status, only: STILT_OK, STILT_ERR_ARGUMENT, STILT_N_STATUS
  use stilt_footprint, only: stilt_footprint_accumulate
  use stilt_text, only: stilt_text_append, stilt_text_append_int
  implicit none
  private
  public :: stilt_abi_version, stilt_status_count, stilt_footprint_spread

  !> Bumped whenever an entry point is added, removed or changes its signature or semantics; Java
  !! requires an exact match, so it refuses both older and newer libraries.
  !! History: 1 = stilt_abi_version, stilt_status_count; 2 = + stilt_footprint_spread.
  integer(c_int), parameter :: ABI_VERSION = 2

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
