// Dyad view: pick two actors, see their cooperation–conflict timeline. Cooperation (quad classes
// 1–2) stacks above the axis, conflict (3–4) below; the line is the period's Goldstein sum.
// A bar opens the stories of that period.

import { get } from "./api.js";
import { QUADS, clear, clickable, fmtNumber, h, loading, on, plural, s } from "./dom.js";

const W = 920;
const H = 340;
const M = { top: 20, right: 60, bottom: 44, left: 44 };
const state = { a: null, b: null, interval: null };

function defaultInterval(meta) {
  if (!meta || !meta.first || !meta.last) return "month";
  const days = (Date.parse(meta.last) - Date.parse(meta.first)) / 86400000;
  return days <= 45 ? "day" : days <= 730 ? "week" : "month";
}

function picker(name, actors, value) {
  const select = h("select", { name, "aria-label": name === "a" ? "first actor" : "second actor" },
    actors.map((x) => h("option", { value: x.code }, `${x.name} (${x.code}) — ${x.events}`)));
  select.value = value;
  return select;
}

async function defaults() {
  const net = await get("network", { basis: "reported", limit: 60 });
  const edge = net.edges.find((e) => e.kind === "dyad");
  if (edge) return [edge.a, edge.b];
  const ids = net.nodes.map((n) => n.id);
  return [ids[0] || "USA", ids[1] || "RUS"];
}

function summary(res) {
  const total = res.series.reduce((n, p) => n + p.events, 0);
  if (!total) return `No dated events between ${res.a_name} and ${res.b_name} with these filters.`;
  const q = [1, 2, 3, 4].map((k) => res.series.reduce((n, p) => n + (p.by_quad[String(k)] || 0), 0));
  const g = res.series.reduce((n, p) => n + p.goldstein_sum, 0);
  const active = res.series.filter((p) => p.events);
  const half = Math.ceil(active.length / 2);
  const mean = (ps) => ps.reduce((n, p) => n + p.goldstein_sum, 0) / Math.max(1, ps.reduce((n, p) => n + p.events, 0));
  const trend = active.length >= 2
    ? ` Goldstein per event: ${fmtNumber(mean(active.slice(0, half)), 2)} in the earlier half of active periods, ${fmtNumber(mean(active.slice(half)), 2)} in the later half.`
    : "";
  return `${total} events between ${res.a_name} and ${res.b_name}: ${q[0] + q[1]} cooperative (${q[0]} verbal, ${q[1]} material), ` +
    `${q[2] + q[3]} conflictual (${q[2]} verbal, ${q[3]} material); Goldstein sum ${fmtNumber(g)}.${trend}` +
    (res.undated ? ` ${plural(res.undated, "undated event")} not shown.` : "");
}

function chart(res, onBar) {
  const series = res.series;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const up = Math.max(1, ...series.map((p) => p.by_quad["1"] + p.by_quad["2"]));
  const down = Math.max(up * 0.25, 1, ...series.map((p) => p.by_quad["3"] + p.by_quad["4"]));
  const unit = plotH / (up + down);
  const zero = M.top + up * unit;
  const band = plotW / Math.max(1, series.length);
  const barW = Math.min(40, band * 0.7);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "dyad timeline" });
  svg.append(s("line", { x1: M.left, x2: W - M.right, y1: zero, y2: zero, class: "axis" }),
    s("text", { x: M.left - 6, y: M.top + 4, class: "tick end" }, String(up)),
    s("text", { x: M.left - 6, y: zero + 4, class: "tick end" }, "0"),
    s("text", { x: M.left - 6, y: H - M.bottom, class: "tick end" }, String(Math.round(down))),
    s("text", { transform: `translate(14 ${(M.top + zero) / 2}) rotate(-90)`, class: "axis-label middle" }, "cooperation ▲"),
    s("text", { transform: `translate(14 ${(zero + H - M.bottom) / 2}) rotate(-90)`, class: "axis-label middle" }, "▼ conflict"));
  // Goldstein sums on their own scale, zero on the same axis: positive up to the top, negative down to the bottom.
  const gmax = Math.max(1, ...series.map((p) => Math.abs(p.goldstein_sum)));
  const gy = (g) => zero - (g >= 0 ? (g / gmax) * (zero - M.top) : (g / gmax) * (H - M.bottom - zero));
  const every = Math.max(1, Math.ceil(series.length / (plotW / 80)));
  const points = [];
  series.forEach((p, i) => {
    const cx = M.left + band * (i + 0.5);
    const x = cx - barW / 2;
    const g = s("g", { class: "bar", dataset: { period: p.period } });
    let yUp = zero;
    for (const k of ["1", "2"]) {
      const hgt = p.by_quad[k] * unit;
      if (hgt) g.append(s("rect", { x, y: yUp - hgt, width: barW, height: hgt, class: QUADS[k].cls }));
      yUp -= hgt;
    }
    let yDown = zero;
    for (const k of ["3", "4"]) {
      const hgt = p.by_quad[k] * unit;
      if (hgt) g.append(s("rect", { x, y: yDown, width: barW, height: hgt, class: QUADS[k].cls }));
      yDown += hgt;
    }
    const text = `${p.period}${p.until !== p.period ? " to " + p.until : ""}: ${p.events} events, Goldstein ${fmtNumber(p.goldstein_sum)}, PLOVER score ${fmtNumber(p.plover_score_sum)}`;
    g.append(s("rect", { x: M.left + band * i, y: M.top, width: band, height: plotH, class: "hit" }), s("title", {}, text));
    if (p.events) clickable(g, () => onBar(p), text);
    svg.append(g);
    if (i % every === 0) svg.append(s("text", { x: cx, y: H - M.bottom + 16, class: "tick middle" }, p.period));
    points.push([cx, gy(p.goldstein_sum), p]);
  });
  if (points.length > 1) {
    svg.append(s("polyline", { points: points.map(([x, y]) => `${x},${y}`).join(" "), class: "goldstein" }));
  }
  for (const [x, y, p] of points) {
    svg.append(s("circle", { cx: x, cy: y, r: 3, class: "goldstein-dot" }, s("title", {}, `Goldstein sum ${fmtNumber(p.goldstein_sum)}`)));
  }
  svg.append(s("text", { x: W - M.right + 6, y: M.top + 4, class: "tick" }, "+" + fmtNumber(gmax)),
    s("text", { x: W - M.right + 6, y: zero + 4, class: "tick" }, "0"),
    s("text", { x: W - M.right + 6, y: H - M.bottom, class: "tick" }, "−" + fmtNumber(gmax)));
  return svg;
}

function legend() {
  return h("p", { class: "legend" },
    Object.entries(QUADS).map(([k, q]) => h("span", {}, h("i", { class: `swatch ${q.cls}` }), `${k}: ${q.name}`)),
    h("span", {}, h("i", { class: "swatch line" }), "Goldstein sum (right scale)"));
}

export async function render(view, ctx) {
  loading(view);
  const actors = (await get("actors", { limit: 300 })).items;
  if (!state.a || !state.b) [state.a, state.b] = await defaults();
  if (!state.interval) state.interval = defaultInterval(ctx.meta);
  const form = h("form", { class: "controls" },
    h("label", {}, "Actor A ", picker("a", actors, state.a)),
    h("label", {}, "Actor B ", picker("b", actors, state.b)),
    h("label", {}, "Interval ", (() => {
      const sel = h("select", { name: "interval" }, ["day", "week", "month"].map((x) => h("option", { value: x }, x)));
      sel.value = state.interval;
      return sel;
    })()),
    h("button", { type: "submit" }, "Show"));
  on(form, "submit", (ev) => {
    ev.preventDefault();
    state.a = form.elements.a.value;
    state.b = form.elements.b.value;
    state.interval = form.elements.interval.value;
    render(view, ctx);
  });
  const out = h("div", {});
  clear(view).append(h("h2", {}, "Dyad: cooperation and conflict over time"), form, out);
  const f = ctx.filters();
  const res = await get("dyad", { a: state.a, b: state.b, interval: state.interval, basis: "reported",
    since: f.since, until: f.until, status: f.status, type: f.type });
  const onBar = (p) => ctx.drill(`${res.a}–${res.b}, ${p.period}${p.until !== p.period ? " to " + p.until : ""}`,
    { dyad: `${res.a},${res.b}`, since: p.period, until: p.until, basis: "reported", status: f.status, type: f.type });
  out.append(h("p", { class: "answer" }, summary(res)), chart(res, onBar), legend(),
    h("p", { class: "muted" }, "Click a bar for its stories and evidence."));
  view.dataset.state = "ready";
}
