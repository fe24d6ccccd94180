// The Reports module. See docs/architecture.md for what it owns and may import.
public enum ReportsModule { public static let name = "Reports" }
