#include "CFuzzerShim.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

static RouterBenchFuzzCallback installed;

// `-sanitize=fuzzer` links all of libFuzzer, whose own `main` (unused: SwiftPM's `--defsym main=<module>_main`
// wins, see run.sh's --allow-multiple-definition) refers to this symbol; it forwards to the target's callback.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return installed ? installed(data, size) : 0; }

int routerbench_fuzz_run_driver(int *argc, char ***argv, RouterBenchFuzzCallback callback) {
  installed = callback;
  return LLVMFuzzerRunDriver(argc, argv, callback);
}
