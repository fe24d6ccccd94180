// libFuzzer target: whole .xlsx files (zip archive, workbook, relationships, shared strings, first sheet) through
// the importer's table reader, read from a scratch file as the importer reads them. Limits are lowered so a
// mutated size field or a small bomb is refused within the 1 s budget instead of inflating up to 512 MiB.
import FuzzSupport
import LogImport

var limits = XLSXLimits()
limits.maxSheetBytes = 8 << 20
limits.maxSharedStringsBytes = 8 << 20
limits.maxMetadataBytes = 1 << 20
let reader = XLSXTableReader(options: XLSXReader.Options(limits: limits))
let scratch = ScratchFile(extension: "xlsx")

runFuzzer { input in
  scratch.write(input)
  do {
    _ = try reader.read(scratch.url, displayPath: "fuzz.xlsx", header: { _ in nil }, row: { _ in })
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.xlsx")
  }
}
