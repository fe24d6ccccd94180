internal import Foundation

/// A value read from an experiment file (YAML or JSON): what a router's hyperparameters are decoded from.
public enum ConfigValue: Sendable, Hashable, Codable, CustomStringConvertible {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([ConfigValue])
  case object([String: ConfigValue])

  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() { self = .null }
    else if let b = try? c.decode(Bool.self) { self = .bool(b) }
    else if let i = try? c.decode(Int.self) { self = .int(i) }
    else if let d = try? c.decode(Double.self) { self = .double(d) }
    else if let s = try? c.decode(String.self) { self = .string(s) }
    else if let a = try? c.decode([ConfigValue].self) { self = .array(a) }
    else { self = .object(try c.decode([String: ConfigValue].self)) }
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .int(let i): try c.encode(i)
    case .double(let d): try c.encode(d)
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }

  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .int(let i): "\(i)"
    case .double(let d): "\(d)"
    case .string(let s): "'\(s)'"
    case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
    case .object(let o): "{" + o.keys.sorted().map { "\($0): \(o[$0]!)" }.joined(separator: ", ") + "}"
    }
  }
}

/// Decodes and encodes router configurations: strictly (an unknown key or a value of the wrong type is an
/// error naming the key and the valid keys), with defaults for every key not given, and canonically (sorted
/// keys, every field written) for run identities.
public enum ConfigurationCoding {
  /// The configuration `C` with `values` laid over its defaults.
  ///
  /// - Parameter context: where the values come from, for errors ("experiments/paper.yaml, router MLP-paper").
  public static func decode<C: RouterConfiguration>(_ type: C.Type, from values: [String: ConfigValue],
                                                    router: String, context: String) throws(RouterError) -> C {
    guard !values.isEmpty else { return C() }
    let defaults = validKeys(C.self)
    let valid = defaults.keys.sorted()
    for key in values.keys.sorted() where defaults[key] == nil {
      let hint = valid.isEmpty ? "\(router) has no hyperparameters" : "valid keys: \(valid.joined(separator: ", "))"
      throw .invalidHyperparameter(router: router, message: "\(context): unknown key '\(key)'; \(hint)")
    }
    var merged = defaults
    for (k, v) in values { merged[k] = v }
    do {
      let data = try JSONEncoder().encode(ConfigValue.object(merged))
      return try JSONDecoder().decode(C.self, from: data)
    } catch let e as DecodingError {
      throw .invalidHyperparameter(router: router, message: "\(context): \(describe(e, values: values))")
    } catch {
      throw .invalidHyperparameter(router: router, message: "\(context): \(error)")
    }
  }

  /// The configuration as canonical JSON: sorted keys, every field, no whitespace.
  public static func canonicalJSON<C: Encodable>(_ c: C) -> String {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding a plain Codable struct of numbers, strings and arrays cannot fail.
    return String(decoding: (try? enc.encode(c)) ?? Data("{}".utf8), as: UTF8.self)
  }

  /// Every key `C` accepts with its default: its default's fields and its `optionalKeys`.
  static func validKeys<C: RouterConfiguration>(_ type: C.Type) -> [String: ConfigValue] {
    fields(of: C()).merging(C.optionalKeys) { field, _ in field }
  }

  /// The configuration's fields as config values (the default configuration gives the valid keys).
  static func fields<C: Encodable>(of c: C) -> [String: ConfigValue] {
    guard let data = try? JSONEncoder().encode(c),
          case .object(let o)? = try? JSONDecoder().decode(ConfigValue.self, from: data) else { return [:] }
    return o
  }

  static func describe(_ e: DecodingError, values: [String: ConfigValue]) -> String {
    func path(_ c: DecodingError.Context) -> String {
      c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch e {
    case .typeMismatch(let t, let c):
      let key = path(c)
      let given = c.codingPath.first.flatMap { values[$0.stringValue] }.map { " (got \($0))" } ?? ""
      return "key '\(key)': expected \(expectation(t))\(given)"
    case .valueNotFound(let t, let c): return "key '\(path(c))': expected \(expectation(t)), got null"
    case .keyNotFound(let k, _): return "missing key '\(k.stringValue)'"
    case .dataCorrupted(let c):
      return "key '\(path(c))': \(c.debugDescription)"
    @unknown default: return "\(e)"
    }
  }

  static func expectation(_ t: Any.Type) -> String {
    switch t {
    case is Int.Type: "an integer"
    case is Double.Type, is Float.Type: "a number"
    case is Bool.Type: "true or false"
    case is String.Type: "a string"
    default: "\(t)"
    }
  }
}
