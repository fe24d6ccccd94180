// libFuzzer target: the workbook metadata parts — xl/workbook.xml (sheet list) and the relationship parts
// (xl/_rels/workbook.xml.rels) — through the same bytes.
import FuzzSupport
@testable import LogImport

runFuzzer { input in
  let bytes = Array(input)
  do { _ = try WorkbookParser.sheets(bytes, file: "fuzz.xlsx", part: "xl/workbook.xml") } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.xlsx")
  }
  do { _ = try WorkbookParser.relationships(bytes, file: "fuzz.xlsx", part: "xl/_rels/workbook.xml.rels") } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.xlsx")
  }
}
