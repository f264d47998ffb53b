/// `blkio_config`: block IO weights and limits, a typed view of `Service.blkioConfig`.
public struct BlkioConfig: Sendable, Hashable {
    public var weight: Int?
    public var weightDevice: [WeightDevice] = []
    public var deviceReadBps: [ThrottleDevice] = []
    public var deviceReadIOps: [ThrottleDevice] = []
    public var deviceWriteBps: [ThrottleDevice] = []
    public var deviceWriteIOps: [ThrottleDevice] = []

    public init(weight: Int? = nil) { self.weight = weight }

    public struct WeightDevice: Sendable, Hashable {
        public var path: String
        public var weight: Int
        public init(path: String, weight: Int) {
            self.path = path
            self.weight = weight
        }
    }

    /// A rate: bytes per second for `*_bps` (units allowed, "10mb"), operations per second for `*_iops`.
    public struct ThrottleDevice: Sendable, Hashable {
        public var path: String
        public var rate: Int64
        public init(path: String, rate: Int64) {
            self.path = path
            self.rate = rate
        }
    }
}

extension Service {
    /// `blkio_config` read as a `BlkioConfig` (already validated when the file was decoded).
    public var blkio: BlkioConfig? {
        blkioConfig.flatMap { try? JSONValueDecoder().decode(BlkioConfig.self, from: $0) }
    }
}
