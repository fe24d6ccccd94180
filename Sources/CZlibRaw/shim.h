// zlib (Debian: zlib1g-dev): raw-deflate inflation and CRC-32 for the ZIP parts of xlsx workbooks and .npz files.
#include <zlib.h>
