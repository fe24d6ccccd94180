// The BenchCore module. See docs/architecture.md for what it owns and may import.
public enum BenchCoreModule { public static let name = "BenchCore" }
