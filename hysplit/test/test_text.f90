!> Unit tests of stilt_text: message building without Fortran I/O.
program test_text
  use stilt_kinds, only: ip
  use stilt_text, only: stilt_text_append, stilt_text_append_int
  implicit none

  integer :: failures

  failures = 0
  call check_int(0_ip, '0')
  call check_int(7_ip, '7')
  call check_int(-45_ip, '-45')
  call check_int(1000_ip, '1000')
  call check_int(huge(0_ip), '2147483647')
  call check_int(-huge(0_ip) - 1_ip, '-2147483648')
  call check_truncation()
  if (failures > 0) then
    write (*, '(i0,a)') failures, ' failure(s) in test_text'
    error stop 1
  end if
  write (*, '(a)') 'test_text: all passed'

contains

  subroutine check_int(value, expected)
    integer(ip), intent(in) :: value
    character(len=*), intent(in) :: expected
    character(len=40) :: buf
    integer :: used

    used = 0
    call stilt_text_append(buf, used, 'v=')
    call stilt_text_append_int(buf, used, value)
    if (buf(1:used) /= 'v=' // expected) then
      write (*, '(a,i0,a,a,a)') 'FAIL int ', value, ': got "', buf(1:used), '"'
      failures = failures + 1
    end if
  end subroutine check_int

  subroutine check_truncation()
    character(len=5) :: buf
    integer :: used

    used = 0
    call stilt_text_append(buf, used, 'abc')
    call stilt_text_append_int(buf, used, -12345_ip)
    if (used /= 5 .or. buf /= 'abc-1') then
      write (*, '(a,i0,a,a,a)') 'FAIL truncation: used=', used, ' buf="', buf, '"'
      failures = failures + 1
    end if
  end subroutine check_truncation

end program test_text
