/// A dense row-major matrix. Quality and cost matrices are N samples × K models.
public struct Matrix<Element: Sendable & Hashable>: Sendable, Hashable {
  public let rows: Int
  public let columns: Int
  public var values: [Element]

  public init(rows: Int, columns: Int, values: [Element]) {
    precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  public init(rows: Int, columns: Int, repeating value: Element) {
    self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
  }

  @inlinable public subscript(row: Int, column: Int) -> Element {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// One row as an array slice (no copy of the storage until mutated).
  @inlinable public func row(_ r: Int) -> ArraySlice<Element> { values[(r * columns)..<((r + 1) * columns)] }

  /// The sub-matrix of the given rows, in that order.
  public func selecting(rows indices: [Int]) -> Matrix {
    var out: [Element] = []
    out.reserveCapacity(indices.count * columns)
    for r in indices { out.append(contentsOf: row(r)) }
    return Matrix(rows: indices.count, columns: columns, values: out)
  }
}
