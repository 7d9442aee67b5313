import CPSKit
import Foundation

/// A `cps` command line or its input was wrong, or a file the tool needs could not be read or made
/// (R-MSG-1, issue 15 item 4). Nothing was done.
///
/// The same shape as the library's errors (``LocalizedFailure``): a ``Reason`` of static members, a
/// stable ``code``, a category, and a message from the text catalog in the reader's language
/// (`--lang sv`). Usage errors exit 64; the I/O reasons are failures and exit 74.
package struct CommandError: LocalizedFailure {
    /// What was wrong.
    package struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case unknownCommand, missingArgument, missingOption, unknownOption, unexpectedArgument
            case optionTakesNoValue, optionNeedsValue, optionValueIsOption, emptyDataDirectory
            case unknownAction, invalidChoice, notWholeNumber, notDay, batchLine
            case argumentNotUTF8, lineNotUTF8, fileNotUTF8, notApplicationForm
            case badIterations, badNow, invalidInput
            case notDirectory, parentNotDirectory, cannotCreateDirectory, cannotCreateKeyFile, cannotRead, cannotWrite
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``CommandError/code``.
        package var description: String { representation.rawValue }

        /// No command of that name.
        package static let unknownCommand = Reason(.unknownCommand)
        /// A positional argument is missing.
        package static let missingArgument = Reason(.missingArgument)
        /// A required option (`--as`, `--reviewer`) is missing.
        package static let missingOption = Reason(.missingOption)
        /// An option the command does not know.
        package static let unknownOption = Reason(.unknownOption)
        /// More positional arguments than the command takes.
        package static let unexpectedArgument = Reason(.unexpectedArgument)
        /// A flag was given a value (`--json=1`).
        package static let optionTakesNoValue = Reason(.optionTakesNoValue)
        /// A valued option is last, with no value.
        package static let optionNeedsValue = Reason(.optionNeedsValue)
        /// A valued option is followed by another option instead of its value.
        package static let optionValueIsOption = Reason(.optionValueIsOption)
        /// `--data-dir ""`.
        package static let emptyDataDirectory = Reason(.emptyDataDirectory)
        /// An action the command does not have.
        package static let unknownAction = Reason(.unknownAction)
        /// A value outside a fixed list (`--role`, `--view`, `--reason`, the payment method).
        package static let invalidChoice = Reason(.invalidChoice)
        /// A value that must be a whole number.
        package static let notWholeNumber = Reason(.notWholeNumber)
        /// A value that must be a day YYYY-MM-DD.
        package static let notDay = Reason(.notDay)
        /// A line of `--batch` input without its three fields.
        package static let batchLine = Reason(.batchLine)
        /// An argument whose bytes are not UTF-8.
        package static let argumentNotUTF8 = Reason(.argumentNotUTF8)
        /// A line of standard input whose bytes are not UTF-8.
        package static let lineNotUTF8 = Reason(.lineNotUTF8)
        /// A file whose bytes are not UTF-8.
        package static let fileNotUTF8 = Reason(.fileNotUTF8)
        /// A file that is not an application form in JSON.
        package static let notApplicationForm = Reason(.notApplicationForm)
        /// `CPS_PASSWORD_ITERATIONS` is not a whole number of at least 1.
        package static let badIterations = Reason(.badIterations)
        /// `CPS_NOW` is not an ISO 8601 instant or day.
        package static let badNow = Reason(.badNow)
        /// An argument a library rule refused (a country, a day, a count): the rule's own message.
        package static let invalidInput = Reason(.invalidInput)
        /// A path that must be a directory is a file.
        package static let notDirectory = Reason(.notDirectory)
        /// A directory cannot be created because a leading part of its path is a file.
        package static let parentNotDirectory = Reason(.parentNotDirectory)
        /// The data directory could not be created.
        package static let cannotCreateDirectory = Reason(.cannotCreateDirectory)
        /// The token key file could not be created.
        package static let cannotCreateKeyFile = Reason(.cannotCreateKeyFile)
        /// A file could not be read.
        package static let cannotRead = Reason(.cannotRead)
        /// A file the command writes (an export) could not be written.
        package static let cannotWrite = Reason(.cannotWrite)

        /// Whether the reason is about the tool's files (exit 74) rather than the command line (64).
        var isFailure: Bool {
            switch representation {
            case .notDirectory, .parentNotDirectory, .cannotCreateDirectory, .cannotCreateKeyFile, .cannotRead, .cannotWrite: true
            default: false
            }
        }
    }

    /// What was wrong.
    package let reason: Reason
    /// The typed facts of the message: `option`, `value`, `what`, `choices`, `line`, `bytes`, `path`,
    /// `detail`.
    package let messageArguments: [String: MessageArgument]
    /// For ``Reason/invalidInput``: the library's error whose message is shown.
    package let underlying: (any LocalizedFailure)?

    /// Creates an error with text facts.
    package init(_ reason: Reason, _ facts: [String: String] = [:]) {
        self.init(reason, arguments: facts.mapValues(MessageArgument.text))
    }

    /// Creates an error with typed facts.
    package init(_ reason: Reason, arguments: [String: MessageArgument]) {
        self.reason = reason
        self.messageArguments = arguments
        self.underlying = nil
    }

    /// A usage error that shows a library error's message (exit 64, not the error's own category):
    /// `cps workdays XX …` refuses the country as input.
    package init(invalidInput failure: any LocalizedFailure) {
        self.reason = .invalidInput
        self.messageArguments = failure.messageArguments
        self.underlying = failure
    }

    /// A value outside `choices` for `what` (an option such as `--role`, or a positional name).
    package static func invalidChoice(_ what: String, _ choices: [String]) -> CommandError {
        CommandError(.invalidChoice, arguments: ["what": .text(what), "choices": .alternatives(choices.map(MessageArgument.text))])
    }

    /// The first 32 bytes of `bytes` in upper-case hex, with " …" when there are more.
    package static func hex(_ bytes: some Collection<UInt8>) -> String {
        bytes.prefix(32).map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ") + (bytes.count > 32 ? " …" : "")
    }

    /// Where a JSON decoding failure is: the dotted path of the field (`contactEmail`,
    /// `address.city`), or `/` for the document itself — no English explanation inside a message.
    package static func `where`(_ error: any Error) -> String {
        let path: [any CodingKey]
        switch error as? DecodingError {
        case let .typeMismatch(_, context)?, let .valueNotFound(_, context)?, let .dataCorrupted(context)?:
            path = context.codingPath
        case let .keyNotFound(key, context)?:
            path = context.codingPath + [key]
        default:
            path = []
        }
        let text = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return text.isEmpty ? "/" : text
    }

    package var code: String { "cli.\(reason)" }
    package var textKey: TextKey { underlying?.textKey ?? TextKey("cli.error.\(reason)") }
    /// ``FailureCategory/failure`` for the I/O reasons, else ``FailureCategory/refusal``.
    package var category: FailureCategory { reason.isFailure ? .failure : .refusal }
    /// Whether `cps` exits 64 (the command line or its input was wrong) rather than 74.
    var isUsage: Bool { !reason.isFailure }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [CommandError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .unknownCommand: CommandError(.unknownCommand, ["value": "frobnicate"])
            case .missingArgument: CommandError(.missingArgument, ["what": "ACCOUNT"])
            case .missingOption: CommandError(.missingOption, ["option": "--as", "what": "EMAIL"])
            case .unknownOption: CommandError(.unknownOption, ["option": "--colour"])
            case .unexpectedArgument: CommandError(.unexpectedArgument, ["value": "extra"])
            case .optionTakesNoValue: CommandError(.optionTakesNoValue, ["option": "--json", "value": "--json=1"])
            case .optionNeedsValue: CommandError(.optionNeedsValue, ["option": "--reviewer"])
            case .optionValueIsOption: CommandError(.optionValueIsOption, ["option": "--reviewer", "value": "--data-dir"])
            case .emptyDataDirectory: CommandError(.emptyDataDirectory)
            case .unknownAction: CommandError(.unknownAction, arguments: ["value": .text("frob"),
                                                                            "choices": .alternatives([.text("add"), .text("list")])])
            case .invalidChoice: CommandError.invalidChoice("--role", ["user", "superuser"])
            case .notWholeNumber: CommandError(.notWholeNumber, ["what": "--years"])
            case .notDay: CommandError(.notDay, ["what": "--issued"])
            case .batchLine: CommandError(.batchLine, arguments: ["line": .number(3), "value": .text("SE 2026-01-01")])
            case .argumentNotUTF8: CommandError(.argumentNotUTF8, arguments: ["line": .number(2), "bytes": .text("FF FE")])
            case .lineNotUTF8: CommandError(.lineNotUTF8, arguments: ["line": .number(2), "bytes": .text("C3 28")])
            case .fileNotUTF8: CommandError(.fileNotUTF8, ["path": "form.json"])
            case .notApplicationForm: CommandError(.notApplicationForm, ["path": "form.json", "detail": "line 1"])
            case .badIterations: CommandError(.badIterations, ["value": "many"])
            case .badNow: CommandError(.badNow, ["value": "2026-11-27T24:00:00+24:00"])
            case .invalidInput: CommandError(invalidInput: CalendarError(.invalidCountry, input: "XX"))
            case .notDirectory: CommandError(.notDirectory, ["path": "/dev/null"])
            case .parentNotDirectory: CommandError(.parentNotDirectory, ["path": "/dev/null/cps-data", "value": "/dev/null"])
            case .cannotCreateDirectory: CommandError(.cannotCreateDirectory, ["path": "/proc/cps", "detail": "Permission denied"])
            case .cannotCreateKeyFile: CommandError(.cannotCreateKeyFile, ["path": "/proc/cps-data.keys"])
            case .cannotRead: CommandError(.cannotRead, ["path": "legacy.json", "detail": "Permission denied"])
            case .cannotWrite: CommandError(.cannotWrite, ["path": "export.tar", "detail": "Permission denied"])
            }
        }
    }
}
