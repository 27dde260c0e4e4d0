!> Kind parameters shared by every module of the kernel.
module stilt_kinds
  use, intrinsic :: iso_c_binding, only: c_double, c_int, c_int64_t
  implicit none
  private

  !> Working real kind: IEEE double, identical to Java's double.
  integer, parameter, public :: dp = c_double
  !> Default integer kind at the C boundary.
  integer, parameter, public :: ip = c_int
  !> 64-bit integer kind for sizes and offsets.
  integer, parameter, public :: i8 = c_int64_t
end module stilt_kinds
