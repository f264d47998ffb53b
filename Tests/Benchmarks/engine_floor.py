"""The raw-engine floor: the same containers created and started by direct Engine API calls,
8 at a time, over the unix socket. swiftcompose is measured against this in the same run."""
import http.client
import json
import socket
from concurrent.futures import ThreadPoolExecutor

SOCK = "/var/run/docker.sock"
API = "/v1.41"


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path=SOCK):
        super().__init__("localhost", timeout=300)
        self.path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(self.path)
        self.sock = s


def call(method, path, body=None, conn=None):
    c = conn or UnixHTTPConnection()
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    c.request(method, API + path, body=data, headers=headers)
    r = c.getresponse()
    raw = r.read()
    if r.status >= 400 and r.status != 404 and r.status != 304:
        raise RuntimeError(f"{method} {path}: {r.status} {raw[:200]!r}")
    return json.loads(raw) if raw and r.headers.get("Content-Type", "").startswith("application/json") else None


_local = None


def pool_call(args):
    import threading
    global _local
    if _local is None:
        _local = threading.local()
    if not hasattr(_local, "conn"):
        _local.conn = UnixHTTPConnection()
    return call(*args, conn=_local.conn)


def container_body(project, service, number, image, command, network, depends=""):
    return {
        "Image": image,
        "Cmd": command,
        "Labels": {
            "com.docker.compose.project": project,
            "com.docker.compose.service": service,
            "com.docker.compose.container-number": str(number),
            "com.docker.compose.oneoff": "False",
        },
        "HostConfig": {"Init": True, "NetworkMode": network},
        "NetworkingConfig": {"EndpointsConfig": {network: {"Aliases": [service]}}},
    }


def up(project, services, image, command, parallel=8):
    """services: list of (service, number) in dependency order groups: [[(svc, n), ...], ...]"""
    net = f"{project}_default"
    call("POST", "/networks/create", {"Name": net, "Labels": {"com.docker.compose.project": project}})
    with ThreadPoolExecutor(parallel) as ex:
        for group in services:
            names = [(f"{project}-{s}-{n}", s, n) for s, n in group]
            list(ex.map(pool_call, [("POST", f"/containers/create?name={name}",
                                     container_body(project, s, n, image, command, net)) for name, s, n in names]))
            list(ex.map(pool_call, [("POST", f"/containers/{name}/start") for name, _, _ in names]))


def list_project(project):
    f = json.dumps({"label": [f"com.docker.compose.project={project}"]})
    import urllib.parse
    return call("GET", "/containers/json?all=1&filters=" + urllib.parse.quote(f))


def down(project, parallel=8):
    ids = [c["Id"] for c in list_project(project)]
    with ThreadPoolExecutor(parallel) as ex:
        list(ex.map(pool_call, [("POST", f"/containers/{i}/stop?t=10") for i in ids]))
        list(ex.map(pool_call, [("DELETE", f"/containers/{i}?v=1&force=1") for i in ids]))
    # The engine may report the last endpoints for a moment after the containers are gone.
    import time
    for _ in range(30):
        try:
            call("DELETE", f"/networks/{project}_default")
            return
        except RuntimeError as e:
            if "active endpoints" not in str(e):
                raise
            time.sleep(0.1)


def up_more(project, services, image, command, parallel=8):
    """Adds containers to an existing project network (scale-up floor)."""
    net = f"{project}_default"
    with ThreadPoolExecutor(parallel) as ex:
        for group in services:
            names = [(f"{project}-{s}-{n}", s, n) for s, n in group]
            list(ex.map(pool_call, [("POST", f"/containers/create?name={name}",
                                     container_body(project, s, n, image, command, net)) for name, s, n in names]))
            list(ex.map(pool_call, [("POST", f"/containers/{name}/start") for name, _, _ in names]))
