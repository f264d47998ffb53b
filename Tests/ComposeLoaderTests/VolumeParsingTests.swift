import ComposeModel
import Testing

@Suite struct VolumeParsingTests {
    typealias V = ServiceVolume
    static let created = V.BindOptions(createHostPath: true)

    static let cases: [(String, ServiceVolume)] = [
        ("/data", V(type: .volume, target: "/data", volume: .init())),
        ("./host:/c", V(type: .bind, source: "./host", target: "/c", bind: created)),
        ("named:/c:ro", V(type: .volume, source: "named", target: "/c", readOnly: true, volume: .init())),
        ("~/x:/y:z", V(type: .bind, source: "~/x", target: "/y", bind: .init(createHostPath: true, selinux: "z"))),
        ("/a:/b:rw,cached", V(type: .bind, source: "/a", target: "/b", consistency: "cached", bind: created)),
        ("/a:/b:ro,rshared", V(type: .bind, source: "/a", target: "/b", readOnly: true, bind: .init(propagation: "rshared", createHostPath: true))),
        ("data:/b:nocopy", V(type: .volume, source: "data", target: "/b", volume: .init(nocopy: true))),
        (".:/code", V(type: .bind, source: ".", target: "/code", bind: created)),
        ("/a:/b/../c/", V(type: .bind, source: "/a", target: "/c", bind: created)),
        ("C:\\data:/data", V(type: .bind, source: "C:\\data", target: "/data", bind: created)),
        // Not interpolated: a variable source is not recognised as a path, but its colons do not split.
        ("${VOL:-data}:/y", V(type: .volume, source: "${VOL:-data}", target: "/y", volume: .init())),
    ]

    @Test(arguments: cases)
    func shortSyntax(_ spec: String, _ expected: ServiceVolume) throws {
        #expect(try VolumeParser.parse(spec) == expected)
    }

    static let errors: [(String, String)] = [
        ("", "invalid empty volume spec"),
        ("/a::/b", "invalid volume \"/a::/b\": empty section between colons"),
        ("/a:/b:ro:x", "invalid volume \"/a:/b:ro:x\": too many colons"),
        ("/a:/b:rox", "invalid volume \"/a:/b:rox\": unknown option \"rox\""),
        ("data:/b:z", "invalid volume \"data:/b:z\": bind options (z, Z, propagation) need a host path"),
    ]

    @Test(arguments: errors)
    func invalid(_ spec: String, _ message: String) {
        do {
            _ = try VolumeParser.parse(spec)
            Issue.record("expected an error for \(spec)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func longForm() throws {
        let s = try ModelFixture.service("""
        volumes:
          - type: bind
            source: ./opt
            target: /opt/cached
            consistency: cached
            read_only: "true"
            bind:
              propagation: rprivate
              create_host_path: false
              selinux: Z
          - type: tmpfs
            target: /opt/tmpfs
            tmpfs:
              size: 10m
              mode: 01777
          - type: volume
            source: data
            target: /data
            volume:
              nocopy: true
              subpath: sub
          - type: image
            source: alpine
            target: /img
            image: {subpath: etc}
        """)
        #expect(s.volumes == [
            V(type: .bind, source: "./opt", target: "/opt/cached", readOnly: true, consistency: "cached",
              bind: .init(propagation: "rprivate", createHostPath: false, selinux: "Z")),
            V(type: .tmpfs, target: "/opt/tmpfs", tmpfs: .init(size: ByteSize(bytes: 10 << 20), mode: 0o1777)),
            V(type: .volume, source: "data", target: "/data", volume: .init(nocopy: true, subpath: "sub")),
            V(type: .image, source: "alpine", target: "/img", image: .init(subpath: "etc")),
        ])
    }

    @Test func badLongFormType() {
        let e = ModelFixture.error("""
        services:
          s:
            volumes:
              - type: disk
                target: /x
        """)
        #expect(e?.keyPath == "services.s.volumes[0]")
        #expect(e?.message == "invalid volume type \"disk\"")
        #expect(e?.mark?.line == 4)
    }
}
