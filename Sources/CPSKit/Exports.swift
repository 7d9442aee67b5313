// A host writes `import CPSKit` alone: the facade re-exports every layer below it
// (Documentation/Architecture.md).
@_exported import CPSRules
@_exported import CPSRecords
@_exported import CPSFileStore
