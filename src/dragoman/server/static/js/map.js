// Map view: where events happened, on an offline world outline (Natural Earth 1:110m, shipped as
// static/world.json). Precision is shown: a filled dot is a city or site, a dashed ring a place
// known only to the country or region (drawn at that country's centre). A point opens its stories.

import { get } from "./api.js";
import { clear, clickable, h, loading, on, plural, s } from "./dom.js";

let world = null;
let zoomed = true;

async function loadWorld() {
  if (!world) {
    const res = await fetch("/static/world.json");
    world = await res.json();
  }
  return world;
}

function exact(v) {
  return v.feature === "city" || v.feature === "site";
}

function viewBox(items) {
  const pts = items.filter((v) => v.lat !== null && v.lon !== null);
  if (!zoomed || !pts.length) return [-180, -90, 360, 180];
  const xs = pts.map((v) => v.lon);
  const ys = pts.map((v) => -v.lat);
  let [x0, x1, y0, y1] = [Math.min(...xs) - 12, Math.max(...xs) + 12, Math.min(...ys) - 8, Math.max(...ys) + 8];
  let w = Math.max(60, x1 - x0);
  let hgt = Math.max(30, y1 - y0);
  if (w / hgt > 2) hgt = w / 2; else w = hgt * 2;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  x0 = Math.max(-180, Math.min(180 - w, cx - w / 2));
  y0 = Math.max(-90, Math.min(90 - hgt, cy - hgt / 2));
  return [x0, y0, Math.min(360, w), Math.min(180, hgt)];
}

function drawMap(items, onPoint) {
  const vb = viewBox(items);
  const unit = vb[2] / 360;                 // 1 at world scale
  const svg = s("svg", { viewBox: vb.join(" "), class: "map", role: "img", "aria-label": "map of event locations" });
  svg.append(s("rect", { x: -180, y: -90, width: 360, height: 180, class: "ocean" }));
  const grid = s("g", { class: "graticule" });
  for (let lon = -180; lon <= 180; lon += 30) grid.append(s("line", { x1: lon, x2: lon, y1: -90, y2: 90 }));
  for (let lat = -60; lat <= 60; lat += 30) grid.append(s("line", { x1: -180, x2: 180, y1: -lat, y2: -lat }));
  svg.append(grid);
  const land = s("g", { class: "land" });
  for (const c of world.countries) land.append(s("path", { d: c.d, dataset: { iso3: c.iso3 || "" } }, s("title", {}, c.name)));
  svg.append(land);
  const max = Math.max(1, ...items.map((v) => v.events));
  const layer = s("g", { class: "points" });
  // country-level rings first, so city dots stay clickable on top of them
  const ordered = [...items].sort((a, b) => Number(exact(a)) - Number(exact(b)));
  for (const v of ordered) {
    if (v.lat === null || v.lon === null) continue;
    const r = (exact(v) ? 1.6 : 3) * unit * (1 + 1.5 * Math.sqrt(v.events / max)) * 1.4;
    const label = `${v.name}${v.country ? ", " + v.country : ""}: ${plural(v.events, "event")}, ${plural(v.stories, "story", "stories")} — ${exact(v) ? v.feature + " (exact point)" : (v.feature || "place") + "-level (country centre)"}`;
    const g = s("g", { class: `pt ${exact(v) ? "exact" : "area"}`, dataset: { name: v.name } },
      s("circle", { cx: v.lon, cy: -v.lat, r }),
      // rings (country-level) are named in their tooltip and the list: their labels would crowd the cities'
      exact(v) ? s("text", { x: v.lon + r * 1.2, y: -v.lat + r * 0.4, "font-size": 5 * unit }, v.name) : null,
      s("title", {}, label));
    layer.append(clickable(g, () => onPoint(v), label));
  }
  svg.append(layer);
  return svg;
}

export async function render(view, ctx) {
  loading(view);
  const f = ctx.filters();
  const [, res] = await Promise.all([loadWorld(), get("venues", { basis: "reported", since: f.since, until: f.until, status: f.status, type: f.type, limit: 1000 })]);
  const items = res.items;
  const onPoint = (v) => ctx.drill(`Events at ${v.name}${v.country ? ", " + v.country : ""}`,
    { location: v.name, location_country: v.country, basis: "reported", since: f.since, until: f.until, status: f.status, type: f.type });
  const toggle = h("button", { type: "button" }, zoomed ? "Whole world" : "Zoom to events");
  on(toggle, "click", () => { zoomed = !zoomed; render(view, ctx); });
  const list = h("ol", { class: "venue-list" }, items.map((v) => clickable(
    h("li", {}, `${v.name}${v.country ? " (" + v.country + ")" : ""} — ${plural(v.events, "event")} `,
      h("span", { class: "badge precision" }, exact(v) ? v.feature : `${v.feature || "place"}-level`)),
    () => onPoint(v))));
  clear(view).append(
    h("h2", {}, "Map: where events happened"),
    h("div", { class: "controls" }, toggle),
    drawMap(items, onPoint),
    h("p", { class: "legend" },
      h("span", {}, h("i", { class: "swatch dot" }), "city or site: exact point"),
      h("span", {}, h("i", { class: "swatch ring" }), "country or region only: drawn at its centre"),
      h("span", { class: "muted" }, "Size: number of events. Outline: Natural Earth 1:110m (public domain).")),
    items.length ? list : h("p", { class: "muted" }, "No located events with these filters."));
  view.dataset.state = "ready";
}
