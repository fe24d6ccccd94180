import Foundation
import Testing

/// Full-scale and exhaustive suites run only with `ROUTERBENCH_SLOW=1` (`make test-all`), so `make test` stays
/// within its time budget; each gated test has a faster sibling in the default run.
enum SlowTests {
  static var enabled: Bool { ProcessInfo.processInfo.environment["ROUTERBENCH_SLOW"] == "1" }
  static let reason: Comment = "full-scale/exhaustive: run with ROUTERBENCH_SLOW=1 (make test-all)"
}
