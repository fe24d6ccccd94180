// The BenchStore module. See docs/architecture.md for what it owns and may import.
public enum BenchStoreModule { public static let name = "BenchStore" }
