import CPSKit
import PostgresNIO

/// How the store turns PostgresNIO's errors into ``StorageError`` (R-ADP-1: errors are always
/// `StorageError`), and which of them a commit retries.
enum PostgresFailure {
    /// SQLSTATE 23505: a unique or primary-key constraint refused a row.
    static let uniqueViolation = "23505"
    /// SQLSTATE 40001: the transaction could not be serialized.
    static let serializationFailure = "40001"
    /// SQLSTATE 40P01: PostgreSQL broke a deadlock by aborting this transaction.
    static let deadlockDetected = "40P01"

    /// The SQLSTATE of a server error, if `error` is one.
    static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Whether a commit that failed with `error` should run again from the start.
    ///
    /// A unique violation means another transaction committed a row this one also inserts: the next
    /// attempt sees it and reports exactly what the in-memory store would (`conflict` for a record ID,
    /// `uniqueKeyTaken` for a key, or nothing if that row was deleted again meanwhile). Serialization
    /// failures and deadlocks are PostgreSQL's way of saying "try again".
    static func isRetryable(_ error: any Error) -> Bool {
        switch sqlState(of: error) {
        case uniqueViolation, serializationFailure, deadlockDetected: true
        default: false
        }
    }

    /// The ``StorageError`` for `error`, raised while `doing` (e.g. "reading conformance.a r1").
    static func storageError(_ error: any Error, doing: String) -> StorageError {
        if let storage = error as? StorageError { return storage }
        if error is ConnectionClosed {
            return StorageError(.unavailable, detail: "PostgreSQL: \(doing): the connection was closed (by the server or the network)")
        }
        if let none = error as? NoConnection {
            return StorageError(.unavailable, detail: "PostgreSQL: \(doing): no connection within \(none.timeout) "
                                    + "(\(storageError(none.underlying, doing: "connecting").detail))")
        }
        if let psql = error as? PSQLError { return storageError(psql, doing: doing) }
        if let decoding = error as? PostgresDecodingError {
            return StorageError(.corrupt, detail: "PostgreSQL: \(doing): column \(decoding.columnName) cannot be decoded "
                                    + "as \(decoding.targetType) (\(decoding.code))")
        }
        if let transaction = error as? PostgresTransactionError {
            let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError ?? transaction.rollbackError
            if let inner { return storageError(inner, doing: doing) }
        }
        return StorageError(.unavailable, detail: "PostgreSQL: \(doing): \(String(reflecting: error))")
    }

    private static func storageError(_ error: PSQLError, doing: String) -> StorageError {
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            // No server answer: the connection could not be made, was closed or the pool is shut down.
            let underlying = error.underlying.map { ": \($0)" } ?? ""
            return StorageError(.unavailable, detail: "PostgreSQL: \(doing): \(error.code)\(underlying)")
        }
        let message = info[.message] ?? "no message"
        let constraint = info[.constraintName]
        let detail = "PostgreSQL: \(doing): SQLSTATE \(state) \(message)" + (constraint.map { " (constraint \($0))" } ?? "")
        switch state {
        case uniqueViolation where constraint?.hasPrefix("cps_unique_keys") == true:
            return StorageError(.uniqueKeyTaken, detail: detail)
        case uniqueViolation, serializationFailure, deadlockDetected:
            return StorageError(.conflict, detail: detail)
        case "22P02", "22021", "22000":
            return StorageError(.corrupt, detail: detail)
        default:
            return StorageError(.unavailable, detail: detail)
        }
    }
}

/// The connection failed while `COMMIT` was on its way: PostgreSQL may or may not have applied the
/// batch. Reported as ``StorageError/Reason/unavailable`` with that warning in the detail.
struct CommitOutcomeUnknown: Error {
    /// What the connection reported.
    let underlying: any Error
}

/// No connection could be leased within the store's connection timeout.
struct NoConnection: Error {
    /// The timeout.
    let timeout: Duration
    /// How the wait ended (the cancellation, or the pool's last error).
    let underlying: any Error
}

/// The leased connection was already closed when a statement was to be sent.
struct ConnectionClosed: Error {}
