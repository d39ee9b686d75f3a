"""Builds ``static/world.json``, the dashboard's offline world outline, from Natural Earth data.

Why a generator and a checked-in file: the dashboard must work offline and ship no third-party
JavaScript, so country outlines are stored as ready-to-draw SVG path strings in an
equirectangular projection (x = longitude, y = -latitude; viewBox ``-180 -90 360 180``). The
source is Natural Earth 1:110m admin-0 countries (public domain) as redistributed in the npm
package ``world-atlas`` 2.0.2 (ISC licence), file ``countries-110m.json`` (TopoJSON). Run once::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m dragoman.server.build_world package/countries-110m.json

Coordinates are rounded to 0.1 degree (about 11 km, finer than the 1:110m source) and repeated
points dropped, which keeps the file near 100 kB.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("static") / "world.json"
# Natural Earth features without an ISO 3166-1 numeric code: the codes dragoman's actors use.
NO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decodes quantized, delta-encoded TopoJSON arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)     # consecutive arcs share their joining point
    return pts


def _unwrap(ring: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Fiji, Russia's Chukotka) made continuous past ±180,
    plus a copy shifted by 360 degrees; the SVG viewBox clips each copy to the visible half, so no
    line is drawn across the whole map."""
    out: list[tuple[float, float]] = []
    for lon, lat in ring:
        if out:
            prev = out[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        out.append((lon, lat))
    lons = [p[0] for p in out]
    if max(lons) > 180:
        return [out, [(x - 360, y) for x, y in out]]
    if min(lons) < -180:
        return [out, [(x + 360, y) for x, y in out]]
    return [out]


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in (r for whole in rings for r in _unwrap(whole)):
        coords: list[str] = []
        last = None
        for lon, lat in ring:
            p = (round(lon, 1), round(-lat, 1))
            if p != last:
                coords.append(f"{p[0]:g} {p[1]:g}")
                last = p
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def build(topo: dict[str, Any]) -> dict[str, Any]:
    """The world.json document: one entry per country with its ISO3 code, name and SVG path."""
    import pycountry

    arcs = _arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name")
        polys = {"Polygon": [geom.get("arcs", [])], "MultiPolygon": geom.get("arcs", [])}.get(geom["type"], [])
        rings = [_ring(r, arcs) for poly in polys for r in poly]
        if geom.get("id") is not None:
            found = pycountry.countries.get(numeric=str(geom["id"]).zfill(3))
            iso3 = found.alpha_3 if found else None
        else:
            iso3 = NO_NUMERIC.get(name)
        d = _path(rings)
        if d:
            countries.append({"iso3": iso3, "name": name, "d": d})
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via world-atlas 2.0.2 (ISC)",
        "projection": "equirectangular: x = lon, y = -lat",
        "viewBox": [-180, -90, 360, 180],
        "countries": countries,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dragoman.server.build_world countries-110m.json", file=sys.stderr)
        return 2
    data = build(json.loads(Path(args[0]).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(data['countries'])} countries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
