// The LogImport module. See docs/architecture.md for what it owns and may import.
public enum LogImportModule { public static let name = "LogImport" }
