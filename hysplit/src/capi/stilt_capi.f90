!> The one bind(C) module: every entry point of libstilt_hysplit.so. Each is a thin adapter that
!! checks arguments and calls pure Fortran modules, which know nothing about C.
module stilt_capi
  use, intrinsic :: iso_c_binding, only: c_int
  use stilt_status, only: STILT_N_STATUS
  implicit none
  private
  public :: stilt_abi_version, stilt_status_count

  !> Bumped on every incompatible change of any entry point; Java refuses a mismatched library.
  integer(c_int), parameter :: ABI_VERSION = 1

contains

  !> ABI version of this library.
  integer(c_int) function stilt_abi_version() result(v) bind(C, name="stilt_abi_version")
    v = ABI_VERSION
  end function stilt_abi_version

  !> Number of status codes (STILT_OK .. STILT_ERR_INTERNAL), for Java's mapping check.
  integer(c_int) function stilt_status_count() result(n) bind(C, name="stilt_status_count")
    n = STILT_N_STATUS
  end function stilt_status_count

end module stilt_capi
