// cps-postgres-walkthrough: the seed's journey (the same as `cps walkthrough`) on PostgreSQL (R-ADP-1).
//
//   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=cps PGPASSWORD=… PGDATABASE=cps \
//     swift run cps-postgres-walkthrough [--lang sv|en] [--schema NAME]
//
// The walkthrough needs an empty store, so it first drops and recreates the schema (default
// `cps_walkthrough`; never use a schema holding real data). Afterwards the records stay in the
// database for a look with psql: `SELECT kind, count(*) FROM cps_walkthrough.cps_records GROUP BY kind;`
import CPSCLI
import CPSKit
import CPSPostgres
import Foundation
import PostgresNIO

var language = Language.english
var schemaName = "cps_walkthrough"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--lang":
        guard let code = arguments.popFirst(), ["sv", "en"].contains(code) else {
            FileHandle.standardError.write(Data("--lang takes sv or en\n".utf8))
            exit(64)
        }
        language = Language(code)
    case "--schema":
        guard let name = arguments.popFirst() else {
            FileHandle.standardError.write(Data("--schema takes a name\n".utf8))
            exit(64)
        }
        schemaName = name
    default:
        FileHandle.standardError.write(Data("usage: cps-postgres-walkthrough [--lang sv|en] [--schema NAME]\n".utf8))
        exit(64)
    }
}

do {
    guard let configuration = try PostgresEnvironment.configuration() else {
        FileHandle.standardError.write(Data("set PGHOST (and PGPORT, PGUSER, PGPASSWORD, PGDATABASE) to a PostgreSQL server\n".utf8))
        exit(69)
    }
    let schema = try PostgresSchema(schemaName)
    // A fresh schema: drop the previous run's tables, then open (which creates them again).
    let setup = try await PostgresRecordStore.open(configuration: configuration, schema: PostgresSchema("cps_walkthrough_setup"),
                                                   maximumConnections: 1)
    do {
        try await setup.client.query("DROP SCHEMA IF EXISTS \(unescaped: "\"\(schema.name)\"") CASCADE")
        try await setup.client.query("DROP SCHEMA IF EXISTS cps_walkthrough_setup CASCADE")
    } catch {
        await setup.close()
        throw error
    }
    await setup.close()

    let store = try await PostgresRecordStore.open(configuration: configuration, schema: schema)
    do {
        try await Walkthrough(language: language, store: store).run()
        let count = try await store.records(kind: "application", indexKey: nil).count
        print("")
        print("PostgreSQL \(PostgresEnvironment.describe()), schema \(schema.name): \(count) application(s) stored, schema version \(try await store.schemaVersion())")
    } catch {
        await store.close()
        throw error
    }
    await store.close()
} catch let error as StorageError {
    FileHandle.standardError.write(Data("storage error (\(error.reason)): \(error.detail)\n".utf8))
    exit(74)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(70)
}
