#!/usr/bin/env python3
"""Builds src/main/resources/geo/countries-50m.topo.json.gz, the country boundaries Keel tests country codes against.

Input: countries-50m.json of the npm package world-atlas 2.0.2 (ISC, Mike Bostock; Natural Earth 1:50m admin-0
countries, public domain) and codes.json of the npm package i18n-iso-countries (MIT), which maps ISO 3166-1 numeric
codes to alpha-2. Output: the same TopoJSON (arcs, transform unchanged) with the "land" object dropped and each country
geometry's id its ISO 3166-1 alpha-2 code. Natural Earth features without an ISO code take the code ISO gives the
territory (Somaliland: SO, N. Cyprus: CY) or the one in common use (Kosovo: XK); the Australian Indian Ocean
Territories (CX and CC in one feature) and the Siachen Glacier (disputed) are left out.

  npm pack world-atlas@2.0.2 i18n-iso-countries@7.14.0  (then untar both)
  python3 make_countries.py world-atlas/countries-50m.json i18n-iso-countries/codes.json out.topo.json.gz
"""
import gzip
import json
import sys

BY_NAME = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}

topo_path, codes_path, out_path = sys.argv[1:4]
topo = json.load(open(topo_path))
alpha2 = {numeric: a2 for a2, _a3, numeric, *_ in json.load(open(codes_path))}
kept = []
for g in topo["objects"]["countries"]["geometries"]:
    code = alpha2.get(g["id"]) if "id" in g else BY_NAME.get(g["properties"]["name"])
    if code is None:
        print("left out:", g["properties"]["name"], file=sys.stderr)
        continue
    kept.append({"type": g["type"], "id": code, "arcs": g["arcs"]})
topo["objects"] = {"countries": {"type": "GeometryCollection", "geometries": kept}}
with gzip.open(out_path, "wt", encoding="utf-8", compresslevel=9) as out:
    json.dump(topo, out, separators=(",", ":"))
