// libFuzzer target: .safetensors weights (the MiniLM encoder's file format) from memory: the header is checked,
// then every tensor is converted to float32.
import Encoders
import Foundation
import FuzzSupport

runFuzzer { input in
  do {
    let file = try SafetensorsFile(data: Data(buffer: input), file: "fuzz.safetensors")
    for name in file.names {
      do {
        let values = try file.floats(name)
        precondition(values.count == file.tensors[name]!.count, "tensor \(name): \(values.count) values")
      } catch {
        FuzzInput.requireContextualError(error, file: "fuzz.safetensors")
      }
    }
  } catch {
    FuzzInput.requireContextualError(error, file: "fuzz.safetensors")
  }
}
