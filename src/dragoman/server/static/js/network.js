// Network view: who meets whom. Sides of the same events are joined by solid edges (green when
// their events are cooperative on balance, red when conflictual); a host or mediator is joined to
// each side it stood beside by a dashed purple edge, and carries a purple ring. Nodes sit on a
// circle in breadth-first order from the busiest actor, so connected actors sit together.

import { get } from "./api.js";
import { clear, clickable, fmtNumber, h, loading, s } from "./dom.js";

const W = 900;
const H = 600;

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

function layout(nodes, edges) {
  const ids = order(nodes, edges);
  const radius = Math.min(W, H) / 2 - 90;
  const pos = new Map();
  ids.forEach((id, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, ids.length);
    pos.set(id, [W / 2 + radius * Math.cos(angle), H / 2 + radius * Math.sin(angle)]);
  });
  return pos;
}

function draw(net, onEdge, onNode) {
  const pos = layout(net.nodes, net.edges);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "network", role: "img", "aria-label": "network of actors" });
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  for (const e of net.edges) {
    const [x1, y1] = pos.get(e.a);
    const [x2, y2] = pos.get(e.b);
    const tone = e.kind === "third-party" ? "third" : (e.goldstein_sum >= 0 ? "coop" : "conflict");
    const label = e.kind === "third-party"
      ? `${e.a} as host or mediator beside ${e.b}: ${e.events} events`
      : `${e.a}–${e.b}: ${e.events} events, Goldstein sum ${fmtNumber(e.goldstein_sum)}`;
    // third-party edges bend, so they stay visible beside a direct edge between the same actors
    const bend = e.kind === "third-party" ? 0.12 : 0;
    const d = `M${x1},${y1} Q${(x1 + x2) / 2 - (y2 - y1) * bend},${(y1 + y2) / 2 + (x2 - x1) * bend} ${x2},${y2}`;
    const g = s("g", { class: `edge ${tone}`, dataset: { a: e.a, b: e.b, kind: e.kind } },
      s("path", { d, class: "hit" }),
      s("path", { d, class: "stroke", "stroke-width": 1.5 + 5 * Math.sqrt(e.events / maxE) }),
      s("title", {}, label));
    svg.append(clickable(g, () => onEdge(e), label));
  }
  const maxN = Math.max(1, ...net.nodes.map((n) => n.events + n.third_party_events));
  for (const n of net.nodes) {
    const [x, y] = pos.get(n.id);
    const r = 7 + 12 * Math.sqrt((n.events + n.third_party_events) / maxN);
    const dx = x - W / 2;
    const anchor = Math.abs(dx) < 30 ? "middle" : dx > 0 ? "start" : "end";
    const lx = x + (anchor === "start" ? r + 4 : anchor === "end" ? -r - 4 : 0);
    const ly = y + (anchor === "middle" ? (y > H / 2 ? r + 14 : -r - 6) : 4);
    const label = `${n.name} (${n.id}): ${n.events} events as a side, ${n.third_party_events} as host or mediator`;
    const g = s("g", { class: `node${n.third_party_events ? " mediator" : ""}`, dataset: { id: n.id } },
      s("circle", { cx: x, cy: y, r }),
      s("text", { x: lx, y: ly, "text-anchor": anchor }, `${n.name}${n.third_party_events ? " ◆" + n.third_party_events : ""}`),
      s("title", {}, label));
    svg.append(clickable(g, () => onNode(n), label));
  }
  return svg;
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
  clear(view).append(
    h("h2", {}, "Network: who meets whom, and through whom"),
    net.nodes.length ? draw(net, onEdge, onNode) : h("p", { class: "muted" }, "No events with these filters."),
    h("p", { class: "legend" },
      h("span", {}, h("i", { class: "swatch coop-line" }), "sides of cooperative events"),
      h("span", {}, h("i", { class: "swatch conflict-line" }), "sides of conflictual events"),
      h("span", {}, h("i", { class: "swatch third-line" }), "host or mediator beside a side (◆ events as third party)")),
    h("p", { class: "answer" }, thirds.length
      ? "Third parties: " + thirds.map((n) => `${n.name} (${n.third_party_events})`).join(", ") + "."
      : "No third parties (hosts, mediators) in these events."),
    h("p", { class: "muted" }, "Click an edge or an actor for its stories and evidence."));
  view.dataset.state = "ready";
}
