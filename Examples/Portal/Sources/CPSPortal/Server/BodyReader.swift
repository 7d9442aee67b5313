import Foundation
import Hummingbird

/// Reads a request body within a limit (R-HOST-2): a declared `Content-Length` above the limit is
/// refused before a byte is read, and a body without one is counted while it streams and refused
/// as soon as it passes the limit.
enum BodyReader {
    /// The body, or too large.
    enum Outcome: Sendable {
        case body(Data)
        case tooLarge
    }

    static func read(_ request: Request, limit: Int) async throws -> Outcome {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { return .tooLarge }
        var data = Data()
        for try await chunk in request.body {
            guard data.count + chunk.readableBytes <= limit else { return .tooLarge }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return .body(data)
    }
}
