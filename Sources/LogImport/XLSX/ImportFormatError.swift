/// The file-format readers (XLSX, shared strings, the tiktoken vocabulary, aggregate score files) throw LogImport's
/// one error type, `ImportError`, with file, part (inside an archive), row and column. This name is kept for
/// readability at their throw sites.
public typealias ImportFormatError = ImportError
