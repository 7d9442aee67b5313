// Helpers the fuzz targets share: the input as text (only when it is valid UTF-8, or repaired as a
// host's String would be) and split into fields at NUL bytes.
import Foundation

/// The fuzzer's bytes as an array.
func fuzzBytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// The bytes split at each NUL into fields (at most `limit`), as a command line's arguments are.
func fuzzFields(_ bytes: [UInt8], limit: Int = 16) -> [[UInt8]] {
    bytes.split(separator: 0, maxSplits: limit - 1, omittingEmptySubsequences: false).map(Array.init)
}

/// Every text a target tries for `bytes`: the valid UTF-8 text itself, or, when the bytes are not
/// valid UTF-8, the repaired text a Swift `String` would hold (U+FFFD in place of bad bytes).
func fuzzTexts(_ bytes: [UInt8]) -> [String] {
    if let text = String(validating: bytes, as: UTF8.self) { return [text] }
    return [String(decoding: bytes, as: UTF8.self)]
}

/// Stops the fuzzer with `message` when `condition` is false (a found bug, not bad input).
func fuzzCheck(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { preconditionFailure(message()) }
}
