import CPSKit

/// A ``MailTransport`` whose deliveries are ``InterleavingStepKind/outsideCall`` steps of an
/// interleaved run (label `deliver messageID`), forwarded to ``base`` once the driver releases the
/// runner. Calls from outside the runners go straight to ``base``.
public struct InterleavingMailTransport: MailTransport {
    /// The transport that delivers.
    public let base: any MailTransport
    /// The controller whose runners' deliveries are steps.
    public let controller: InterleavingController

    /// Wraps `base`, making its deliveries steps of `controller`'s runners.
    public init(base: any MailTransport, controller: InterleavingController) {
        self.base = base
        self.controller = controller
    }

    /// Waits for the driver, then delivers through ``base``.
    public func deliver(_ message: MailMessage) async throws(MailTransportError) {
        await controller.step("deliver \(message.messageID)", kind: .outsideCall)
        try await base.deliver(message)
    }
}
