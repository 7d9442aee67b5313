// The file store implements CPSRecords' storage protocol; it re-exports the layers below it
// (Documentation/Architecture.md).
@_exported import CPSRecords
