/// One mount of a service in long form.
public struct ServiceVolume: Sendable, Hashable {
    public enum MountType: String, Sendable, Hashable, CaseIterable {
        case bind, volume, tmpfs, npipe, image, cluster
    }

    public var type: MountType
    /// Host path (bind), volume name (volume; nil = anonymous), image reference (image).
    public var source: String?
    public var target: String
    public var readOnly: Bool?
    public var consistency: String?
    public var bind: BindOptions?
    public var volume: VolumeOptions?
    public var tmpfs: TmpfsOptions?
    public var image: ImageOptions?
    public var extensions: [String: JSONValue] = [:]

    public init(type: MountType, source: String? = nil, target: String, readOnly: Bool? = nil,
                consistency: String? = nil, bind: BindOptions? = nil, volume: VolumeOptions? = nil,
                tmpfs: TmpfsOptions? = nil, image: ImageOptions? = nil) {
        self.type = type
        self.source = source
        self.target = target
        self.readOnly = readOnly
        self.consistency = consistency
        self.bind = bind
        self.volume = volume
        self.tmpfs = tmpfs
        self.image = image
    }

    public struct BindOptions: Sendable, Hashable {
        public var propagation: String?
        public var createHostPath: Bool?
        /// "z" or "Z".
        public var selinux: String?
        public var recursive: String?
        public init(propagation: String? = nil, createHostPath: Bool? = nil, selinux: String? = nil, recursive: String? = nil) {
            self.propagation = propagation
            self.createHostPath = createHostPath
            self.selinux = selinux
            self.recursive = recursive
        }
    }

    public struct VolumeOptions: Sendable, Hashable {
        public var nocopy: Bool?
        public var subpath: String?
        public init(nocopy: Bool? = nil, subpath: String? = nil) {
            self.nocopy = nocopy
            self.subpath = subpath
        }
    }

    public struct TmpfsOptions: Sendable, Hashable {
        public var size: ByteSize?
        /// File mode as a number (e.g. 0o1777).
        public var mode: UInt32?
        public init(size: ByteSize? = nil, mode: UInt32? = nil) {
            self.size = size
            self.mode = mode
        }
    }

    public struct ImageOptions: Sendable, Hashable {
        public var subpath: String?
        public init(subpath: String? = nil) { self.subpath = subpath }
    }
}
