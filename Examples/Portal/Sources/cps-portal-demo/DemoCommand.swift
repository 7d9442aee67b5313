import CPSPortal
import Foundation

/// `cps-portal-demo --data-dir DIR [--password-iterations N]`: puts the demonstration account
/// (``PortalDemo``) into DIR and prints `email`, `password` and `bearer` lines, for trying the portal
/// and for the API check.
@main
struct DemoCommand {
    static func main() async throws {
        var configuration = PortalConfiguration()
        let arguments = Array(CommandLine.arguments.dropFirst())
        var index = 0
        while index < arguments.count {
            guard index + 1 < arguments.count else { fail("\(arguments[index]) needs a value") }
            switch arguments[index] {
            case "--data-dir": configuration.dataDirectory = URL(fileURLWithPath: arguments[index + 1], isDirectory: true)
            case "--password-iterations":
                guard let number = Int(arguments[index + 1]), number > 0 else { fail("--password-iterations takes a positive number") }
                configuration.passwordIterations = number
            default: fail("unknown argument \(arguments[index])")
            }
            index += 2
        }
        let environment = try await PortalEnvironment.open(configuration)
        let account = try await PortalDemo.seed(environment)
        await environment.store.close()
        print("email \(account.email)")
        print("password \(account.password)")
        print("bearer \(account.bearerToken)")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("cps-portal-demo: \(message)\n".utf8))
        exit(64)
    }
}
