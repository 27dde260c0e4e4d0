!> Status codes returned by every bind(C) entry point. Mirrored by Java's KernelStatus enum;
!! a test checks the mapping both ways through stilt_status_count().
module stilt_status
  use, intrinsic :: iso_c_binding, only: c_int
  implicit none
  private

  integer(c_int), parameter, public :: STILT_OK = 0            !! success
  integer(c_int), parameter, public :: STILT_ERR_ARGUMENT = 1  !! invalid argument (size, range, NaN)
  integer(c_int), parameter, public :: STILT_ERR_DOMAIN = 2    !! outside the grid or met domain
  integer(c_int), parameter, public :: STILT_ERR_NUMERIC = 3   !! numerical failure (overflow, NaN produced)
  integer(c_int), parameter, public :: STILT_ERR_INTERNAL = 4  !! broken invariant of the kernel itself
  integer(c_int), parameter, public :: STILT_N_STATUS = 5      !! number of codes above
end module stilt_status
