// Venues and mediators ranked over the chosen period (the From/To filter): is Istanbul becoming
// the venue, is Türkiye the go-between? Each row opens the stories behind its count.

import { get } from "./api.js";
import { clear, clickable, h, loading, plural } from "./dom.js";

const stories = (n) => plural(n, "story", "stories");

function rows(items, max, describe, onRow, kind) {
  if (!items.length) return h("p", { class: "muted" }, `No ${kind} with these filters.`);
  return h("ol", { class: "ranking", dataset: { kind } }, items.map((item, i) => {
    const bar = h("span", { class: "bar-fill" });
    bar.style.width = `${Math.max(2, (100 * item.events) / max)}%`;
    const [title, detail, badge] = describe(item);
    return clickable(h("li", {},
      h("span", { class: "rank" }, String(i + 1)),
      h("span", { class: "who" }, title, badge ? h("span", { class: "badge precision" }, badge) : null),
      h("span", { class: "bar-track" }, bar),
      h("span", { class: "muted" }, detail)), () => onRow(item), `${title}: ${detail}`);
  }));
}

export async function render(view, ctx) {
  loading(view);
  const f = ctx.filters();
  const base = { basis: "reported", since: f.since, until: f.until, status: f.status, type: f.type };
  const [venues, thirds] = await Promise.all([get("venues", { ...base, limit: 25 }), get("third-parties", { ...base, limit: 25 })]);
  const max = Math.max(1, ...venues.items.map((v) => v.events), ...thirds.items.map((v) => v.events));
  const period = f.since || f.until ? `${f.since || "…"} to ${f.until || "…"}` : "all dates";
  const venueRows = rows(venues.items, max,
    (v) => [`${v.name}${v.country && v.country !== v.name ? ", " + v.country : ""}`,
      `${plural(v.events, "event")} · ${stories(v.stories)} · ${v.factual} factual`,
      v.feature === "city" || v.feature === "site" ? v.feature : `${v.feature || "place"}-level`],
    (v) => ctx.drill(`Events at ${v.name}`, { ...base, location: v.name, location_country: v.country }), "venues");
  const thirdRows = rows(thirds.items, max,
    (t) => [`${t.name} (${t.code})`, `${plural(t.events, "event")} · ${stories(t.stories)} · hosted ${t.hosted}`, null],
    (t) => ctx.drill(`${t.name} as host or mediator`, { ...base, third_party: t.code }), "third-parties");
  clear(view).append(
    h("h2", {}, `Venues and mediators, ${period}`),
    h("div", { class: "columns" },
      h("div", {}, h("h3", {}, "Venues (where events took place)"), venueRows),
      h("div", {}, h("h3", {}, "Third parties (hosts, mediators, facilitators)"), thirdRows)),
    h("p", { class: "muted" }, "Change From/To above to compare periods. Click a row for its stories and evidence."));
  view.dataset.state = "ready";
}
