import Foundation
import Testing
@testable import EngineAPI

@Suite struct ModelCodingTests {
    @Test func createBodyIsFlattenedWithEngineKeys() throws {
        var host = HostConfig()
        host.initProcess = true
        host.utsMode = "host"
        host.nanoCpus = 500_000_000
        host.portBindings = ["80/tcp": [PortBinding(hostIp: "127.0.0.1", hostPort: "8080")]]
        host.restartPolicy = RestartPolicy(name: "unless-stopped")
        host.mounts = [Mount(type: "volume", source: "data", target: "/data", volumeOptions: .init(noCopy: true))]
        let body = ContainerCreateBody(
            config: ContainerConfig(exposedPorts: ["80/tcp": EmptyObject()], cmd: ["sh"], image: "busybox",
                                    labels: ["a": "b"]),
            hostConfig: host,
            networkingConfig: NetworkingConfig(endpointsConfig: [
                "net": EndpointSettings(ipamConfig: EndpointIPAMConfig(ipv4Address: "10.0.0.2"), aliases: ["web"]),
            ]))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(body)) as! [String: Any]
        #expect(object["Image"] as? String == "busybox")
        #expect(object["Cmd"] as? [String] == ["sh"])
        #expect((object["ExposedPorts"] as? [String: Any])?["80/tcp"] is [String: Any])
        #expect(object["Env"] == nil, "nil optionals are omitted")
        let hostObject = object["HostConfig"] as! [String: Any]
        #expect(hostObject["Init"] as? Bool == true)
        #expect(hostObject["UTSMode"] as? String == "host")
        #expect(hostObject["NanoCpus"] as? Int == 500_000_000)
        #expect(((hostObject["PortBindings"] as? [String: Any])?["80/tcp"] as? [[String: String]])?.first?["HostPort"] == "8080")
        #expect((hostObject["RestartPolicy"] as? [String: Any])?["Name"] as? String == "unless-stopped")
        #expect(((hostObject["Mounts"] as? [[String: Any]])?.first?["VolumeOptions"] as? [String: Any])?["NoCopy"] as? Bool == true)
        let endpoint = ((object["NetworkingConfig"] as? [String: Any])?["EndpointsConfig"] as? [String: Any])?["net"] as? [String: Any]
        #expect((endpoint?["IPAMConfig"] as? [String: Any])?["IPv4Address"] as? String == "10.0.0.2")
        #expect(endpoint?["Aliases"] as? [String] == ["web"])
    }

    @Test func inspectDecodesNullsAndUnknownFields() throws {
        let json = #"""
        {"Id":"abc","Name":"/web","RestartCount":2,"NewerDaemonField":{"x":1},
         "State":{"Status":"running","Running":true,"ExitCode":0,"Health":{"Status":"healthy","FailingStreak":0,"Log":null}},
         "Config":{"Image":"busybox","Labels":null,"Tty":false,"ExposedPorts":{"80/tcp":{}}},
         "HostConfig":{"PortBindings":{"80/tcp":null},"Mounts":null,"Init":null},
         "NetworkSettings":{"Ports":{"80/tcp":null,"81/tcp":[{"HostIp":"0.0.0.0","HostPort":"32768"}]},
                            "Networks":{"p_default":{"Aliases":null,"IPAddress":"172.18.0.2","DNSNames":["web"]}}},
         "Mounts":[{"Type":"volume","Name":"v","Source":"/var/lib/docker/volumes/v/_data","Destination":"/data","RW":true}]}
        """#
        let inspect = try JSONDecoder().decode(ContainerInspect.self, from: Data(json.utf8))
        #expect(inspect.state?.health?.status == "healthy")
        #expect(inspect.restartCount == 2)
        #expect(inspect.hostConfig?.portBindings?["80/tcp"] == [])
        #expect(inspect.networkSettings?.ports?["81/tcp"]?.first?.hostPort == "32768")
        #expect(inspect.networkSettings?.networks?["p_default"]?.ipAddress == "172.18.0.2")
        #expect(inspect.mounts?.first?.rw == true)
        #expect(inspect.config?.exposedPorts?["80/tcp"] != nil)
    }

    @Test func volumeEnvelopeAndProgressAux() throws {
        let list = try JSONDecoder().decode(VolumeListResponse.self, from: Data(#"{"Volumes":[{"Name":"v","Driver":"local"}],"Warnings":null}"#.utf8))
        #expect(list.volumes?.first?.name == "v")
        let empty = try JSONDecoder().decode(VolumeListResponse.self, from: Data(#"{"Volumes":null}"#.utf8))
        #expect(empty.volumes == nil)
        let aux = try JSONDecoder().decode(ProgressMessage.self, from: Data(#"{"aux":{"ID":"sha256:abc"}}"#.utf8))
        #expect(aux.aux?.id == "sha256:abc")
        let odd = try JSONDecoder().decode(ProgressMessage.self, from: Data(#"{"aux":"not an object","stream":"Step 1/2"}"#.utf8))
        #expect(odd.aux == nil && odd.stream == "Step 1/2")
    }
}
