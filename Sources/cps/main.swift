import CPSCLI
import Foundation

// `cps`: every step of the CPS journey from the shell. See `cps --help`.
let status = await CommandLineTool.main(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment)
exit(status)
