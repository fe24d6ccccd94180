// Intel ISA-L (Debian: libisal-dev): raw-deflate inflation, with the CRC-32 of the output computed as it is
// produced, and CRC-32 for stored parts, for the ZIP parts of xlsx workbooks and .npz files. Its inflate runs 3-4x
// zlib 1.2.13's inflate + crc32 on sheet XML (docs/importing.md, "Archives").
#include <isa-l/igzip_lib.h>
#include <isa-l/crc.h>
