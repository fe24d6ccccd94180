// libcsv (Debian: libcsv-dev), a small, fast, RFC 4180 CSV/TSV parser in C.
#include <csv.h>
