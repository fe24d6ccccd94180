// libFuzzer target: TSV and CSV per-sample files through the importer's delimited reader (strict quoting, UTF-8
// checked), read from a scratch file. The first input byte picks the format: even = TSV, odd = CSV. (Rows as wide
// as the header are the importer's check, `GroupParser`, not the reader's: a ragged row reaches `row`.)
import FuzzSupport
import LogImport

let tsv = DelimitedTableReader(delimiter: UInt8(ascii: "\t"), fileExtensions: ["tsv"])
let csv = DelimitedTableReader(delimiter: UInt8(ascii: ","), fileExtensions: ["csv"])
let scratch = ScratchFile(extension: "txt")

runFuzzer { input in
  guard let first = input.first else { return }
  scratch.write(UnsafeBufferPointer(rebasing: input.dropFirst()))
  let reader = first & 1 == 0 ? tsv : csv
  var last = 1
  do {
    _ = try reader.read(scratch.url, displayPath: "fuzz.tsv", header: { _ in nil }, row: { row in
      precondition(row.number > last, "row numbers must increase: \(row.number) after \(last)")
      last = row.number
    })
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.tsv")
  }
}
