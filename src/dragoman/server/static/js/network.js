// Network view: who meets whom. Sides of the same events are joined by solid edges (green when
// their events are cooperative on balance, red when conflictual; the wider, the more events); a host
// or mediator is joined to each side it stood beside by a dashed purple edge, and carries a purple
// ring. A node's size is its number of events.
//
// Layout, in two steps and deterministic (the same data always draws the same picture):
// 1. positions: each connected group of actors gets a force layout (Fruchterman–Reingold: nodes
//    repel, edges pull) started from a circle in breadth-first order from its busiest actor; the
//    groups are then packed in rows, largest first, at the largest scale that fits the drawing;
// 2. labels: measured in the page, then placed busiest actor first at the first free spot among
//    candidates around its node (right, left, above, below, the diagonals, then farther out), never
//    over another label or node and preferring spots crossed by fewer edges; a label that had to
//    move away from its node gets a thin leader line.

import { get } from "./api.js";
import { clear, clickable, fmtNumber, h, loading, plural, s } from "./dom.js";

const W = 960;
const H = 620;
const PAD = 24;            // free border of the drawing

function order(nodes, edges) {
  const adj = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (adj.has(e.a) && adj.has(e.b)) { adj.get(e.a).push(e.b); adj.get(e.b).push(e.a); }
  }
  const seen = new Set();
  const out = [];
  for (const start of nodes.map((n) => n.id)) {
    if (seen.has(start)) continue;
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const id = queue.shift();
      out.push(id);
      for (const next of adj.get(id)) if (!seen.has(next)) { seen.add(next); queue.push(next); }
    }
  }
  return out;
}

/** The connected components of the graph, each in breadth-first order, busiest first. */
function components(nodes, edges) {
  const ids = order(nodes, edges);
  const adj = new Map(ids.map((id) => [id, new Set()]));
  for (const e of edges) if (adj.has(e.a) && adj.has(e.b)) { adj.get(e.a).add(e.b); adj.get(e.b).add(e.a); }
  const seen = new Set();
  const out = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    const comp = [];
    const queue = [id];
    seen.add(id);
    while (queue.length) {
      const cur = queue.shift();
      comp.push(cur);
      for (const next of adj.get(cur)) if (!seen.has(next)) { seen.add(next); queue.push(next); }
    }
    out.push(comp);
  }
  return out;
}

/** Fruchterman–Reingold in units where linked nodes settle one unit apart; returns [[x, y]]. */
function force(ids, edges) {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const r0 = n > 1 ? 0.5 / Math.sin(Math.PI / n) : 0;     // a circle with neighbours one unit apart
  ids.forEach((_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
    x[i] = r0 * Math.cos(angle);
    y[i] = r0 * Math.sin(angle);
  });
  const links = edges.filter((e) => index.has(e.a) && index.has(e.b) && e.a !== e.b)
    .map((e) => [index.get(e.a), index.get(e.b)]);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = 0.3;
  for (let step = 0; step < 400 && n > 2; step++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i] - x[j];
        let ddy = y[i] - y[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-9) { ddx = 0.01 * (i - j); ddy = 0.01; d2 = ddx * ddx + ddy * ddy; }
        const f = 1 / d2;                              // repulsion 1/d along the unit vector
        dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
      }
    }
    for (const [i, j] of links) {
      const ddx = x[i] - x[j];
      const ddy = y[i] - y[j];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      dx[i] -= ddx * d; dy[i] -= ddy * d; dx[j] += ddx * d; dy[j] += ddy * d;   // attraction d²
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= x[i] * 0.05;                            // a weak pull to the middle
      dy[i] -= y[i] * 0.05;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const move = Math.min(d, temp);
      x[i] += (dx[i] / d) * move;
      y[i] += (dy[i] / d) * move;
    }
    temp = Math.max(0.002, temp * 0.985);
  }
  return ids.map((_, i) => [x[i], y[i]]);
}

/**
 * Node centres: each connected group laid out by force, then the groups packed in rows (the largest
 * first) at the largest scale that fits the drawing, rows and groups spread evenly over it.
 */
export function layout(nodes, edges, radius) {
  const groups = components(nodes, edges).map((ids) => {
    const xy = force(ids, edges);
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    const [x0, y0] = [Math.min(...xs), Math.min(...ys)];
    return { ids, xy: xy.map(([px, py]) => [px - x0, py - y0]), w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
  }).sort((a, b) => b.ids.length - a.ids.length);
  const MX = 80;            // room beside a group for its labels
  const MY = 34;
  const pack = (unit) => {
    const rows = [];
    let row = null;
    for (const g of groups) {
      const w = g.w * unit + 2 * MX;
      const hgt = g.h * unit + 2 * MY;
      if (!row || row.w + w > W - 2 * PAD) { row = { items: [], w: 0, h: 0 }; rows.push(row); }
      row.items.push({ g, w, h: hgt });
      row.w += w;
      row.h = Math.max(row.h, hgt);
    }
    return rows;
  };
  let unit = 190;
  let rows = pack(unit);
  while (unit > 36 && (rows.reduce((t, r) => t + r.h, 0) > H - 2 * PAD || rows.some((r) => r.w > W - 2 * PAD))) {
    unit *= 0.92;
    rows = pack(unit);
  }
  const pos = new Map();
  const total = rows.reduce((t, r) => t + r.h, 0);
  const gapY = (H - 2 * PAD - total) / (rows.length + 1);
  let top = PAD + Math.max(0, gapY);
  for (const row of rows) {
    const gapX = (W - 2 * PAD - row.w) / (row.items.length + 1);
    let left = PAD + Math.max(0, gapX);
    for (const { g, w, h: hgt } of row.items) {
      const ox = left + (w - g.w * unit) / 2;
      const oy = top + (row.h - hgt) / 2 + MY;
      g.ids.forEach((id, i) => pos.set(id, [ox + g.xy[i][0] * unit, oy + g.xy[i][1] * unit]));
      left += w + Math.max(0, gapX);
    }
    top += row.h + Math.max(0, gapY);
  }
  return fit(spread(pos, radius));
}

/** Scales the positions into the drawing when a very large group could not be made to fit. */
function fit(pos) {
  const pts = [...pos.values()];
  const [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  const [y0, y1] = [Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
  const lo = PAD + 20;
  if (x0 >= lo && y0 >= lo && x1 <= W - lo && y1 <= H - lo) return pos;
  const sx = x1 - x0 > W - 2 * lo ? (W - 2 * lo) / (x1 - x0) : 1;
  const sy = y1 - y0 > H - 2 * lo ? (H - 2 * lo) / (y1 - y0) : 1;
  const ox = x1 - x0 > W - 2 * lo ? lo : Math.min(Math.max(x0, lo), W - lo - (x1 - x0));
  const oy = y1 - y0 > H - 2 * lo ? lo : Math.min(Math.max(y0, lo), H - lo - (y1 - y0));
  for (const [id, [px, py]] of pos) pos.set(id, [ox + (px - x0) * sx, oy + (py - y0) * sy]);
  return pos;
}

/** Pushes apart nodes whose circles (plus a gap) still overlap after the layout. */
function spread(pos, radius) {
  const ids = [...pos.keys()];
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [ax, ay] = pos.get(ids[i]);
        const [bx, by] = pos.get(ids[j]);
        const need = radius(ids[i]) + radius(ids[j]) + 30;
        const d = Math.hypot(ax - bx, ay - by) || 0.01;
        if (d >= need) continue;
        const push = (need - d) / 2;
        const ux = (ax - bx) / d || 1;
        const uy = (ay - by) / d;
        pos.set(ids[i], clampPoint(ax + ux * push, ay + uy * push));
        pos.set(ids[j], clampPoint(bx - ux * push, by - uy * push));
        moved = true;
      }
    }
    if (!moved) break;
  }
  return pos;
}

function clampPoint(px, py) {
  return [Math.min(W - PAD - 20, Math.max(PAD + 20, px)), Math.min(H - PAD - 20, Math.max(PAD + 20, py))];
}

// -- label placement ----------------------------------------------------------------------------

function boxesOverlap(a, b, gap = 2) {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

function boxHitsCircle(b, cx, cy, r) {
  const nx = Math.max(b.x, Math.min(cx, b.x + b.w));
  const ny = Math.max(b.y, Math.min(cy, b.y + b.h));
  return (nx - cx) ** 2 + (ny - cy) ** 2 < (r + 2) ** 2;
}

function segmentHitsBox(x1, y1, x2, y2, b) {
  // Liang–Barsky clipping: does the segment pass through the box?
  let t0 = 0;
  let t1 = 1;
  const ddx = x2 - x1;
  const ddy = y2 - y1;
  for (const [p, q] of [[-ddx, x1 - b.x], [ddx, b.x + b.w - x1], [-ddy, y1 - b.y], [ddy, b.y + b.h - y1]]) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return true;
}

/**
 * Candidate boxes for a label of size w×h beside a node (cx, cy, r), nearest first: the four sides
 * and four corners, then rings farther out in sixteen directions.
 */
function candidates(cx, cy, r, w, hgt) {
  const out = [];
  const near = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]];
  for (const extra of [0, 10]) {
    for (const [ux, uy] of near) {
      const g = 4 + extra;
      const diag = ux !== 0 && uy !== 0 ? 0.72 : 1;
      const ax = cx + ux * (r * diag + g);
      const ay = cy + uy * (r * diag + g);
      const bx = ux > 0 ? ax : ux < 0 ? ax - w : ax - w / 2;
      const by = uy > 0 ? ay : uy < 0 ? ay - hgt : ay - hgt / 2;
      out.push({ x: bx, y: by, w, h: hgt, extra, dir: [ux, uy] });
    }
  }
  for (const extra of [22, 38, 60, 90, 130, 180, 240]) {
    for (let k = 0; k < 16; k++) {
      const a = (k * Math.PI) / 8;
      const ux = Math.round(Math.cos(a) * 1000) / 1000;
      const uy = Math.round(Math.sin(a) * 1000) / 1000;
      const reach = r + 4 + extra + Math.abs(ux) * (w / 2) + Math.abs(uy) * (hgt / 2);
      out.push({ x: cx + ux * reach - w / 2, y: cy + uy * reach - hgt / 2, w, h: hgt, extra, dir: [ux, uy] });
    }
  }
  return out;
}

function overlapArea(a, b) {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const hgt = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && hgt > 0 ? w * hgt : 0;
}

/**
 * Places each node's label (an SVG text in the page, measured with getBBox) so that no two labels
 * and no label and node overlap, preferring spots near the node crossed by few edges.
 */
export function placeLabels(svg, items, segments) {
  const placed = [];
  const circles = items.map((it) => [it.x, it.y, it.r]);
  for (const it of [...items].sort((a, b) => b.r - a.r || a.id.localeCompare(b.id))) {
    const bb = it.text.getBBox();
    const w = bb.width || 7.5 * it.text.textContent.length;
    const hgt = bb.height || 16;
    let best = null;
    let bestCost = Infinity;
    let least = null;             // when no spot is free: the one overlapping least
    let leastArea = Infinity;
    for (const c of candidates(it.x, it.y, it.r, w, hgt)) {
      if (c.x < 2 || c.y < 2 || c.x + c.w > W - 2 || c.y + c.h > H - 2) continue;
      const clash = placed.some((p) => boxesOverlap(p, c)) || circles.some(([cx, cy, r]) => boxHitsCircle(c, cx, cy, r));
      if (clash) {
        const area = placed.reduce((t, p) => t + overlapArea(p, c), 0) +
          circles.reduce((t, [cx, cy, r]) => t + overlapArea({ x: cx - r, y: cy - r, w: 2 * r, h: 2 * r }, c), 0);
        if (area < leastArea) { leastArea = area; least = c; }
        continue;
      }
      const crossings = segments.filter((sg) => segmentHitsBox(sg[0], sg[1], sg[2], sg[3], c)).length;
      const outward = (c.dir[0] * (it.x - W / 2) + c.dir[1] * (it.y - H / 2)) >= 0 ? 0 : 2;
      // away from its own edges, and nearer its own node than any other (no doubt whose label it is)
      const [nx, ny] = it.towards || [0, 0];
      const inward = c.dir[0] * nx + c.dir[1] * ny > 0.3 ? 4 : 0;
      const mx = c.x + c.w / 2;
      const my = c.y + c.h / 2;
      const own = Math.hypot(mx - it.x, my - it.y) - it.r;
      const closer = circles.some(([cx, cy, r]) => (cx !== it.x || cy !== it.y) && Math.hypot(mx - cx, my - cy) - r < own) ? 8 : 0;
      const cost = c.extra * 0.35 + crossings * 6 + outward + inward + closer + (c.dir[1] !== 0 && c.dir[0] === 0 ? 1 : 0);
      if (cost < bestCost) { bestCost = cost; best = c; }
      if (c.extra === 0 && cost === 0) break;
    }
    if (!best) best = least || { x: Math.min(Math.max(2, it.x - w / 2), W - w - 2), y: Math.min(Math.max(2, it.y + it.r + 4), H - hgt - 2), w, h: hgt, extra: 0 };
    placed.push(best);
    // the box's corner relative to the text's anchor point stays the same when the text moves
    const offX = bb.width ? bb.x - it.x : 0;
    const offY = bb.height ? bb.y - it.y : -0.8 * hgt;
    it.text.setAttribute("x", String(best.x - offX));
    it.text.setAttribute("y", String(best.y - offY));
    if (best.extra >= 22) {                // far from its node: a leader line to it
      const lx = Math.max(best.x, Math.min(it.x, best.x + best.w));
      const ly = Math.max(best.y, Math.min(it.y, best.y + best.h));
      it.group.insertBefore(s("line", { class: "leader", x1: it.x, y1: it.y, x2: lx, y2: ly }), it.group.firstChild);
    }
  }
  svg.dataset.labels = "placed";
}

// -- drawing ------------------------------------------------------------------------------------

function widthOf(events, maxE) {
  return 1.5 + 5 * Math.sqrt(events / maxE);
}

function draw(net, onEdge, onNode) {
  const maxN = Math.max(1, ...net.nodes.map((n) => n.events + n.third_party_events));
  const radiusOf = new Map(net.nodes.map((n) => [n.id, 7 + 12 * Math.sqrt((n.events + n.third_party_events) / maxN)]));
  const pos = layout(net.nodes, net.edges, (id) => radiusOf.get(id));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "network of actors" });
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const segments = [];
  for (const e of net.edges) {
    const [x1, y1] = pos.get(e.a);
    const [x2, y2] = pos.get(e.b);
    const tone = e.kind === "third-party" ? "third" : (e.goldstein_sum >= 0 ? "coop" : "conflict");
    const label = e.kind === "third-party"
      ? `${e.a} as host or mediator beside ${e.b}: ${e.events} events`
      : `${e.a}–${e.b}: ${e.events} events, Goldstein sum ${fmtNumber(e.goldstein_sum)}`;
    // third-party edges bend, so they stay visible beside a direct edge between the same actors
    const bend = e.kind === "third-party" ? 0.12 : 0;
    const qx = (x1 + x2) / 2 - (y2 - y1) * bend;
    const qy = (y1 + y2) / 2 + (x2 - x1) * bend;
    const d = `M${x1},${y1} Q${qx},${qy} ${x2},${y2}`;
    segments.push(bend ? [x1, y1, qx, qy] : [x1, y1, x2, y2]);
    if (bend) segments.push([qx, qy, x2, y2]);
    const g = s("g", { class: `edge ${tone}`, dataset: { a: e.a, b: e.b, kind: e.kind, events: e.events } },
      s("path", { d, class: "hit" }),
      s("path", { d, class: "stroke", "stroke-width": widthOf(e.events, maxE) }),
      s("title", {}, label));
    svg.append(clickable(g, () => onEdge(e), label));
  }
  const items = [];
  for (const n of net.nodes) {
    const [x, y] = pos.get(n.id);
    const r = radiusOf.get(n.id);
    const label = `${n.name} (${n.id}): ${n.events} events as a side, ${n.third_party_events} as host or mediator`;
    const text = s("text", { x, y, class: "label" }, `${n.name}${n.third_party_events ? " ◆" + n.third_party_events : ""}`);
    const g = s("g", { class: `node${n.third_party_events ? " mediator" : ""}`, dataset: { id: n.id } },
      s("circle", { cx: x, cy: y, r }), text, s("title", {}, label));
    svg.append(clickable(g, () => onNode(n), label));
    items.push({ id: n.id, x, y, r, text, group: g, towards: towards(n.id, x, y, net.edges, pos) });
  }
  return { svg, place: () => placeLabels(svg, items, segments), maxE };
}

/** The unit vector from a node towards the mean of its neighbours ([0, 0] when it has none). */
function towards(id, x, y, edges, pos) {
  let sx = 0;
  let sy = 0;
  for (const e of edges) {
    const other = e.a === id ? e.b : e.b === id ? e.a : null;
    if (other === null || !pos.has(other)) continue;
    const [ox, oy] = pos.get(other);
    const d = Math.hypot(ox - x, oy - y) || 1;
    sx += (ox - x) / d;
    sy += (oy - y) / d;
  }
  const d = Math.hypot(sx, sy);
  return d > 1e-6 ? [sx / d, sy / d] : [0, 0];
}

function legend(maxE) {
  const line = (cls, width, dashed) => s("svg", { class: "key", viewBox: "0 0 36 12", width: 36, height: 12, "aria-hidden": "true" },
    s("line", { x1: 2, y1: 6, x2: 34, y2: 6, class: cls, "stroke-width": width, "stroke-dasharray": dashed ? "6 4" : null }));
  const widths = [...new Set([1, Math.max(1, Math.round(maxE / 2)), maxE])];
  const group = (title, ...items) => h("div", { class: "legend-group" }, h("strong", {}, title), h("div", { class: "legend-items" }, ...items));
  return h("div", { class: "legend network-legend", id: "network-legend" },
    group("Edge colour",
      h("span", {}, line("coop", 3), "sides of events cooperative on balance (Goldstein sum ≥ 0)"),
      h("span", {}, line("conflict", 3), "sides of events conflictual on balance (Goldstein sum < 0)"),
      h("span", {}, line("third", 3, true), "a host or mediator beside a side (purple ring; ◆ its events as third party)")),
    group("Edge width: shared events", widths.map((n) => h("span", { class: "weight" }, line("plain", widthOf(n, maxE)), plural(n, "event")))),
    group("Node size", h("span", {}, "events the actor took part in, as a side or a third party")));
}

export async function render(view, ctx) {
  loading(view);
  const f = ctx.filters();
  const base = { basis: "reported", since: f.since, until: f.until, status: f.status, type: f.type };
  const net = await get("network", { ...base, limit: 40 });
  const onEdge = (e) => (e.kind === "third-party"
    ? ctx.drill(`${e.a} as host or mediator beside ${e.b}`, { ...base, third_party: e.a, actor: e.b })
    : ctx.drill(`${e.a}–${e.b}`, { ...base, dyad: `${e.a},${e.b}` }));
  const onNode = (n) => ctx.drill(`${n.name} (${n.id})`, { ...base, actor: n.id });
  const thirds = net.nodes.filter((n) => n.third_party_events);
  const drawing = net.nodes.length ? draw(net, onEdge, onNode) : null;
  clear(view).append(
    h("h2", {}, "Network: who meets whom, and through whom"),
    drawing ? drawing.svg : h("p", { class: "muted" }, "No events with these filters."),
    drawing ? legend(drawing.maxE) : null,
    h("p", { class: "answer" }, thirds.length
      ? "Third parties: " + thirds.map((n) => `${n.name} (${n.third_party_events})`).join(", ") + "."
      : "No third parties (hosts, mediators) in these events."),
    h("p", { class: "muted" }, "Click an edge or an actor for its stories and evidence."));
  if (drawing) drawing.place();           // labels are measured in the page, so placed once it is in
  view.dataset.state = "ready";
}
