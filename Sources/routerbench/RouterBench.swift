import ArgumentParser
import Foundation
import Learning

#if canImport(Glibc)
import Glibc
#endif

@main
struct RouterBench: AsyncParsableCommand {
  /// Pins the OpenBLAS kernel (see `pinBLASKernel`), then parses and runs the command.
  static func main() async {
    pinBLASKernel()
    await main(nil)
  }

  static let configuration = CommandConfiguration(
    commandName: "routerbench",
    abstract: "Offline benchmark harness for routing queries between vision–language models.",
    discussion: "Start with `routerbench reproduce` (simulate → import → run → report). See README.md.",
    version: "0.1.0",
    subcommands: [
      Simulate.self,
      ImportCommand.self,
      SummaryCommand.self,
      RepriceCommand.self,
      PricingCommand.self,
      ReproduceCommand.self,
      RunCommand.self,
      AblateCommand.self,
      ReportCommand.self,
      LeaderboardCommand.self,
      RunsCommand.self,
      MergeCommand.self,
      SlurmCommand.self,
      InfoCommand.self,
      ExportCommand.self,
      FeaturesCommand.self,
      ListRouters.self,
      RankScoreCommand.self,
      FitCommand.self,
      ScenarioCommand.self,
      MultimetricCommand.self,
    ])
}

/// Makes OpenBLAS run the pinned kernel family (``BLASKernelPin``), so float32 results are the same on every x86-64
/// machine with AVX2 and FMA.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` in its library constructor, before `main`, so when the loaded family is not the
/// wanted one this sets the variable and re-executes `/proc/self/exe` with the same arguments (once: the re-executed
/// process carries `ROUTERBENCH_BLAS_REEXEC=1` and only warns if the pin did not take). No BLAS call has run yet.
func pinBLASKernel() {
  let environment = ProcessInfo.processInfo.environment
  let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  switch BLASKernelPin.action(environment: environment, cpuFlags: BLASKernelPin.cpuFlags(cpuinfo: cpuinfo),
                              loadedCore: BLAS.coreName) {
  case .proceed:
    return
  case .warn(let message):
    note("warning: " + message)
  case .reexec(let coreType):
    setenv(BLASKernelPin.coreTypeVariable, coreType, 1)
    setenv(BLASKernelPin.reexecMarker, "1", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Only reached when exec failed: go on with the kernel OpenBLAS chose.
    note("warning: could not re-execute to pin the OpenBLAS \(coreType) kernels (errno \(errno)); running "
      + "\(BLAS.coreName), so results may differ from the committed results/")
  }
}
