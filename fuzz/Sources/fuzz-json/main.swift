// libFuzzer target: JSON per-sample files (a list of records, VLMEvalKit's PRED_FORMAT=json) through the
// importer's JSON reader, read from a scratch file.
import FuzzSupport
import LogImport

let reader = JSONRecordsTableReader()
let scratch = ScratchFile(extension: "json")

runFuzzer { input in
  scratch.write(input)
  var width = -1
  do {
    _ = try reader.read(scratch.url, displayPath: "fuzz.json", header: { names in
      width = names.count
      return nil
    }, row: { row in
      precondition(row.count == width, "record \(row.number - 1) has \(row.count) values, the header \(width)")
    })
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.json")
  }
}
