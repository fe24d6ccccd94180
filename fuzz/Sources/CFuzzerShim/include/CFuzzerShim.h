// libFuzzer's driver entry, for fuzz targets that SwiftPM links as executables. SwiftPM renames an executable
// module's `main` to `<module>_main` and links with `--defsym main=<module>_main`, so libFuzzer's own `main` is
// never used (fuzz/run.sh links with --allow-multiple-definition): each target's main.swift starts the driver
// through this call instead (`FuzzSupport.runFuzzer`).
#ifndef ROUTERBENCH_CFUZZERSHIM_H
#define ROUTERBENCH_CFUZZERSHIM_H
#include <stddef.h>
#include <stdint.h>

typedef int (*RouterBenchFuzzCallback)(const uint8_t *data, size_t size);

/// Calls `LLVMFuzzerRunDriver(argc, argv, callback)` (libFuzzer, linked by `-sanitize=fuzzer`).
int routerbench_fuzz_run_driver(int *argc, char ***argv, RouterBenchFuzzCallback callback);

#endif
