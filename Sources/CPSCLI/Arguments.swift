import CPSKit

/// The arguments of one command after the global options were taken out, with typed accessors that
/// throw ``CommandError`` on a usage error. Foundation only: no argument-parsing package.
package struct Arguments: Sendable {
    private(set) var positionals: [String]
    private var options: [String: String]
    private var flags: Set<String>

    /// Splits `raw` into `--flag`, `--option value` / `--option=value` and positionals. Everything
    /// after `--` is positional; `-h` is `--help`'s short form. `valued` names the options that take
    /// a value.
    ///
    /// Throws a usage error when a valued option has no value, when its value would be the next
    /// option (`--reviewer --data-dir X`: write `--reviewer=--data-dir` for such a value), and when an
    /// option that takes no value is given one (`--json=1`).
    init(_ raw: [String], valued: Set<String>) throws(CommandError) {
        positionals = []
        options = [:]
        flags = []
        var index = 0
        var onlyPositionals = false
        while index < raw.count {
            let arg = raw[index]
            index += 1
            if !onlyPositionals, arg == "-h" { flags.insert(arg); continue }
            if onlyPositionals || !arg.hasPrefix("--") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            if let eq = arg.firstIndex(of: "=") {
                let name = String(arg[..<eq])
                guard valued.contains(name) else { throw CommandError(.optionTakesNoValue, ["option": name, "value": arg]) }
                options[name] = String(arg[arg.index(after: eq)...])
            } else if valued.contains(arg) {
                guard index < raw.count else { throw CommandError(.optionNeedsValue, ["option": arg]) }
                let value = raw[index]
                guard !(value.hasPrefix("--") && value.count > 2) else {
                    throw CommandError(.optionValueIsOption, ["option": arg, "value": value])
                }
                options[arg] = value
                index += 1
            } else {
                flags.insert(arg)
            }
        }
    }

    /// Whether `--name` was given.
    package func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, if given.
    package func option(_ name: String) -> String? { options[name] }

    /// Every flag and option name given, to refuse unknown ones.
    var givenNames: Set<String> { flags.union(options.keys) }

    /// The positional argument at `index`, or a usage error naming `what`.
    package func positional(_ index: Int, _ what: String) throws -> String {
        guard index < positionals.count else { throw CommandError(.missingArgument, ["what": what]) }
        return positionals[index]
    }

    /// The positional argument at `index` as a typed record ID (`let id: Invoice.ID = try positional(1, "INVOICE")`).
    package func positional<Subject>(_ index: Int, _ what: String) throws -> Identifier<Subject> {
        Identifier(try positional(index, what) as String)
    }

    /// All positional arguments.
    package var all: [String] { positionals }

    /// Throws a usage error when a flag or option outside `known` was given, or there are more than
    /// `maxPositionals` positionals.
    package func expect(known: Set<String>, maxPositionals: Int = .max) throws {
        let global = CommandLineTool.globalValued.union(CommandLineTool.globalFlags)
        if let unknown = givenNames.subtracting(known).subtracting(global).sorted().first {
            throw CommandError(.unknownOption, ["option": unknown])
        }
        if positionals.count > maxPositionals {
            throw CommandError(.unexpectedArgument, ["value": positionals[maxPositionals]])
        }
    }
}
