#!/usr/bin/env python3
"""Creates the devices of bench/semantics.sh through Keel's HTTP API (standard library only).

    populate.py BASE_URL COUNT CLIENTS

COUNT containers under AEs of 1000 (smbAe0, smbAe1, ...), each with a <semanticDescriptor> child "desc" (ty 24,
dcrp 5: Turtle) describing one device: device i is of type TYPES[i % 3] and in building (i // 3) % 100, so every
(type, building) pair holds 1/300 of the devices and every type 1/3. CLIENTS threads, each with its own keep-alive
connection, create them; any status but 201 stops the run.
"""
import base64
import http.client
import json
import sys
import threading
import time
import urllib.parse

TYPES = ["TemperatureSensor", "HumiditySensor", "Light"]
BUILDINGS = 100
PER_AE = 1000
EX = "http://example.org/keel-bench#"


def turtle(i):
    kind = TYPES[i % len(TYPES)]
    building = (i // len(TYPES)) % BUILDINGS
    return (f"@prefix ex: <{EX}> .\n"
            f"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            f"ex:device{i} a ex:{kind} ;\n"
            f"  ex:locatedIn ex:building{building} ;\n"
            f"  ex:floor \"{i % 7}\"^^xsd:integer ;\n"
            f"  ex:serial \"SN-{i:08d}\" .\n"
            f"ex:building{building} a ex:Building .\n")


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.conn = None
        self.n = 0

    def create(self, path, ty, origin, body):
        self.n += 1
        headers = {"X-M2M-Origin": origin, "X-M2M-RI": f"smb-{threading.get_ident()}-{self.n}", "X-M2M-RVI": "4",
                   "Content-Type": f"application/json;ty={ty}", "Accept": "application/json"}
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.conn.request("POST", path, json.dumps(body), headers)
                r = self.conn.getresponse()
                text = r.read().decode()
                if r.status != 201:
                    raise SystemExit(f"POST {path} ty={ty} answered {r.status}: {text}")
                return
            except (http.client.HTTPException, ConnectionError):
                self.conn = None
                if attempt:
                    raise


def main():
    base, count, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    aes = (count + PER_AE - 1) // PER_AE
    c = Client(base)
    for a in range(aes):
        c.create("/cse-in", 2, f"CsmbAe{a}", {"m2m:ae": {"rn": f"smbAe{a}", "api": "Nsmbench", "rr": False, "srv": ["4"]}})
    start = time.monotonic()
    next_i = [0]
    lock = threading.Lock()
    failed = []

    def work():
        cl = Client(base)
        try:
            while True:
                with lock:
                    i = next_i[0]
                    if i >= count:
                        return
                    next_i[0] += 1
                a = i // PER_AE
                origin = f"CsmbAe{a}"
                cl.create(f"/cse-in/smbAe{a}", 3, origin, {"m2m:cnt": {"rn": f"dev{i}"}})
                dsp = base64.b64encode(turtle(i).encode()).decode()
                cl.create(f"/cse-in/smbAe{a}/dev{i}", 24, origin, {"m2m:smd": {"rn": "desc", "dcrp": 5, "dsp": dsp}})
        except BaseException as e:  # noqa: BLE001 - report any failure once, stop the others
            failed.append(e)
            with lock:
                next_i[0] = count

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for t in threads:
        t.start()
    last = time.monotonic()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        if time.monotonic() - last >= 30:
            last = time.monotonic()
            print(f"# ... {min(next_i[0], count)} devices after {last - start:.0f} s", flush=True)
    for t in threads:
        t.join()
    if failed:
        print(failed[0], file=sys.stderr)
        sys.exit(1)
    took = time.monotonic() - start
    print(f"# created {count} containers and {count} semanticDescriptors in {took:.1f} s "
          f"({2 * count / took:.0f} creates/s, {clients} clients)")


if __name__ == "__main__":
    main()
