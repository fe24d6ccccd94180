/// A minimal Apache Parquet **writer** for a table of required UTF-8 string columns — enough for the release's
/// `data/registry/meta.parquet` (`sample_id, dataset, split, task`), which the reference loaders read with
/// `pandas.read_parquet`. (Reading Parquet is not supported: real files use dictionary and RLE/bit-packed
/// encodings and Snappy or Zstandard compression, and no maintained Parquet reader for Swift on Linux exists.)
///
/// The file is Parquet format 1 (parquet-format 2.x metadata): `PAR1`, one row group with one uncompressed
/// `DATA_PAGE` per column in `PLAIN` encoding (a 4-byte little-endian length before each value; no definition or
/// repetition levels, the columns being `REQUIRED`), the `FileMetaData` footer in Thrift's compact protocol, its
/// length, `PAR1`. Field ids follow `parquet.thrift`.
struct ParquetTable {
  var columns: [(name: String, values: [String])]

  func encoded() -> [UInt8] {
    let rows = columns.first?.values.count ?? 0
    precondition(columns.allSatisfy { $0.values.count == rows }, "ParquetTable: columns of different lengths")
    var out: [UInt8] = Array("PAR1".utf8)
    var chunks: [[UInt8]] = []
    var totalBytes: Int64 = 0
    for column in columns {
      var page: [UInt8] = []
      for v in column.values {
        let utf8 = Array(v.utf8)
        page += withUnsafeBytes(of: UInt32(utf8.count).littleEndian, Array.init)
        page += utf8
      }
      // PageHeader: type DATA_PAGE (0), sizes, DataPageHeader(num_values, PLAIN, RLE, RLE).
      var header = Thrift()
      header.i32(1, 0)
      header.i32(2, Int32(page.count))
      header.i32(3, Int32(page.count))
      header.beginStruct(5)
      header.i32(1, Int32(rows))
      header.i32(2, 0)
      header.i32(3, 3)
      header.i32(4, 3)
      header.endStruct()
      header.stop()
      let offset = Int64(out.count)
      out += header.bytes
      out += page
      let size = Int64(header.bytes.count + page.count)
      totalBytes += size
      // ColumnChunk: file_offset, ColumnMetaData.
      var chunk = Thrift()
      chunk.i64(2, offset)
      chunk.beginStruct(3)
      chunk.i32(1, 6)                               // type BYTE_ARRAY
      chunk.list(2, elementType: .i32, count: 1) { $0.varint(zigzag(0)) }   // encodings [PLAIN]
      chunk.list(3, elementType: .binary, count: 1) { $0.binary(Array(column.name.utf8)) }
      chunk.i32(4, 0)                               // codec UNCOMPRESSED
      chunk.i64(5, Int64(rows))
      chunk.i64(6, size)
      chunk.i64(7, size)
      chunk.i64(9, offset)                          // data_page_offset
      chunk.endStruct()
      chunk.stop()
      chunks.append(chunk.bytes)
    }
    // FileMetaData.
    var meta = Thrift()
    meta.i32(1, 1)                                  // version
    meta.list(2, elementType: .structure, count: columns.count + 1) { l in
      var root = Thrift()
      root.binaryField(4, Array("schema".utf8))
      root.i32(5, Int32(columns.count))
      root.stop()
      l.raw(root.bytes)
      for c in columns {
        var e = Thrift()
        e.i32(1, 6)                                 // BYTE_ARRAY
        e.i32(3, 0)                                 // REQUIRED
        e.binaryField(4, Array(c.name.utf8))
        e.i32(6, 0)                                 // converted_type UTF8
        e.beginStruct(10)                           // logicalType: STRING (field 1, an empty struct)
        e.beginStruct(1)
        e.endStruct()
        e.endStruct()
        e.stop()
        l.raw(e.bytes)
      }
    }
    meta.i64(3, Int64(rows))
    meta.list(4, elementType: .structure, count: 1) { l in
      var group = Thrift()
      group.list(1, elementType: .structure, count: chunks.count) { cl in for c in chunks { cl.raw(c) } }
      group.i64(2, totalBytes)
      group.i64(3, Int64(rows))
      group.stop()
      l.raw(group.bytes)
    }
    meta.binaryField(6, Array("RouterBench".utf8))  // created_by
    meta.stop()
    out += meta.bytes
    out += withUnsafeBytes(of: UInt32(meta.bytes.count).littleEndian, Array.init)
    out += Array("PAR1".utf8)
    return out
  }
}

func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }

/// Thrift compact-protocol encoding of the few types Parquet's metadata needs.
struct Thrift {
  enum FieldType: UInt8 {
    case i32 = 5, i64 = 6, binary = 8, list = 9, structure = 12
  }

  var bytes: [UInt8] = []
  /// The last field id of each open struct (field headers carry the delta).
  var lastField: [Int16] = [0]

  mutating func varint(_ v: UInt64) {
    var x = v
    while x >= 0x80 {
      bytes.append(UInt8(x & 0x7F) | 0x80)
      x >>= 7
    }
    bytes.append(UInt8(x))
  }

  mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
    let delta = id - lastField[lastField.count - 1]
    if delta > 0 && delta <= 15 {
      bytes.append(UInt8(delta) << 4 | type.rawValue)
    } else {
      bytes.append(type.rawValue)
      varint(zigzag(Int64(id)))
    }
    lastField[lastField.count - 1] = id
  }

  mutating func i32(_ id: Int16, _ v: Int32) {
    fieldHeader(id, .i32)
    varint(zigzag(Int64(v)))
  }

  mutating func i64(_ id: Int16, _ v: Int64) {
    fieldHeader(id, .i64)
    varint(zigzag(v))
  }

  mutating func binary(_ b: [UInt8]) {
    varint(UInt64(b.count))
    bytes += b
  }

  mutating func binaryField(_ id: Int16, _ b: [UInt8]) {
    fieldHeader(id, .binary)
    binary(b)
  }

  mutating func beginStruct(_ id: Int16) {
    fieldHeader(id, .structure)
    lastField.append(0)
  }

  mutating func endStruct() {
    bytes.append(0)
    lastField.removeLast()
  }

  /// The end of the outermost struct.
  mutating func stop() { bytes.append(0) }

  mutating func raw(_ b: [UInt8]) { bytes += b }

  /// A list field; `body` writes `count` elements (structs as complete, stopped encodings via `raw`).
  mutating func list(_ id: Int16, elementType: FieldType, count: Int, _ body: (inout Thrift) -> Void) {
    fieldHeader(id, .list)
    if count < 15 {
      bytes.append(UInt8(count) << 4 | elementType.rawValue)
    } else {
      bytes.append(0xF0 | elementType.rawValue)
      varint(UInt64(count))
    }
    var inner = Thrift()
    body(&inner)
    bytes += inner.bytes
  }
}
