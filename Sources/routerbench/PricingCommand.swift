import ArgumentParser
import Foundation
import LogImport

/// `routerbench pricing template WORK_DIR > prices.yaml`.
struct PricingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pricing",
    abstract: "Price files for `routerbench import --pricing`.",
    subcommands: [Template.self])

  struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "template",
      abstract: "Print a price file listing every model of a work directory (catalog prices where known, FILL_IN elsewhere).",
      discussion: """
        The models are the ones `routerbench import WORK_DIR` would store. Models of the VL-RouterBench catalog get \
        its prices (Table 1, USD per 1M tokens); every other model gets the placeholder FILL_IN, and an import \
        refuses the file, naming those models, until each is replaced by a price.
          routerbench pricing template WORK_DIR > prices.yaml
        """)

    @Argument(help: "The root (with work_dir/) or the VLMEvalKit work directory.")
    var workDir: String

    func run() throws {
      let models = try PricingTemplate.models(in: URL(fileURLWithPath: workDir))
      print(PricingTemplate.yaml(models: models, source: workDir), terminator: "")
      let open = PricingTemplate.unpriced(models)
      note("\(models.count) models; \(open.count) need prices (\(PricingTemplate.placeholder))"
             + (open.isEmpty ? "" : ": " + open.joined(separator: ", ")))
    }
  }
}
