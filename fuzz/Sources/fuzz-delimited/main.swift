// libFuzzer target: TSV and CSV per-sample files through the importer's libcsv reader (strict quoting, UTF-8
// checked), read from a scratch file. The first input byte picks the format: even = TSV, odd = CSV.
import FuzzSupport
import LogImport

let tsv = DelimitedTableReader(delimiter: UInt8(ascii: "\t"), fileExtensions: ["tsv"])
let csv = DelimitedTableReader(delimiter: UInt8(ascii: ","), fileExtensions: ["csv"])
let scratch = ScratchFile(extension: "txt")

runFuzzer { input in
  guard let first = input.first else { return }
  scratch.write(UnsafeBufferPointer(rebasing: input.dropFirst()))
  let reader = first & 1 == 0 ? tsv : csv
  var width = -1
  do {
    _ = try reader.read(scratch.url, displayPath: "fuzz.tsv", header: { names in
      width = names.count
      return nil
    }, row: { row in
      precondition(row.count == width, "row \(row.number) has \(row.count) cells, the header \(width)")
    })
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.tsv")
  }
}
