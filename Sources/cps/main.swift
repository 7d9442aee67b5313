import CPSCLI
import Foundation

// `cps`: every step of the CPS journey from the shell. See `cps --help`.
// The arguments are read as bytes (`CommandLine.arguments` would repair invalid UTF-8 with U+FFFD):
// the tool refuses an argument that is not valid UTF-8.
let rawArguments: [[UInt8]] = stride(from: 1, to: Int(CommandLine.argc), by: 1).map { index in
    guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
    return Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                     count: strlen(pointer)))
}
let status = await CommandLineTool.main(rawArguments: rawArguments, environment: ProcessInfo.processInfo.environment)
exit(status)
