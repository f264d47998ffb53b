/// `external:` is a boolean; the legacy form `external: {name: x}` also names the resource.
struct ExternalFlag: Decodable {
    var value: Bool
    var name: String?
    init(from decoder: any Decoder) throws {
        if decoder.shape == .mapping {
            let f = try FieldReader(decoder)
            value = true
            name = try f.opt("name")
        } else {
            value = try decoder.singleValueContainer().decode(Bool.self)
        }
    }
}
