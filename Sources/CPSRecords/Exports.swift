// A module that uses the records uses the rules' values in them: every file of this target and of
// the targets above sees CPSRules through this one re-export (Documentation/Architecture.md).
@_exported import CPSRules
