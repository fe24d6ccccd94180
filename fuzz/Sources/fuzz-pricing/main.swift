// libFuzzer target: pricing.yaml (version, date, models: {name: {input, output}}) through the importer's reader,
// read from a scratch file. Every accepted price must be a finite non-negative number.
import FuzzSupport
import BenchStore
@testable import LogImport

let scratch = ScratchFile(extension: "yaml")

runFuzzer { input in
  scratch.write(input)
  do {
    let table = try PricingFile.read(scratch.url, path: "fuzz.yaml")
    for (model, price) in table.prices {
      precondition(price.inputPerMillion.isFinite && price.inputPerMillion >= 0 && price.outputPerMillion.isFinite &&
                   price.outputPerMillion >= 0,
                   "accepted price of \(model): \(price)")
    }
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.yaml")
  }
}
