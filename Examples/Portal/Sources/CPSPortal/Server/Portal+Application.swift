import CPSKit
import Hummingbird
import Logging

extension Portal {
    /// The Hummingbird application serving ``router()`` on the configuration's host and port.
    public func application(logger: Logger = Logger(label: "cps-portal")) -> some ApplicationProtocol {
        Application(router: router(),
                    configuration: .init(address: .hostname(environment.configuration.host, port: environment.configuration.port),
                                         serverName: "cps-portal"),
                    logger: logger)
    }
}
