!> Text helpers for status messages, written without Fortran I/O or string intrinsics that need
!! the runtime library.
!!
!! Internal `write`, `trim` and `//` on variable strings call into libgfortran, whose I/O and
!! error units cannot be linked statically into a shared object (its thread-local state is not
!! position independent) and carry process-wide state the kernel has no use for. These helpers
!! only copy characters. Pure and reentrant.
module stilt_text
  use stilt_kinds, only: ip
  implicit none
  private
  public :: stilt_text_append, stilt_text_append_int

contains

  !> Appends `piece` to `buf(1:used)` and advances `used`; characters that do not fit are dropped.
  pure subroutine stilt_text_append(buf, used, piece)
    character(len=*), intent(inout) :: buf     !! text being built
    integer, intent(inout) :: used             !! characters of `buf` in use
    character(len=*), intent(in) :: piece      !! text to append, taken in full (including blanks)

    integer :: i

    do i = 1, len(piece)
      if (used >= len(buf)) return
      used = used + 1
      buf(used:used) = piece(i:i)
    end do
  end subroutine stilt_text_append

  !> Appends the decimal representation of `value` (like format `i0`) to `buf(1:used)`.
  pure subroutine stilt_text_append_int(buf, used, value)
    character(len=*), intent(inout) :: buf     !! text being built
    integer, intent(inout) :: used             !! characters of `buf` in use
    integer(ip), intent(in) :: value           !! value to format

    character(len=11) :: digits                ! reversed; "-2147483648" has 11 characters
    integer :: nd, k
    integer(ip) :: q

    ! Work with a non-positive value so that -huge(value)-1 needs no special case.
    q = value
    if (q > 0) q = -q
    nd = 0
    do
      nd = nd + 1
      digits(nd:nd) = achar(iachar('0') - int(mod(q, 10_ip)))
      q = q / 10_ip
      if (q == 0) exit
    end do
    if (value < 0) call stilt_text_append(buf, used, '-')
    do k = nd, 1, -1
      call stilt_text_append(buf, used, digits(k:k))
    end do
  end subroutine stilt_text_append_int

end module stilt_text
