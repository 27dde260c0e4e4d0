!> Footprint kernel accumulation: the clean-room counterpart of R-STILT's `permute` step.
!!
!! Adds `foot(p) * kernel`, centred on the cell of each point, into an accumulation grid.
!! Axes are explicit and physical: the first dimension of both `grid(nx, ny)` and
!! `kernel(kx, ky)` runs along x (longitude or projected x), the second along y. Kernel element
!! `(i, j)` lands `i - (kx+1)/2` cells along x and `j - (ky+1)/2` cells along y from the point's
!! cell. (R-STILT applies the kernel's first axis to latitude, which is only equivalent for square
!! symmetric kernels.) Contributions that fall outside the grid are discarded; nothing wraps.
!!
!! Points are processed in order `p = 1, n` and each contributes at most once to a cell, so every
!! cell receives its terms in the same order as the Java reference (`JavaKernelSpreader`): the
!! results are bit-identical as long as multiply and add are not contracted (build with
!! `-ffp-contract=off`). Non-finite `foot` values propagate like any other value (NaN times a
!! weight is NaN); they are not an error.
!!
!! Knows nothing about C: argument checks and index conversion live in `stilt_capi`.
!! Pure, stateless and reentrant.
module stilt_footprint
  use stilt_kinds, only: dp, ip, i8
  implicit none
  private
  public :: stilt_footprint_accumulate

contains

  !> Adds `foot(p) * kernel` centred on cell `(ix(p), iy(p))` into `grid`, for `p = 1 .. n`.
  !!
  !! Preconditions (checked by the caller, not here): `nx, ny >= 1`; `kx, ky` odd and `>= 1`;
  !! `n >= 0`. Point indices are unrestricted: a point outside the grid still contributes the part
  !! of its kernel that overlaps the grid. Index arithmetic is done in 64 bits, so indices near
  !! the limits of `integer(ip)` cannot overflow.
  pure subroutine stilt_footprint_accumulate(nx, ny, grid, kx, ky, kernel, n, ix, iy, foot, &
      index_base)
    integer(ip), intent(in) :: nx                 !! grid cells along x
    integer(ip), intent(in) :: ny                 !! grid cells along y
    real(dp), intent(inout) :: grid(nx, ny)       !! accumulation grid, x fastest
    integer(ip), intent(in) :: kx                 !! kernel size along x (odd)
    integer(ip), intent(in) :: ky                 !! kernel size along y (odd)
    real(dp), intent(in) :: kernel(kx, ky)        !! kernel weights, x along the first axis
    integer(ip), intent(in) :: n                  !! number of points
    integer(ip), intent(in) :: ix(n)              !! x cell index of each point
    integer(ip), intent(in) :: iy(n)              !! y cell index of each point
    real(dp), intent(in) :: foot(n)               !! weight of each point
    integer(ip), intent(in) :: index_base         !! index of the first grid cell in `ix`/`iy` (0 from C, 1 from Fortran)

    integer(ip) :: p, i, j, ilo, ihi, jlo, jhi, dx, dy
    integer(i8) :: x0, y0
    real(dp) :: f

    do p = 1, n
      ! Grid cell (1-based) under kernel element (1, 1).
      x0 = int(ix(p), i8) - int(index_base, i8) + 1_i8 - int((kx - 1) / 2, i8)
      y0 = int(iy(p), i8) - int(index_base, i8) + 1_i8 - int((ky - 1) / 2, i8)
      ! Kernel element i lands on grid cell x0 + i - 1; keep 1 <= x0 + i - 1 <= nx.
      if (x0 > int(nx, i8) .or. x0 + int(kx, i8) - 1_i8 < 1_i8) cycle
      if (y0 > int(ny, i8) .or. y0 + int(ky, i8) - 1_i8 < 1_i8) cycle
      ilo = int(max(1_i8, 2_i8 - x0), ip)
      ihi = int(min(int(kx, i8), int(nx, i8) - x0 + 1_i8), ip)
      jlo = int(max(1_i8, 2_i8 - y0), ip)
      jhi = int(min(int(ky, i8), int(ny, i8) - y0 + 1_i8), ip)
      ! Within the overlap the offsets fit in integer(ip).
      dx = int(x0, ip) - 1
      dy = int(y0, ip) - 1
      f = foot(p)
      do j = jlo, jhi
        ! Contiguous along x in both arrays: the loop the compiler vectorises.
        do i = ilo, ihi
          grid(dx + i, dy + j) = grid(dx + i, dy + j) + f * kernel(i, j)
        end do
      end do
    end do
  end subroutine stilt_footprint_accumulate

end module stilt_footprint
