/// `healthcheck:`. `test` is canonical: a string becomes `["CMD-SHELL", s]`.
public struct Healthcheck: Sendable, Hashable {
    /// ["CMD", ...], ["CMD-SHELL", cmd], ["NONE"]; nil = inherit from the image.
    public var test: [String]?
    public var interval: ComposeDuration?
    public var timeout: ComposeDuration?
    public var startPeriod: ComposeDuration?
    public var startInterval: ComposeDuration?
    public var retries: Int?
    public var disable: Bool?

    public init(test: [String]? = nil, interval: ComposeDuration? = nil, timeout: ComposeDuration? = nil,
                startPeriod: ComposeDuration? = nil, startInterval: ComposeDuration? = nil,
                retries: Int? = nil, disable: Bool? = nil) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.startInterval = startInterval
        self.retries = retries
        self.disable = disable
    }

    /// Disabled by `disable: true` or `test: ["NONE"]`.
    public var isDisabled: Bool {
        disable == true || test?.first == "NONE"
    }
}
