#!/usr/bin/env python3
"""Drives bench/timeseries.sh: sets up periodic timeSeries on a running Keel, feeds most of them on time, leaves some
silent, and measures how late the CSE records and notifies their missing data points (TS-0001 10.2.4.29) and the CPU
it spends. Standard library only; every request goes to loopback.

    driver.py BASE KEEL_PID  (settings in the environment, see bench/timeseries.sh)
"""
import heapq
import http.client
import http.server
import json
import os
import queue
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

BASE = urllib.parse.urlsplit(sys.argv[1])
KEEL_PID = int(sys.argv[2])
COUNT = int(os.environ.get("TS_COUNT", "10000"))
SILENT = int(os.environ.get("TS_SILENT", "500"))
PEI = int(os.environ.get("TS_PEI_MS", "120000"))
PEID = int(os.environ.get("TS_PEID_MS", "500"))
MDT = int(os.environ.get("TS_MDT_MS", "30000"))
WINDOW = float(os.environ.get("TS_WINDOW_S", "240"))
CLIENTS = int(os.environ.get("TS_CLIENTS", "8"))
AE = "Ctsbench"
TICKS = os.sysconf("SC_CLK_TCK")
local = threading.local()


def connection():
    if not hasattr(local, "conn"):
        local.conn = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=60)
    return local.conn


def request(method, path, origin=AE, ty=None, body=None, expect=(200, 201)):
    headers = {"X-M2M-Origin": origin, "X-M2M-RI": f"b{time.monotonic_ns()}", "X-M2M-RVI": "3", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = f"application/json;ty={ty}" if ty else "application/json"
        body = json.dumps(body)
    for attempt in range(3):
        try:
            conn = connection()
            conn.request(method, path, body=body, headers=headers)
            res = conn.getresponse()
            text = res.read().decode()
            break
        except (ConnectionError, http.client.HTTPException, TimeoutError):
            del local.conn
            if attempt == 2:
                raise
    if res.status not in expect:
        raise RuntimeError(f"{method} {path} {body} answered {res.status}: {text}")
    return json.loads(text) if text else None


def timestamp(ms):
    """A oneM2M timestamp (basic ISO 8601, UTC) of epoch milliseconds."""
    d = datetime.fromtimestamp(ms / 1000, timezone.utc)
    return d.strftime("%Y%m%dT%H%M%S") + f",{(ms % 1000) * 1000:06d}"


def epoch_ms(ts):
    main, _, fraction = ts.partition(",")
    d = datetime.strptime(main, "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
    return int(d.timestamp() * 1000) + int((fraction or "0").ljust(6, "0")[:3])


def now_ms():
    return int(time.time() * 1000)


# Notifications of silent series: arrival time of each missing point, and points notified twice.
notified = queue.Queue()


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        arrived = now_ms()
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("X-M2M-RSC", "2000")
        self.send_header("Content-Length", "0")
        self.end_headers()
        try:
            sgn = json.loads(body)["m2m:sgn"]
            tsn = sgn.get("nev", {}).get("rep", {}).get("m2m:tsn")
            if tsn:
                for point in tsn.get("mdlt", []):
                    notified.put((sgn["sur"], point, arrived))
        except (ValueError, KeyError):
            pass

    def log_message(self, *args):
        pass


def cpu_ticks():
    """(whole process, missing-data thread) CPU of Keel in clock ticks, from /proc."""
    def ticks(stat):
        fields = stat[stat.rindex(")") + 2:].split()
        return int(fields[11]) + int(fields[12])
    with open(f"/proc/{KEEL_PID}/stat") as f:
        total = ticks(f.read())
    detector = 0
    for task in os.listdir(f"/proc/{KEEL_PID}/task"):
        try:
            with open(f"/proc/{KEEL_PID}/task/{task}/comm") as f:
                if f.read().strip().startswith("keel-missing"):
                    with open(f"/proc/{KEEL_PID}/task/{task}/stat") as s:
                        detector += ticks(s.read())
        except FileNotFoundError:
            pass
    return total, detector


def percentile(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver = f"http://127.0.0.1:{server.server_address[1]}/n"

    request("POST", "/cse-in", ty=2, body={"m2m:ae": {"rn": "tsbench", "api": "Nbench", "rr": False, "srv": ["3"]}})
    silent = set(range(SILENT))  # ts0 … ts<SILENT-1> stay silent after their first instance
    fed = [i for i in range(COUNT) if i not in silent]
    # Feeding starts with the first series: an instance with dgt = the expected point, sent at that point.
    due_heap, cond = [], threading.Condition()
    lags, late = [], [0]
    window = {"end": None}
    start = time.time()

    def create(i):
        path = f"/cse-in/tsbench/ts{i}"
        request("POST", "/cse-in/tsbench", ty=29, body={"m2m:ts": {"rn": f"ts{i}", "pei": PEI, "peid": PEID, "mdt": MDT,
                                                                   "mdd": True, "mdn": 10}})
        if i in silent:
            request("POST", path, ty=23, body={"m2m:sub": {"rn": "gaps", "nu": [receiver],
                                                           "enc": {"net": [8], "md": {"num": 1, "dur": "PT1H"}}}})
        first = now_ms()
        request("POST", path, ty=30, body={"m2m:tsi": {"dgt": timestamp(first), "con": "0"}})
        if i not in silent:
            with cond:
                heapq.heappush(due_heap, (first + PEI, i))
                cond.notify()

    def feeder():
        while True:
            with cond:
                while not due_heap and window["end"] is None:
                    cond.wait(0.5)
                if not due_heap or (window["end"] is not None and due_heap[0][0] > window["end"]):
                    return
                due, i = heapq.heappop(due_heap)
            wait = due - now_ms()
            if wait > 0:
                time.sleep(wait / 1000)
            request("POST", f"/cse-in/tsbench/ts{i}", ty=30, body={"m2m:tsi": {"dgt": timestamp(due), "con": "1"}})
            lag = now_ms() - due
            with cond:
                lags.append(lag)
                late[0] += lag > MDT
                heapq.heappush(due_heap, (due + PEI, i))

    feeders = [threading.Thread(target=feeder) for _ in range(CLIENTS)]
    for t in feeders:
        t.start()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(create, range(COUNT)))
    setup = time.time() - start
    print(f"# set up {COUNT} timeSeries ({SILENT} silent, with a net 8 subscription) in {setup:.0f} s", flush=True)

    window_start = now_ms()
    fed_before = len(lags)
    late_before = late[0]
    t0, d0 = cpu_ticks()
    with cond:
        window["end"] = window_start + int(WINDOW * 1000)
    while now_ms() < window["end"]:
        time.sleep(0.5)
    t1, d1 = cpu_ticks()
    for t in feeders:
        t.join()
    sent = [len(lags) - fed_before]
    window_lags = lags[fed_before:]

    # Notified lateness of the points due within the window; a point notified twice is a defect.
    seen, lateness, twice = set(), [], 0
    while True:
        try:
            sur, point, arrived = notified.get_nowait()
        except queue.Empty:
            break
        due = epoch_ms(point) + MDT
        if (sur, point) in seen:
            twice += 1
        seen.add((sur, point))
        if window_start <= due <= window["end"]:
            lateness.append(arrived - due)

    # Recorded lateness: each silent series' lt is when the CSE recorded its newest missing point.
    def recorded(i):
        ts = request("GET", f"/cse-in/tsbench/ts{i}")["m2m:ts"]
        mdlt = ts.get("mdlt", [])
        return epoch_ms(ts["lt"]) - (epoch_ms(mdlt[-1]) + MDT) if mdlt else None

    def false_positives(i):
        return request("GET", f"/cse-in/tsbench/ts{i}")["m2m:ts"].get("mdc", 0)

    with ThreadPoolExecutor(CLIENTS) as pool:
        rec = [v for v in pool.map(recorded, sorted(silent)) if v is not None]
        sample = fed[:: max(1, len(fed) // 500)]
        wrong = sum(1 for v in pool.map(false_positives, sample) if v)

    seconds = WINDOW
    cores = (t1 - t0) / TICKS / seconds
    detector_cores = (d1 - d0) / TICKS / seconds
    points = len(lateness)
    print(f"# window {seconds:.0f} s: fed {sent[0]} instances ({sent[0] / seconds:.0f}/s), feed lag p50 "
          f"{percentile(window_lags, 50):.0f} ms p99 {percentile(window_lags, 99):.0f} ms, {late[0] - late_before} sent later "
          f"than mdt; during the set-up {late_before} of {fed_before} were")
    print(f"# missing points notified in the window: {points} ({points / seconds:.1f}/s), {twice} notified twice; "
          f"fed series with mdc > 0: {wrong} of {len(sample)} sampled")
    print(f"# Keel CPU: {cores:.2f} cores in all, the missing-data thread {detector_cores:.3f} cores "
          f"({(d1 - d0) / TICKS * 1000 / max(points, 1):.2f} ms per missing point)")
    print("| database | series (silent) | pei | missing points/s | recorded late p50 / p99 (ms) | notified late p50 / p99 (ms)"
          " | detector CPU (cores) | Keel CPU (cores) | instances fed/s |")
    print(f"| {os.environ.get('TS_DB', 'h2')} | {COUNT} ({SILENT}) | {PEI / 1000:g} s | {points / seconds:.1f} | "
          f"{percentile(rec, 50):.0f} / {percentile(rec, 99):.0f} | {percentile(lateness, 50):.0f} / "
          f"{percentile(lateness, 99):.0f} | {detector_cores:.3f} | {cores:.2f} | {sent[0] / seconds:.0f} |")
    ok = points > 0 and twice == 0 and wrong == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
