/// Errors raised by BenchCore, each with the context needed to act on it.
public enum BenchCoreError: Error, Sendable, Hashable, CustomStringConvertible {
  case missingSplit(String)
  case invalidArgument(String)
  case emptySelection(String)

  public var description: String {
    switch self {
    case .missingSplit(let s): "the benchmark has no stored split '\(s)'; run `routerbench import` (it stores the split)"
    case .invalidArgument(let m): m
    case .emptySelection(let m): "nothing to evaluate: \(m)"
    }
  }
}
