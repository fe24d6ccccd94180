// SHA-256 block compression with the x86 SHA extensions (SHA-NI), for BenchCore's `SHA256`.
// The portable Swift compression stays the reference and the fallback; this target only adds the accelerated
// path, chosen at run time (`csha256_has_sha_ni`).
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions, SSSE3 and SSE4.1 (CPUID leaf 7 EBX bit 29, leaf 1 ECX bits 9 and 19)
/// and this build targets x86-64; else 0 (the caller must then use its portable compression).
int csha256_has_sha_ni(void);

/// Compresses `blocks` 64-byte blocks at `data` into `state` (H0…H7, native-endian words, FIPS 180-4 order).
/// Only call when `csha256_has_sha_ni()` returned 1.
void csha256_compress_ni(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
