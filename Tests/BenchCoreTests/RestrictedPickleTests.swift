import BenchCore
import Foundation
import Testing

/// The repository root (for the committed fixtures under scripts/fixtures/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

func bytes(_ hex: String) -> [UInt8] {
  var out: [UInt8] = []
  var it = hex.makeIterator()
  while let a = it.next(), let b = it.next() { out.append(UInt8(String([a, b]), radix: 16)!) }
  return out
}

/// `python3` on PATH, if any (interop checks skip without it).
let python3: URL? = {
  for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("python3")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  return nil
}()

/// Runs `python3 -c script args…`; returns (status, stdout+stderr).
func runPython(_ script: String, _ args: [String]) throws -> (Int32, String) {
  let p = Process()
  p.executableURL = python3!
  p.arguments = ["-c", script] + args
  let out = Pipe()
  p.standardOutput = out
  p.standardError = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct RestrictedPickleTests {
  @Test func readsWhatCPythonWritesForAListOfStr() throws {
    // Protocol 2/3 (BINUNICODE, BINPUT) and 4/5 (FRAME, SHORT_BINUNICODE, MEMOIZE), as pickletools.dis shows them.
    let p2 = bytes("80025d71002858080000004d4d537461722f3171015805000000475054346f71025802000000c3a9710358000000007104652e")
    let p3 = [0x80, 3] + p2.dropFirst(2)
    let p4 = bytes("80049520000000000000005d94288c084d4d537461722f31948c05475054346f948c02c3a9948c0094652e")
    let p5 = [0x80, 5] + p4.dropFirst(2)
    for (p, b) in [(2, p2), (3, Array(p3)), (4, p4), (5, Array(p5))] {
      #expect(try RestrictedPickle.strings(b, source: "p\(p)") == ["MMStar/1", "GPT4o", "é", ""], "protocol \(p)")
    }
    // ["a"] * 3 (one object three times: BINGET), and integers of every width (BININT1/2, BININT, LONG1).
    #expect(try RestrictedPickle.strings(bytes("8004950d000000000000005d94288c01619468016801652e"), source: "x") == ["a", "a", "a"])
    let ints = bytes("80049525000000000000005d94284b014d2c014a701101004afbffffff8a060000000000014affffffff8c017894652e")
    #expect(try RestrictedPickle.items(ints, source: "x") ==
            [.int(1), .int(300), .int(70000), .int(-5), .int(1 << 40), .int(-1), .string("x")])
    // LONG1 sign extension (CPython writes small negatives as BININT, but LONG1 -1 is valid).
    #expect(try RestrictedPickle.items(bytes("80045d94288a01ff652e"), source: "x") == [.int(-1)])
    // An empty list and a list of one (APPEND, not APPENDS).
    #expect(try RestrictedPickle.strings(bytes("80045d942e"), source: "x") == [])
    #expect(try RestrictedPickle.strings(bytes("80049508000000000000005d948c016194612e"), source: "x") == ["a"])
  }

  @Test func writerRoundTripsAndPythonLoadsIt() throws {
    // More than one APPENDS batch (1000 items) and more than one 64 KiB frame, with non-ASCII and a long string.
    var ids = (0..<4321).map { "MMStar/\($0)" }
    ids[7] = "Ünïcødé/ß"
    ids[9] = String(repeating: "x", count: 300)
    ids[11] = ""
    let encoded = RestrictedPickle.encode(strings: ids)
    #expect(try RestrictedPickle.strings(encoded, source: "ours") == ids)
    #expect(encoded.filter { $0 == 0x95 }.count >= 1)
    guard python3 != nil else {
      print("python3 not on PATH: skipped loading our pickle with Python's pickle.load")
      return
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rb-pickle-\(UUID().uuidString).pkl")
    try Data(encoded).write(to: file)
    let expected = FileManager.default.temporaryDirectory.appendingPathComponent("rb-pickle-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: ids).write(to: expected)
    let (status, out) = try runPython("""
      import json, pickle, sys
      got = pickle.load(open(sys.argv[1], 'rb'))
      want = json.load(open(sys.argv[2]))
      print('equal' if got == want and type(got) is list else 'different')
      """, [file.path, expected.path])
    #expect(status == 0 && out.contains("equal"), "\(out)")
  }

  /// The hostile fixtures of scripts/fixtures/hostile-pickles (make_release_fixture.py): each refused, naming the
  /// opcode and where it is.
  @Test(arguments: [
    ("os_system_reduce.pkl", "GLOBAL at byte offset 2"),
    ("stack_global.pkl", "STACK_GLOBAL at byte offset 16"),
    ("reduce_in_list.pkl", "GLOBAL at byte offset 6"),
    ("truncated.pkl", "truncated stream"),
    ("huge_binunicode8.pkl", "BINUNICODE8 declares 4611686018427387904 bytes, only 3 remain"),
    ("huge_frame.pkl", "FRAME declares 1152921504606846976 bytes, only 3 remain"),
    ("huge_binunicode.pkl", "BINUNICODE declares 4294967295 bytes, only 3 remain"),
    ("nested_list.pkl", "EMPTY_LIST at byte offset 13 is refused: a second (nested) list"),
    ("dict.pkl", "EMPTY_DICT at byte offset 11"),
    ("protocol0.pkl", "MARK at byte offset 0 is refused: the stream must start with PROTO 2–5"),
    ("numpy_array.pkl", "STACK_GLOBAL at byte offset 51"),
  ])
  func hostilePicklesAreRefusedByName(file: String, message: String) throws {
    let url = repositoryRoot.appendingPathComponent("scripts/fixtures/hostile-pickles/\(file)")
    let raw = [UInt8](try Data(contentsOf: url))
    #expect {
      try RestrictedPickle.items(raw, source: file)
    } throws: { error in
      let text = "\(error)"
      return text.contains(file) && text.contains(message)
    }
  }

  @Test func structuralViolationsAreRefused() throws {
    // Trailing bytes after STOP, a list referencing itself, an integer wider than 64 bits, no PROTO.
    let cases: [(String, String)] = [
      ("80045d942e00", "1 bytes after STOP"),
      ("80045d94286800652e", "a reference to the list itself"),
      ("80045d94288a090000000000000000016594652e".replacingOccurrences(of: "6594", with: "65"), "an integer of 9 bytes"),
      ("5d2e", "must start with PROTO"),
      ("80065d2e", "protocol 6"),
      ("", "empty file"),
      ("80045d94", "no STOP"),
      ("80045d94288c02c3652e", "not valid UTF-8"),
    ]
    for (hex, message) in cases {
      #expect(throws: BenchCoreError.self, "\(hex)") { try RestrictedPickle.items(bytes(hex), source: "t") }
      do { _ = try RestrictedPickle.items(bytes(hex), source: "t") } catch {
        #expect("\(error)".contains(message), "\(hex): \(error)")
      }
    }
    // Integers where strings are wanted name the item.
    #expect { try RestrictedPickle.strings(bytes("80045d94284b014b0265" + "2e"), source: "ids.pkl") } throws: {
      "\($0)".contains("item 0 of the pickled list is an integer")
    }
  }
}

@Suite struct NumpyMatrixTests {
  @Test func everyDTypeRoundTripsAndMatchesNumpysHeader() throws {
    let values: [Double] = [0, 1, 1, 0, 1, 0]
    for dtype in NumpyMatrix.DType.allCases {
      let m = NumpyMatrix(rows: 2, columns: 3, dtype: dtype, values: values)
      let encoded = m.encoded()
      #expect(encoded.count == 128 + 6 * dtype.width, "\(dtype)")  // numpy pads this header to 128 bytes
      let header = String(decoding: encoded[10..<128], as: UTF8.self)
      #expect(header.hasPrefix("{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': (2, 3), }"))
      #expect(try NumpyMatrix.parse(encoded, source: "x") == m)
    }
    // float32 rounds; the reader gives back exactly the float32 value.
    let c = NumpyMatrix(rows: 1, columns: 2, dtype: .float32, values: [0.1, 1e-7])
    #expect(try NumpyMatrix.parse(c.encoded(), source: "x").values == [Double(Float(0.1)), Double(Float(1e-7))])
  }

  @Test func theFixturesCostMatrixReadsAsNumpyWroteIt() throws {
    let url = repositoryRoot.appendingPathComponent("scripts/fixtures/release/data/matrices/C.npy")
    let c = try NumpyMatrix.parse([UInt8](try Data(contentsOf: url)), source: "C.npy")
    #expect(c.rows == 22 && c.columns == 3 && c.dtype == .float32)
    let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: repositoryRoot.appendingPathComponent(
      "scripts/fixtures/release/expected.json"))) as! [String: Any]
    let bits = expected["C_float32_bits"] as! [[NSNumber]]
    #expect(c.values == bits.flatMap { $0 }.map { Double(Float(bitPattern: $0.uint32Value)) })
  }

  @Test func hostileHeadersAreErrorsNotCrashes() throws {
    func npy(_ header: String, body: [UInt8] = []) -> [UInt8] {
      let h = Array(header.utf8)
      return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(h.count & 0xFF), UInt8(h.count >> 8)] + h + body
    }
    let cases: [([UInt8], String)] = [
      (npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }"), "the shape overflows"),
      (npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", body: [0, 0]), "2 data bytes"),
      (npy("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", body: [0, 0, 0, 0]), "dtype '>f4'"),
      (npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", body: [0, 0, 0, 0]), "Fortran order"),
      (npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", body: [UInt8](repeating: 0, count: 16)), "a 2-D array"),
      (npy("{'descr': '|b1', 'fortran_order': False, 'shape': (1, 1), }", body: [7]), "bool element 0 is 7"),
      (Array([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 0xFF, 0xFF, 0x7B]), "the header declares 65535 bytes"),
    ]
    for (raw, message) in cases {
      do {
        _ = try NumpyMatrix.parse(raw, source: "hostile.npy")
        Issue.record("accepted: \(message)")
      } catch {
        #expect("\(error)".contains(message) && "\(error)".contains("hostile.npy"), "\(error)")
      }
    }
    // The float32 reader too: a shape whose product overflows is an error, not a trap.
    let old = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }")
    #expect(throws: BenchCoreError.self) { try NumpyArray(npy: old) }
  }
}
