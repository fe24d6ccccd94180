// OpenBLAS (Debian: libopenblas-dev): CBLAS for dense float kernels, plus the LAPACK routines
// CurveFit needs (OpenBLAS exports the Fortran LAPACK symbols; we declare the few we call).
#include <cblas.h>

/// LAPACK double-precision singular value decomposition (Fortran calling convention).
void dgesvd_(const char *jobu, const char *jobvt, const int *m, const int *n, double *a, const int *lda,
             double *s, double *u, const int *ldu, double *vt, const int *ldvt, double *work,
             const int *lwork, int *info);
