#if canImport(Glibc)
internal import Glibc
// On Linux `struct stat` is reached through CoreFoundation's module map (MemberImportVisibility needs it named).
internal import CoreFoundation
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What a path is, following symlinks (`stat`, not `lstat`): the importer reads regular files only. A FIFO, a
/// device (`/dev/zero`, `/dev/tty`) or a socket — directly or behind a symlink — would block forever or never end,
/// so every place that opens a file for reading checks this first (and `FileChunks` re-checks the opened
/// descriptor with `fstat`).
enum FileKind: Sendable, Equatable {
  case regular, directory, fifo, characterDevice, blockDevice, socket, missing, other

  init(path: String) {
    var st = stat()
    guard stat(path, &st) == 0 else { self = .missing; return }
    self.init(mode: st.st_mode)
  }

  /// The kind of an open descriptor (`fstat`); `.missing` if it cannot be examined.
  init(descriptor fd: Int32) {
    var st = stat()
    guard fstat(fd, &st) == 0 else { self = .missing; return }
    self.init(mode: st.st_mode)
  }

  init(mode: mode_t) {
    switch mode & S_IFMT {
    case S_IFREG: self = .regular
    case S_IFDIR: self = .directory
    case S_IFIFO: self = .fifo
    case S_IFCHR: self = .characterDevice
    case S_IFBLK: self = .blockDevice
    case S_IFSOCK: self = .socket
    default: self = .other
    }
  }

  /// For messages: "a FIFO", "a character device", …
  var phrase: String {
    switch self {
    case .regular: "a regular file"
    case .directory: "a directory"
    case .fifo: "a FIFO (named pipe)"
    case .characterDevice: "a character device"
    case .blockDevice: "a block device"
    case .socket: "a socket"
    case .missing: "missing (or a dangling symlink)"
    case .other: "not a regular file"
    }
  }

  /// True for the kinds that are skipped with a note when found in a scanned directory: things that exist but
  /// cannot be read as a file (directories and dangling symlinks are skipped silently).
  var isSpecial: Bool {
    switch self {
    case .fifo, .characterDevice, .blockDevice, .socket, .other: true
    case .regular, .directory, .missing: false
    }
  }
}
