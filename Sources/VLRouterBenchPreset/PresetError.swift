/// The one error of this module: a preset resource that is missing or not what it must be.
///
/// It names the resource file, the 1-based line and the 1-based character column where the problem starts, and
/// the CSV column's header name when there is one, e.g.
/// `models.csv:5:42 (input_usd_per_1m): 'O.10' is not a number`.
public struct PresetError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The resource's file name (`datasets.csv`, `models.csv`, `table2.csv`, `tables-a1-a6.csv`).
  public var file: String
  /// 1-based line; nil when the problem is the file as a whole (missing, or a row that should be there is not).
  public var line: Int?
  /// 1-based character column of the offending field (or character); nil with `line` nil.
  public var column: Int?
  /// The header name of the offending field, when known.
  public var field: String?
  public var message: String

  public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let column { place += ":\(column)" }
    if let field { place += " (\(field))" }
    return place + ": " + message
  }
}
